// Shared by the dashboard and its sign-in page: a DOM builder, the one fetch wrapper (401, problems,
// outages), and the NHS error summary. Plain browser script: everything hangs off window.Dash.
(function () {
  'use strict';
  const D = (window.Dash = window.Dash || {});

  /** An element with attributes, listeners (onclick: fn) and children; text only, never HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') node.textContent = String(value);
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    node.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
    return node;
  }

  /** Why a call failed: `signed-out` (already on the way to sign-in), `problem` (4xx) or `unavailable`. */
  class ApiError extends Error {
    constructor(kind, status, problem) {
      super(problem && problem.detail ? problem.detail : `${kind} ${status || ''}`.trim());
      this.kind = kind;
      this.status = status;
      this.problem = problem;
    }
  }

  /** The sign-in page, coming back to this page with its filters (the whole query string). */
  function signInUrl() {
    return '/dashboard/sign-in?next=' + encodeURIComponent(location.pathname + location.search);
  }

  let leaving = false;
  function toSignIn() {
    if (!leaving) location.assign(signInUrl());
    leaving = true;
  }

  /** A problem+json body as { title, detail, errors: [{ field, message }] }, whichever shape it came in. */
  async function problemOf(res) {
    let body = {};
    try {
      body = await res.json();
    } catch {
      body = {};
    }
    const listed = Array.isArray(body.errors) ? body.errors : body['invalid-params'] || [];
    const errors = listed.map((e) => ({
      field: String(e.field || e.name || ''),
      message: String(e.message || e.reason || ''),
    }));
    return {
      status: res.status,
      title: body.title || res.statusText,
      detail: body.detail || body.title || '',
      errors,
    };
  }

  /** GET (or `method`) a same-origin URL with the session cookie; JSON, or a Blob when `accept` is CSV. */
  async function api(path, options) {
    const opts = options || {};
    const headers = Object.assign({ Accept: opts.accept || 'application/json' }, opts.headers);
    let res;
    try {
      res = await fetch(path, {
        method: opts.method || 'GET',
        credentials: 'same-origin',
        headers,
        body: opts.body,
      });
    } catch {
      throw new ApiError('unavailable');
    }
    if (res.status === 401 && !opts.noRedirect) {
      toSignIn();
      throw new ApiError('signed-out', 401);
    }
    if (res.status >= 500 || res.status === 429) throw new ApiError('unavailable', res.status);
    if (!res.ok) throw new ApiError('problem', res.status, await problemOf(res));
    if (res.status === 204) return null;
    return readBody(res, opts.accept);
  }

  async function readBody(res, accept) {
    try {
      return accept === 'text/csv' ? await res.blob() : await res.json();
    } catch {
      throw new ApiError('unavailable', res.status);
    }
  }

  /** `/path?a=1` from an object, leaving out empty values. */
  function withQuery(path, params) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params))
      if (value !== undefined && value !== '') query.set(name, value);
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  }

  /** NHS error summary: "There is a problem", the detail, and each field's message (a link when the field is on the page). */
  function errorSummary(problem, fieldId) {
    const items = (problem.errors || []).map((e) => {
      const id = fieldId ? fieldId(e.field) : null;
      const text = e.message || e.field;
      return el('li', {}, id ? el('a', { href: `#${id}`, onclick: focusField(id) }, text) : text);
    });
    return el(
      'div',
      { class: 'nhsuk-error-summary', tabindex: '-1', 'data-status': problem.status },
      el(
        'div',
        { role: 'alert' },
        el('h2', { class: 'nhsuk-error-summary__heading', text: 'There is a problem' }),
        el(
          'div',
          { class: 'nhsuk-error-summary__body' },
          problem.detail ? el('p', { text: problem.detail }) : null,
          items.length ? el('ul', { class: 'nhsuk-list nhsuk-error-summary__list' }, items) : null,
          problem.action || null,
        ),
      ),
    );
  }

  /** Links in the error summary move focus to the field itself, as the NHS pattern does. */
  function focusField(id) {
    return (event) => {
      const field = document.getElementById(id);
      if (!field) return;
      event.preventDefault();
      field.focus();
    };
  }

  /** Puts a message in a slot (replacing what was there) and moves focus to it. */
  function showIn(slot, node) {
    slot.replaceChildren(node);
    node.focus();
  }

  /** The outage message: nothing reached, the filters kept, and a "Try again" that reloads. */
  function outage(retry, text) {
    const button = el('button', {
      type: 'button',
      class: 'nhsuk-button nhsuk-button--secondary',
      text: 'Try again',
      onclick: retry,
    });
    return errorSummary({
      detail: text || 'The dashboard could not reach the service. Your filters are kept.',
      action: button,
    });
  }

  Object.assign(D, { el, api, ApiError, signInUrl, toSignIn, withQuery, errorSummary, showIn, outage });
})();
