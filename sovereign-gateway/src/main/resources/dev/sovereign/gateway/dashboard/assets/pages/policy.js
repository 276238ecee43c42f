// Policy: its rules, routes and guarantees, where each kind of data goes for each workload, and a box to try a
// prompt: the gateway explains it (nothing is sent or stored) and each finding is marked in the text.
import { get, post } from '../api.js';
import { h, replace, card, pageHead, errorBox, loading, table, badge } from '../dom.js';
import { jurisdictionLabel, family } from '../format.js';
import { highlighted } from '../highlight.js';

export const TITLE = 'Policy';

export function render({ gateway }) {
  const head = h('div', null, loading('the policy'));
  const explain = h('div', { id: 'explain' }, explainBox(gateway));
  const rules = h('div', { id: 'policy-rules' });
  const matrix = h('div', { id: 'policy-matrix' }, card('Where each kind of data goes', loading('the matrix')));
  const root = h('div', { id: 'policy' }, head, explain, rules, matrix);
  const ready = { policy: false, matrix: false };
  const done = (part) => {
    ready[part] = true;
    if (ready.policy && ready.matrix) root.dataset.ready = 'true';
  };
  const loadPolicy = () =>
    get('/admin/policy')
      .then((p) => {
        replace(head, header(p, loadPolicy));
        replace(rules, ...policyTables(p));
        done('policy');
      })
      .catch((e) => replace(head, errorBox(e)));
  loadPolicy();
  get('/admin/policy/matrix')
    .then((m) => {
      offerModels(explain, m.assumptions.models);
      replace(matrix, matrixCard(m));
      done('matrix');
    })
    .catch((e) => replace(matrix, card('Where each kind of data goes', errorBox(e))));
  return root;
}

function header(p, reloaded) {
  const message = h('span', { id: 'reload-message', class: 'small', role: 'status' });
  const button = h('button', { type: 'button', id: 'reload-policy' }, 'Reload policy.yaml');
  button.addEventListener('click', () => {
    button.disabled = true;
    message.className = 'small';
    message.textContent = 'Reloading…';
    post('/admin/policy/reload')
      .then((r) => {
        message.className = 'small delta-up';
        message.textContent = r.message;
        setTimeout(reloaded, 1200);
      })
      .catch((e) => {
        message.className = 'small delta-down';
        message.textContent = e.message;
      })
      .finally(() => (button.disabled = false));
  });
  return h(
    'div',
    null,
    pageHead(
      'Policy',
      p.rules ? `${p.source}, loaded ${p.loaded_at.replace('T', ' ').slice(0, 19)} UTC (sha256 ${p.sha256.slice(0, 12)}…)` : p.source,
      message,
      button,
    ),
    p.rejected
      ? h('p', { class: 'error', id: 'policy-rejected' }, `The last reload was refused (${p.rejected.at}); the policy above stays in force: ${p.rejected.message}`)
      : null,
  );
}

