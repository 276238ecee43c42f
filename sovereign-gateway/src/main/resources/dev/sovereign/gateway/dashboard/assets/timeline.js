// The periods of a report window, every one of them, so that charts show quiet periods as zero.

const HOUR = 3600;
const DAY = 86400;

/** The start (seconds, UTC) of the period holding t: an hour, a day, or a week from Monday. */
export function periodStart(t, granularity) {
  if (granularity === 'hour') return Math.floor(t / HOUR) * HOUR;
  const day = Math.floor(t / DAY) * DAY;
  if (granularity === 'day') return day;
  const weekday = (new Date(day * 1000).getUTCDay() + 6) % 7; // Monday 0
  return day - weekday * DAY;
}

function next(t, granularity) {
  return t + (granularity === 'hour' ? HOUR : granularity === 'day' ? DAY : 7 * DAY);
}

/**
 * The posture's series on every period of its window: {times, buckets} where buckets[i] is the report's bucket
 * starting at times[i], or null for a period without requests.
 */
export function periods(posture) {
  const g = posture.granularity;
  const from = Date.parse(posture.from) / 1000;
  const to = Date.parse(posture.to) / 1000;
  const byStart = new Map(posture.series.map((b) => [Date.parse(b.start) / 1000, b]));
  const times = [];
  for (let t = periodStart(from, g); t < to && times.length < 1000; t = next(t, g)) times.push(t);
  for (const t of byStart.keys()) if (!times.includes(t)) times.push(t);
  times.sort((a, b) => a - b);
  return { times, buckets: times.map((t) => byStart.get(t) || null) };
}
