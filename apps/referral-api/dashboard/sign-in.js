// The sign-in page: offers the organisation account (OIDC) and/or the development role picker, then
// returns to the dashboard page the user was on (`next`, only ever a /dashboard page of this site).
(function () {
  'use strict';
  const D = window.Dash;
  const el = D.el;
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);

  const ROLES = { commissioner: 'Commissioner', service_manager: 'Service manager' };
  const PROVIDER_ERRORS = {
    provider: 'Signing in with your organisation account did not complete. Try again.',
    state: 'Signing in took too long or was started in another tab. Try again.',
    token: 'Your organisation account was not accepted by this dashboard. Ask your administrator for access.',
  };

  const setState = (state) => {
    document.body.dataset.state = state;
  };

  /** Where to go after signing in: `next` if it is a dashboard page of this site (as the server checks it). */
  function nextPage() {
    const next = params.get('next') || '';
    return /^\/dashboard(?:[/?#]|$)/.test(next) && !next.includes('\\') ? next : '/dashboard';
  }

  async function start() {
    setState('loading');
    $('session-ended').hidden = !(params.has('next') || params.get('expired') === '1');
    if (params.has('error'))
      showProblem({ detail: PROVIDER_ERRORS[params.get('error')] || PROVIDER_ERRORS.provider });
    let options;
    try {
      options = await D.api('/dashboard/sign-in/options', { noRedirect: true });
    } catch (error) {
      $('methods').replaceChildren();
      if (error.kind === 'problem') showProblem(error.problem);
      else
        D.showIn($('problem'), D.outage(start, 'The sign-in page could not reach the service. Try again.'));
      setState('error');
      return;
    }
    $('methods').replaceChildren(...methods(options));
    setState(params.has('error') ? 'error' : 'ready');
  }

  function methods(options) {
    const offered = [];
    if (options.oidc) offered.push(organisationAccount());
    if (options.development) offered.push(developmentForm(options.roles || []));
    if (offered.length) return offered;
    return [
      el('p', {
        class: 'nhsuk-body',
        text:
          'No way to sign in is configured for this dashboard. Ask the administrator to connect it to your ' +
          "organisation's identity provider.",
      }),
    ];
  }

  function organisationAccount() {
    const href = D.withQuery('/dashboard/oidc/login', { next: nextPage() });
    return el('a', {
      class: 'nhsuk-button',
      href,
      draggable: 'false',
      text: 'Sign in with your organisation account',
    });
  }

  /** Pick-a-role sign-in (the embedded default only): NHS radios in a fieldset, then "Sign in". */
  function developmentForm(roles) {
    const radios = roles.map((role) =>
      el(
        'div',
        { class: 'nhsuk-radios__item' },
        el('input', {
          class: 'nhsuk-radios__input',
          id: `role-${role}`,
          name: 'role',
          type: 'radio',
          value: role,
        }),
        el('label', {
          class: 'nhsuk-label nhsuk-radios__label',
          for: `role-${role}`,
          text: ROLES[role] || role,
        }),
      ),
    );
    return el(
      'form',
      { id: 'development-sign-in', novalidate: true, onsubmit: submit },
      warning(),
      el(
        'div',
        { class: 'nhsuk-form-group', id: 'role-group' },
        el(
          'fieldset',
          { class: 'nhsuk-fieldset', id: 'role-fieldset' },
          el('legend', { class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--m', text: 'Sign in as' }),
          el('div', { class: 'nhsuk-radios' }, radios),
        ),
      ),
      el('button', { type: 'submit', class: 'nhsuk-button', id: 'sign-in-button', text: 'Sign in' }),
    );
  }

  function warning() {
    return el(
      'div',
      { class: 'nhsuk-card nhsuk-card--warning' },
      el(
        'div',
        { class: 'nhsuk-card__content' },
        el('h2', { class: 'nhsuk-card__heading', text: 'Important' }),
        el('p', {
          class: 'nhsuk-card__description',
          text:
            'Development sign-in is for the embedded default only: anyone can pick a role, with no password. ' +
            'It is switched off in production, where you sign in with your organisation account.',
        }),
      ),
    );
  }

  async function submit(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const chosen = form.querySelector('input[name="role"]:checked');
    if (!chosen) return showProblem({ errors: [{ field: 'role', message: 'Select who to sign in as' }] });
    try {
      await D.api('/dashboard/sign-in/development', {
        method: 'POST',
        noRedirect: true,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ role: chosen.value }),
      });
      location.assign(nextPage());
    } catch (error) {
      if (error.kind === 'problem') showProblem(error.problem);
      else
        D.showIn(
          $('problem'),
          D.outage(() => form.requestSubmit(), 'Signing in could not reach the service. Try again.'),
        );
    }
  }

  /** The error summary, focused; a problem with `role` also marks the radios (NHS error pattern). */
  function showProblem(problem) {
    const firstRadio = () => document.querySelector('input[name="role"]');
    const fieldId = (field) => (field === 'role' && firstRadio() ? firstRadio().id : null);
    D.showIn($('problem'), D.errorSummary(problem, fieldId));
    const roleError = (problem.errors || []).find((e) => e.field === 'role');
    if (roleError && $('role-group')) markRoles(roleError.message);
  }

  function markRoles(message) {
    const existing = $('role-error');
    if (existing) existing.remove();
    $('role-group').classList.add('nhsuk-form-group--error');
    const text = el(
      'span',
      { class: 'nhsuk-error-message', id: 'role-error' },
      el('span', { class: 'nhsuk-u-visually-hidden', text: 'Error: ' }),
      message,
    );
    $('role-fieldset').querySelector('legend').after(text);
    $('role-fieldset').setAttribute('aria-describedby', 'role-error');
  }

  start();
})();