function policyTables(p) {
  if (!p.rules) {
    return [card('Rules', h('p', { class: 'muted' }, 'No policy.yaml: each request goes to the provider that serves its model. Write a policy.yaml in the configuration directory to decide by the data instead.'))];
  }
  const routes = Object.values(p.routes || {});
  return [
    card(
      'Rules',
      h('p', { class: 'muted small' }, 'Tried in order; the first whose condition holds decides.'),
      table(
        [
          { label: '#', num: true, value: (r) => String(p.rules.indexOf(r) + 1) },
          { label: 'Rule', value: (r) => h('code', null, r.id) },
          { label: 'When', value: (r) => (r.when ? h('code', null, r.when) : h('span', { class: 'muted' }, 'always')) },
          { label: 'Action', value: (r) => badge(r.action + (r.mode ? ` (${r.mode})` : ''), r.action) },
          { label: 'Route', value: (r) => r.route || (r.action === 'block' ? '–' : 'by model') },
          { label: 'Replaces / says', value: (r) => (r.categories ? r.categories.join(', ') : r.message || '') },
        ],
        p.rules,
        { id: 'rules-table' },
      ),
    ),
    h(
      'div',
      { class: 'grid two' },
      card(
        'Routes',
        table(
          [
            { label: 'Route', value: (r) => h('code', null, r.name) },
            {
              label: 'Provider',
              value: (r) =>
                h(
                  'div',
                  null,
                  r.provider,
                  (r.fallbacks || []).length
                    ? h('div', { class: 'small muted' }, `then ${r.fallbacks.map((f) => `${f.provider} (${jurisdictionLabel(f.jurisdiction)})`).join(', then ')}`)
                    : null,
                ),
            },
            { label: 'Model', value: (r) => r.model || 'as requested' },
            { label: 'Region', value: (r) => r.region || '–' },
            { label: 'Jurisdiction', value: (r) => badge(jurisdictionLabel(r.jurisdiction), `j-${r.jurisdiction}`) },
          ],
          routes,
          { empty: 'No named routes.' },
        ),
      ),
      card(
        'Guarantees',
        h('p', { class: 'muted small' }, 'Checked when the policy loads and before every upstream call.'),
        table(
          [
            { label: 'Guarantee', value: (g) => h('div', null, h('code', null, g.id), g.description && g.description !== g.id ? h('div', { class: 'small muted' }, g.description) : null) },
            { label: 'Data', value: (g) => (g.categories.length ? g.categories.join(', ') : 'any') },
            { label: 'Workloads', value: (g) => (g.workloads.length ? g.workloads.join(', ') : 'any') },
            { label: 'May reach', value: (g) => allowed(g) },
          ],
          p.guarantees,
          { id: 'guarantees-table', empty: 'No guarantees.' },
        ),
      ),
    ),
  ];
}

function allowed(g) {
  if (g.allowNone) return h('strong', null, 'no provider');
  const parts = [];
  if (g.jurisdictions.length) parts.push(`jurisdictions ${g.jurisdictions.join(', ')}`);
  if (g.regions.length) parts.push(`regions ${g.regions.join(', ')}`);
  if (g.providers.length) parts.push(`providers ${g.providers.join(', ')}`);
  if (g.routes.length) parts.push(`routes ${g.routes.join(', ')}`);
  return parts.join('; ') || 'any';
}

/** The models the providers serve, offered in the explain box; the first becomes the default if none was typed. */
// The matrix names the providers' model maps, some by glob (claude-*): only whole names are offered as models to explain.
function offerModels(box, matrixModels) {
  const models = matrixModels.filter((m) => !/[*?]/.test(m));
  replace(box.querySelector('#explain-models'), models.map((m) => h('option', { value: m })));
  const model = box.querySelector('#explain-model');
  if (!model.dataset.edited && models.length) model.value = models[0];
}

