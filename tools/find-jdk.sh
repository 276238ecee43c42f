# Sourced by ./sovereign and ./verify: find_jdk prints the home of the newest JDK 21 or newer it can find
# (JAVA_HOME, the java on the PATH, then the usual install folders, or the colon-separated folders of
# SOVEREIGN_JDK_PARENTS instead of those), or nothing.

java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  local d parent
  if [ -n "${SOVEREIGN_JDK_PARENTS:-}" ]; then # colon-separated folders whose subfolders are JDKs
    local IFS=:
    for parent in $SOVEREIGN_JDK_PARENTS; do
      for d in "$parent"/*; do [ -d "$d" ] && candidates+=("$d"); done
    done
    unset IFS
  else
    for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/java/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
      [ -d "$d" ] && candidates+=("$d")
    done
  fi
  local home best="" best_version=0 v
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    v="$(java_major "$home/bin/java")"
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_version" ]; then best="$home"; best_version="$v"; fi
  done
  printf '%s' "$best"
}

no_jdk_message() {
  cat >&2 <<'MSG'
no JDK 21 or newer found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm, /opt, ~/.sdkman).
Install one, for example:
  Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk      (or Temurin 21+ from adoptium.net)
  macOS:          brew install openjdk@21
then run this command again, or point JAVA_HOME at it.
MSG
}
