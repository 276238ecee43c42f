#!/usr/bin/env bash
# Gateway throughput and latency benchmark (issue 2, "Performance"). Run from anywhere:
#
#   sovereign-bench/load/run-gateway-bench.sh
#
# Measures, side by side in one run and against the same fake upstream, with 2 KB OpenAI
# chat-completion request bodies:
#   1. closed-loop max throughput (wrk): direct to the upstream, nginx proxy_pass (keepalive pool),
#      the Sovereign gateway (default, and without its access log: access_log: false), Portkey's gateway;
#      non-streaming and streaming; candidates alternate within each round;
#   2. open-loop latency at a fixed rate (OpenLoop, coordinated-omission-correct): direct vs the
#      gateway, non-streaming (full response) and streaming (time to first token);
#   3. STREAMS concurrent slow streams through the gateway (StreamSoak), with its resident memory.
#
# CPU placement (PIN=1, the default): the proxy under test runs alone on CPU 0; the fake upstream
# and the load generators share CPU 1. Every proxy thus gets the same single core (nginx 1 worker,
# node is single-threaded, the JVM sees 1 CPU), and the upstream's cost is not charged to it.
# The per-core busy share is printed for every wrk run so a saturated CPU 1 (upstream-bound run)
# is visible. PIN=0 runs everything unpinned (nginx with one worker per core).
#
# Idempotent: installs wrk, nginx, node/npm and Portkey only when missing, rebuilds the jars
# (SKIP_BUILD=1 to reuse them), kills only the processes it started. Results go to
# bench-results/gateway-<timestamp>/ (raw tool output, results.tsv, summary.md).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

DURATION=${DURATION:-15}        # seconds per wrk run
THREADS=${THREADS:-1}           # wrk threads
CONNECTIONS=${CONNECTIONS:-64}  # wrk connections
ROUNDS=${ROUNDS:-2}             # alternating rounds of every comparison
RATE=${RATE:-1000}              # open-loop requests per second
OPEN_S=${OPEN_S:-20}            # open-loop measured seconds
WARMUP_S=${WARMUP_S:-5}         # open-loop warm-up seconds (not recorded)
STREAMS=${STREAMS:-1000}        # concurrent slow streams
BODY_BYTES=${BODY_BYTES:-2048}
REPLY_WORDS=${REPLY_WORDS:-32}  # words in each fake answer (32 SSE chunks when streaming)
PIN=${PIN:-1}
WARM_S=${WARM_S:-10}            # wrk warm-up per path before the rounds (JIT)
PORTKEY_VERSION=${PORTKEY_VERSION:-1.15.2}
UP_PORT=18080 GW_PORT=18081 NGINX_PORT=18082 GWQ_PORT=18083 SLOW_PORT=18090 GWS_PORT=18091 PK_PORT=8787

out="${OUT:-$root/bench-results/gateway-$(date -u +%Y%m%dT%H%M%SZ)}"
work="${BENCH_WORK:-$root/bench-results/.work}"
mkdir -p "$out" "$work"
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$out/run.log" >&2; }

# --- tools ---------------------------------------------------------------------------------------
find_java() {
  local d
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    [ -n "$d" ] && [ -x "$d/bin/java" ] && { printf '%s' "$d"; return; }
  done
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}
export JAVA_HOME="$(find_java)"
java="$JAVA_HOME/bin/java"

need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
command -v nginx >/dev/null || need_apt+=(nginx)
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
command -v taskset >/dev/null || need_apt+=(util-linux)
command -v python3 >/dev/null || need_apt+=(python3)
command -v curl >/dev/null || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
portkey="$work/portkey/node_modules/@portkey-ai/gateway/build/start-server.js"
if [ ! -f "$portkey" ] || ! grep -q "\"version\": \"$PORTKEY_VERSION\"" "$work/portkey/node_modules/@portkey-ai/gateway/package.json"; then
  log "installing @portkey-ai/gateway@$PORTKEY_VERSION into $work/portkey"
  mkdir -p "$work/portkey"
  (cd "$work/portkey" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund --silent "@portkey-ai/gateway@$PORTKEY_VERSION" >/dev/null)
