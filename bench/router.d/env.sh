# Shared by bench/router and bench/router.d/*.sh: build the router-tools module (and what it needs: protocol,
# router) if needed and compute its runtime classpath. Sourced, not executed. Sets ROOT, CP and the DJL offline
# settings.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export OPT_OUT_TRACKING=true          # DJL must never phone home
JAVA_OPTS=(-Dai.djl.offline=true -Xss8m)
CP_FILE="$ROOT/router-tools/target/classpath.txt"
# The classpath comes from Maven itself: the reactor build (-am) compiles protocol and router into their
# target/classes and the dependency plugin writes router-tools' runtime classpath, pointing at those folders, so
# nothing has to be installed in the local repository first.
build_router() {
  local offline=-o
  [ -d "$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime" ] \
    && [ -d "$HOME/.m2/repository/org/apache/maven/plugins/maven-dependency-plugin" ] || offline=
  if [ ! -d "$ROOT/router-tools/target/classes/io/edgerouter/router" ] || [ ! -s "$CP_FILE" ] \
     || [ -n "$(find "$ROOT/pom.xml" "$ROOT/protocol" "$ROOT/router" "$ROOT/router-tools" \
                  \( -name pom.xml -o -path '*/src/main/*' \) -newer "$CP_FILE" -type f 2>/dev/null | head -1)" ]; then
    local log="$ROOT/router-tools/target/router-build.log"
    mkdir -p "$ROOT/router-tools/target"
    local goals=(-pl router-tools -am compile dependency:build-classpath -DincludeScope=runtime
                 -Dmdep.outputFile=target/classpath.txt)
    # offline when the local repository seems to hold everything; a plugin whose own dependencies are not there yet
    # (a repository filled by other builds) makes that fail, and one online run then fetches them
    if ! (cd "$ROOT" && ./mvnw -B $offline "${goals[@]}") > "$log" 2>&1 \
       && { [ -z "$offline" ] || ! (cd "$ROOT" && ./mvnw -B "${goals[@]}") > "$log" 2>&1; }; then
      grep -E '^\[(ERROR|WARNING)\]' "$log" >&2 || tail -40 "$log" >&2
      echo "router build failed; full log in $log" >&2
      return 1
    fi
    [ -s "$CP_FILE" ] || { echo "the dependency plugin wrote no classpath (see $log)" >&2; return 1; }
  fi
  CP="$ROOT/router-tools/target/classes:$(cat "$CP_FILE")"
}
