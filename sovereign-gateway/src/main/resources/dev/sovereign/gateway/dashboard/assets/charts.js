// Charts on uPlot (served from the gateway's jar). Each chart fills its container's width and follows its resizes.
import uPlot from '../vendor/uplot.js';

const HEIGHT = 240;

function width(el) {
  return Math.max(280, el.clientWidth || el.parentElement?.clientWidth || 600);
}

function mount(el, opts, data) {
  el.replaceChildren();
  // The drawn value range, for readers that cannot see the canvas (tests, assistive tools).
  const recordRange = (u, key) => {
    if (key === 'y') el.dataset.yMax = String(u.scales.y.max);
  };
  const hooks = { ...(opts.hooks ?? {}), setScale: [...(opts.hooks?.setScale ?? []), recordRange] };
  const plot = new uPlot({ ...opts, hooks, width: width(el), height: HEIGHT }, data, el);
  const observer = new ResizeObserver(() => {
    if (!el.isConnected) {
      observer.disconnect();
      plot.destroy();
      return;
    }
    const w = width(el);
    if (Math.abs(w - plot.width) > 2) plot.setSize({ width: w, height: HEIGHT });
  });
  observer.observe(el);
  return plot;
}

function utc(ts) {
  return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC');
}

/** The x range of a time series: half a period beyond its first and last points, so that end bars show whole. */
function timeRange(times) {
  const step = times.length > 1 ? times[1] - times[0] : 86400;
  const min = times.length ? times[0] : 0;
  const max = times.length ? times[times.length - 1] : step;
  return () => [min - step / 2, max + step / 2];
}

const axisStyle = { stroke: '#5b6675', grid: { stroke: '#eef1f4' }, ticks: { stroke: '#dde3ea' } };

/**
 * Stacked bars over time. times: bucket starts in seconds (UTC); series: [{label, color, values}], values aligned
 * with times. The legend shows each series' own count; the bars are stacked.
 */
export function stackedBars(el, { times, series, unit = 'requests' }) {
  const stacked = [];
  let running = times.map(() => 0);
  for (const s of series) {
    running = running.map((r, i) => r + (s.values[i] || 0));
    stacked.push(running);
  }
  const bars = uPlot.paths.bars({ size: [0.7, 48], gap: 1 });
  // Drawn from the tallest stack down, so each lower layer paints over the one above it.
  const order = series.map((s, i) => i).reverse();
  const opts = {
    tzDate: utc,
    legend: { live: true },
    cursor: { points: { show: false } },
    scales: { x: { time: true, range: timeRange(times) }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: [{ ...axisStyle }, { ...axisStyle, label: unit, size: 56 }],
    series: [
      {},
      ...order.map((i) => ({
        label: series[i].label,
        stroke: series[i].color,
        fill: series[i].color,
        width: 0,
        paths: bars,
        points: { show: false },
        value: (u, v, si, idx) => (idx === null || idx === undefined ? '–' : String(series[i].values[idx] || 0)),
      })),
    ],
  };
  return mount(el, opts, [times, ...order.map((i) => stacked[i])]);
}

/** Lines over time: series [{label, color, values}] with null for no value (drawn as gaps bridged). */
export function lines(el, { times, series, range = [0, 100], unit = '' }) {
  const opts = {
    tzDate: utc,
    scales: { x: { time: true, range: timeRange(times) }, y: { range: () => range } },
    axes: [{ ...axisStyle }, { ...axisStyle, label: unit, size: 56 }],
    series: [
      {},
      ...series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        spanGaps: true,
        points: { show: true, size: 6, fill: s.color },
        value: (u, v) => (v === null || v === undefined ? '–' : v.toFixed(1)),
      })),
    ],
  };
  return mount(el, opts, [times, ...series.map((s) => s.values)]);
}

/**
 * Bars by category: labels along x (`name` says what they are); bars for `bars`, dots for the optional `dots` (a
 * reference to compare with).
 */
export function categoryBars(el, { name, labels, bars, dots, range, unit = '', format = (v) => String(v) }) {
  const xs = labels.map((l, i) => i);
  const barPaths = uPlot.paths.bars({ size: [0.6, 56], align: 0 });
  const series = [
    {
      label: name,
      value: (u, v) => (v === null || v === undefined ? '–' : labels[Math.round(v)] ?? ''),
    },
    {
      label: bars.label,
      stroke: bars.color,
      fill: bars.color + 'cc',
      width: 0,
      paths: barPaths,
      points: { show: false },
      value: (u, v) => (v === null || v === undefined ? '–' : format(v)),
    },
  ];
  const data = [xs, bars.values];
  if (dots) {
    series.push({
      label: dots.label,
      stroke: dots.color,
      width: 0,
      paths: () => null,
      points: { show: true, size: 9, fill: '#fff', stroke: dots.color, width: 2 },
      value: (u, v) => (v === null || v === undefined ? '–' : format(v)),
    });
    data.push(dots.values);
  }
  const opts = {
    scales: {
      x: { time: false, range: () => [-0.6, labels.length - 0.4] },
      // From zero to a little above the largest bar, however small: a fixed minimum would flatten small spends.
      y: { range: range ? () => range : (u, min, max) => [0, max > 0 ? max * 1.15 : 1] },
    },
    axes: [
      {
        ...axisStyle,
        grid: { show: false },
        splits: () => xs,
        values: (u, splits) => splits.map((i) => wrap(labels[i] ?? '')),
        rotate: labels.length > 8 ? -30 : 0,
        size: labels.length > 8 ? 90 : 16 + 14 * Math.max(1, ...labels.map((l) => wrap(l).split('\n').length)),
      },
      { ...axisStyle, label: unit, size: 60, values: (u, splits) => splits.map(format) },
    ],
    series,
  };
  return mount(el, opts, data);
}

/** A label on lines of at most 16 characters, broken after '-', '_', '.', '/' or a space; never cut. */
function wrap(s) {
  const parts = s.match(/[^-_./ ]+[-_./ ]?|[-_./ ]/g) ?? [s];
  const lines = [''];
  for (const p of parts) {
    if (lines[lines.length - 1].length + p.length > 16 && lines[lines.length - 1].length > 0) lines.push('');
    lines[lines.length - 1] += p;
  }
  return lines.map((l) => l.trimEnd()).join('\n');
}
