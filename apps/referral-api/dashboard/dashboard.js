// The dashboard app: who is signed in, the page navigation, the filters in the address, loading a
// page's reports and drawing them. document.body.dataset.state is loading, ready or error (tests wait on it).
(function () {
  'use strict';
  const D = window.Dash;
  const el = D.el;
  const $ = (id) => document.getElementById(id);

  const NAV = [
    ['waits', 'Waiting times'],
    ['access', 'Spells and access'],
    ['equity', 'Equity'],
    ['outcomes', 'Outcomes'],
    ['service', 'Service'],
  ];
  const ROLES = { commissioner: 'Commissioner', service_manager: 'Service manager' };

  let session = null;
  let loads = 0;

  const setState = (state) => {
    document.body.dataset.state = state;
  };
  const isManager = () => Boolean(session && session.roles.includes('service_manager'));

  /** The page, its filters (defaults filled in) and every other parameter of the address, sent to the API as-is. */
  function readQuery() {
    const url = new URLSearchParams(location.search);
    const page = Object.prototype.hasOwnProperty.call(D.PAGES, url.get('page')) ? url.get('page') : 'waits';
    const options = D.periodOptions();
    const params = Object.assign({ period: options.fallback }, D.PAGES[page].defaults);
    for (const [name, value] of url) if (name !== 'page' && value !== '') params[name] = value;
    return { page, params, options };
  }

  /**
   * Signs in check, then the page; a failure here offers "Try again" like any other. The first page's
   * reports are asked for while the session is checked (a round trip less before the figures), unless
   * the page is for service managers only: then they wait to know the role.
   */
  async function begin() {
    setState('loading');
    const first = readQuery();
    const early = D.PAGES[first.page].managersOnly
      ? undefined
      : fetchAll(D.PAGES[first.page].requests(first));
    try {
      session = await D.api('/dashboard/session');
    } catch (error) {
      failed(error, begin);
      return;
    }
    $('account-role').textContent = `Signed in as ${session.roles.map((r) => ROLES[r] || r).join(', ')}`;
    $('account').hidden = false;
    await load(early);
  }

  /**
   * Loads the page the address names: chrome and filters first, then its reports (or the answers
   * `early` already asked for), then its figures.
   */
  async function load(early) {
    const id = (loads += 1);
    const q = readQuery();
    const page = D.PAGES[q.page];
    setState('loading');
    chrome(q, page);
    if (page.managersOnly && !isManager()) return refuse();
    const outcome = await (early || fetchAll(page.requests(q)));
    if (id !== loads) return;
    if (outcome.error) return failed(outcome.error, load);
    draw(page, outcome.data, q);
  }

  /** Title, heading, navigation and filters for the page; the previous page's figures and problems cleared. */
  function chrome(q, page) {
    document.title = `${page.title} – CYP social prescribing dashboard`;
    $('page-title').textContent = page.title;
    nav(q);
    const focused = document.activeElement && document.activeElement.id;
    $('filters-slot').replaceChildren(D.filterForm(q, apply));
    if (focused && $(focused) && $('filters-slot').contains($(focused))) $(focused).focus();
    $('problem').replaceChildren();
    $('summary').replaceChildren();
    D.destroyCharts();
    $('figures').replaceChildren();
    $('status').textContent = 'Loading figures…';
  }

  function nav(q) {
    const items = NAV.filter(([key]) => key !== 'service' || isManager()).map(([key, text]) => {
      const current = key === q.page;
      const href = D.withQuery('/dashboard', { page: key, period: q.params.period });
      const label = current
        ? el('strong', { class: 'nhsuk-header__navigation-item-current-fallback', text })
        : text;
      return el(
        'li',
        { class: `nhsuk-header__navigation-item${current ? ' nhsuk-header__navigation-item--current' : ''}` },
        el(
          'a',
          { class: 'nhsuk-header__navigation-link', href, 'aria-current': current ? 'page' : null },
          label,
        ),
      );
    });
    $('page-nav').replaceChildren(...items);
  }

  /** Every call of the page at once: { data } or, if any failed, { error } (a sign-in first, then a problem). */
  async function fetchAll(requests) {
    const names = Object.keys(requests);
    const calls = names.map((name) => {
      const r = typeof requests[name] === 'string' ? { url: requests[name] } : requests[name];
      return D.api(r.url, { headers: r.headers });
    });
    const settled = await Promise.allSettled(calls);
    const errors = settled.filter((s) => s.status === 'rejected').map((s) => s.reason);
    const rank = (e) => ['signed-out', 'problem', 'unavailable'].indexOf(e.kind);
    if (errors.length) return { error: errors.sort((a, b) => rank(a) - rank(b))[0] };
    const data = {};
    names.forEach((name, i) => (data[name] = settled[i].value));
    return { data };
  }

  function draw(page, data, q) {
    const out = page.render(data, q);
    const built = out.figures.map((f) => D.figure(f.spec, f.src));
    $('summary').replaceChildren(...(out.summary ? [out.summary] : []));
    $('figures').replaceChildren(...built.map((b) => b.node));
    for (const b of built) {
      try {
        b.draw();
      } catch (error) {
        console.error('A chart could not be drawn; its table is still shown', error);
      }
    }
    $('status').textContent = `Showing ${page.title.toLowerCase()} for ${D.periodLabel(q.params.period)}.`;
    setState('ready');
  }

  /** A problem (400/403/404) in the error summary with the fields marked; anything else offers "Try again". */
  function failed(error, retry) {
    if (error.kind === 'signed-out') return;
    $('status').textContent = '';
    if (error.kind === 'problem') {
      D.showIn($('problem'), D.errorSummary(error.problem, D.controlFor));
      D.markErrors(error.problem.errors);
    } else {
      D.showIn(
        $('problem'),
        D.outage(() => retryAndFocus(retry)),
      );
    }
    setState('error');
  }

  /** "Try again" removes itself: once the page is back, focus goes to the main content, not the page's top. */
  async function retryAndFocus(retry) {
    await retry();
    if (!document.activeElement || document.activeElement === document.body) $('main-content').focus();
  }

  function refuse() {
    const problem = {
      status: 403,
      detail: 'The Service page is for service managers. Your role can see the other pages of the dashboard.',
    };
    $('status').textContent = '';
    $('filters-slot').replaceChildren();
    D.showIn($('problem'), D.errorSummary(problem));
    setState('error');
  }

  /** "Apply filters": the form becomes the address (so a link or bookmark reopens it), then the data reloads. */
  function apply(event) {
    event.preventDefault();
    const page = readQuery().page;
    const url = `${location.pathname}?${D.queryOf(event.currentTarget, page).toString()}`;
    if (url === location.pathname + location.search) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    load();
  }

  async function signOut() {
    try {
      await D.api('/dashboard/sign-out', { method: 'POST', noRedirect: true });
      location.assign('/dashboard/sign-in');
    } catch (error) {
      const text = 'You are still signed in: the dashboard could not reach the service to sign you out.';
      D.showIn($('problem'), D.outage(signOut, text));
    }
  }

  function init() {
    $('sign-out').addEventListener('click', signOut);
    window.addEventListener('popstate', () => load());
    begin();
  }

  init();
})();
