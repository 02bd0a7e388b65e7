#!/usr/bin/env bash
# CPU cost of one execute, and where it goes. San Francisco alone on core 0 (taskset -c 0), the mock upstream
# and the load driver on core 1, concurrency 16, as in bench/run.sh.
#   ./bench/profile.sh                 CPU per execute (from /proc, JIT compiler threads counted apart)
#   ./bench/profile.sh --profile       the same, plus async-profiler (Maven Central: tools.profiler:async-profiler)
#                                      attached for the measured seconds only (after the warm-up), and a table of
#                                      where the CPU goes (profile.md)
#   --warmup S (default 120: on one core the JIT takes about that long to settle)  --seconds S (default 15)
# Results land in bench/results/<time>-profile/. Figures move from run to run on a shared machine: compare
# builds with several runs each.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
PROFILE=0; WARMUP=120; SECONDS_MEASURED=15
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile) PROFILE=1; shift ;;
    --warmup|--seconds)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "bench/profile.sh: $1 needs a number of seconds" >&2; exit 2; }
      if [[ "$1" == --warmup ]]; then WARMUP=$2; else SECONDS_MEASURED=$2; fi
      shift 2 ;;
    *) echo "bench/profile.sh: unknown argument '$1' (see the comment at the top)" >&2; exit 2 ;;
  esac
done

./sf --version >/dev/null
export JAVA_HOME=$(./sf --java-home)
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/target/sanfrancisco.jar"
OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-profile"
mkdir -p "$OUT"

AP=""
if [[ $PROFILE == 1 ]]; then
  AP="$ROOT/bench/.async-profiler/linux-x64/libasyncProfiler.so"
  if [[ ! -f "$AP" ]]; then
    mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.2 >/dev/null
    mkdir -p "$ROOT/bench/.async-profiler"
    (cd "$ROOT/bench/.async-profiler" && "$JAVA_HOME/bin/jar" xf "$HOME/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2.jar" linux-x64)
  fi
fi
# async-profiler is loaded into the running service (jcmd JVMTI.agent_load) when the warm-up ends, so the
# profile holds the measured seconds only, not start-up and the JIT's first minute.
profiler() { "$JAVA_HOME/bin/jcmd" "$SFPID" JVMTI.agent_load "$AP" "\"$1\"" >/dev/null; }
AOT_OPTS=()
[[ -f "$ROOT/target/sanfrancisco.aot" ]] && AOT_OPTS=(-XX:AOTCache="$ROOT/target/sanfrancisco.aot" -Xlog:aot=off -Xlog:cds=off)

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done; echo "bench: $1 did not come up" >&2; exit 1; }
export AI_GRANT_HMAC_SECRET="bench-secret-bench-secret-bench-secret-000"
MOCK=$(free_port); SF=$(free_port)

taskset -c 1 "$JAVA" -jar "$JAR" bench mock --port "$MOCK" > "$OUT/mock.log" 2>&1 & PIDS+=($!)
wait_http "http://127.0.0.1:$MOCK/_latency"
DEEPSEEK_API_KEY=sk-bench DEEPSEEK_BASE_URL="http://127.0.0.1:$MOCK/v1" SF_JOBS=off \
  taskset -c 0 "$JAVA" "${AOT_OPTS[@]}" -Xmx512m -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED \
  -jar "$JAR" serve --port "$SF" --data-dir "$OUT/sf-data" > "$OUT/sf.log" 2>&1 & SFPID=$!; PIDS+=($SFPID)
wait_http "http://127.0.0.1:$SF/healthz"

echo "warm-up: ${WARMUP} s at concurrency 16"
taskset -c 1 "$JAVA" -jar "$JAR" bench load --name warmup --kind sf --concurrency 16 --seconds "$WARMUP" --warmup 0 \
  --url "http://127.0.0.1:$SF/v1/execute" --out "$OUT/warmup.json" >/dev/null
cpu() { python3 "$ROOT/bench/profile_report.py" cpu "$SFPID"; }
[[ $PROFILE == 1 ]] && profiler "start,event=cpu,interval=1000000"
C0=$(cpu)
taskset -c 1 "$JAVA" -jar "$JAR" bench load --name measured --kind sf --concurrency 16 --seconds "$SECONDS_MEASURED" \
  --warmup 0 --url "http://127.0.0.1:$SF/v1/execute" --out "$OUT/measured.json"
sleep 4 # the background writer finishes the batch it holds; its CPU belongs to these executes
C1=$(cpu)
[[ $PROFILE == 1 ]] && profiler "stop,file=$OUT/profile.collapsed,collapsed"
python3 "$ROOT/bench/profile_report.py" per-execute "$OUT/measured.json" "$C0" "$C1" | tee "$OUT/cpu.txt"
kill $SFPID; wait $SFPID 2>/dev/null || true
rm -rf "$OUT/sf-data"
if [[ $PROFILE == 1 ]]; then
  python3 "$ROOT/bench/profile_report.py" table "$OUT/profile.collapsed" > "$OUT/profile.md"
  cat "$OUT/profile.md"
fi
echo "results in $OUT"
