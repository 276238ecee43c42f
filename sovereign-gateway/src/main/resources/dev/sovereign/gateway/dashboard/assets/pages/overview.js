// Overview: what the traffic did, where it went and how sovereign that was, over a chosen window.
import { get } from '../api.js';
import { stackedBars, lines } from '../charts.js';
import { h, replace, card, stat, pageHead, errorBox, loading, segmented, table, badge } from '../dom.js';
import { count, score, percent, jurisdictionLabel, jurisdictionColor, colorFor, JURISDICTIONS } from '../format.js';
import { periods } from '../timeline.js';

export const TITLE = 'Overview';

const RANGES = [
  { value: '24h', label: '24 hours', granularity: 'hour' },
  { value: '7d', label: '7 days', granularity: 'day' },
  { value: '30d', label: '30 days', granularity: 'day' },
  { value: '90d', label: '90 days', granularity: 'week' },
];

export function render({ params, navigate, gateway }) {
  const range = RANGES.find((r) => r.value === params.get('range')) || RANGES[2];
  const body = h('div', null, loading('the posture'));
  const root = h(
    'div',
    { id: 'overview' },
    pageHead(
      'Overview',
      `The last ${range.label}: requests, where their data went, and the Sovereignty Index of where they went.`,
      segmented(RANGES, range.value, (v) => navigate('overview', { range: v }), 'range'),
    ),
    body,
  );
  load(root, body, range, gateway).catch((e) => replace(body, errorBox(e)));
  return root;
}

async function load(root, body, range, gateway) {
  const posture = await get('/admin/reports/posture', { from: range.value, granularity: range.granularity });
  if (posture.totals.requests === 0) {
    const any = gateway.audit.enabled ? await get('/admin/audit/events', { limit: 1 }) : { events: [] };
    replace(body, any.events.length ? quietWindow(range) : noTraffic(gateway));
    root.dataset.ready = 'true';
    return;
  }
  const t = posture.totals;
  const trend = scoreTrend(posture);
  const jurisdictionChart = h('div', { class: 'chart', id: 'chart-jurisdictions' });
  const providerChart = h('div', { class: 'chart', id: 'chart-providers' });
  const scoreChart = h('div', { class: 'chart', id: 'chart-score' });
  replace(
    body,
    h(
      'div',
      { class: 'stats' },
      stat('Requests', count(t.requests), `${count(t.input_tokens + t.output_tokens)} tokens`, { id: 'stat-requests' }),
      stat('Forwarded', count(t.forwarded), percent(t.forwarded, t.requests) + ' of requests', { id: 'stat-forwarded' }),
      stat('Pseudonymized or masked', count(t.redacted), 'values replaced before they left', { id: 'stat-redacted' }),
      stat('Rerouted', count(t.rerouted), 'sent where the policy chose, not by model', { id: 'stat-rerouted' }),
      stat('Blocked', count(t.blocked), t.unroutable ? `+ ${count(t.unroutable)} unroutable` : 'refused by policy', {
        id: 'stat-blocked',
      }),
      stat('Sovereignty score', score(t.score_by_requests), trend, { className: 'score', id: 'stat-score' }),
    ),
    h(
      'div',
      { class: 'grid two' },
      card('Traffic by jurisdiction', jurisdictionChart, note('Forwarded requests by the jurisdiction of the provider they went to.')),
      card('Traffic by provider', providerChart, note('Forwarded requests by provider.')),
    ),
    card(
      'Sovereignty score',
      scoreChart,
      note(
        'The mean Sovereignty Index total (0–100) of where forwarded requests went, per request and per token, ' +
          'with the facts as they stood each day.',
      ),
    ),
    h('div', { class: 'grid two' }, outsideEu(posture), byWorkload(posture)),
  );
  const { times, buckets } = periods(posture);
  const jurisdictions = present(JURISDICTIONS, buckets, 'jurisdictions');
  stackedBars(jurisdictionChart, {
    times,
    series: jurisdictions.map((j) => ({
      label: jurisdictionLabel(j),
      color: jurisdictionColor(j),
      values: buckets.map((b) => (b ? b.jurisdictions[j] || 0 : 0)),
    })),
  });
  const providers = present([], buckets, 'providers');
  stackedBars(providerChart, {
    times,
    series: providers.map((p, i) => ({
      label: p,
      color: colorFor(p, i),
      values: buckets.map((b) => (b ? b.providers[p] || 0 : 0)),
    })),
  });
  lines(scoreChart, {
    times,
    unit: 'score',
    series: [
      { label: 'By requests', color: '#1d3557', values: buckets.map((b) => (b ? b.totals.score_by_requests : null)) },
      { label: 'By tokens', color: '#2a9d8f', values: buckets.map((b) => (b ? b.totals.score_by_tokens : null)) },
    ],
  });
  root.dataset.ready = 'true';
}

