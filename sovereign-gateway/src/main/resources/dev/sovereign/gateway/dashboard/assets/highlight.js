// Marks findings in the text they were found in. Offsets are UTF-16 code units, as the gateway's classifier counts
// (Java strings) and as JavaScript strings index, so they apply to the text as typed.
import { h } from './dom.js';
import { family } from './format.js';

/**
 * The text cut at every finding's start and end: [{start, end, findings: [...]}] in order, covering the whole
 * text, each piece with the findings that cover it (overlapping findings share pieces).
 */
export function pieces(text, findings) {
  const cuts = new Set([0, text.length]);
  const valid = findings.filter((f) => f.start >= 0 && f.end <= text.length && f.start < f.end);
  for (const f of valid) {
    cuts.add(f.start);
    cuts.add(f.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i];
    const end = sorted[i + 1];
    out.push({ start, end, findings: valid.filter((f) => f.start <= start && f.end >= end) });
  }
  return out;
}

/**
 * The text as nodes, each finding a <mark> with its category, and a title saying what the decision does with it.
 * describe(finding) gives that title.
 */
export function highlighted(text, findings, describe) {
  const nodes = [];
  for (const p of pieces(text, findings)) {
    const piece = text.slice(p.start, p.end);
    if (!p.findings.length) {
      nodes.push(document.createTextNode(piece));
      continue;
    }
    // The most confident finding names the piece; the title lists every one.
    const main = [...p.findings].sort((a, b) => b.confidence - a.confidence)[0];
    nodes.push(
      h(
        'mark',
        {
          class: `finding fam-${family(main.category)}`,
          dataset: { category: main.category, start: String(p.start), end: String(p.end) },
          title: p.findings.map(describe).join('\n'),
        },
        piece,
      ),
    );
    // Where a finding ends, its category in small type, outside the mark so the mark holds the text alone.
    for (const f of p.findings.filter((x) => x.end === p.end)) {
      nodes.push(h('span', { class: 'finding-tag', 'aria-hidden': 'true' }, f.category));
    }
  }
  return nodes;
}
