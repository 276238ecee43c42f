#!/usr/bin/env bash
# Audit trail benchmark (issue "Audit trail", targets). Run from anywhere:
#
#   sovereign-bench/load/run-audit-bench.sh
#
# Two parts, each comparing its variants alternately in the same run:
#   1. store throughput (dev.sovereign.bench.audit.StoreThroughput): decision events through the
#      AuditWriter (group commit, hash chain, signed checkpoints) into a fresh SQLite file
#      (sqlite_sync normal, full) and a fresh PostgreSQL database, STORE_S seconds after STORE_WARMUP_S
#      of warm-up: closed loop (IN_FLIGHT durable events waiting at once: the ceiling), then open loop
#      at the target rates (SQLITE_RATE, PG_RATE: sustained, with the commit latency at that rate).
#      Every run ends with AuditVerifier over the whole chain, which must find it intact and holding
#      exactly the events whose futures completed. Then (part "ids") SQLite synchronous=NORMAL
#      closed loop again, with the gateway's random request ids and with ids of the same length
#      ordered by time, alternating: what random keys cost the store's request-id index;
#   2. latency a request gains from durable-before-forward: the packaged gateway three times, in
#      front of the same fake upstream (BenchUpstream): audit off (audit: {enabled: false}), audit on
#      with the default SQLite store, audit on with a PostgreSQL store (PG=1, the default); OpenLoop at
#      RATE requests/s (coordinated-omission-correct), non-streaming (whole response) and streaming
#      (time to first token), the gateways alternating within each round, in reverse order every
#      other round. After the rounds the gateways stop and their trails are verified.
#
# CPU placement (PIN=1, the default, as in run-gateway-bench.sh): the gateways run on CPU 0 (the JVM
# sees 1 CPU: one event loop, and the audit writer thread shares that core), the fake upstream and
# OpenLoop on CPU 1. PostgreSQL is a system service and is not pinned. StoreThroughput is not pinned.
#
# Needs: a JDK 21+, python3, curl; PostgreSQL at PG_SERVER (default 127.0.0.1:5432) with user
# postgres and trust authentication for the PostgreSQL parts (PG=0 skips them). Rebuilds the jars
# unless SKIP_BUILD=1; kills only the processes it started; drops the databases it created.
# Results go to bench-results/audit-<timestamp>/ (raw output, results.tsv, summary.md), or OUT.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

ROUNDS=${ROUNDS:-3}               # alternating rounds of every comparison
PARTS=${PARTS:-store,ids,gateway} # which parts to run
PG=${PG:-1}                       # include PostgreSQL
PG_SERVER=${PG_SERVER:-127.0.0.1:5432}
STORE_S=${STORE_S:-30}            # measured seconds per store run
STORE_WARMUP_S=${STORE_WARMUP_S:-5}
PRODUCERS=${PRODUCERS:-2}         # StoreThroughput producer threads
IN_FLIGHT=${IN_FLIGHT:-512}       # closed loop: durable events waiting at once
SQLITE_RATE=${SQLITE_RATE:-20000} # open loop: target rate into SQLite, events/s
PG_RATE=${PG_RATE:-10000}         # open loop: target rate into PostgreSQL, events/s
RATE=${RATE:-2000}                # gateway open-loop requests per second
OPEN_S=${OPEN_S:-20}              # gateway open-loop measured seconds
WARMUP_S=${WARMUP_S:-5}           # gateway open-loop warm-up seconds (not recorded)
WARM_S=${WARM_S:-15}              # one unrecorded open-loop run per gateway before the rounds (JIT)
MODES=${MODES:-json,sse}          # json: whole response; sse: time to first token
BODY_BYTES=${BODY_BYTES:-2048}
REPLY_WORDS=${REPLY_WORDS:-32}
PIN=${PIN:-1}
UP_PORT=18180 OFF_PORT=18181 SQLITE_PORT=18182 PGW_PORT=18183

out="${OUT:-$root/bench-results/audit-$(date -u +%Y%m%dT%H%M%SZ)}"
work="${BENCH_WORK:-$root/bench-results/.work-audit}"
mkdir -p "$out" "$work"
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$out/run.log" >&2; }

