// Building the page from data without ever parsing it as HTML: every value becomes a text node.

/**
 * An element: h('td', {class: 'num', onclick: fn, dataset: {id: '1'}}, 'text', child, [more]).
 * Attribute values are set with setAttribute; children that are strings or numbers become text nodes.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'class') el.className = v;
      else if (k === 'value') el.value = v;
      else if (k === 'checked' || k === 'disabled' || k === 'selected' || k === 'hidden') el[k] = Boolean(v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces the children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A link to an external source, only for http(s) URLs; other text stays text. */
export function sourceLink(url, label) {
  if (typeof url === 'string' && /^https?:\/\//i.test(url)) {
    return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, label || url);
  }
  return h('span', null, url || '');
}

/**
 * A table. columns: [{label, value: row => node|string, num: bool, title}]; onRowClick(row, tr) makes rows clickable.
 */
export function table(columns, rows, { empty = 'Nothing to show.', onRowClick, rowClass, id } = {}) {
  const head = h('tr', null, columns.map((c) => h('th', { class: c.num ? 'num' : null, title: c.title }, c.label)));
  const body = h('tbody');
  if (!rows.length) {
    body.appendChild(h('tr', null, h('td', { colspan: columns.length, class: 'muted' }, empty)));
  }
  for (const row of rows) {
    const tr = h(
      'tr',
      { class: [onRowClick ? 'clickable' : '', rowClass ? rowClass(row) : ''].join(' ').trim() || null },
      columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.value(row))),
    );
    if (onRowClick) {
      tr.tabIndex = 0;
      tr.addEventListener('click', () => onRowClick(row, tr));
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') onRowClick(row, tr);
      });
    }
    body.appendChild(tr);
  }
  return h('div', { class: 'table-wrap' }, h('table', { id }, h('thead', null, head), body));
}

export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', null, title) : null, ...children);
}

export function stat(label, value, hint, { className, id } = {}) {
  return h(
    'div',
    { class: `stat ${className || ''}`.trim(), id },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value' }, value),
    hint ? h('div', { class: 'hint' }, hint) : null,
  );
}

export function pageHead(title, subtitle, ...tools) {
  return h(
    'div',
    { class: 'page-head' },
    h('div', null, h('h1', null, title), subtitle ? h('p', null, subtitle) : null),
    tools.length ? h('div', { class: 'toolbar' }, ...tools) : null,
  );
}

export function errorBox(err) {
  return h('p', { class: 'error', role: 'alert' }, err && err.message ? err.message : String(err));
}

export function loading(what) {
  return h('p', { class: 'loading' }, `Loading ${what}…`);
}

/** A segmented choice: options [{value, label}], calls onChange(value). */
export function segmented(options, current, onChange, id) {
  return h(
    'div',
    { class: 'segmented', role: 'group', id },
    options.map((o) =>
      h(
        'button',
        {
          type: 'button',
          class: o.value === current ? 'active' : null,
          'aria-pressed': o.value === current ? 'true' : 'false',
          dataset: { value: o.value },
          onclick: () => onChange(o.value),
        },
        o.label,
      ),
    ),
  );
}

export function badge(text, className) {
  return h('span', { class: `badge ${className || ''}`.trim() }, text);
}

/** A small horizontal bar for a 0–100 value. */
export function meter(value) {
  const fill = h('div', { class: 'fill' });
  fill.style.width = `${Math.max(0, Math.min(100, Number(value) || 0))}%`;
  return h('div', { class: 'meter' }, h('div', { class: 'track' }, fill), h('span', { class: 'n' }, value ?? '–'));
}
