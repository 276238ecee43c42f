// Providers: the Sovereignty Index of every deployment, its sub-scores, the facts behind them with their sources,
// and weights the reader can move: each move asks the gateway to score again with the real rubric.
import { get } from '../api.js';
import { categoryBars } from '../charts.js';
import { h, replace, card, pageHead, errorBox, loading, table, badge, meter, sourceLink } from '../dom.js';

export const TITLE = 'Providers';

const DIMENSIONS = [
  { id: 'jurisdiction', label: 'Data jurisdiction control', short: 'J' },
  { id: 'lock_in', label: 'Vendor lock-in (higher: less)', short: 'L' },
  { id: 'infrastructure', label: 'Infrastructure independence', short: 'I' },
  { id: 'compliance', label: 'Regulatory compliance posture', short: 'C' },
];
const PUBLISHED = { jurisdiction: 35, lock_in: 30, infrastructure: 20, compliance: 15 };

export function render({ params, gateway }) {
  const weights = { ...PUBLISHED };
  const given = (params.get('weights') || '').split(',').map(Number);
  if (given.length === 4 && given.every((w) => Number.isFinite(w) && w >= 0 && w <= 100)) {
    DIMENSIONS.forEach((d, i) => (weights[d.id] = given[i]));
  }
  const state = { weights, selected: params.get('profile'), published: null, current: null, timer: null, seq: 0 };
  const sliders = h('div', { class: 'weights', id: 'weights' });
  const results = h('div', null, loading('the index'));
  const root = h(
    'div',
    { id: 'providers' },
    pageHead(
      'Providers',
      'The Enterprise AI Sovereignty Index of each deployment, 0 (no sovereignty) to 100 (full control), from sourced, dated facts.',
    ),
    card('Weights', h('p', { class: 'muted' }, 'Move a weight to see every score change; the others keep their values and all four are normalised to 100 %.'), sliders),
    results,
  );
  const inUse = new Map();
  for (const p of gateway.providers) {
    if (p.profile) inUse.set(p.profile, [...(inUse.get(p.profile) || []), p.id]);
  }
  const reload = () => {
    const seq = ++state.seq;
    remember(state);
    get('/admin/reports/index', { weights: DIMENSIONS.map((d) => state.weights[d.id]).join(',') })
      .then((index) => {
        if (seq !== state.seq) return;
        state.current = index;
        show(root, results, state, inUse);
      })
      .catch((e) => {
        if (seq === state.seq) replace(results, errorBox(e));
      });
  };
  const onMove = () => {
    renderSliders(sliders, state, onMove, onReset);
    root.dataset.ready = 'false';
    clearTimeout(state.timer);
    state.timer = setTimeout(reload, 200);
  };
  const onReset = () => {
    Object.assign(state.weights, PUBLISHED);
    onMove();
  };
  renderSliders(sliders, state, onMove, onReset);
  get('/admin/reports/index', { weights: '35,30,20,15' })
    .then((published) => {
      state.published = published;
      reload();
    })
    .catch((e) => replace(results, errorBox(e)));
  return root;
}

/** Keeps the weights and the chosen deployment in the address, so that it can be shared or reloaded. */
function remember(state) {
  const q = new URLSearchParams({ weights: DIMENSIONS.map((d) => state.weights[d.id]).join(',') });
  if (state.selected) q.set('profile', state.selected);
  history.replaceState(null, '', `#/providers?${q}`);
}

function renderSliders(el, state, onMove, onReset) {
  const sum = DIMENSIONS.reduce((s, d) => s + state.weights[d.id], 0);
  replace(
    el,
    DIMENSIONS.map((d) => {
      const input = h('input', {
        type: 'range',
        min: '0',
        max: '100',
        step: '1',
        id: `weight-${d.id}`,
        value: String(state.weights[d.id]),
        'aria-label': `${d.label} weight`,
      });
      input.addEventListener('change', () => {
        state.weights[d.id] = Number(input.value);
        onMove();
      });
      input.addEventListener('input', () => {
        label.textContent = share(Number(input.value), sum - state.weights[d.id] + Number(input.value));
      });
      const label = h('span', { class: 'small muted' }, share(state.weights[d.id], sum));
      return h('div', null, h('label', { for: `weight-${d.id}` }, `${d.short} · ${d.label} `, label), input);
    }),
    h('div', null, h('button', { type: 'button', id: 'weights-reset', onclick: onReset }, 'Published weights (35 / 30 / 20 / 15)')),
  );
}

function share(w, sum) {
  return sum > 0 ? `${Math.round((100 * w) / sum)} %` : '0 %';
}