find_java() {
  local d
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    [ -n "$d" ] && [ -x "$d/bin/java" ] && { printf '%s' "$d"; return; }
  done
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}
export JAVA_HOME="$(find_java)"
java="$JAVA_HOME/bin/java"
for tool in python3 curl; do command -v $tool >/dev/null || { echo "$tool is needed" >&2; exit 1; }; done

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$root/sovereign-bench/target/benchmarks.jar" ]; then
  log "building sovereign.jar and benchmarks.jar"
  (cd "$root" && ./mvnw -B -q -pl sovereign-cli,sovereign-bench -am package -DskipTests) >"$out/build.log" 2>&1
fi
gateway_jar="$root/sovereign-cli/target/sovereign.jar"
bench_jar="$root/sovereign-bench/target/benchmarks.jar"
commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)

if [ "$PIN" = 1 ]; then proxy_cpu=(taskset -c 0); load_cpu=(taskset -c 1); else proxy_cpu=(); load_cpu=(); fi

pg_admin() { # sql
  "$java" -cp "$bench_jar" dev.sovereign.bench.audit.PgAdmin --server "$PG_SERVER" --sql "$1"
}

pids=() databases=()
cleanup() {
  local p d
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  for d in "${databases[@]}"; do pg_admin "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

printf 'kind\tround\ttarget\tmode\tmetric\tvalue\n' >"$out/results.tsv"
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$out/results.tsv"; }
record_line() { # kind round target mode "RESULT k=v ..." [skip-keys]
  local kv
  for kv in $5; do
    case "$kv" in *=*) case " ${6:-} " in *" ${kv%%=*} "*) ;; *) record "$1" "$2" "$3" "$4" "${kv%%=*}" "${kv#*=}";; esac;; esac
  done
}

log "output: $out (commit $commit)"
for _ in $(seq 1 "${QUIET_WAIT_S:-0}"); do
  awk '{exit !($1 < 1.5)}' /proc/loadavg && break
  sleep 1
done
log "load average at start: $(cat /proc/loadavg)"
{
  echo "commit $commit"; echo "date $(date -u +%FT%TZ)"; nproc; uname -r; "$java" -version 2>&1 | head -1
  grep -m1 'model name' /proc/cpuinfo; free -m | head -2
} >"$out/machine.txt"

# --- part 1: store throughput --------------------------------------------------------------------
store_run() { # output-name kind mode round-or-empty StoreThroughput-args...
  local label=$1 kind=$2 mode=$3 only_round=$4; shift 4
  log "store throughput ($label): $stores"
  "$java" -Xms1g -Xmx1g -cp "$bench_jar" dev.sovereign.bench.audit.StoreThroughput --stores "$stores" \
    --warmup-s "$STORE_WARMUP_S" --duration-s "$STORE_S" --producers "$PRODUCERS" \
    --pg "$PG_SERVER" --dir "$work/stores" "$@" >"$out/$label.txt" 2>"$out/$label.err" || true
  local line store round
  while IFS= read -r line; do
    store=$(sed 's/.* store=\([^ ]*\).*/\1/' <<<"$line")
    round=${only_round:-$(sed 's/.* round=\([^ ]*\).*/\1/' <<<"$line")}
    record_line "$kind" "$round" "$store" "$mode" "$line" "store round"
    log "  $line"
  done < <(grep '^RESULT' "$out/$label.txt")
  grep -q '^RESULT' "$out/$label.txt" || log "store run $label failed: $(tail -3 "$out/$label.err")"
}

if [[ ",$PARTS," == *,store,* ]]; then
  stores=sqlite-normal,sqlite-full rates=$SQLITE_RATE,$SQLITE_RATE
  [ "$PG" = 1 ] && { stores=$stores,postgresql; rates=$rates,$PG_RATE; }
  store_run store-closed store-closed closed "" --rounds "$ROUNDS" --in-flight "$IN_FLIGHT" --rate 0
  store_run store-open store-open open "" --rounds "$ROUNDS" --rate "$rates"
fi

# --- part 1b: random vs time-ordered request ids ---------------------------------------------------
if [[ ",$PARTS," == *,ids,* ]]; then
  stores=sqlite-normal
  for r in $(seq 1 "$ROUNDS"); do
    order=(random time-ordered); [ $((r % 2)) = 0 ] && order=(time-ordered random)
    for ids in "${order[@]}"; do
      store_run "store-ids-$ids-r$r" store-ids "$ids" "$r" --rounds 1 --in-flight "$IN_FLIGHT" --rate 0 \
        --request-ids "$ids"
    done
  done
