#!/usr/bin/env python3
"""Turns the results.tsv of run-audit-bench.sh into Markdown tables and target checks.

Usage: summarize-audit-bench.py results.tsv RATE COMMIT

Figures over rounds are medians; the per-round values are listed too, since the machine may be
shared and one noisy round should be visible rather than averaged away. The load average is the
1-minute figure read at the end of each run.
"""
import collections
import statistics
import sys

STORES = ["sqlite-normal", "sqlite-full", "postgresql"]
STORE_NAMES = {
    "sqlite-normal": "SQLite, WAL, synchronous=NORMAL (default)",
    "sqlite-full": "SQLite, WAL, synchronous=FULL",
    "postgresql": "PostgreSQL 15, local server",
}
STORE_TARGETS = {"sqlite-normal": 20000, "sqlite-full": 20000, "postgresql": 10000}
GATEWAYS = ["audit-off", "audit-sqlite", "audit-pg"]
GATEWAY_NAMES = {
    "audit-off": "audit off (`audit: {enabled: false}`)",
    "audit-sqlite": "audit on, SQLite (default store)",
    "audit-pg": "audit on, PostgreSQL store",
}


def load(path):
    rows = collections.defaultdict(dict)  # (kind, target, mode, metric) -> {round: value}
    with open(path) as f:
        next(f)
        for line in f:
            kind, rnd, target, mode, metric, value = line.rstrip("\n").split("\t")
            rows[(kind, target, mode, metric)][rnd] = value
    return rows


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=0):
    return "n/a" if v is None else f"{v:,.{digits}f}"


def rounds_of(r, key):
    return sorted(r.get(key, {}).keys(), key=lambda x: (not x.isdigit(), int(x) if x.isdigit() else x))


def series(r, kind, target, mode, metric):
    key = (kind, target, mode, metric)
    return [num(r[key][k]) for k in rounds_of(r, key)] if key in r else []


def cell(values, digits=0):
    """median (round; round; ...)"""
    if not values:
        return "n/a"
    return f"{fmt(med(values), digits)} ({'; '.join(fmt(v, digits) for v in values)})"


def text(r, kind, target, mode, metric):
    key = (kind, target, mode, metric)
    return [r[key][k] for k in rounds_of(r, key)] if key in r else []


