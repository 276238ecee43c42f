// How numbers, money, times and jurisdictions read on every page.

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export function count(n) {
  return n === null || n === undefined ? '–' : integer.format(n);
}

export function score(n) {
  return n === null || n === undefined ? '–' : decimal.format(n);
}

export function usd(microUsd) {
  if (microUsd === null || microUsd === undefined) return '–';
  const v = microUsd / 1e6;
  const digits = Math.abs(v) < 1 ? 4 : 2;
  return '$' + v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function percent(part, whole) {
  if (!whole) return '';
  return `${Math.round((100 * part) / whole)}%`;
}

/** An instant as UTC, to the second: 2026-11-26 14:03:12 UTC. */
export function time(iso) {
  if (!iso) return '–';
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace('Z', ' UTC');
}

/** An instant in a list, UTC and short: 11-26 14:03:12. */
export function shortTime(iso) {
  if (!iso) return '–';
  return iso.slice(5, 10) + ' ' + iso.slice(11, 19);
}

export const JURISDICTIONS = ['eu', 'adequate', 'eu-us-reach', 'us', 'unknown'];

const J_LABELS = {
  eu: 'EU',
  adequate: 'Adequate country',
  'eu-us-reach': 'EU, US law reaches',
  us: 'US',
  unknown: 'Unknown',
};

const J_COLORS = {
  eu: '#2e7d32',
  adequate: '#1565c0',
  'eu-us-reach': '#e0a100',
  us: '#c62828',
  unknown: '#8a939e',
};

export function jurisdictionLabel(j) {
  return J_LABELS[j] || j || '–';
}

export function jurisdictionColor(j) {
  return J_COLORS[j] || '#8a939e';
}

const PALETTE = ['#2a6f97', '#e76f51', '#6a4c93', '#2a9d8f', '#f4a261', '#8ab17d', '#e9c46a', '#264653', '#b5838d', '#577590'];

/** A stable color for a name (providers, workloads). */
export function colorFor(name, index) {
  if (index !== undefined) return PALETTE[index % PALETTE.length];
  let hash = 0;
  for (const ch of String(name)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

/** The family of a category: pii for pii.email. */
export function family(category) {
  const dot = category.indexOf('.');
  return dot < 0 ? category : category.slice(0, dot);
}
