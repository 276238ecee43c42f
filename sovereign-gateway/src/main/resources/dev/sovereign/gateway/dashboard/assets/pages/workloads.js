// Workloads: the residency assessment of each workload under GDPR Chapter V, finding by finding, with the articles
// it rests on and the action to take.
import { get } from '../api.js';
import { h, replace, card, stat, pageHead, errorBox, loading, badge, segmented, sourceLink } from '../dom.js';
import { count } from '../format.js';

export const TITLE = 'Workloads';

const SEVERITIES = [
  { value: 'all', label: 'All' },
  { value: 'breach', label: 'Breaches' },
  { value: 'warn', label: 'Warnings' },
  { value: 'info', label: 'Info' },
];

export function render({ params, navigate }) {
  const severity = SEVERITIES.some((s) => s.value === params.get('severity')) ? params.get('severity') : 'all';
  const body = h('div', null, loading('the residency assessment'));
  const root = h(
    'div',
    { id: 'workloads' },
    pageHead(
      'Workloads',
      'Where the policy can send each workload’s data and where the trail shows it went, assessed under GDPR Chapter V.',
      segmented(SEVERITIES, severity, (v) => navigate('workloads', { severity: v }), 'severity'),
    ),
    body,
  );
  get('/admin/reports/assessment', { from: '30d' })
    .then((report) => {
      replace(body, ...content(report, severity));
      root.dataset.ready = 'true';
    })
    .catch((e) => replace(body, errorBox(e)));
  return root;
}

function content(report, severity) {
  const s = report.summary;
  const undeclared = report.workloads.filter((w) => !w.declared);
  const out = [
    h(
      'div',
      { class: 'stats' },
      stat('Breaches', count(s.breach), 'data can or did reach where it must not, or leave without a fitting mechanism', { id: 'stat-breach', className: s.breach ? 'bad' : '' }),
      stat('Warnings', count(s.warn), 'a DPIA, SCCs, a third-country risk or a review to do', { id: 'stat-warn' }),
      stat('Info', count(s.info), 'no action needed', { id: 'stat-info' }),
      stat('Traffic read', report.traffic.read ? count(report.traffic.requests) : 'no', report.traffic.read ? 'requests in the last 30 days' : report.traffic.note || ''),
    ),
  ];
  if (!report.workloads_file || undeclared.length) {
    out.push(
      h(
        'p',
        { class: 'notice' },
        report.workloads_file
          ? `${undeclared.length} workload(s) are not declared in ${report.workloads_file} and are assessed with unknown requirements: `
          : 'No workloads.yaml: every workload is assessed with unknown requirements (data subjects in the EU, no residency). Declare them in workloads.yaml in the configuration directory: ',
        undeclared.map((w) => w.name).join(', '),
      ),
    );
  }
  const findings = report.findings.filter((f) => severity === 'all' || f.severity === severity);
  for (const w of report.workloads) {
    const mine = findings.filter((f) => f.workload === w.name);
    if (severity !== 'all' && !mine.length) continue;
    out.push(workloadCard(w, mine));
  }
  if (out.length === 1 || (severity !== 'all' && !findings.length)) {
    out.push(h('p', { class: 'empty', id: 'empty-state' }, severity === 'all' ? 'No workloads to assess: the policy names none and the trail shows none.' : `No ${severity} findings.`));
  }
  return out;
}

function workloadCard(w, findings) {
  return h(
    'section',
    { class: 'card workload', dataset: { workload: w.name } },
    h('h2', null, w.name, ' ', w.declared ? null : badge('undeclared', 'warn')),
    w.description ? h('p', { class: 'muted' }, w.description) : null,
    h(
      'dl',
      { class: 'kv' },
      h('dt', null, 'Residency required'),
      h('dd', null, w.residency || 'unknown'),
      h('dt', null, 'Data subjects'),
      h('dd', null, (w.data_subjects || []).join(', ') || 'unknown'),
      h('dt', null, 'Role'),
      h('dd', null, w.role || 'unknown'),
      h('dt', null, 'Data'),
      h('dd', null, (w.categories || []).join(', ') || 'not declared'),
      h('dt', null, 'Transfer mechanisms'),
      h('dd', null, (w.transfer_mechanisms || []).join(', ') || 'none declared'),
      h('dt', null, 'Transfer impact assessment'),
      h('dd', null, w.transfer_impact_assessment || 'not declared'),
      w.art9_condition ? h('dt', null, 'Art. 9(2) condition') : null,
      w.art9_condition ? h('dd', null, `Art. ${w.art9_condition}`) : null,
      w.derogation ? h('dt', null, 'Derogation') : null,
      w.derogation ? h('dd', null, w.derogation) : null,
      w.personal_data === false ? h('dt', null, 'Personal data') : null,
      w.personal_data === false ? h('dd', null, 'none declared') : null,
    ),
    findings.length ? findings.map(findingCard) : h('p', { class: 'muted' }, 'No findings.'),
  );
}

/** " (first – last)" of a trail's dates, one date when both are the same day, nothing without dates. */
function dateRange(first, last) {
  const a = (first || last || '').slice(0, 10);
  const b = (last || first || '').slice(0, 10);
  if (!a) return '';
  return a === b ? ` (${a})` : ` (${a} – ${b})`;
}

function findingCard(f) {
  const evidence = f.evidence.map((e) =>
    e.source === 'traffic'
      ? `The trail: ${count(e.requests)} requests by rule ${e.rules.join(', ')}${dateRange(e.first, e.last)}`
      : `The policy can send it: rule ${e.rules.join(', ')}${e.models.length ? ` for ${e.models.join(', ')}` : ''}`,
  );
  return h(
    'div',
    { class: `finding-card ${f.severity}`, dataset: { kind: f.kind, severity: f.severity } },
    h(
      'div',
      { class: 'toolbar' },
      badge(f.severity, f.severity),
      h('strong', null, f.kind.replaceAll('_', ' ')),
      f.scope ? h('code', null, f.scope) : null,
      f.provider ? h('span', { class: 'muted' }, `→ ${f.provider}${f.region ? ` (${f.region})` : ''}`) : null,
      h('span', { class: 'muted small' }, f.articles.join('; ')),
    ),
    f.destinations && f.destinations.length
      ? h('p', { class: 'small destinations' }, 'Destinations: ', f.destinations.map((d) => (d === 'any' ? 'any country with capacity' : d === 'eu' ? 'EU member states' : d)).join(', '))
      : null,
    h('p', null, f.explanation),
    h('p', { class: 'action' }, h('strong', null, 'Recommended action: '), f.action),
    evidence.length ? h('ul', { class: 'small' }, evidence.map((e) => h('li', null, e))) : null,
    f.sources.length ? h('p', { class: 'small' }, 'Sources: ', ...f.sources.flatMap((s, i) => [i ? ', ' : null, sourceLink(s)])) : null,
  );
}
