#!/usr/bin/env python3
"""Turns the results.tsv of run-gateway-bench.sh into Markdown tables and target checks.

Figures over rounds are medians; the per-round values are listed too, since the machine may be
shared and one noisy round should be visible rather than averaged away.
"""
import collections
import statistics
import sys


def load(path):
    rows = collections.defaultdict(dict)  # (kind, target, mode, metric) -> {round: value}
    with open(path) as f:
        next(f)
        for line in f:
            kind, rnd, target, mode, metric, value = line.rstrip("\n").split("\t")
            rows[(kind, target, mode, metric)][rnd] = value
    return rows


def num(v):
    """A number from a tool's output; wrk's durations (850us, 1.2ms, 1.1s) become milliseconds."""
    if v is None:
        return None
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if v.endswith(unit):
            v, scale = v[: -len(unit)], factor
            break
    else:
        scale = 1.0
    try:
        return float(v) * scale
    except ValueError:
        return None


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=0):
    return "n/a" if v is None else f"{v:,.{digits}f}"


def main(path):
    r = load(path)
    targets = ["direct", "nginx", "gateway", "gateway-quiet", "portkey"]
    names = {
        "direct": "direct to upstream (reference)",
        "nginx": "nginx proxy_pass, keepalive pool",
        "gateway": "Sovereign gateway (default log level)",
        "gateway-quiet": "Sovereign gateway (access_log: false)",
        "portkey": "Portkey gateway (node)",
    }
    out = []
    rps = {}
    out.append("### Closed-loop throughput (wrk), requests/s\n")
    out.append("| path | non-streaming req/s (median; rounds) | × nginx | streaming req/s (median; rounds) | × nginx | proxy CPU µs/request, non-streaming / streaming | errors | CPU busy, load avg (non-streaming, last round) |")
    out.append("|---|---|---|---|---|---|---|---|")
    for t in targets:
        cells = []
        for mode in ("json", "sse"):
            per = r.get(("wrk", t, mode, "rps"), {})
            vals = [num(per[k]) for k in sorted(per)]
            rps[(t, mode)] = med(vals)
            cells.append(f"{fmt(rps[(t, mode)])} ({'; '.join(fmt(v) for v in vals)})")
        errors = sum(int(float(v)) for mode in ("json", "sse") for v in r.get(("wrk", t, mode, "errors"), {}).values())
        cpu = r.get(("wrk", t, "json", "cpu"), {})
        cpu_last = cpu[sorted(cpu)[-1]].strip(",") if cpu else ""
        ratio = lambda mode: fmt(rps[(t, mode)] / rps[("nginx", mode)], 2) if rps.get(("nginx", mode)) and rps[(t, mode)] else "n/a"
        cost = " / ".join(fmt(med([num(v) for v in r.get(("wrk", t, mode, "cpu_us_per_req"), {}).values()])) for mode in ("json", "sse"))
        loads = r.get(("wrk", t, "json", "loadavg"), {})
        load_last = loads[sorted(loads)[-1]] if loads else ""
        out.append(f"| {names[t]} | {cells[0]} | {ratio('json')} | {cells[1]} | {ratio('sse')} | {cost} | {errors} | {cpu_last} {load_last} |")

    out.append("\n### Open-loop latency, ms (latency from the scheduled send time)\n")
    out.append("| path | mode | p50 | p90 | p99 | p99.9 | max | errors |")
    out.append("|---|---|---|---|---|---|---|---|")
    lat = {}
    for mode, prefix in (("json", ""), ("sse", "ttft_")):
        for t in ("direct", "gateway", "gateway-quiet"):
            vals = {}
            for p in ("p50", "p90", "p99", "p999", "max"):
                per = r.get(("openloop", t, mode, f"{prefix}{p}_ms"), {})
                lat[(t, mode, p)] = {k: num(v) for k, v in per.items()}
                vals[p] = med(lat[(t, mode, p)].values())
            errs = sum(int(float(v)) for v in r.get(("openloop", t, mode, "errors"), {}).values())
            label = "full response" if mode == "json" else "time to first token"
            out.append(f"| {names[t]} | {label} | " + " | ".join(fmt(vals[p], 3) for p in ("p50", "p90", "p99", "p999", "max")) + f" | {errs} |")

    added = {}
    out.append("\n### Added latency through the gateway (gateway − direct, same round)\n")
    out.append("| mode | gateway variant | p50 added (rounds) | p99 added (rounds) | p99 added, median |")
    out.append("|---|---|---|---|---|")
    for mode in ("json", "sse"):
        for g in ("gateway", "gateway-quiet"):
            rounds = sorted(set(lat[(g, mode, "p99")]) & set(lat[("direct", mode, "p99")]))
            d50 = [lat[(g, mode, "p50")][k] - lat[("direct", mode, "p50")][k] for k in rounds if lat[(g, mode, "p50")][k] is not None and lat[("direct", mode, "p50")][k] is not None]
            d99 = [lat[(g, mode, "p99")][k] - lat[("direct", mode, "p99")][k] for k in rounds if lat[(g, mode, "p99")][k] is not None and lat[("direct", mode, "p99")][k] is not None]
            added[(mode, g)] = med(d99)
            out.append(f"| {'non-streaming' if mode == 'json' else 'TTFT'} | {g} | {'; '.join(fmt(v, 3) for v in d50)} | {'; '.join(fmt(v, 3) for v in d99)} | {fmt(added[(mode, g)], 3)} |")

    soaks = collections.OrderedDict()
    for (k, t, mode, m), per in r.items():
        if k == "streams":
            for label, v in per.items():
                soaks.setdefault(label, {})[m] = v
    about = {
        "default": "empty config (as above)",
        "pool-cold": "max_connections 2000, fresh process",
        "pool-warm": "max_connections 2000, same process again",
    }
    out.append("\n### Concurrent slow streams through the gateway (about 10 s each)\n")
    out.append("| gateway | streams | ok | failed | max open at once | TTFT p50 / p99 / max ms | duration p50 / max s | RSS peak during | VmRSS / VmHWM at end | VmRSS 5 s later |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    mib = lambda kib: "n/a" if kib is None else f"{int(kib) / 1024:.0f} MiB"
    for label, s in soaks.items():
        out.append(
            f"| {about.get(label, label)} | {s.get('streams')} | {s.get('ok')} | {s.get('failed')} | {s.get('max_open')} | "
            f"{s.get('ttft_p50_ms')} / {s.get('ttft_p99_ms')} / {s.get('ttft_max_ms')} | {s.get('duration_p50_s')} / {s.get('duration_max_s')} | "
            f"{mib(s.get('during_rss_peak_kib'))} | {mib(s.get('rss_kib'))} / {mib(s.get('hwm_kib'))} | {mib(s.get('after_5s_rss_kib'))} |")

    def check(name, ok, detail):
        out.append(f"| {name} | {detail} | {'met' if ok else 'NOT met'} |")

    out.append("\n### Targets (issue 2)\n")
    out.append("| target | measured | verdict |")
    out.append("|---|---|---|")
    for g in ("gateway", "gateway-quiet"):
        ratio = rps[(g, "json")] / rps[("nginx", "json")] if rps.get((g, "json")) and rps.get(("nginx", "json")) else None
        check(f"throughput ≥ 0.7× nginx ({g}, non-streaming)", ratio is not None and ratio >= 0.7, f"{fmt(ratio, 2)}×")
        pk = rps[(g, "json")] / rps[("portkey", "json")] if rps.get((g, "json")) and rps.get(("portkey", "json")) else None
        check(f"≥ 3× Portkey throughput ({g}, non-streaming)", pk is not None and pk >= 3, f"{fmt(pk, 2)}×")
        a = added.get(("json", g))
        check(f"added p99 ≤ 1 ms at {RATE} rps ({g})", a is not None and a <= 1.0, f"{fmt(a, 3)} ms")
        a = added.get(("sse", g))
        check(f"TTFT overhead p99 ≤ 1 ms ({g})", a is not None and a <= 1.0, f"{fmt(a, 3)} ms")
    for label, s in soaks.items():
        ok = s.get("ok") is not None and s.get("ok") == s.get("streams") and s.get("failed") == "0"
        check(f"concurrent streams without error ({about.get(label, label)})", ok, f"{s.get('ok')}/{s.get('streams')} ok, {s.get('failed')} failed")
    print("\n".join(out))


if __name__ == "__main__":
    RATE = sys.argv[2] if len(sys.argv) > 2 else "1000"
    main(sys.argv[1])
