#!/usr/bin/env bash
# The gateway at a steady request rate, as a busy but not saturated deployment runs: where its CPU goes and where its
# latency tail comes from.
#
#   sovereign-bench/load/run-steady-rate.sh [JAR]       # default: sovereign-cli/target/sovereign.jar
#
# Method: BenchUpstream, the gateway as ./sovereign runs it (default policy, SQLite store, access log on; GC log
# added), and OpenLoop (2 KB OpenAI chat bodies, RATE requests/s, latency from each request's scheduled send time).
# The gateway is warmed up for WARM_S seconds at RATE, then measured for DURATION seconds (after OpenLoop's own 5 s
# of warm-up). Reported for the measured run: the latency percentiles; CPU per request by thread (/proc/<pid>/task/*/
# stat, threads grouped by name with digits removed, over the run and its warm-up, divided by the requests sent in
# both); how long requests waited for their decision's commit to the audit trail (sovereign_audit_durable_wait_seconds:
# the share within 0.5, 1, 2 and 5 ms); and the young-collection pauses (count, longest).
# GATEWAY_JAVA_OPTS: more JVM options for the gateway (say -XX:+UseZGC).
# RATE (1000), DURATION (30), WARM_S (150: at 1,000 requests/s the JIT compiler threads still take tens of µs per
# request for the first 100 s or so). Output: bench-results/steady-<time>/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${1:-$root/sovereign-cli/target/sovereign.jar}"
RATE=${RATE:-1000} DURATION=${DURATION:-30} WARM_S=${WARM_S:-150} BODY_BYTES=${BODY_BYTES:-2048}
UP_PORT=18680 GW_PORT=18681
out="${OUT:-$root/bench-results/steady-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out/gateway/config"
. "$here/common.sh"
bench="$root/sovereign-bench/target/benchmarks.jar"
[ -f "$bench" ] || (cd "$root" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl sovereign-bench -am package)
[ -f "$jar" ] || (cd "$root" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -Dimage.skip=true -pl sovereign-cli -am package)

"$java" -cp "$bench" dev.sovereign.bench.load.BenchUpstream --port "$UP_PORT" >"$out/upstream.log" 2>&1 &
pids+=($!)
wait_port "$UP_PORT"
jvm_opts=$(sed -n 's/^jvm_opts+=(\(.*\))$/\1/p' "$root/sovereign" | head -1)
(cd "$out/gateway" && exec env OPENAI_API_KEY=x OPENAI_BASE_URL="http://127.0.0.1:$UP_PORT/v1" SOVEREIGN_LOG_LEVEL=WARN \
   "$java" $jvm_opts --sun-misc-unsafe-memory-access=allow "-Xlog:gc:file=$out/gc.log" ${GATEWAY_JAVA_OPTS:-} \
   -jar "$jar" serve --config "$out/gateway/config" --port "$GW_PORT") >"$out/gateway.log" 2>&1 &
gw=$!
pids+=($gw)
wait_port "$GW_PORT"
load() { # seconds raw-file
  "$java" -cp "$bench" dev.sovereign.bench.load.OpenLoop --url "http://127.0.0.1:$GW_PORT/v1/chat/completions" \
    --rate "$RATE" --duration-s "$1" --warmup-s 5 --body-bytes "$BODY_BYTES" >"$2" 2>&1 || true  # errors are in its RESULT
}
threads() { # name ticks, digits in names removed
  for t in /proc/$gw/task/*; do
    read -r name < "$t/comm"
    ticks=$(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')
    name="${name// /_}"
    echo "${name//[0-9]/N} $ticks"
  done | awk '{a[$1] += $2} END {for (k in a) print k, a[k]}' | sort
}
waits() { curl -s "http://127.0.0.1:$GW_PORT/metrics" | grep '^sovereign_audit_durable_wait_seconds_bucket' | sort -t'"' -k2 -g; }

load "$WARM_S" "$out/warm.txt"
threads >"$out/threads-before"; waits >"$out/waits-before"; gc_before=$(grep -c 'Pause Young' "$out/gc.log" || true)
load "$DURATION" "$out/run.txt"
threads >"$out/threads-after"; waits >"$out/waits-after"
requests=$((RATE * (DURATION + 5)))
{
  echo "load average: $(cat /proc/loadavg)"
  grep '^RESULT' "$out/run.txt"
  echo "CPU per request by thread (µs):"
  join "$out/threads-before" "$out/threads-after" | awk -v n="$requests" -v hz="$(getconf CLK_TCK)" \
    '{d = $3 - $2; total += d; if (d > 0) printf "  %-24s %7.1f\n", $1, d * 1e6 / hz / n} END {printf "  %-24s %7.1f\n", "total", total * 1e6 / hz / n}'
  echo "decision commits waited for (share of the run's requests):"
  paste -d' ' "$out/waits-before" "$out/waits-after" | awk '{
      split($1, a, "\""); le = a[2]; n = $4 - $2; if (le == "+Inf") {all = n; next}
      if (!(0.0005 in done) && le + 0 >= 0.0005) {done[0.0005]; w5 = n}
      if (!(0.001 in done) && le + 0 >= 0.001) {done[0.001]; w1 = n}
      if (!(0.002 in done) && le + 0 >= 0.002) {done[0.002]; w2 = n}
      if (!(0.005 in done) && le + 0 >= 0.005) {done[0.005]; w50 = n}
    } END {printf "  within 0.5 ms %.2f %%, 1 ms %.2f %%, 2 ms %.2f %%, 5 ms %.2f %% (buckets at or just above)\n", 100*w5/all, 100*w1/all, 100*w2/all, 100*w50/all}'
  pauses=$(tail -n +$((gc_before + 1)) "$out/gc.log" | grep 'Pause Young' || true)
  echo "young pauses during the run: $(printf '%s\n' "$pauses" | grep -c Pause || true), longest $(printf '%s\n' "$pauses" | awk '{print $NF}' | sort -n | tail -1)"
} | tee "$out/results.txt"