def store_tables(r, out):
    kinds = [s for s in STORES if series(r, "store-closed", s, "closed", "events_per_s")]
    if kinds:
        out.append("#### Closed loop: the writer's ceiling\n")
        out.append("| store | events/s (median; rounds) | commits/s | avg group | durable commit latency p50 / p99 ms"
                   " | writer thread CPU % | writer / process CPU µs per event | machine busy % | load avg"
                   " | chain verified |")
        out.append("|---|---|---|---|---|---|---|---|---|---|")
        for s in kinds:
            k = ("store-closed", s, "closed")
            out.append("| " + " | ".join([
                STORE_NAMES[s],
                cell(series(r, *k, "events_per_s")),
                fmt(med(series(r, *k, "commits_per_s"))),
                fmt(med(series(r, *k, "avg_group")), 1),
                f"{fmt(med(series(r, *k, 'p50_ms')), 2)} / {fmt(med(series(r, *k, 'p99_ms')), 2)}",
                "; ".join(fmt(v) for v in series(r, *k, "writer_cpu_pct")),
                f"{fmt(med(series(r, *k, 'writer_us_per_event')), 1)} /"
                f" {fmt(med(series(r, *k, 'process_us_per_event')), 1)}",
                "; ".join(fmt(v) for v in series(r, *k, "machine_busy_pct")),
                "; ".join(text(r, *k, "loadavg")),
                "; ".join(f"{v} ({e})" for v, e in zip(text(r, *k, "verified"), text(r, *k, "verified_events"))),
            ]) + " |")
        out.append("")
    kinds = [s for s in STORES if series(r, "store-open", s, "open", "decisions_per_s")]
    if kinds:
        out.append("#### Open loop at the target rate: sustained?\n")
        out.append("| store | offered events/s | committed events/s (median; rounds) | failed | commits/s | avg group"
                   " | latency p50 / p99 / p99.9 / max ms (median) | load avg | chain verified |")
        out.append("|---|---|---|---|---|---|---|---|---|")
        for s in kinds:
            k = ("store-open", s, "open")
            out.append("| " + " | ".join([
                STORE_NAMES[s],
                fmt(med(series(r, *k, "rate"))),
                cell(series(r, *k, "decisions_per_s")),
                "; ".join(fmt(v) for v in series(r, *k, "failed")),
                fmt(med(series(r, *k, "commits_per_s"))),
                fmt(med(series(r, *k, "avg_group")), 1),
                " / ".join(fmt(med(series(r, *k, m)), 2) for m in ("p50_ms", "p99_ms", "p999_ms", "max_ms")),
                "; ".join(text(r, *k, "loadavg")),
                "; ".join(f"{v} ({e})" for v, e in zip(text(r, *k, "verified"), text(r, *k, "verified_events"))),
            ]) + " |")
        out.append("")
    verdicts = []
    for s in STORES:
        closed = med(series(r, "store-closed", s, "closed", "events_per_s"))
        opened = series(r, "store-open", s, "open", "decisions_per_s")
        failed = sum(v or 0 for v in series(r, "store-open", s, "open", "failed"))
        if closed is None and not opened:
            continue
        target = STORE_TARGETS[s]
        sustained = opened and min(opened) >= 0.99 * target and failed == 0
        verdicts.append(f"| {STORE_NAMES[s]} | >= {target:,} events/s | ceiling {fmt(closed)} events/s; at"
                        f" {target:,}/s offered: {', '.join(fmt(v) for v in opened) or 'n/a'} committed, {fmt(failed)}"
                        f" failed | {'met' if (closed or 0) >= target and sustained else '**not met**'} |")
    if verdicts:
        out.append("| store | target | measured | verdict |")
        out.append("|---|---|---|---|")
        out.extend(verdicts)
        out.append("")


def ids_table(r, out):
    modes = [m for m in ("random", "time-ordered") if series(r, "store-ids", "sqlite-normal", m, "events_per_s")]
    if not modes:
        return
    out.append("#### SQLite (NORMAL), closed loop: the gateway's random request ids vs ids ordered by time\n")
    out.append("| request ids | events/s (median; rounds) | commits/s | avg group | writer thread CPU µs/event"
               " | process CPU µs/event | load avg | chain verified |")
    out.append("|---|---|---|---|---|---|---|---|")
    for m in modes:
        k = ("store-ids", "sqlite-normal", m)
        out.append("| " + " | ".join([
            "random (`sgw_` + 24 random hex, as the gateway)" if m == "random" else "time-ordered (`sgw_` + 12 hex"
            " of the millisecond + 12 random)",
            cell(series(r, *k, "events_per_s")),
            fmt(med(series(r, *k, "commits_per_s"))),
            fmt(med(series(r, *k, "avg_group")), 1),
            cell(series(r, *k, "writer_us_per_event"), 1),
            cell(series(r, *k, "process_us_per_event"), 1),
            "; ".join(text(r, *k, "loadavg")),
            "; ".join(text(r, *k, "verified")),
        ]) + " |")
    out.append("")


