// Audit: the trail's events, filtered and paged, one event in detail, and whether the hash chains verify.
import { get } from '../api.js';
import { h, replace, card, pageHead, errorBox, loading, table, badge } from '../dom.js';
import { count, time, shortTime, usd, jurisdictionLabel, JURISDICTIONS } from '../format.js';

export const TITLE = 'Audit';

const PAGE_SIZE = 25;
const FILTERS = ['from', 'to', 'type', 'action', 'workload', 'key', 'team', 'category', 'provider', 'jurisdiction', 'request_id'];

export function render({ params, navigate, gateway }) {
  const filters = {};
  for (const f of FILTERS) if (params.get(f)) filters[f] = params.get(f);
  const status = h('div', { id: 'chain-status' }, loading('the chain status'));
  const list = h('div', { id: 'event-list' }, loading('events'));
  const detail = h('div', { id: 'event-detail' }, card('Event', h('p', { class: 'muted' }, 'Select an event to see everything recorded about it.')));
  const root = h(
    'div',
    { id: 'audit' },
    pageHead('Audit', 'Every decision, fallback, completion and request refused by a usage limit, newest first: who asked, what kinds of data, where it went. Never the text.'),
    status,
    filterForm(filters, gateway, navigate),
    h('div', { class: 'layout-split' }, list, h('div', { class: 'detail' }, detail)),
  );
  if (!gateway.audit.enabled) {
    replace(status, h('p', { class: 'error' }, 'The audit trail is off (audit.enabled: false in sovereign.yaml).'));
    replace(list);
    root.dataset.ready = 'true';
    return root;
  }
  verify(status);
  const pager = { cursors: [null], index: 0 };
  const load = () => {
    root.dataset.ready = 'false';
    get('/admin/audit/events', { ...filters, limit: PAGE_SIZE, cursor: pager.cursors[pager.index] })
      .then((page) => {
        showPage(list, page, pager, filters, load, (e) => replace(detail, eventDetail(e, navigate)));
        root.dataset.ready = 'true';
      })
      .catch((e) => replace(list, errorBox(e)));
  };
  load();
  return root;
}

function verify(el) {
  replace(el, card('Chain status', loading('verification')));
  get('/admin/audit/verify')
    .then((report) => replace(el, chainStatus(report, () => verify(el))))
    .catch((e) => replace(el, card('Chain status', errorBox(e))));
}

function chainStatus(report, again) {
  const intact = report.intact;
  return card(
    'Chain status',
    h(
      'div',
      { class: `status ${intact ? 'intact' : 'broken'}` },
      h('span', { class: 'dot' }),
      h(
        'strong',
        { id: 'chain-verdict' },
        intact
          ? `Intact: ${count(report.events)} events verified against their hashes and signed checkpoints.`
          : `BROKEN: ${report.breaks.length} break(s) found in ${count(report.events)} events.`,
      ),
      h('button', { type: 'button', id: 'verify-again', onclick: again }, 'Verify again'),
    ),
    table(
      [
        { label: 'Writer', value: (c) => h('code', null, c.writer) },
        { label: 'Events', num: true, value: (c) => count(c.events) },
        { label: 'Verified', value: (c) => (c.events ? `seq ${c.first_seq} – ${c.last_seq}` : 'empty') },
        { label: 'Signed checkpoints', num: true, value: (c) => count(c.checkpoints) },
        { label: 'Anchored', num: true, value: (c) => count(c.anchored) },
        {
          label: 'Anchored after a crash',
          num: true,
          value: (c) => (c.anchored_after_crash ? badge(count(c.anchored_after_crash), 'warn') : '0'),
        },
        {
          label: 'Unanchored',
          num: true,
          value: (c) => (c.unanchored ? badge(count(c.unanchored), 'warn') : '0'),
        },
        ...(report.time_stamps_checked
          ? [
              {
                label: 'Time-stamped',
                num: true,
                value: (c) =>
                  c.time_stamp_overdue
                    ? h('span', null, count(c.time_stamped), ' ', badge(`${count(c.time_stamp_overdue)} overdue`, 'warn'))
                    : count(c.time_stamped),
              },
              { label: 'Last time-stamp', value: (c) => c.last_time_stamp ?? '–' },
            ]
          : []),
        { label: 'Breaks', num: true, value: (c) => (c.breaks ? badge(String(c.breaks), 'bad') : '0') },
      ],
      report.chains,
      { id: 'chains-table', empty: 'No events yet.' },
    ),
    report.fully_anchored === false
      ? h(
          'p',
          { class: 'small muted', id: 'anchoring-note' },
          'Anchored after a crash: covered only by a checkpoint sealed by a later process, so whoever held the database ' +
            'before the seal could have changed them. Unanchored: not yet covered by a signed checkpoint. ' +
            'Time-stamp overdue: older than the allowed lag and covered by no valid token of the time-stamping authority. ' +
            '`sovereign audit verify --strict` fails on any of these.',
        )
      : null,
    report.breaks.length
      ? h('ul', { class: 'error' }, report.breaks.map((b) => h('li', null, `${b.writer ?? 'files'} seq ${b.seq}: ${b.kind} — ${b.message}`)))
      : null,
    report.notes.length ? h('ul', { class: 'small muted' }, report.notes.map((n) => h('li', null, n))) : null,
  );
}

