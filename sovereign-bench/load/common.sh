# Sourced by the load scripts after they set $root and $out: a JDK 21+ in $java, background processes in $pids
# stopped when the script exits, and wait_port PORT [TRIES] (0.2 s apart; 150 by default).
. "$root/tools/find-jdk.sh"
JAVA_HOME="$(find_jdk)"; export JAVA_HOME
java="$JAVA_HOME/bin/java"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
wait_port() {
  for _ in $(seq 1 "${2:-150}"); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done
  echo "nothing listens on port $1; see $out/*.log" >&2; exit 1
}
