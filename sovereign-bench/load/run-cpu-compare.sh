#!/usr/bin/env bash
# CPU per request of two builds of the gateway, side by side in one run: both run at once (different ports, the
# same fake upstream), and wrk loads them in turn, round after round, so that the machine's noise falls on both.
# CPU per request = the gateway process's utime+stime over the run (/proc/<pid>/stat) / the requests wrk completed.
#
#   sovereign-bench/load/run-cpu-compare.sh BASE_JAR NEW_JAR      # e.g. a jar built at the previous commit, and HEAD's
#
# ROUNDS (3), DURATION (30 s per run), WARM_S (40 s per build before the rounds), CONNECTIONS (32), BODY_BYTES (2048):
# wrk -t1 -c32 with 2 KB OpenAI chat bodies and the default policy and store, as users run it (unpinned; the access
# log on). Each build runs through ./sovereign's JVM options. Output: bench-results/cpu-<time>/.
#
# RATE=N (say 2000): an open loop at N requests/s instead of wrk (dev.sovereign.bench.load.OpenLoop, 64 connections,
# latency from each request's scheduled send time). The machine is then not saturated, so CPU per request is not
# inflated by two loaded cores fighting over caches, and each round also measures the upstream alone at the same rate:
# the RESULT lines add p50 and p99 latency, and "added" is a build's p99 minus the direct p99 of its round.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
base_jar=$1 new_jar=$2
ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-30} WARM_S=${WARM_S:-40} CONNECTIONS=${CONNECTIONS:-32} BODY_BYTES=${BODY_BYTES:-2048}
UP_PORT=18480 BASE_PORT=18481 NEW_PORT=18482
out="${OUT:-$root/bench-results/cpu-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
. "$here/common.sh"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
[ -f "$root/sovereign-bench/target/benchmarks.jar" ] || (cd "$root" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl sovereign-bench -am package)

"$java" -cp "$root/sovereign-bench/target/benchmarks.jar" dev.sovereign.bench.load.BenchUpstream --port "$UP_PORT" \
  >"$out/upstream.log" 2>&1 &
pids+=($!)
up_pid=$!
wait_port "$UP_PORT"
"$java" -cp "$root/sovereign-bench/target/benchmarks.jar" dev.sovereign.bench.load.ChatBodies --bytes "$BODY_BYTES" \
  >"$out/body.json" 2>/dev/null
cat >"$out/wrk.lua" <<LUA
wrk.method = "POST"
local f = io.open("$out/body.json", "rb"); wrk.body = f:read("*a"); f:close()
wrk.headers["Content-Type"] = "application/json"
LUA
# The JVM options ./sovereign gives the gateway.
jvm_opts=$(sed -n 's/^jvm_opts+=(\(.*\))$/\1/p' "$root/sovereign" | head -1)
start() { # name jar port
  mkdir -p "$out/$1/config"
  (cd "$out/$1" && exec env OPENAI_API_KEY=x OPENAI_BASE_URL="http://127.0.0.1:$UP_PORT/v1" \
     ANTHROPIC_API_KEY=x ANTHROPIC_BASE_URL="http://127.0.0.1:$UP_PORT" SOVEREIGN_LOG_LEVEL=WARN \
     "$java" $jvm_opts --sun-misc-unsafe-memory-access=allow -jar "$2" serve --config "$out/$1/config" --port "$3") \
     >"$out/$1.log" 2>&1 &
  pids+=($!)
  eval "$1_pid=$!"
  wait_port "$3"
}
start base "$base_jar" "$BASE_PORT"
start new "$new_jar" "$NEW_PORT"
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
RATE=${RATE:-0}
run() { # name port pid seconds -> "requests cpu_us_per_request p50_ms p99_ms"
  local t0 t1 raw="$out/load-$1-$5.txt" n p50=- p99=-
  t0=$(ticks "$3")
  if [ "$RATE" -gt 0 ]; then
    "$java" -cp "$root/sovereign-bench/target/benchmarks.jar" dev.sovereign.bench.load.OpenLoop \
      --url "http://127.0.0.1:$2/v1/chat/completions" --label "$1" --rate "$RATE" --duration-s "$4" --warmup-s 5 \
      --body-bytes "$BODY_BYTES" >"$raw" 2>&1
    # CPU is counted over the whole run, so the requests are the measured ones and the 5 s of warm-up before them
    n=$(( $(sed -n 's/^RESULT.* ok=\([0-9]*\).*/\1/p' "$raw") + RATE * 5 ))
    p50=$(sed -n 's/^RESULT.* p50_ms=\([0-9.]*\).*/\1/p' "$raw")
    p99=$(sed -n 's/^RESULT.* p99_ms=\([0-9.]*\).*/\1/p' "$raw")
  else
    wrk -t1 -c"$CONNECTIONS" -d"$4"s -s "$out/wrk.lua" "http://127.0.0.1:$2/v1/chat/completions" >"$raw" 2>&1
    n=$(awk '/requests in/ {print $1}' "$raw")
  fi
  t1=$(ticks "$3")
  awk -v n="$n" -v d="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v a="$p50" -v b="$p99" \
    'BEGIN {printf "%d %.1f %s %s\n", n, d * 1e6 / hz / n, a, b}'
}
echo "load average at start: $(cat /proc/loadavg)" | tee "$out/results.txt"
run base "$BASE_PORT" "$base_pid" "$WARM_S" warm >/dev/null
run new "$NEW_PORT" "$new_pid" "$WARM_S" warm >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  order="base new"; [ $((r % 2)) = 0 ] && order="new base"
  [ "$RATE" -gt 0 ] && order="direct $order"
  for b in $order; do
    port=$BASE_PORT pid=$base_pid; [ "$b" = new ] && port=$NEW_PORT pid=$new_pid
    [ "$b" = direct ] && port=$UP_PORT pid=$up_pid
    read -r n us p50 p99 < <(run "$b" "$port" "$pid" "$DURATION" "r$r")
    latency="" rps=$((n / DURATION))
    [ "$RATE" -gt 0 ] && latency=" p50_ms=$p50 p99_ms=$p99" rps=$((n / (DURATION + 5)))
    echo "RESULT round=$r build=$b requests=$n rps=$rps cpu_us_per_request=$us$latency loadavg=$(cut -d' ' -f1 /proc/loadavg)" \
      | tee -a "$out/results.txt"
  done
done