function filterForm(filters, gateway, navigate) {
  const field = (name, label, control) => h('div', null, h('label', { for: `filter-${name}` }, label), control);
  const select = (name, options) =>
    h(
      'select',
      { id: `filter-${name}`, name },
      h('option', { value: '' }, 'any'),
      options.map((o) => h('option', { value: o.value ?? o, selected: (o.value ?? o) === filters[name] }, o.label ?? o)),
    );
  const text = (name, placeholder, list) =>
    h('input', { id: `filter-${name}`, name, value: filters[name] || '', placeholder, list, autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'filters', id: 'audit-filters' },
    field('from', 'Since', select('from', [
      { value: '1h', label: 'the last hour' },
      { value: '24h', label: 'the last 24 hours' },
      { value: '7d', label: 'the last 7 days' },
      { value: '30d', label: 'the last 30 days' },
    ])),
    field('type', 'Type', select('type', ['decision', 'fallback', 'completion', 'limited'])),
    field('action', 'Action', select('action', ['forward', 'redact', 'block', 'unroutable'])),
    field('workload', 'Workload', text('workload', 'any', 'workload-names')),
    field('key', 'Key', select('key', gateway.keys.map((k) => k.id))),
    field('team', 'Team', text('team', 'any')),
    field('category', 'Data category', text('category', 'e.g. pii.* or special.health', 'category-names')),
    field('provider', 'Provider', select('provider', gateway.providers.map((p) => p.id))),
    field('jurisdiction', 'Jurisdiction', select('jurisdiction', JURISDICTIONS.map((j) => ({ value: j, label: jurisdictionLabel(j) })))),
    field('request_id', 'Request id', text('request_id', 'sgw_…')),
    h('div', { class: 'toolbar' }, h('button', { type: 'submit', class: 'primary', id: 'apply-filters' }, 'Apply'), h('button', { type: 'reset', id: 'clear-filters' }, 'Clear')),
    h('datalist', { id: 'workload-names' }, gateway.workloads.map((w) => h('option', { value: w }))),
    h('datalist', { id: 'category-names' }, ['pii.*', 'special.*', 'financial.*', 'secret.*', 'label.*'].map((c) => h('option', { value: c }))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = {};
    for (const [k, v] of new FormData(form)) if (String(v).trim()) chosen[k] = String(v).trim();
    navigate('audit', chosen);
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    navigate('audit', {});
  });
  return card('Filters', form);
}

function showPage(el, page, pager, filters, reload, open) {
  const active = Object.keys(filters).length;
  const t = table(
    [
      { label: 'Time (UTC)', value: (e) => h('span', { class: 'small nowrap', title: time(e.event.time) }, shortTime(e.event.time)) },
      { label: 'Type', value: (e) => e.event.type },
      { label: 'Workload', value: (e) => e.event.subject?.workload ?? '–' },
      { label: 'Key', value: (e) => e.event.subject?.key ?? '–' },
      {
        label: 'Data',
        value: (e) => h('div', { class: 'chips' }, Object.entries(e.event.categories || {}).map(([c, n]) => badge(n > 1 ? `${c} × ${n}` : c))),
      },
      {
        label: 'Outcome',
        value: (e) => outcome(e.event),
      },
      { label: 'Provider', value: (e) => e.event.route?.provider ?? '–' },
      {
        label: 'Jurisdiction',
        value: (e) => (e.event.route?.jurisdiction ? badge(jurisdictionLabel(e.event.route.jurisdiction), `j-${e.event.route.jurisdiction}`) : '–'),
      },
    ],
    page.events,
    {
      id: 'events-table',
      empty: active ? 'No event matches these filters.' : 'No events yet: send a request through the gateway.',
      onRowClick: (e, tr) => {
        for (const r of tr.parentNode.children) r.classList.remove('selected');
        tr.classList.add('selected');
        open(e);
      },
    },
  );
  for (const [i, tr] of [...t.querySelectorAll('tbody tr')].entries()) if (page.events[i]) tr.dataset.id = String(page.events[i].id);
  const older = h('button', { type: 'button', id: 'page-older', disabled: !page.next }, 'Older →');
  const newer = h('button', { type: 'button', id: 'page-newer', disabled: pager.index === 0 }, '← Newer');
  older.addEventListener('click', () => {
    pager.cursors[pager.index + 1] = page.next;
    pager.index++;
    reload();
  });
  newer.addEventListener('click', () => {
    pager.index--;
    reload();
  });
  replace(
    el,
    card(
      active ? `Events matching ${active} filter${active > 1 ? 's' : ''}` : 'Events',
      t,
      h('div', { class: 'pager' }, newer, h('span', { class: 'muted', id: 'page-number' }, `Page ${pager.index + 1}`), older),
    ),
  );
}