fi

# --- part 2: latency through the gateway ---------------------------------------------------------
if [[ ",$PARTS," == *,gateway,* ]]; then
  for port in $UP_PORT $OFF_PORT $SQLITE_PORT $PGW_PORT; do
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
  "${load_cpu[@]}" "$java" -cp "$bench_jar" dev.sovereign.bench.load.BenchUpstream \
    --port $UP_PORT --reply-words "$REPLY_WORDS" >"$out/upstream.log" 2>&1 &
  pids+=($!)
  wait_port $UP_PORT upstream

  declare -A port_of=([audit-off]=$OFF_PORT [audit-sqlite]=$SQLITE_PORT [audit-pg]=$PGW_PORT)
  declare -A pid_of=()
  gateways=(audit-off audit-sqlite)
  [ "$PG" = 1 ] && gateways+=(audit-pg)
  pg_db=""
  start_gateway() { # name
    local name=$1 dir="$work/$1"
    rm -rf "$dir"; mkdir -p "$dir/config"
    case "$name" in
      audit-off) printf 'audit:\n  enabled: false\n' >"$dir/config/sovereign.yaml";;
      audit-sqlite) printf 'data_dir: %s/data\n' "$dir" >"$dir/config/sovereign.yaml";;
      audit-pg)
        pg_db="sovereign_bench_gw_$(date +%s)"
        pg_admin "CREATE DATABASE $pg_db" >/dev/null
        databases+=("$pg_db")
        printf 'data_dir: %s/data\naudit:\n  store: postgresql://postgres@%s/%s\n' "$dir" "$PG_SERVER" "$pg_db" \
          >"$dir/config/sovereign.yaml";;
    esac
    (cd "$dir" && exec env OPENAI_API_KEY=x OPENAI_BASE_URL="http://127.0.0.1:$UP_PORT/v1" \
       ANTHROPIC_API_KEY=x ANTHROPIC_BASE_URL="http://127.0.0.1:$UP_PORT" \
       "${proxy_cpu[@]}" "$java" ${GATEWAY_JAVA_OPTS:-} -jar "$gateway_jar" serve --config "$dir/config" \
       --port "${port_of[$name]}") >"$out/$name.log" 2>&1 &
    pids+=($!)
    pid_of[$name]=$!
    wait_port "${port_of[$name]}" "$name"
  }
  for g in "${gateways[@]}"; do start_gateway "$g"; done

  "$java" -cp "$bench_jar" dev.sovereign.bench.load.ChatBodies --bytes "$BODY_BYTES" >"$work/body.json" 2>/dev/null
  # Every gateway must answer from the fake upstream (system_fingerprint fp_fake0001), and the
  # audited ones must have committed the request's events.
  metric_in() { # scrape file, name -> value of the metric line that starts with name
    awk -v m="$2" 'index($0, m) == 1 && v == "" {v = $NF} END {print v}' "$1"
  }
  metric() { # gateway name -> the same, scraped now
    curl -sS "http://127.0.0.1:${port_of[$1]}/metrics" >"$work/metrics-now.txt"
    metric_in "$work/metrics-now.txt" "$2"
  }
  committed_metric='sovereign_audit_events_total{result="committed"'
  for g in "${gateways[@]}"; do
    code=$(curl -sS -o "$work/check.out" -w '%{http_code}' -H 'content-type: application/json' \
      -H 'authorization: Bearer sk-bench' --data-binary "@$work/body.json" \
      "http://127.0.0.1:${port_of[$g]}/v1/chat/completions")
    if [ "$code" != 200 ] || ! grep -q fp_fake0001 "$work/check.out"; then
      echo "check failed: $g answered $code: $(head -c 300 "$work/check.out")" >&2; exit 1
    fi
    if [ "$g" != audit-off ]; then
      sleep 0.5
      c=$(metric "$g" "$committed_metric")
      [ "${c%.*}" -ge 1 ] 2>/dev/null || { echo "check failed: $g committed no audit event (metric: '$c')" >&2; exit 1; }
    fi
  done
  log "gateways answering from the fake upstream: ${gateways[*]}"

  open_loop() { # round gateway mode seconds warmup
    local raw="$out/openloop-$2-$3-r$1.txt" extra=() c0 c1 b0 b1 line
    [ "$3" = sse ] && extra+=(--stream)
    # The audited gateways' metrics, saved by OpenLoop when the measured part starts and after its last response:
    # the commit counters and the gateway's own wait for each decision's commit, over the measured window only.
    rm -f "$work/metrics-before.txt" "$work/metrics-after.txt"
    [ "$2" != audit-off ] && extra+=(--metrics-url "http://127.0.0.1:${port_of[$2]}/metrics"
      --metrics-before "$work/metrics-before.txt" --metrics-after "$work/metrics-after.txt")
    "${load_cpu[@]}" "$java" -cp "$bench_jar" dev.sovereign.bench.load.OpenLoop \
      --url "http://127.0.0.1:${port_of[$2]}/v1/chat/completions" --label "$2" --rate "$RATE" \
      --duration-s "$4" --warmup-s "$5" --body-bytes "$BODY_BYTES" "${extra[@]}" >"$raw" 2>&1 || true
    line="$(grep '^RESULT' "$raw" || echo "RESULT failed") loadavg=$(cut -d' ' -f1 /proc/loadavg)"
    if [ "$2" != audit-off ] && [ -s "$work/metrics-after.txt" ]; then
      c0=$(metric_in "$work/metrics-before.txt" "$committed_metric")
      b0=$(metric_in "$work/metrics-before.txt" sovereign_audit_commits_total)
      c1=$(metric_in "$work/metrics-after.txt" "$committed_metric")
      b1=$(metric_in "$work/metrics-after.txt" sovereign_audit_commits_total)
      line="$line audit_events=$(awk -v a="$c0" -v b="$c1" 'BEGIN {printf "%d", b - a}')"
      line="$line audit_avg_group=$(awk -v a="$c0" -v b="$c1" -v x="$b0" -v y="$b1" 'BEGIN {printf "%.1f", (y > x ? (b - a) / (y - x) : 0)}')"
      # Bucket bounds, ms.
      line="$line $("$java" -cp "$bench_jar" dev.sovereign.bench.load.HistogramDelta --before "$work/metrics-before.txt" \
        --after "$work/metrics-after.txt" --metric sovereign_audit_durable_wait_seconds --prefix durable_wait)"
    fi
    [ "$1" != warmup ] && record_line openloop "$1" "$2" "$3" "$line" label
    log "open-loop r$1 $2 $3: $line"
  }

  IFS=, read -r -a modes <<<"$MODES"
  log "warm-up (JIT): one unrecorded open-loop run per gateway and mode, $WARM_S s"
  for g in "${gateways[@]}"; do for m in "${modes[@]}"; do open_loop warmup "$g" "$m" "$WARM_S" 0; done; done
  for r in $(seq 1 "$ROUNDS"); do
    for m in "${modes[@]}"; do
      order=("${gateways[@]}")
      if [ $((r % 2)) = 0 ]; then rev=(); for g in "${order[@]}"; do rev=("$g" "${rev[@]}"); done; order=("${rev[@]}"); fi
      for g in "${order[@]}"; do open_loop "$r" "$g" "$m" "$OPEN_S" "$WARMUP_S"; done
    done
  done

  # Stop the gateways (SIGTERM: drain, commit what is queued, stop checkpoint) and verify their trails.
  for g in "${gateways[@]}"; do kill "${pid_of[$g]}" 2>/dev/null || true; wait "${pid_of[$g]}" 2>/dev/null || true; done
  for g in "${gateways[@]}"; do
    [ "$g" = audit-off ] && continue
    d="$work/$g/data"
    store="sqlite:$d/audit.db"; [ "$g" = audit-pg ] && store="postgresql://postgres@$PG_SERVER/$pg_db"
    line=$("$java" -cp "$bench_jar" dev.sovereign.bench.audit.VerifyTrail --store "$store" \
      --verify-key "$d/audit-signing.pub" --checkpoints "$d/checkpoints" 2>>"$out/verify.err" | grep '^RESULT' || echo "RESULT verified=failed")
    record_line verify all "$g" all "$line"
    log "trail of $g: $line"
  done
  gzip -f "$out"/audit-*.log 2>/dev/null || true
fi

python3 "$here/summarize-audit-bench.py" "$out/results.tsv" "$RATE" "$commit" >"$out/summary.md"
cat "$out/summary.md"
