#!/usr/bin/env bash
# Start-up on one core, repeated: time from launch to a healthy /healthz, and RSS 2 s later.
#   ./bench/startup.sh [N]        N starts (default 5), each on a fresh data folder, as bench/run.sh starts it
# Extra JVM options for the experiment: SF_BENCH_JAVA_OPTS (e.g. "-XX:TieredStopAtLevel=1").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
N=${1:-5}
[[ "$N" =~ ^[0-9]+$ && "$N" -ge 1 ]] || { echo "bench/startup.sh: N must be a positive number (got '$N')" >&2; exit 2; }
./sf --version >/dev/null
JAVA="$(./sf --java-home)/bin/java"
JAR="$ROOT/target/sanfrancisco.jar"
AOT_OPTS=()
[[ -f "$ROOT/target/sanfrancisco.aot" ]] && AOT_OPTS=(-XX:AOTCache="$ROOT/target/sanfrancisco.aot" -Xlog:aot=off -Xlog:cds=off)
export AI_GRANT_HMAC_SECRET="bench-secret-bench-secret-bench-secret-000"
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
for i in $(seq 1 "$N"); do
  D=$(mktemp -d)
  T0=$(date +%s%N)
  DEEPSEEK_API_KEY=sk-bench DEEPSEEK_BASE_URL=http://127.0.0.1:9/v1 SF_JOBS=off taskset -c 0 "$JAVA" "${AOT_OPTS[@]}" \
    -Xmx512m ${SF_BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -jar "$JAR" serve --port "$PORT" --data-dir "$D" \
    > "$D/sf.log" 2>&1 & P=$!
  until curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"; do
    kill -0 $P 2>/dev/null || { echo "bench/startup.sh: the service exited; its log:" >&2; cat "$D/sf.log" >&2; exit 1; }
    sleep 0.02
  done
  T1=$(date +%s%N); sleep 2
  echo "start $i: healthy after $(( (T1 - T0) / 1000000 )) ms, idle RSS $(( $(awk '/VmRSS/ {print $2}' /proc/$P/status) / 1024 )) MiB"
  kill $P; wait $P 2>/dev/null || true
  rm -rf "$D"
done