/** What an event says in one cell: the decision's action, the fallback's reason, the limit, the completion's status. */
function outcome(e) {
  if (e.type === 'decision') return badge(e.route?.action ?? '–', e.route?.action);
  if (e.type === 'fallback') return badge(`fallback${e.result?.error ? ` after ${e.result.error}` : ''}`, 'warn');
  if (e.type === 'limited') return badge(`limited: ${e.result?.error ?? '429'}`, 'warn');
  return h(
    'span',
    null,
    String(e.result?.status ?? '–'),
    e.result?.latency_ms != null ? h('span', { class: 'muted small' }, ` ${e.result.latency_ms} ms`) : null,
  );
}

const TITLES = { decision: 'Decision', fallback: 'Fallback', completion: 'Completion', limited: 'Refused by a usage limit' };

function eventDetail(stored, navigate) {
  const e = stored.event;
  const rows = [];
  const add = (label, value) => {
    if (value === undefined || value === null || value === '') return;
    rows.push(h('dt', null, label), h('dd', null, value));
  };
  add('Type', e.type);
  add('Time', time(e.time));
  add('Request id', h('code', null, e.request_id));
  add('Key / team / workload', [e.subject?.key, e.subject?.team, e.subject?.workload].map((v) => v ?? '–').join(' / '));
  if (e.request) add('Request', `${e.request.api} ${e.request.operation}, model ${e.request.model}${e.request.stream ? ', streaming' : ''}${e.request.bytes != null ? `, ${count(e.request.bytes)} bytes` : ''}`);
  add('Data found', Object.keys(e.categories || {}).length ? h('div', { class: 'chips' }, Object.entries(e.categories).map(([c, n]) => badge(`${c} × ${n}`))) : e.type === 'decision' ? 'none' : null);
  if (e.labels?.length) add('Labels', e.labels.join(', '));
  if (e.route) {
    add('Rule', h('code', null, e.route.rule));
    add('Action', badge(e.route.action, e.route.action));
    add('Policy route', e.route.policy_route);
    add('Provider', e.route.provider);
    add('Region', e.route.region);
    add('Jurisdiction', e.route.jurisdiction ? jurisdictionLabel(e.route.jurisdiction) : null);
    add('Upstream model', e.route.upstream_model);
    add('Translated to', e.route.upstream_api ? `the ${e.route.upstream_api} API` : null);
    if (e.route.redacted?.length) add('Replaced before forwarding', e.route.redacted.join(', '));
  }
  if (e.guarantees?.length) add('Guarantees', h('div', { class: 'chips' }, e.guarantees.map((g) => badge(`${g.id}: ${g.held ? 'held' : 'BROKEN'}`, g.held ? 'held' : 'bad'))));
  if (e.result && e.type === 'fallback') {
    add('Previous target failed', `${e.result.error ?? 'with status ' + e.result.status}${e.result.latency_ms != null ? ` after ${e.result.latency_ms} ms` : ''}`);
  } else if (e.result) {
    const r = e.result;
    add('Status', String(r.status) + (r.cancelled ? ' (cancelled by the client)' : ''));
    add('Error', r.error);
    add('Latency', r.latency_ms != null ? `${r.latency_ms} ms${r.ttft_ms != null ? `, first token after ${r.ttft_ms} ms` : ''}` : null);
    add('Tokens', r.input_tokens != null ? `${count(r.input_tokens)} in, ${count(r.output_tokens)} out` : null);
    add('Estimated cost', r.cost_micro_usd != null ? usd(r.cost_micro_usd) : null);
  }
  if (e.content) add('Captured text', 'Encrypted in the trail; the dashboard never shows it.');
  add('Writer / seq', `${stored.writer} / ${stored.seq}`);
  add('Hash', h('code', { class: 'small' }, stored.hash));
  add('Previous hash', h('code', { class: 'small' }, stored.prev_hash));
  return card(
    `${TITLES[e.type] || e.type} ${stored.writer}#${stored.seq}`,
    h('dl', { class: 'kv', id: 'event-fields' }, rows),
    h('p', null, h('button', { type: 'button', id: 'same-request', onclick: () => navigate('audit', { request_id: e.request_id }) }, 'All events of this request')),
  );
}