function show(root, el, state, inUse) {
  const index = state.current;
  const published = new Map(state.published.rows.map((r) => [r.id, r.total]));
  const rows = [...index.rows].sort((a, b) => b.total - a.total);
  const chart = h('div', { class: 'chart', id: 'chart-index' });
  const detail = h('div', { id: 'profile-detail' });
  const select = (row, scroll) => {
    state.selected = row.id;
    remember(state);
    for (const tr of el.querySelectorAll('#index-table tbody tr')) tr.classList.remove('selected');
    const tr = el.querySelector(`#index-table tbody tr[data-id="${CSS.escape(row.id)}"]`);
    if (tr) tr.classList.add('selected');
    replace(detail, profileDetail(row, index));
    if (scroll) detail.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };
  const t = table(
    [
      {
        label: 'Deployment',
        value: (r) =>
          h(
            'div',
            null,
            h('strong', null, r.name),
            h('div', { class: 'small muted' }, r.id, inUse.has(r.id) ? ` · used by ${inUse.get(r.id).join(', ')}` : ''),
          ),
      },
      {
        label: 'Total',
        num: true,
        value: (r) => h('div', null, h('strong', { class: 'total', dataset: { id: r.id } }, String(r.total)), delta(r.total, published.get(r.id)), r.disqualified ? h('div', null, badge('disqualified', 'bad')) : null),
      },
      ...DIMENSIONS.map((d) => ({ label: d.short, title: d.label, value: (r) => meter(r.subscores[d.id]) })),
      { label: 'Flags', num: true, value: (r) => (r.flags.length ? badge(String(r.flags.length), 'warn') : '0') },
    ],
    rows,
    { id: 'index-table', onRowClick: (r) => select(r, true) },
  );
  for (const tr of t.querySelectorAll('tbody tr')) {
    const i = [...tr.parentNode.children].indexOf(tr);
    if (rows[i]) tr.dataset.id = rows[i].id;
  }
  const w = index.weights;
  replace(
    el,
    h(
      'section',
      { class: 'card' },
      h('h2', { id: 'index-heading' }, `Scores with weights ${w.jurisdiction} / ${w.lock_in} / ${w.infrastructure} / ${w.compliance}, as of ${index.as_of}`),
      chart,
      h('p', { class: 'chart-note' }, 'Bars: your weights. Circles: the published weights (35 / 30 / 20 / 15).'),
    ),
    card('Deployments', h('p', { class: 'muted small' }, 'Select a deployment for its facts and sources.'), t),
    detail,
  );
  categoryBars(chart, {
    labels: rows.map((r) => r.id),
    bars: { label: 'Your weights', color: '#2a6f97', values: rows.map((r) => r.total) },
    dots: { label: 'Published weights', color: '#e76f51', values: rows.map((r) => published.get(r.id) ?? null) },
    range: [0, 100],
    unit: 'total',
  });
  const chosen = rows.find((r) => r.id === state.selected) || rows[0];
  if (chosen) select(chosen, false);
  root.dataset.ready = 'true';
}

function delta(now, before) {
  if (before === undefined || before === now) return null;
  const d = now - before;
  return h('div', { class: d > 0 ? 'delta-up' : 'delta-down' }, `${d > 0 ? '+' : ''}${d} vs published`);
}

function profileDetail(row, index) {
  const comparison = index.published.comparison.find((c) => c.id === row.id);
  return card(
    row.name,
    h(
      'dl',
      { class: 'kv' },
      h('dt', null, 'Total'),
      h('dd', null, `${row.total}${row.disqualified ? ' (disqualified for this organisation)' : ''}`),
      ...DIMENSIONS.flatMap((d) => [h('dt', null, d.label), h('dd', null, String(row.subscores[d.id]))]),
      h('dt', null, 'Sensitivity'),
      h(
        'dd',
        null,
        DIMENSIONS.map((d) => `${d.short} ${fmt(row.sensitivity[d.id])}`).join(' · '),
        h('span', { class: 'muted small' }, ' (change of the total when a weight rises by 10 points)'),
      ),
    ),
    row.flags.length ? h('div', null, h('h3', null, 'Flags'), h('ul', null, row.flags.map((f) => h('li', null, f)))) : null,
    row.drivers.length
      ? h(
          'div',
          null,
          h('h3', null, 'Facts that cost the most points'),
          h('ul', null, row.drivers.map((d) => h('li', null, h('code', null, `${d.attribute} = ${d.value}`), ` −${d.points_lost}`))),
        )
      : null,
    h('h3', null, 'Facts and sources'),
    table(
      [
        { label: 'Attribute', value: (f) => h('code', null, f.attribute) },
        {
          label: 'Value',
          value: (f) =>
            h('span', null, f.value.join(', '), f.unknown ? badge('unknown', 'bad') : null, f.uncertain ? badge('uncertain', 'warn') : null),
        },
        { label: 'Points', num: true, value: (f) => `${f.points} / ${f.max}` },
        { label: 'Source', value: (f) => (f.source ? sourceLink(f.source, host(f.source)) : h('span', { class: 'muted' }, 'none')) },
      ],
      row.facts,
      { id: 'facts-table' },
    ),
    comparison
      ? h(
          'div',
          null,
          h('h3', null, `Compared with the published index (${index.published.date})`),
          h('p', null, `Published ${comparison.published}, reproduced ${comparison.reproduced}, now ${comparison.total}.`),
          comparison.changes.length
            ? h(
                'ul',
                null,
                comparison.changes.map((c) =>
                  h(
                    'li',
                    null,
                    h('code', null, c.attribute),
                    `: ${c.before} → ${c.after} (${fmt(c.effect)})`,
                    c.event ? ` — ${c.event} ` : ' ',
                    c.source ? sourceLink(c.source, 'source') : null,
                  ),
                ),
              )
            : null,
        )
      : null,
  );
}

function fmt(v) {
  return `${v > 0 ? '+' : ''}${Number(v).toFixed(1)}`;
}

function host(url) {
  try {
    return new URL(url).host;
  } catch (e) {
    return url;
  }
}
