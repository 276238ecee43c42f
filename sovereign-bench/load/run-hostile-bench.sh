#!/usr/bin/env bash
# Hostile clients against a packaged gateway: stalled 30 MB bodies, then idle connections, with a /healthz
# probe on new connections every 50 ms and the gateway's resident memory sampled throughout. The gateway runs
# through ./sovereign, with the JVM options users get. Run from anywhere:
#
#   sovereign-bench/load/run-hostile-bench.sh
#
# STALLED (200), BODY_MB (30), IDLE (19000: this machine's open-file limit is 20,000 per process, and the
# client holds one descriptor per connection), HOLD_S (20), GATEWAY_JAVA_OPTS (none: the JVM's default heap,
# as users run it), PHASES (stalled,idle). SKIP_BUILD=1 reuses the jars. Output: bench-results/hostile-<time>/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
STALLED=${STALLED:-200} BODY_MB=${BODY_MB:-30} IDLE=${IDLE:-19000} HOLD_S=${HOLD_S:-20} AFTER_S=${AFTER_S:-40}
UP_PORT=${UP_PORT:-18180} GW_PORT=${GW_PORT:-18181}
out="${OUT:-$root/bench-results/hostile-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out/config"

. "$root/tools/find-jdk.sh"
JAVA_HOME="$(find_jdk)"; export JAVA_HOME
java="$JAVA_HOME/bin/java"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$root/sovereign-bench/target/benchmarks.jar" ]; then
  (cd "$root" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl sovereign-cli,sovereign-bench -am package)
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_port() {
  for _ in $(seq 1 150); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done
  echo "nothing listens on port $1; see $out/*.log" >&2; exit 1
}

"$java" -cp "$root/sovereign-bench/target/benchmarks.jar" dev.sovereign.bench.load.BenchUpstream --port "$UP_PORT" \
  >"$out/upstream.log" 2>&1 &
pids+=($!)
wait_port "$UP_PORT"
(cd "$out" && exec env OPENAI_API_KEY=x OPENAI_BASE_URL="http://127.0.0.1:$UP_PORT/v1" \
   ANTHROPIC_API_KEY=x ANTHROPIC_BASE_URL="http://127.0.0.1:$UP_PORT" SOVEREIGN_LOG_LEVEL=WARN \
   SOVEREIGN_JAVA_OPTS="${GATEWAY_JAVA_OPTS:-}" "$root/sovereign" serve --config "$out/config" \
   --port "$GW_PORT") >"$out/gateway.log" 2>&1 &
gateway=$!
pids+=($gateway)
wait_port "$GW_PORT"
echo "load average at start: $(cat /proc/loadavg)" | tee "$out/results.txt"
"$java" -cp "$root/sovereign-bench/target/benchmarks.jar" dev.sovereign.bench.load.HostileClients \
  --port "$GW_PORT" --pid "$gateway" --stalled "$STALLED" --body-mb "$BODY_MB" --idle "$IDLE" --hold-s "$HOLD_S" --after-s "$AFTER_S" --phases "${PHASES:-stalled,idle}" \
  | tee -a "$out/results.txt"
kill -0 "$gateway" && echo "gateway still running" | tee -a "$out/results.txt"
grep -c "OutOfMemoryError\|Too many open files" "$out/gateway.log" | sed 's/^/gateway log lines with OutOfMemoryError or Too many open files: /' \
  | tee -a "$out/results.txt" || true
