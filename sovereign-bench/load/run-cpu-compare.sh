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
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
base_jar=$1 new_jar=$2
ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-30} WARM_S=${WARM_S:-40} CONNECTIONS=${CONNECTIONS:-32} BODY_BYTES=${BODY_BYTES:-2048}
UP_PORT=18480 BASE_PORT=18481 NEW_PORT=18482
out="${OUT:-$root/bench-results/cpu-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
. "$root/tools/find-jdk.sh"
JAVA_HOME="$(find_jdk)"; export JAVA_HOME
java="$JAVA_HOME/bin/java"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
[ -f "$root/sovereign-bench/target/benchmarks.jar" ] || (cd "$root" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl sovereign-bench -am package)

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
wait_port() {
  for _ in $(seq 1 150); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done
  echo "nothing listens on port $1; see $out/*.log" >&2; exit 1
}
"$java" -cp "$root/sovereign-bench/target/benchmarks.jar" dev.sovereign.bench.load.BenchUpstream --port "$UP_PORT" \
  >"$out/upstream.log" 2>&1 &
pids+=($!)
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
run() { # name port pid seconds -> "requests cpu_us_per_request"
  local t0 t1 raw="$out/wrk-$1-$5.txt"
  t0=$(ticks "$3")
  wrk -t1 -c"$CONNECTIONS" -d"$4"s -s "$out/wrk.lua" "http://127.0.0.1:$2/v1/chat/completions" >"$raw" 2>&1
  t1=$(ticks "$3")
  local n; n=$(awk '/requests in/ {print $1}' "$raw")
  awk -v n="$n" -v d="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%d %.1f\n", n, d * 1e6 / hz / n}'
}
echo "load average at start: $(cat /proc/loadavg)" | tee "$out/results.txt"
run base "$BASE_PORT" "$base_pid" "$WARM_S" warm >/dev/null
run new "$NEW_PORT" "$new_pid" "$WARM_S" warm >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  order="base new"; [ $((r % 2)) = 0 ] && order="new base"
  for b in $order; do
    port=$BASE_PORT pid=$base_pid; [ "$b" = new ] && port=$NEW_PORT pid=$new_pid
    read -r n us < <(run "$b" "$port" "$pid" "$DURATION" "r$r")
    echo "RESULT round=$r build=$b requests=$n rps=$((n / DURATION)) cpu_us_per_request=$us loadavg=$(cut -d' ' -f1 /proc/loadavg)" \
      | tee -a "$out/results.txt"
  done
done