fi

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$root/sovereign-bench/target/benchmarks.jar" ]; then
  log "building sovereign.jar and benchmarks.jar"
  (cd "$root" && ./mvnw -B -q -pl sovereign-cli,sovereign-bench -am package -DskipTests) >"$out/build.log" 2>&1
fi
gateway_jar="$root/sovereign-cli/target/sovereign.jar"
bench_jar="$root/sovereign-bench/target/benchmarks.jar"

if [ "$PIN" = 1 ]; then proxy_cpu=(taskset -c 0); load_cpu=(taskset -c 1); nginx_workers=1
else proxy_cpu=(); load_cpu=(); nginx_workers=auto; fi

# --- processes -----------------------------------------------------------------------------------
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

for port in $UP_PORT $GW_PORT $NGINX_PORT $GWQ_PORT $SLOW_PORT $GWS_PORT $PK_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use; stop whatever listens there (an earlier run?) and retry" >&2; exit 1
  fi
done

wait_port() { # port name
  local i
  for i in $(seq 1 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "$2 did not listen on port $1; see $out/$2.log" >&2; exit 1
}

start_upstream() { # name port [extra flags]
  local name=$1 port=$2; shift 2
  "${load_cpu[@]}" "$java" -cp "$bench_jar" dev.sovereign.bench.load.BenchUpstream \
    --port "$port" --reply-words "$REPLY_WORDS" "$@" >"$out/$name.log" 2>&1 &
  pids+=($!)
  wait_port "$port" "$name"
}

start_gateway() { # name port upstream-port log-level
  local name=$1 port=$2 up=$3 level=$4
  mkdir -p "$work/$name/config"
  # The quiet variants run without the per-request access log.
  if [ "$level" = WARN ]; then echo "access_log: false" >"$work/$name/config/sovereign.yaml"; else rm -f "$work/$name/config/sovereign.yaml"; fi
  (cd "$work/$name" && exec env OPENAI_API_KEY=x OPENAI_BASE_URL="http://127.0.0.1:$up/v1" \
     ANTHROPIC_API_KEY=x ANTHROPIC_BASE_URL="http://127.0.0.1:$up" SOVEREIGN_LOG_LEVEL="$level" \
     "${proxy_cpu[@]}" "$java" ${GATEWAY_JAVA_OPTS:-} -jar "$gateway_jar" serve --config "$work/$name/config" \
     --port "$port") >"$out/$name.log" 2>&1 &
  pids+=($!)
  eval "${name//-/_}_pid=$!"
  wait_port "$port" "$name"
}

log "output: $out"
# The machine may be shared: wait (up to QUIET_WAIT_S) for the 1-minute load average to drop
# below 1.5, and record it with every run either way.
for _ in $(seq 1 "${QUIET_WAIT_S:-0}"); do
  awk '{exit !($1 < 1.5)}' /proc/loadavg && break
  sleep 1
done
log "load average at start: $(cat /proc/loadavg)"
start_upstream upstream $UP_PORT
upstream_pid=${pids[-1]}
start_gateway gateway $GW_PORT $UP_PORT INFO
start_gateway gateway-quiet $GWQ_PORT $UP_PORT WARN

mkdir -p "$work/nginx/logs"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes $nginx_workers;
daemon off;
pid $work/nginx/nginx.pid;
error_log $out/nginx-error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  upstream fake { server 127.0.0.1:$UP_PORT; keepalive 256; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    client_max_body_size 32m;
    client_body_buffer_size 64k;
    location / {
      proxy_pass http://fake;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;  # as an LLM proxy must, so SSE chunks are relayed as they come
    }
  }
}
EOF
"${proxy_cpu[@]}" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" >"$out/nginx.log" 2>&1 &
pids+=($!)
nginx_pid=$!
wait_port $NGINX_PORT nginx