/** The keys of `field` that occur in any bucket: those of `known` first, in order, then the others sorted. */
function present(known, buckets, field) {
  const seen = new Set();
  for (const b of buckets) if (b) for (const k of Object.keys(b[field] || {})) seen.add(k);
  return [...known.filter((k) => seen.has(k)), ...[...seen].filter((k) => !known.includes(k)).sort()];
}

function scoreTrend(posture) {
  const scored = posture.series.filter((b) => b.totals.score_by_requests !== null);
  if (scored.length < 2) return 'by requests; by tokens ' + score(posture.totals.score_by_tokens);
  const first = scored[0].totals.score_by_requests;
  const last = scored[scored.length - 1].totals.score_by_requests;
  const d = last - first;
  const arrow = d > 0.05 ? '▲' : d < -0.05 ? '▼' : '■';
  return `${arrow} ${d >= 0 ? '+' : ''}${d.toFixed(1)} since ${scored[0].start.slice(0, 10)}`;
}

function note(text) {
  return h('p', { class: 'chart-note' }, text);
}

function outsideEu(posture) {
  const o = posture.outside_eu;
  return card(
    'Sensitive data outside EU jurisdiction',
    o.requests === 0
      ? h('p', { class: 'muted' }, 'No request carried sensitive data in clear to a provider outside EU jurisdiction.')
      : h('p', null, `${count(o.requests)} requests, by the rule that sent them:`),
    o.requests === 0
      ? null
      : table(
          [
            { label: 'Rule', value: (f) => h('code', null, f.rule) },
            { label: 'Provider', value: (f) => f.provider },
            { label: 'Jurisdiction', value: (f) => badge(jurisdictionLabel(f.jurisdiction), `j-${f.jurisdiction}`) },
            {
              label: 'Data',
              value: (f) => h('div', { class: 'chips' }, Object.entries(f.categories).map(([c, n]) => badge(`${c} × ${n}`))),
            },
            { label: 'Requests', num: true, value: (f) => count(f.requests) },
          ],
          o.flows,
        ),
  );
}

function byWorkload(posture) {
  return card(
    'By workload',
    table(
      [
        { label: 'Workload', value: (g) => g.name },
        { label: 'Requests', num: true, value: (g) => count(g.totals.requests) },
        { label: 'Redacted', num: true, value: (g) => count(g.totals.redacted) },
        { label: 'Blocked', num: true, value: (g) => count(g.totals.blocked) },
        { label: 'Score', num: true, value: (g) => score(g.totals.score_by_requests) },
        {
          label: 'Went to',
          value: (g) =>
            h(
              'div',
              { class: 'chips' },
              Object.entries(g.jurisdictions).map(([j, n]) => badge(`${jurisdictionLabel(j)} ${n}`, `j-${j}`)),
            ),
        },
      ],
      posture.by_workload,
    ),
  );
}

function quietWindow(range) {
  return h(
    'section',
    { class: 'empty', id: 'empty-state' },
    h('h2', null, `No requests in the last ${range.label}`),
    h('p', null, 'The audit trail has older requests: choose a longer window above, or look them up on the Audit page.'),
  );
}

/** What to do when the gateway has seen no traffic at all: point an SDK at it. */
function noTraffic(gateway) {
  const host = ['0.0.0.0', '::', ''].includes(gateway.listen.host) ? window.location.hostname : gateway.listen.host;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${gateway.listen.port}`;
  const key = gateway.open ? 'unused' : '<your gateway key>';
  return h(
    'section',
    { class: 'empty', id: 'empty-state' },
    h('h2', null, 'No traffic yet'),
    h(
      'p',
      null,
      'Point your applications’ OpenAI or Anthropic SDKs at the gateway; every request then appears here within seconds, ' +
        'with where its data went and why.',
    ),
    h('h3', null, 'Anthropic SDKs: the base URL without /v1'),
    h('pre', null, `client = anthropic.Anthropic(base_url="${base}", api_key="${key}")`),
    h('h3', null, 'OpenAI SDKs: the base URL with /v1'),
    h('pre', null, `client = openai.OpenAI(base_url="${base}/v1", api_key="${key}")`),
    h('p', null, 'or set ', h('code', null, `ANTHROPIC_BASE_URL=${base}`), ' / ', h('code', null, `OPENAI_BASE_URL=${base}/v1`), '.'),
    gateway.open
      ? h('p', { class: 'muted' }, 'This gateway has no client keys, so it answers this machine only. Add keys to serve other machines.')
      : h(
          'p',
          { class: 'muted' },
          'Each application needs a client key: ',
          h('code', null, 'sovereign keys create --id my-app --team my-team --workload my-app'),
          ' prints one and the entry to add to sovereign.yaml.',
        ),
    gateway.audit.enabled
      ? null
      : h('p', { class: 'error' }, 'The audit trail is off (audit.enabled: false), so no traffic can be shown.'),
  );
}
