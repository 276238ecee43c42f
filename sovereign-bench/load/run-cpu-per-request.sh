#!/usr/bin/env bash
# CPU per request of the gateway, per thread, beside nginx proxying to the same upstream, in one run:
#
#   sovereign-bench/load/run-cpu-per-request.sh            # PIN=1: proxies on CPU 0, upstream and wrk on CPU 1
#
# Method: 2 KB OpenAI chat bodies (wrk -t1 -c$CONNECTIONS, non-streaming), the gateway as users run it (./sovereign
# serve, default policy, SQLite store, access log on) and nginx (proxy_pass with a keep-alive pool, one worker) in
# front of BenchUpstream. The gateway is first warmed up in WINDOW-second runs until its CPU per request moves by
# less than 3 % between two windows (at most WARM_MAX windows; each is printed, so the JIT settling shows). Then
# ROUNDS rounds of DURATION seconds each on the gateway and on nginx, alternating. CPU per request = the process's
# utime + stime over the run (/proc/<pid>/stat; nginx: master and workers) / wrk's completed requests; the gateway's
# is also split by thread (/proc/<pid>/task/*/stat, threads grouped by name with digits removed).
# Output: bench-results/cpu-per-request-<time>/ (results.txt, raw wrk output).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-30} WINDOW=${WINDOW:-15} WARM_MAX=${WARM_MAX:-12}
CONNECTIONS=${CONNECTIONS:-32} BODY_BYTES=${BODY_BYTES:-2048} PIN=${PIN:-0}
UP_PORT=18580 GW_PORT=18581 NGINX_PORT=18582
out="${OUT:-$root/bench-results/cpu-per-request-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out/gateway/config" "$out/nginx"
. "$here/common.sh"
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx)
command -v taskset >/dev/null || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi
[ -f "$root/sovereign-bench/target/benchmarks.jar" ] || (cd "$root" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl sovereign-bench -am package)
proxy_cpu=() load_cpu=()
if [ "$PIN" = 1 ]; then proxy_cpu=(taskset -c 0) load_cpu=(taskset -c 1); fi

"${load_cpu[@]}" "$java" -cp "$root/sovereign-bench/target/benchmarks.jar" dev.sovereign.bench.load.BenchUpstream \
  --port "$UP_PORT" >"$out/upstream.log" 2>&1 &
pids+=($!)
wait_port "$UP_PORT" 300
"$java" -cp "$root/sovereign-bench/target/benchmarks.jar" dev.sovereign.bench.load.ChatBodies --bytes "$BODY_BYTES" \
  >"$out/body.json" 2>/dev/null
cat >"$out/wrk.lua" <<LUA
wrk.method = "POST"
local f = io.open("$out/body.json", "rb"); wrk.body = f:read("*a"); f:close()
wrk.headers["Content-Type"] = "application/json"
LUA

(cd "$out/gateway" && exec env OPENAI_API_KEY=x OPENAI_BASE_URL="http://127.0.0.1:$UP_PORT/v1" \
   ANTHROPIC_API_KEY=x ANTHROPIC_BASE_URL="http://127.0.0.1:$UP_PORT" SOVEREIGN_LOG_LEVEL=WARN \
   "${proxy_cpu[@]}" "$root/sovereign" serve --config "$out/gateway/config" --port "$GW_PORT") >"$out/gateway.log" 2>&1 &
gateway=$!
pids+=($gateway)
wait_port "$GW_PORT" 300

cat >"$out/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $out/nginx/nginx.pid;
error_log $out/nginx-error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $out/nginx/body;
  proxy_temp_path $out/nginx/proxy;
  upstream fake { server 127.0.0.1:$UP_PORT; keepalive 256; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    client_max_body_size 32m;
    client_body_buffer_size 64k;
    location / {
      proxy_pass http://fake;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
NGINX
"${proxy_cpu[@]}" nginx -p "$out/nginx" -c "$out/nginx/nginx.conf" >"$out/nginx.log" 2>&1 &
nginx=$!
pids+=($nginx)
wait_port "$NGINX_PORT" 300

ticks() { # pids... -> utime+stime summed
  local t=0 p
  for p in "$@"; do t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat"))); done
  echo "$t"
}
threads() { # pid -> "tid name ticks" per thread
  local t
  for t in /proc/"$1"/task/*; do
    printf '%s %s %s\n' "${t##*/}" "$(tr ' ' '_' <"$t/comm")" "$(awk '{print $14+$15}' "$t/stat")"
  done
}
hz=$(getconf CLK_TCK)
wrk_run() { # port seconds raw -> requests
  "${load_cpu[@]}" wrk -t1 -c"$CONNECTIONS" -d"$2"s -s "$out/wrk.lua" "http://127.0.0.1:$1/v1/chat/completions" >"$3" 2>&1
  awk '/requests in/ {print $1}' "$3"
}
per_req() { awk -v d="$1" -v n="$2" -v hz="$hz" 'BEGIN {printf "%.1f", d * 1e6 / hz / n}'; }

echo "load average at start: $(cat /proc/loadavg); PIN=$PIN" | tee "$out/results.txt"
prev=0
for w in $(seq 1 "$WARM_MAX"); do
  t0=$(ticks "$gateway"); n=$(wrk_run "$GW_PORT" "$WINDOW" "$out/warm-$w.txt"); t1=$(ticks "$gateway")
  us=$(per_req $((t1 - t0)) "$n")
  echo "WARMUP window=$w seconds=$WINDOW requests=$n cpu_us_per_request=$us" | tee -a "$out/results.txt"
  if awk -v a="$prev" -v b="$us" 'BEGIN {exit !(a > 0 && (a - b) / a < 0.03 && (b - a) / a < 0.03)}'; then break; fi
  prev=$us
done
nginx_pids() { echo "$nginx $(pgrep -P "$nginx" | tr '\n' ' ')"; }
wrk_run "$NGINX_PORT" "$WINDOW" "$out/warm-nginx.txt" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  order="gateway nginx"; [ $((r % 2)) = 0 ] && order="nginx gateway"
  for target in $order; do
    if [ "$target" = gateway ]; then
      threads "$gateway" >"$out/threads-before-$r.txt"
      t0=$(ticks "$gateway"); n=$(wrk_run "$GW_PORT" "$DURATION" "$out/wrk-gateway-$r.txt"); t1=$(ticks "$gateway")
      threads "$gateway" >"$out/threads-after-$r.txt"
      split=$(join <(sort "$out/threads-before-$r.txt") <(sort "$out/threads-after-$r.txt") \
        | awk -v n="$n" -v hz="$hz" '{g=$2; gsub(/[0-9]+/, "N", g); d[g] += $5 - $3}
            END {for (g in d) if (d[g] > 0) printf "%s=%.1f ", g, d[g] * 1e6 / hz / n}')
      echo "RESULT round=$r target=gateway requests=$n rps=$((n / DURATION)) cpu_us_per_request=$(per_req $((t1 - t0)) "$n") threads: $split" \
        | tee -a "$out/results.txt"
    else
      # shellcheck disable=SC2046
      t0=$(ticks $(nginx_pids)); n=$(wrk_run "$NGINX_PORT" "$DURATION" "$out/wrk-nginx-$r.txt"); t1=$(ticks $(nginx_pids))
      echo "RESULT round=$r target=nginx requests=$n rps=$((n / DURATION)) cpu_us_per_request=$(per_req $((t1 - t0)) "$n")" \
        | tee -a "$out/results.txt"
    fi
  done
done
