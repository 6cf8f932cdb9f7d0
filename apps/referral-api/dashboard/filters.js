// The filter form: labelled NHS selects and inputs built from the address, read back into a query
// string on "Apply filters", and marked field by field when the API names a bad filter.
(function () {
  'use strict';
  const D = (window.Dash = window.Dash || {});
  const el = D.el;

  const AGE_BANDS = { '5-10': '5 to 10', '11-15': '11 to 15', '16-19': '16 to 19', other: 'Not recorded' };
  const fieldId = (name) => `filter-${name}`;

  const FILTERS = {
    period: (q) => group('period', 'Reporting period', periodSelect(q.options, q.params.period)),
    measure: (q) =>
      group('measure', 'Waiting time', select('measure', D.PAGES.waits.measures, q.params.measure)),
    pcn: (q) =>
      group(
        'pcn',
        'Primary care network (PCN) code',
        input('pcn', q.params.pcn),
        'For example, U12345. Leave empty for all networks.',
      ),
    source: (q) =>
      group(
        'source',
        'Referral source',
        select('source', Object.assign({ '': 'Any source' }, D.SOURCES), q.params.source),
      ),
    ageBand: (q) =>
      group(
        'ageBand',
        'Age at referral',
        select('ageBand', Object.assign({ '': 'Any age' }, AGE_BANDS), q.params.ageBand),
      ),
  };

  /** An NHS form group: label, optional hint (described-by), then the control. */
  function group(name, label, control, hint) {
    const id = fieldId(name);
    if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
    return el(
      'div',
      { class: 'nhsuk-form-group dash-filters__group', 'data-filter': name },
      el('label', { class: 'nhsuk-label', for: id, text: label }),
      hint ? el('div', { class: 'nhsuk-hint', id: `${id}-hint`, text: hint }) : null,
      control,
    );
  }

  function select(name, options, value) {
    const node = el(
      'select',
      { class: 'nhsuk-select', id: fieldId(name), name },
      Object.entries(options).map(([v, text]) => el('option', { value: v, text })),
    );
    return choose(node, value || '');
  }

  function periodSelect(options, value) {
    const groups = options.groups.map((g) =>
      el(
        'optgroup',
        { label: g.label },
        g.ids.map((id) => el('option', { value: id, text: D.periodLabel(id) })),
      ),
    );
    return choose(
      el('select', { class: 'nhsuk-select', id: fieldId('period'), name: 'period' }, groups),
      value,
    );
  }

  /** Selects a value, adding it when it is not offered: an unknown value still reaches the API, which names it. */
  function choose(node, value) {
    if (!Array.from(node.options).some((o) => o.value === value))
      node.prepend(el('option', { value, text: D.periodLabel(value) }));
    node.value = value;
    return node;
  }

  function input(name, value) {
    return el('input', {
      class: 'nhsuk-input nhsuk-input--width-10',
      id: fieldId(name),
      name,
      type: 'text',
      value: value || '',
      spellcheck: 'false',
      autocomplete: 'off',
    });
  }

  /** The form for a page's filters, with its "Apply filters" button. */
  function filterForm(q, onSubmit) {
    return el(
      'form',
      {
        class: 'dash-filters',
        id: 'filters',
        novalidate: true,
        'aria-labelledby': 'filters-title',
        onsubmit: onSubmit,
      },
      el('h2', { class: 'nhsuk-u-visually-hidden', id: 'filters-title', text: 'Filters' }),
      el(
        'div',
        { class: 'dash-filters__fields' },
        D.PAGES[q.page].filters.map((name) => FILTERS[name](q)),
        el('button', {
          type: 'submit',
          class: 'nhsuk-button dash-filters__apply',
          id: 'filters-apply',
          text: 'Apply filters',
        }),
      ),
    );
  }

  /** The address a submitted form asks for: the page, then each filter that has a value. */
  function queryOf(form, page) {
    const query = new URLSearchParams({ page });
    for (const field of Array.from(form.elements)) {
      if (!field.name) continue;
      const value = field.name === 'pcn' ? pcnCode(field.value) : field.value.trim();
      if (value) query.set(field.name, value);
    }
    return query;
  }

  const pcnCode = (text) => {
    const code = text.trim();
    return code.toLowerCase() === 'unknown' ? 'unknown' : code.toUpperCase();
  };

  /** The control a problem's field names, if the form has it (for the error summary's links). */
  const controlFor = (field) => (document.getElementById(fieldId(field)) ? fieldId(field) : null);

  /** NHS error pattern on each field the API named: red border, the message above the control. */
  function markErrors(errors) {
    for (const error of errors || []) {
      const control = document.getElementById(fieldId(error.field));
      const id = `${fieldId(error.field)}-error`;
      if (!control || document.getElementById(id)) continue;
      const formGroup = control.closest('.nhsuk-form-group');
      formGroup.classList.add('nhsuk-form-group--error');
      control.classList.add(control.tagName === 'SELECT' ? 'nhsuk-select--error' : 'nhsuk-input--error');
      const message = el(
        'span',
        { class: 'nhsuk-error-message', id },
        el('span', { class: 'nhsuk-u-visually-hidden', text: 'Error: ' }),
        error.message,
      );
      formGroup.insertBefore(message, control);
      const described = control.getAttribute('aria-describedby');
      control.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
    }
  }

  Object.assign(D, { filterForm, queryOf, controlFor, markErrors });
})();
