# Shared by bench/router and bench/router.d/train.sh: build the router module if needed and compute its
# runtime classpath. Sourced, not executed. Sets ROOT, CP and the DJL offline settings.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export OPT_OUT_TRACKING=true          # DJL must never phone home
JAVA_OPTS=(-Dai.djl.offline=true -Xss8m)
CP_FILE="$ROOT/router/target/router-classpath.txt"
# The classpath comes from the compiler plugin's own debug log ("compilePath = [...]"): the dependency plugin's
# build-classpath goal needs artifacts that are not in the offline repository. Every router dependency is
# compile scope, so the compile path is the runtime path.
build_router() {
  local offline=-o
  [ -d "$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime" ] || offline=
  if [ ! -d "$ROOT/router/target/classes/io/edgerouter/router" ] || [ ! -s "$CP_FILE" ] \
     || [ "$ROOT/router/pom.xml" -nt "$CP_FILE" ] \
     || [ -n "$(find "$ROOT/router/src/main" -newer "$CP_FILE" -type f 2>/dev/null | head -1)" ]; then
    local log="$ROOT/router/target/router-build.log"
    mkdir -p "$ROOT/router/target"
    if ! (cd "$ROOT" && ./mvnw -B -X $offline -pl router compile) > "$log" 2>&1; then
      grep -E '^\[(ERROR|WARNING)\]' "$log" >&2 || tail -40 "$log" >&2
      echo "router build failed; full log in $log" >&2
      return 1
    fi
    sed -n 's/^\[DEBUG\]   (f) compilePath = \[\(.*\)\]$/\1/p' "$log" | head -1 | sed 's/, /:/g' > "$CP_FILE.tmp"
    [ -s "$CP_FILE.tmp" ] || { echo "could not read the router classpath from $log" >&2; return 1; }
    mv "$CP_FILE.tmp" "$CP_FILE"
  fi
  CP="$(cat "$CP_FILE")"
}
