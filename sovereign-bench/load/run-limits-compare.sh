#!/usr/bin/env bash
# What usage limits on Redis cost, side by side with the same gateway without limits, in one run: two gateways of
# one jar up at once (the same fake upstream, the same client key), one whose key has limits (high enough never to
# refuse) counted in the Redis at REDIS_URL, one whose key has none. Round after round, in alternating order:
#   - CPU per request under wrk (-t1 -c32, 2 KB OpenAI chat bodies): the gateway process's utime+stime
#     (/proc/<pid>/stat) over the run / the requests wrk completed; for the limited gateway also redis-server's;
#   - latency at a fixed rate (OpenLoop, RATE requests/s, coordinated-omission-correct), p50 and p99.
#
#   sovereign-bench/load/run-limits-compare.sh [JAR [BASE_JAR]]   # default: sovereign-cli/target/sovereign.jar
#
# With BASE_JAR, a third gateway of that jar runs with the same limits on the same Redis ("base"), measured in the
# same rounds, so that two builds' cost of limits compare side by side.
#
# ROUNDS (3), DURATION (30 s per wrk run), WARM_S (40 s per gateway first), RATE (1000), OPEN_S (20),
# REDIS_URL (redis://127.0.0.1:6379). Unpinned, as users run it. Output: bench-results/limits-<time>/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar=$(realpath "${1:-$root/sovereign-cli/target/sovereign.jar}")
base_jar=${2:+$(realpath "$2")}
ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-30} WARM_S=${WARM_S:-40} CONNECTIONS=${CONNECTIONS:-32}
BODY_BYTES=${BODY_BYTES:-2048} RATE=${RATE:-1000} OPEN_S=${OPEN_S:-20} REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
UP_PORT=18490 OFF_PORT=18491 ON_PORT=18492 BASE_PORT=18493
out="${OUT:-$root/bench-results/limits-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
. "$here/common.sh"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
bench_jar="$root/sovereign-bench/target/benchmarks.jar"
[ -f "$bench_jar" ] || (cd "$root" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl sovereign-bench -am package)
redis_pid=$(pgrep -o redis-server) || { echo "no redis-server runs here; start one at $REDIS_URL" >&2; exit 1; }