function explainBox(gateway) {
  const text = h('textarea', {
    id: 'explain-text',
    placeholder: 'Type or paste a prompt, e.g. “Write to jane.doe@example.org about her diabetes treatment.”',
    spellcheck: 'false',
  });
  const api = h('select', { id: 'explain-api' }, h('option', { value: 'openai' }, 'OpenAI format'), h('option', { value: 'anthropic' }, 'Anthropic format'));
  const model = h('input', { id: 'explain-model', value: 'claude-sonnet-4-5', list: 'explain-models', autocomplete: 'off' });
  model.addEventListener('input', () => (model.dataset.edited = 'true'));
  const as = h(
    'select',
    { id: 'explain-as' },
    h('option', { value: '' }, 'a workload (below)'),
    gateway.keys.map((k) => h('option', { value: k.id }, `key ${k.id} (${k.workload})`)),
  );
  const workload = h('input', { id: 'explain-workload', list: 'explain-workloads', placeholder: 'none', autocomplete: 'off' });
  const labels = h('input', { id: 'explain-labels', placeholder: 'e.g. confidential', autocomplete: 'off' });
  const result = h('div', { id: 'explain-result' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'explain-run' }, 'Explain');
  const form = h(
    'form',
    null,
    h('label', { for: 'explain-text' }, 'Prompt (never stored, never logged)'),
    text,
    h(
      'div',
      { class: 'filters' },
      h('div', null, h('label', { for: 'explain-api' }, 'Sent as'), api),
      h('div', null, h('label', { for: 'explain-model' }, 'Model'), model),
      h('div', null, h('label', { for: 'explain-as' }, 'By'), as),
      h('div', null, h('label', { for: 'explain-workload' }, 'Workload'), workload),
      h('div', null, h('label', { for: 'explain-labels' }, 'Labels (comma-separated)'), labels),
      h('div', null, button),
    ),
    h('datalist', { id: 'explain-models' }),
    h('datalist', { id: 'explain-workloads' }, gateway.workloads.map((w) => h('option', { value: w }))),
  );
  as.addEventListener('change', () => (workload.disabled = as.value !== ''));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const prompt = text.value;
    const body = {
      text: prompt,
      api: api.value,
      model: model.value.trim(),
      labels: labels.value.split(',').map((l) => l.trim()).filter(Boolean),
    };
    if (as.value) body.key = as.value;
    else if (workload.value.trim()) body.workload = workload.value.trim();
    button.disabled = true;
    replace(result, loading('the explanation'));
    post('/admin/explain', body)
      .then((r) => replace(result, explanation(prompt, r)))
      .catch((err) => replace(result, errorBox(err)))
      .finally(() => (button.disabled = false));
  });
  return card('Try a prompt', h('p', { class: 'muted small' }, 'What the gateway would do with it: nothing is sent to a provider, nothing is recorded.'), form, result);
}

/** What happens to the data of one category under the decision. */
function fate(category, d) {
  if (d.action === 'block') return `blocked by rule ${d.rule}${d.message ? `: ${d.message}` : ''}`;
  if (d.action === 'unroutable') return `no provider serves this model (rule ${d.rule})`;
  const where = `${d.provider} (${jurisdictionLabel(d.jurisdiction)})`;
  if (d.reaching.includes(category)) return `reaches ${where} by rule ${d.rule}`;
  const how = d.redaction?.mode === 'mask' ? 'masked' : 'pseudonymized';
  return `${how} by rule ${d.rule} before the request goes to ${where}`;
}