(cd "$work/portkey" && exec env NODE_ENV=production "${proxy_cpu[@]}" node "$portkey" --port=$PK_PORT --headless) \
  >"$out/portkey.log" 2>&1 &
pids+=($!)
portkey_pid=$!
wait_port $PK_PORT portkey

# --- request bodies and targets ------------------------------------------------------------------
"$java" -cp "$bench_jar" dev.sovereign.bench.load.ChatBodies --bytes "$BODY_BYTES" >"$work/body.json" 2>/dev/null
"$java" -cp "$bench_jar" dev.sovereign.bench.load.ChatBodies --bytes "$BODY_BYTES" --stream >"$work/body-stream.json" 2>/dev/null
portkey_headers=("x-portkey-provider: openai" "x-portkey-custom-host: http://127.0.0.1:$UP_PORT/v1")
declare -A url=(
  [direct]="http://127.0.0.1:$UP_PORT/v1/chat/completions"
  [nginx]="http://127.0.0.1:$NGINX_PORT/v1/chat/completions"
  [gateway]="http://127.0.0.1:$GW_PORT/v1/chat/completions"
  [gateway-quiet]="http://127.0.0.1:$GWQ_PORT/v1/chat/completions"
  [portkey]="http://127.0.0.1:$PK_PORT/v1/chat/completions")
targets=(direct nginx gateway gateway-quiet portkey)

declare -A pid_of=([direct]=$upstream_pid [nginx]=$nginx_pid [gateway]=$gateway_pid
  [gateway-quiet]=$gateway_quiet_pid [portkey]=$portkey_pid)