key="sk-bench-$(date +%s)"
sha=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
run_id="bench$(date +%s)"
write_config() { # name limits-and-redis-yaml
  mkdir -p "$out/$1/config"
  printf 'keys:\n  - id: %s\n    sha256: %s\n    team: bench\n    workload: bench\n%s\n' "$run_id" "$sha" "$2" \
    >"$out/$1/config/sovereign.yaml"
}
write_config off ""
write_config on "    limits: {requests_per_minute: 100000000, tokens_per_day: 100000000000, usd_per_month: 100000000, concurrent: 100000}
redis: {url: \"$REDIS_URL\"}"
limited="    limits: {requests_per_minute: 100000000, tokens_per_day: 100000000000, usd_per_month: 100000000, concurrent: 100000}
redis: {url: \"$REDIS_URL\"}"
[ -n "$base_jar" ] && write_config base "$limited"

"$java" -cp "$bench_jar" dev.sovereign.bench.load.BenchUpstream --port "$UP_PORT" >"$out/upstream.log" 2>&1 &
pids+=($!)
wait_port "$UP_PORT"
"$java" -cp "$bench_jar" dev.sovereign.bench.load.ChatBodies --bytes "$BODY_BYTES" >"$out/body.json" 2>/dev/null
cat >"$out/wrk.lua" <<LUA
wrk.method = "POST"
local f = io.open("$out/body.json", "rb"); wrk.body = f:read("*a"); f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
LUA
jvm_opts=$(sed -n 's/^jvm_opts+=(\(.*\))$/\1/p' "$root/sovereign" | head -1)
start() { # name port [jar]
  (cd "$out/$1" && exec env OPENAI_API_KEY=x OPENAI_BASE_URL="http://127.0.0.1:$UP_PORT/v1" \
     ANTHROPIC_API_KEY=x ANTHROPIC_BASE_URL="http://127.0.0.1:$UP_PORT" SOVEREIGN_LOG_LEVEL=WARN \
     "$java" $jvm_opts --sun-misc-unsafe-memory-access=allow -jar "${3:-$jar}" serve --config "$out/$1/config" --port "$2") \
     >"$out/$1.log" 2>&1 &
  pids+=($!)
  eval "$1_pid=$!"
  wait_port "$2"
}
start off "$OFF_PORT"
start on "$ON_PORT"
names="off on"
if [ -n "$base_jar" ]; then start base "$BASE_PORT" "$base_jar"; names="off on base"; fi
port_of() { case "$1" in off) echo "$OFF_PORT" ;; on) echo "$ON_PORT" ;; base) echo "$BASE_PORT" ;; esac; }
pid_of() { case "$1" in off) echo "$off_pid" ;; on) echo "$on_pid" ;; base) echo "$base_pid" ;; esac; }
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
cpu_run() { # name port pid seconds tag -> "requests gateway_us redis_us"
  local t0 t1 r0 r1 raw="$out/wrk-$1-$5.txt"
  t0=$(ticks "$3"); r0=$(ticks "$redis_pid")
  wrk -t1 -c"$CONNECTIONS" -d"$4"s -s "$out/wrk.lua" "http://127.0.0.1:$2/v1/chat/completions" >"$raw" 2>&1
  t1=$(ticks "$3"); r1=$(ticks "$redis_pid")
  local n non2xx; n=$(awk '/requests in/ {print $1}' "$raw")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$raw"); [ -n "$non2xx" ] && echo "$1: $non2xx answers were not 2xx" >&2
  awk -v n="$n" -v d="$((t1 - t0))" -v r="$((r1 - r0))" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%d %.1f %.1f\n", n, d * 1e6 / hz / n, r * 1e6 / hz / n}'
}
open_run() { # name port tag -> RESULT line of OpenLoop
  "$java" -cp "$bench_jar" dev.sovereign.bench.load.OpenLoop --url "http://127.0.0.1:$2/v1/chat/completions" \
    --label "$1" --rate "$RATE" --duration-s "$OPEN_S" --warmup-s 5 --body-bytes "$BODY_BYTES" \
    --header "Authorization: Bearer $key" >"$out/openloop-$1-$3.txt" 2>&1 || true
  grep '^RESULT' "$out/openloop-$1-$3.txt" || echo "RESULT label=$1 failed"
}
echo "load average at start: $(cat /proc/loadavg)" | tee "$out/results.txt"
for b in $names; do cpu_run "$b" "$(port_of "$b")" "$(pid_of "$b")" "$WARM_S" warm >/dev/null; done
for r in $(seq 1 "$ROUNDS"); do
  order="$names"; [ $((r % 2)) = 0 ] && order=$(echo "$names" | tr ' ' '\n' | tac | tr '\n' ' ')
  for b in $order; do
    read -r n us rus < <(cpu_run "$b" "$(port_of "$b")" "$(pid_of "$b")" "$DURATION" "r$r")
    echo "RESULT round=$r limits=$b requests=$n rps=$((n / DURATION)) gateway_cpu_us_per_request=$us redis_cpu_us_per_request=$rus loadavg=$(cut -d' ' -f1 /proc/loadavg)" \
      | tee -a "$out/results.txt"
  done
  for b in $order; do
    echo "OPENLOOP round=$r limits=$b $(open_run "$b" "$(port_of "$b")" "r$r")" | tee -a "$out/results.txt"
  done
done
# the limited gateway counted every request in Redis
curl -s "http://127.0.0.1:$ON_PORT/metrics" | grep -E '^sovereign_limit' | tee -a "$out/results.txt" || true