function explanation(prompt, reply) {
  const x = reply.explanation;
  const d = x.decision;
  const mine = x.findings.filter((f) => f.segment === reply.segment);
  const describe = (f) => `${f.category} (${f.detector}, confidence ${f.confidence}): ${fate(f.category, d)}`;
  const refused = !x.would_forward;
  const verdict = refused
    ? d.action === 'block' || d.action === 'unroutable'
      ? `Would be refused: ${d.message || (d.action === 'unroutable' ? 'no provider serves this model' : 'blocked by rule ' + d.rule)}`
      : `Would be refused by the route guard: it breaks ${x.guarantees.filter((g) => !g.held).map((g) => g.id).join(', ')}`
    : `Would be ${d.action === 'redact' ? `${d.redaction.mode === 'mask' ? 'masked' : 'pseudonymized'} and ` : ''}forwarded to ${d.provider} (${jurisdictionLabel(d.jurisdiction)}) by rule ${d.rule}.`;
  const found = Object.entries(x.categories);
  return h(
    'div',
    null,
    h('p', { class: `verdict ${refused ? 'refused' : 'forwarded'}`, id: 'explain-verdict' }, verdict),
    h('div', { class: 'explain-text', id: 'explain-highlight' }, highlighted(prompt, mine, describe)),
    found.length
      ? h('div', { class: 'chips', id: 'explain-categories' }, found.map(([c, n]) => badge(`${c} × ${n}`, `fam-${family(c)}`)))
      : h('p', { class: 'muted', id: 'explain-categories' }, 'No sensitive data found.'),
    table(
      [
        { label: 'Category', value: (f) => h('code', null, f.category) },
        { label: 'Where', num: true, value: (f) => `${f.start}–${f.end}` },
        { label: 'Detector', value: (f) => f.detector },
        { label: 'Confidence', num: true, value: (f) => f.confidence.toFixed(2) },
        { label: 'What happens to it', value: (f) => fate(f.category, d) },
      ],
      mine,
      { id: 'explain-findings', empty: 'No findings in the text.' },
    ),
    h(
      'dl',
      { class: 'kv', id: 'explain-decision' },
      h('dt', null, 'Rule'),
      h('dd', null, h('code', null, d.rule)),
      h('dt', null, 'Action'),
      h('dd', null, badge(d.action, d.action)),
      h('dt', null, 'Route'),
      h('dd', null, d.route || (d.provider ? 'by model' : '–')),
      h('dt', null, 'Provider'),
      h('dd', null, d.provider ? `${d.provider}, model ${d.upstream_model}, region ${d.region || 'unknown'}` : '–'),
      h('dt', null, 'Jurisdiction'),
      h('dd', null, d.jurisdiction ? jurisdictionLabel(d.jurisdiction) : '–'),
      h('dt', null, 'Replaced first'),
      h('dd', null, d.redaction ? `${d.redaction.categories.join(', ')} (${d.redaction.mode})` : 'nothing'),
      h('dt', null, 'Reaching the provider'),
      h('dd', null, d.reaching.length ? d.reaching.join(', ') : 'no sensitive data'),
      h('dt', null, 'Guarantees'),
      h('dd', null, x.guarantees.length ? h('div', { class: 'chips' }, x.guarantees.map((g) => badge(`${g.id}: ${g.held ? 'held' : 'BROKEN'}`, g.held ? 'held' : 'bad'))) : 'none in the policy'),
    ),
  );
}

function matrixCard(m) {
  const filter = h('input', { id: 'matrix-filter', placeholder: 'Filter categories, e.g. special', autocomplete: 'off' });
  const holder = h('div');
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    const rows = [];
    for (let i = 0; i < m.categories.length; i++) {
      const cats = m.categories[i];
      const name = cats.length ? cats.join(', ') : '(no sensitive data)';
      if (q && !name.toLowerCase().includes(q)) continue;
      rows.push({ name, cells: m.cells.slice(i * m.workloads.length, (i + 1) * m.workloads.length) });
    }
    replace(
      holder,
      table(
        [
          { label: 'Data', value: (r) => h('code', null, r.name) },
          ...m.workloads.map((w, j) => ({
            label: w === 'other' ? 'other workloads' : w,
            value: (r) =>
              r.cells[j].outcomes.map((o) =>
                h(
                  'span',
                  { class: 'outcome' },
                  badge(o.action + (o.redaction ? ` (${o.redaction.mode})` : ''), o.action),
                  o.provider ? ` ${o.provider} · ${jurisdictionLabel(o.jurisdiction)}` : '',
                  r.cells[j].outcomes.length > 1 ? h('span', { class: 'muted' }, ` (${o.models.join(', ')})`) : null,
                  o.broken_guarantees.length ? badge(`breaks ${o.broken_guarantees.join(', ')}`, 'bad') : null,
                ),
              ),
          })),
        ],
        rows,
        { id: 'matrix-table', empty: 'No category matches.' },
      ),
    );
    holder.querySelector('table').classList.add('matrix');
  };
  filter.addEventListener('input', draw);
  draw();
  return card(
    'Where each kind of data goes',
    h('p', { class: 'muted small' }, `For a request carrying one kind of data, by workload, for the models ${m.assumptions.models.join(', ')} (${m.assumptions.api} ${m.assumptions.operation}).`),
    filter,
    holder,
  );
}