def gateway_tables(r, rate, out):
    gws = [g for g in GATEWAYS if any(("openloop", g, m, "ok") in r for m in ("json", "sse"))]
    if not gws:
        return
    out.append(f"#### Latency through the gateway, open loop at {rate} requests/s, ms (median of rounds)\n")
    out.append("| gateway | mode | p50 | p90 | p99 | p99.9 | max | errors | audit events committed, avg group | load avg |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    for mode, prefix, label in (("json", "", "full response"), ("sse", "ttft_", "time to first token")):
        for g in gws:
            k = ("openloop", g, mode)
            if (*k, "ok") not in r:
                continue
            ev = series(r, *k, "audit_events")
            grp = series(r, *k, "audit_avg_group")
            out.append("| " + " | ".join([
                GATEWAY_NAMES[g], label,
                *(fmt(med(series(r, *k, prefix + m)), 3) for m in ("p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms")),
                fmt(sum(v or 0 for v in series(r, *k, "errors"))),
                f"{fmt(med(ev))}, {fmt(med(grp), 1)}" if ev else "",
                "; ".join(text(r, *k, "loadavg")),
            ]) + " |")
    out.append("")
    out.append("#### Added by durable-before-forward (audit on − audit off, same round), ms\n")
    out.append("| store | mode | p50 added (rounds) | p99 added (rounds) | p99.9 added (rounds) | p50 / p99 added, median"
               " | target p50 <= 1, p99 <= 3 |")
    out.append("|---|---|---|---|---|---|---|")
    for mode, prefix, label in (("json", "", "full response"), ("sse", "ttft_", "TTFT")):
        for g in gws:
            if g == "audit-off" or ("openloop", g, mode, "ok") not in r:
                continue
            diffs = {}
            for m in ("p50_ms", "p99_ms", "p999_ms"):
                on = r.get(("openloop", g, mode, prefix + m), {})
                off = r.get(("openloop", "audit-off", mode, prefix + m), {})
                diffs[m] = [num(on[k]) - num(off[k]) for k in sorted(on, key=int) if k in off
                            and num(on[k]) is not None and num(off[k]) is not None]
            p50, p99 = med(diffs["p50_ms"]), med(diffs["p99_ms"])
            ok = p50 is not None and p99 is not None and p50 <= 1.0 and p99 <= 3.0
            out.append("| " + " | ".join([
                GATEWAY_NAMES[g].replace("audit on, ", ""), label,
                "; ".join(fmt(v, 3) for v in diffs["p50_ms"]),
                "; ".join(fmt(v, 3) for v in diffs["p99_ms"]),
                "; ".join(fmt(v, 3) for v in diffs["p999_ms"]),
                f"{fmt(p50, 3)} / {fmt(p99, 3)}",
                "met" if ok else "**not met**",
            ]) + " |")
    out.append("")
    waits = [(mode, label, g) for mode, label in (("json", "full response"), ("sse", "streaming"))
             for g in gws if g != "audit-off" and ("openloop", g, mode, "durable_wait_p50_ms") in r]
    if waits:
        out.append("#### Wait for the decision's commit, as the gateway measured it"
                   " (`sovereign_audit_durable_wait_seconds`; bucket bounds), ms\n")
        out.append("| store | mode | p50 (rounds) | p99 (rounds) | p99.9 (rounds) | p50 / p99, median"
                   " | target p50 <= 1, p99 <= 3 |")
        out.append("|---|---|---|---|---|---|---|")
        for mode, label, g in waits:
            k = ("openloop", g, mode)
            p50s, p99s, p999s = (series(r, *k, "durable_wait_" + m) for m in ("p50_ms", "p99_ms", "p999_ms"))
            p50, p99 = med(p50s), med(p99s)
            ok = p50 is not None and p99 is not None and p50 <= 1.0 and p99 <= 3.0
            out.append("| " + " | ".join([
                GATEWAY_NAMES[g].replace("audit on, ", ""), label,
                "; ".join(fmt(v, 3) for v in p50s),
                "; ".join(fmt(v, 3) for v in p99s),
                "; ".join(fmt(v, 3) for v in p999s),
                f"{fmt(p50, 3)} / {fmt(p99, 3)}",
                "met" if ok else "**not met**",
            ]) + " |")
        out.append("")
    trails = [(g, r.get(("verify", g, "all", "verified"), {}).get("all")) for g in gws if g != "audit-off"]
    if trails:
        out.append("Trails written by the gateways during the run, verified after they stopped: " + "; ".join(
            f"{g}: {v or 'n/a'}, {r.get(('verify', g, 'all', 'events'), {}).get('all', '?')} events"
            for g, v in trails) + ".\n")


def main(path, rate, commit):
    r = load(path)
    out = [f"### Audit trail benchmark (commit {commit})\n"]
    store_tables(r, out)
    ids_table(r, out)
    gateway_tables(r, rate, out)
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "?", sys.argv[3] if len(sys.argv) > 3 else "?")
