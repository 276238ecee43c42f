// Limits: every key, team and workload with usage limits, what each limit's current window has used, and when it
// resets. Counters live in this gateway or, with redis: configured, in the Redis every replica shares.
import { get } from '../api.js';
import { h, replace, card, stat, pageHead, errorBox, loading, table, badge, meter } from '../dom.js';
import { count } from '../format.js';

export const TITLE = 'Limits';

const WORDS = {
  requests_per_minute: 'requests / minute',
  tokens_per_minute: 'tokens / minute',
  tokens_per_day: 'tokens / day',
  usd_per_day: 'US$ / day',
  usd_per_month: 'US$ / month',
  concurrent: 'requests at once',
};

const FAILURE = {
  default: 'rate limits let requests through, budgets refuse them',
  open: 'every limit lets requests through',
  closed: 'every limit refuses requests',
};

export function render() {
  const body = h('div', null, loading('the usage limits'));
  const root = h(
    'div',
    { id: 'limits' },
    pageHead('Limits', 'Usage limits of keys, teams and workloads: what each window has used, and when it starts again.'),
    body,
  );
  get('/admin/limits')
    .then((limits) => {
      replace(body, ...content(limits));
      root.dataset.ready = 'true';
    })
    .catch((e) => replace(body, errorBox(e)));
  return root;
}

function content(limits) {
  const rows = [];
  for (const holder of limits.limits) {
    for (const l of holder.limits) rows.push({ ...l, scope: holder.scope, id: holder.id });
  }
  const full = rows.filter((r) => r.used >= r.max).length;
  return [
    h(
      'div',
      { class: 'stats' },
      stat('Counters', limits.store === 'redis' ? 'Redis' : 'this process', limits.store === 'redis' ? 'shared by every replica' : 'each replica counts alone', { id: 'stat-store' }),
      limits.store === 'redis'
        ? stat('When Redis is down', limits.on_redis_failure, FAILURE[limits.on_redis_failure] || '', { id: 'stat-failure' })
        : stat('When Redis is down', '–', 'no redis: in sovereign.yaml', { id: 'stat-failure' }),
      stat('Limits reached', count(full), 'requests under them get 429 until their window ends', { id: 'stat-full', className: full ? 'bad' : '' }),
    ),
    card(
      'Each limit',
      table(
        [
          { label: 'Whose', value: (r) => h('span', null, badge(r.scope), ' ', h('code', null, r.id)) },
          { label: 'Limit', value: (r) => WORDS[r.limit] || r.limit },
          { label: 'Used', num: true, value: (r) => amount(r, r.used) },
          { label: 'Of', num: true, value: (r) => amount(r, r.max) },
          { label: 'Share', value: (r) => meter(r.max > 0 ? Math.round((100 * r.used) / r.max) : r.used > 0 ? 100 : 0) },
          { label: 'Resets', value: (r) => (r.resets_at ? new Date(r.resets_at).toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC') : 'when a request ends') },
        ],
        rows,
        {
          id: 'limits-table',
          empty: 'No key, team or workload has usage limits (limits: in sovereign.yaml).',
          rowClass: (r) => (r.used >= r.max ? 'bad' : ''),
        },
      ),
    ),
  ];
}

function amount(r, value) {
  return r.limit.startsWith('usd_') ? `$${Number(value).toFixed(2)}` : count(value);
}
