// Costs: estimated spend per workload from the trail, and what each workload's tokens would cost on every other
// option, beside that option's Sovereignty Index.
import { get } from '../api.js';
import { categoryBars } from '../charts.js';
import { h, replace, card, stat, pageHead, errorBox, loading, table, badge, sourceLink } from '../dom.js';
import { count, usd, jurisdictionLabel } from '../format.js';

export const TITLE = 'Costs';

export function render({ params, navigate }) {
  const utilisation = params.get('utilisation') || '';
  const body = h('div', null, loading('the costs'));
  const slider = h('input', { type: 'number', id: 'utilisation', min: '0.05', max: '1', step: '0.05', value: utilisation, placeholder: 'default' });
  const apply = h('button', { type: 'button', id: 'utilisation-apply' }, 'Apply');
  apply.addEventListener('click', () => navigate('costs', slider.value ? { utilisation: slider.value } : {}));
  const root = h(
    'div',
    { id: 'costs' },
    pageHead(
      'Costs',
      'Estimated spend of the last 30 days per workload, and what the same tokens would cost elsewhere. Estimates from published prices: re-check them before relying on them.',
      h('label', { for: 'utilisation' }, 'Self-hosted utilisation'),
      slider,
      apply,
    ),
    body,
  );
  get('/admin/reports/costs', { from: '30d', utilisation: utilisation || undefined })
    .then((report) => {
      replace(body, ...content(report));
      const chart = body.querySelector('#chart-spend');
      if (chart) {
        const rows = report.spend.by_workload;
        const values = rows.map((r) => r.cost_micro_usd / 1e6);
        const digits = Math.max(...values) < 1 ? 3 : 2;
        categoryBars(chart, {
          name: 'Workload',
          labels: rows.map((r) => r.name),
          bars: { label: 'Spend', color: '#2a6f97', values },
          unit: 'USD',
          format: (v) => `$${v.toFixed(digits)}`,
        });
      }
      root.dataset.ready = 'true';
    })
    .catch((e) => replace(body, errorBox(e)));
  return root;
}

function content(r) {
  const t = r.total;
  const out = [
    h(
      'div',
      { class: 'stats' },
      stat('Estimated spend', usd(t.cost_micro_usd), `${r.from ? r.from.slice(0, 10) : 'start'} – ${r.to ? r.to.slice(0, 10) : 'now'}`, { id: 'stat-spend' }),
      stat('Requests priced', count(t.requests - t.unpriced_requests), `of ${count(t.requests)}`),
      stat('Tokens', count(t.input_tokens + t.output_tokens), `${count(t.input_tokens)} in, ${count(t.output_tokens)} out`),
      stat('Unpriced', count(t.unpriced_requests), 'requests without a price or usage, never counted as zero'),
    ),
  ];
  if (!r.has_traffic) {
    out.push(
      h(
        'section',
        { class: 'empty', id: 'empty-state' },
        h('h2', null, 'No priced traffic yet'),
        h('p', null, 'Once requests go through the gateway, their spend appears here per workload. Until then, the options below show the price of a million tokens on each.'),
      ),
    );
  } else {
    out.push(
      h(
        'div',
        { class: 'grid two' },
        card('Spend per workload', h('div', { class: 'chart', id: 'chart-spend' })),
        card(
          'Per workload',
          table(
            [
              { label: 'Workload', value: (s) => s.name },
              { label: 'Requests', num: true, value: (s) => count(s.requests) },
              { label: 'Tokens in / out', num: true, value: (s) => `${count(s.input_tokens)} / ${count(s.output_tokens)}` },
              { label: 'Spend', num: true, value: (s) => usd(s.cost_micro_usd) },
              { label: 'Unpriced', num: true, value: (s) => count(s.unpriced_requests) },
            ],
            r.spend.by_workload,
            { id: 'spend-table' },
          ),
        ),
      ),
    );
    out.push(...r.what_if.map((w) => whatIf(w, r.alternatives)));
  }
  out.push(alternativesCard(r));
  if (r.unpriced.length) {
    out.push(
      card(
        'Unpriced',
        table(
          [
            { label: 'Provider', value: (u) => u.provider },
            { label: 'Model', value: (u) => u.model },
            { label: 'Why', value: (u) => u.reason },
            { label: 'Requests', num: true, value: (u) => count(u.requests) },
          ],
          r.unpriced,
        ),
      ),
    );
  }
  if (r.caveats.length) out.push(card('Caveats', h('ul', null, r.caveats.map((c) => h('li', null, c)))));
  return out;
}

function whatIf(w, alternatives) {
  const byId = new Map(alternatives.map((a) => [a.id, a]));
  const options = w.options
    .map((o) => ({ ...o, alt: byId.get(o.alternative) }))
    .filter((o) => o.alt)
    .sort((a, b) => (a.cost_micro_usd ?? Infinity) - (b.cost_micro_usd ?? Infinity));
  return card(
    `What if ${w.workload} ran elsewhere`,
    h('p', { class: 'muted small' }, `${count(w.input_tokens)} input and ${count(w.output_tokens)} output tokens, actually ${usd(w.actual_cost_micro_usd)}.`),
    table(
      [
        { label: 'Option', value: (o) => h('div', null, o.alt.name, h('div', { class: 'small muted' }, o.alt.id)) },
        { label: 'Kind', value: (o) => o.alt.kind },
        { label: 'Jurisdiction', value: (o) => (o.alt.jurisdiction ? badge(jurisdictionLabel(o.alt.jurisdiction), `j-${o.alt.jurisdiction}`) : '–') },
        { label: 'Sovereignty', num: true, value: (o) => (o.alt.sovereignty_index ?? '–') },
        { label: 'Cost', num: true, value: (o) => usd(o.cost_micro_usd) },
        {
          label: 'vs actual',
          num: true,
          value: (o) => {
            if (o.cost_micro_usd == null) return '–';
            const d = o.cost_micro_usd - w.actual_cost_micro_usd;
            return h('span', { class: d > 0 ? 'delta-down' : 'delta-up' }, `${d > 0 ? '+' : '−'}${usd(Math.abs(d))}`);
          },
        },
        { label: '', value: (o) => (o.alt.uncertain ? badge('uncertain', 'warn') : '') },
      ],
      options,
      { id: `what-if-${w.workload}` },
    ),
  );
}

function alternativesCard(r) {
  return card(
    'Options and their prices',
    table(
      [
        {
          label: 'Option',
          value: (a) =>
            h(
              'div',
              null,
              a.name,
              h('div', { class: 'small muted' }, a.id),
              a.price_caveat ? h('div', { class: 'small price-caveat' }, a.price_caveat) : null,
            ),
        },
        { label: 'Jurisdiction', value: (a) => (a.jurisdiction ? badge(jurisdictionLabel(a.jurisdiction), `j-${a.jurisdiction}`) : '–') },
        { label: 'Sovereignty', num: true, value: (a) => (a.sovereignty_index ?? '–') },
        { label: 'USD / M input', num: true, value: (a) => (a.usd_per_mtok ? String(a.usd_per_mtok.input) : '–') },
        { label: 'USD / M output', num: true, value: (a) => (a.usd_per_mtok ? String(a.usd_per_mtok.output) : '–') },
        { label: 'Source', value: (a) => (a.sources.length ? sourceLink(a.sources[0], 'source') : '') },
      ],
      r.alternatives,
      { id: 'alternatives-table' },
    ),
  );
}