# CPU time (clock ticks, user + system) of a process and its children, e.g. nginx's workers: the
# cost per request that the other tenants of a shared machine do not distort much.
cpu_of() {
  local p total=0
  for p in $1 $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

headers_for() { [ "$1" = portkey ] && printf '%s\n' "${portkey_headers[@]}"; return 0; }

sse_targets=()
# Every path must reach the fake upstream: its answers carry system_fingerprint fp_fake0001.
for t in "${targets[@]}"; do
  for body in body body-stream; do
    args=(-sS -o "$work/check.out" -w '%{http_code}' -H 'content-type: application/json' -H 'authorization: Bearer sk-bench')
    while IFS= read -r h; do [ -n "$h" ] && args+=(-H "$h"); done < <(headers_for "$t")
    code=$(curl "${args[@]}" --data-binary "@$work/$body.json" "${url[$t]}")
    if [ "$code" = 200 ] && grep -q fp_fake0001 "$work/check.out"; then
      [ "$body" = body-stream ] && sse_targets+=("$t")
    elif [ "$body" = body-stream ] && [ "$t" = portkey ]; then
      # Portkey 1.15.2 on Node 20 fails every streaming request (TypeError: immutable, in its
      # updateHeaders); it is left out of the streaming rows rather than stopping the run.
      log "portkey cannot stream here (answered $code: $(head -c 200 "$work/check.out")); no streaming row for it"
    else
      echo "check failed: $t $body answered $code: $(head -c 300 "$work/check.out")" >&2; exit 1
    fi
  done
done
log "paths answering from the fake upstream: all non-streaming; streaming: ${sse_targets[*]}"

# --- closed-loop throughput (wrk) ----------------------------------------------------------------
lua() { # target body -> path of a wrk script
  local f="$work/wrk-$1-$2.lua"
  {
    echo 'wrk.method = "POST"'
    echo "local f = io.open(\"$work/$2.json\", \"rb\"); wrk.body = f:read(\"*a\"); f:close()"
    echo 'wrk.headers["Content-Type"] = "application/json"'
    echo 'wrk.headers["Authorization"] = "Bearer sk-bench"'
    while IFS= read -r h; do
      [ -n "$h" ] && echo "wrk.headers[\"${h%%:*}\"] = \"${h#*: }\""
    done < <(headers_for "$1")
  } >"$f"
  printf '%s' "$f"
}

cpu_ticks() { awk '/^cpu[0-9]/ {print $1, $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
busy_share() { # before after -> "cpu0=NN% cpu1=NN%"
  join <(echo "$1") <(echo "$2") | awk '{printf "%s=%d%% ", $1, ($4-$2)*100/(($5-$3)>0?($5-$3):1)}'
}

printf 'kind\tround\ttarget\tmode\tmetric\tvalue\n' >"$out/results.tsv"
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$out/results.tsv"; }

run_wrk() { # round target body mode seconds
  local before after raw="$out/wrk-$2-$4-r$1.txt" own0 own1 load
  before=$(cpu_ticks); own0=$(cpu_of "${pid_of[$2]}")
  "${load_cpu[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$5"s --latency -s "$(lua "$2" "$3")" "${url[$2]}" >"$raw" 2>&1
  after=$(cpu_ticks); own1=$(cpu_of "${pid_of[$2]}"); load=$(cut -d' ' -f1 /proc/loadavg)
  echo "cpu busy: $(busy_share "$before" "$after") load $load" >>"$raw"
  local rps errs total cost
  rps=$(awk '/^Requests\/sec/ {print $2}' "$raw")
  total=$(awk '/requests in/ {print $1}' "$raw")
  cost=$(awk -v t="$((own1 - own0))" -v n="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0)}')
  echo "cpu of ${2}: $cost us per request" >>"$raw"
  errs=$(awk '/Non-2xx/ {n+=$NF} /Socket errors/ {gsub(/,/, ""); n+=$4+$6+$8+$10} END {print n+0}' "$raw")
  if [ "$1" != warmup ]; then
    record wrk "$1" "$2" "$4" rps "$rps"
    record wrk "$1" "$2" "$4" errors "$errs"
    record wrk "$1" "$2" "$4" p99_ms "$(awk '$1 == "99%" {print $2}' "$raw")"
    record wrk "$1" "$2" "$4" cpu "$(busy_share "$before" "$after" | tr ' ' ',')"
    record wrk "$1" "$2" "$4" cpu_us_per_req "$cost"
    record wrk "$1" "$2" "$4" loadavg "$load"
  fi
  log "wrk r$1 $2 $4: $rps req/s, errors $errs, $cost us CPU/request, $(tail -2 "$raw" | head -1)"
}

log "warm-up (JIT) of every path, $WARM_S s each"
for t in "${targets[@]}"; do run_wrk warmup "$t" body json "$WARM_S"; done
for t in "${sse_targets[@]}"; do run_wrk warmup "$t" body-stream sse "$WARM_S"; done

for r in $(seq 1 "$ROUNDS"); do
  for mode in json sse; do
    body=body; [ "$mode" = sse ] && body=body-stream
    order=("${targets[@]}"); [ "$mode" = sse ] && order=("${sse_targets[@]}")
    # Reverse the order every other round so no candidate always runs first or last.
    if [ $((r % 2)) = 0 ]; then rev=(); for t in "${order[@]}"; do rev=("$t" "${rev[@]}"); done; order=("${rev[@]}"); fi
    for t in "${order[@]}"; do run_wrk "$r" "$t" "$body" "$mode" "$DURATION"; done
  done
done

# --- open-loop latency at a fixed rate -----------------------------------------------------------
open_loop() { # round target mode
  local raw="$out/openloop-$2-$3-r$1.txt" extra=()
  [ "$3" = sse ] && extra+=(--stream)
  "${load_cpu[@]}" "$java" -cp "$bench_jar" dev.sovereign.bench.load.OpenLoop --url "${url[$2]}" --label "$2" \
    --rate "$RATE" --duration-s "$OPEN_S" --warmup-s "$WARMUP_S" --body-bytes "$BODY_BYTES" "${extra[@]}" \
    >"$raw" 2>&1 || true
  local line; line="$(grep '^RESULT' "$raw" || echo "RESULT failed") loadavg=$(cut -d' ' -f1 /proc/loadavg)"
  for kv in $line; do
    case "$kv" in *=*) [ "${kv%%=*}" != label ] && record openloop "$1" "$2" "$3" "${kv%%=*}" "${kv#*=}";; esac
  done
  log "open-loop r$1 $2 $3: $line"
}

for r in $(seq 1 "$ROUNDS"); do
  for mode in json sse; do
    order=(direct gateway gateway-quiet); [ $((r % 2)) = 0 ] && order=(gateway-quiet gateway direct)
    for t in "${order[@]}"; do open_loop "$r" "$t" "$mode"; done
  done
done

# --- concurrent slow streams ---------------------------------------------------------------------
# Each stream lasts about 10 s: 96 words plus role and finish chunks, 100 ms apart. Three runs:
#   default - the gateway with an empty config directory, as the other measurements;
#   pool-cold, pool-warm - providers.yaml raising max_connections (default 256 per provider and
#     event loop) to 2000, in a fresh gateway, then again in the same, now JIT-warm, process.
start_upstream slow-upstream $SLOW_PORT --chunk-delay-ms 100 --reply-words 96
memory_of() { awk '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {print "rss_kib=" r " hwm_kib=" h}' "/proc/$1/status"; }
soak() { # label gateway-pid port
  local label=$1 pid=$2 port=$3 raw="$out/streams-$1.txt" after5 line
  log "streams ($label): $STREAMS concurrent through the gateway (pid $pid), before: $(memory_of "$pid")"
  "${load_cpu[@]}" "$java" -cp "$bench_jar" dev.sovereign.bench.load.StreamSoak \
    --url "http://127.0.0.1:$port/v1/chat/completions" --streams "$STREAMS" --ramp-s 2 --timeout-s 120 \
    --body-bytes "$BODY_BYTES" --watch-pid "$pid" >"$raw" 2>&1 || true
  sleep 5
  after5=$(memory_of "$pid")
  echo "AFTER_5S $after5" >>"$raw"
  line=$(grep '^RESULT' "$raw" || echo "RESULT failed")
  for kv in $line; do case "$kv" in *=*) record streams "$label" gateway sse "${kv%%=*}" "${kv#*=}";; esac; done
  record streams "$label" gateway sse after_5s_rss_kib "$(echo "$after5" | sed 's/rss_kib=\([0-9]*\).*/\1/')"
  log "streams ($label): $line; 5 s later: $after5"
  grep -m3 -E '^stream|^request' "$raw" | sed 's/^/  first errors: /' >&2 || true
}
start_gateway gateway-streams $GWS_PORT $SLOW_PORT WARN
soak default "$gateway_streams_pid" $GWS_PORT
kill "$gateway_streams_pid"; wait "$gateway_streams_pid" 2>/dev/null || true
mkdir -p "$work/gateway-pool/config"
cat >"$work/gateway-pool/config/providers.yaml" <<EOF
providers:
  - id: openai
    kind: openai-compatible
    endpoint: http://127.0.0.1:$SLOW_PORT/v1
    api_key_env: OPENAI_API_KEY
    max_connections: 2000
    models:
      - pattern: "*"
EOF
start_gateway gateway-pool $GWS_PORT $SLOW_PORT WARN
soak pool-cold "$gateway_pool_pid" $GWS_PORT
soak pool-warm "$gateway_pool_pid" $GWS_PORT

# --- summary -------------------------------------------------------------------------------------
python3 "$here/summarize-gateway-bench.py" "$out/results.tsv" "$RATE" >"$out/summary.md"
cat "$out/summary.md"
gzip -f "$out"/gateway*.log 2>/dev/null || true  # the access log of a run is large
