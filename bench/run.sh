#!/usr/bin/env bash
# Gateway benchmarks, side by side with Portkey, on this machine. Results land in bench/results/<time>/.
#   ./bench/run.sh           full run (about 13 minutes; 120 s of JIT warm-up per gateway: on one core the JIT takes that long to settle)
#   ./bench/run.sh --quick   short run (about 4 minutes): fewer seconds per point, 2,000 in flight
# Both end with the crash-at-a-random-byte recovery test of the embedded log (bench/crash-recovery.sh).
# Layout: each gateway alone on core 0 (taskset -c 0); the mock upstream and the load driver on core 1.
# Everything is on 127.0.0.1. The last line printed is the headline.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
if [[ $QUICK == 1 ]]; then SECS=3; WARM=1; JIT=8; FLOOD=2000; SWEEP=1,16,64; JMH=(-wi 1 -i 2 -w 1 -r 1); CRASH=24
else SECS=10; WARM=3; JIT=120; FLOOD=10000; SWEEP=1,4,16,32,64,128; JMH=(-wi 3 -i 5 -w 2 -r 2); CRASH=200; fi

# The fixed-rate point (open loop, latency from each request's due time): the issue's "p99 at 1,000 req/s".
RATE=1000
SUFFIX=""; [[ $QUICK == 1 ]] && SUFFIX="-quick"
OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)$SUFFIX"
mkdir -p "$OUT"
log() { printf '\n== %s\n' "$*"; }
need() { command -v "$1" >/dev/null || { echo "bench: $1 is needed ($2)" >&2; exit 2; }; }
need taskset "util-linux"; need node "Node.js, for the Portkey gateway"; need npm "npm"; need curl "curl"

log "build"
./sf --version >/dev/null
export JAVA_HOME=$(./sf --java-home)
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/target/sanfrancisco.jar"
# San Francisco's heap is capped at the target's 512 MB for the whole run (SF_BENCH_HEAP to change it).
SF_HEAP="${SF_BENCH_HEAP:--Xmx512m}"
# The start-up cache ./sf builds once per jar (see ./sf); San Francisco runs with it, as ./sf serve does.
AOT_OPTS=()
[[ -f "$ROOT/target/sanfrancisco.aot" ]] && AOT_OPTS=(-XX:AOTCache="$ROOT/target/sanfrancisco.aot" -Xlog:aot=off -Xlog:cds=off)

log "Portkey gateway @portkey-ai/gateway@1.15.2 (npm, into bench/.portkey)"
if [[ ! -f bench/.portkey/node_modules/@portkey-ai/gateway/build/start-server.js ]]; then
  mkdir -p bench/.portkey
  npm install --prefix bench/.portkey --no-audit --no-fund --loglevel=error @portkey-ai/gateway@1.15.2 >/dev/null
fi

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done; echo "bench: $1 did not come up" >&2; exit 1; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

export AI_GRANT_HMAC_SECRET="bench-secret-bench-secret-bench-secret-000"
MOCK=$(free_port); SF=$(free_port); PK=$(free_port)
LOAD=(taskset -c 1 "$JAVA" -jar "$JAR" bench load --seconds "$SECS" --warmup "$WARM")

log "mock upstream (core 1) on :$MOCK"
taskset -c 1 "$JAVA" -jar "$JAR" bench mock --port "$MOCK" > "$OUT/mock.log" 2>&1 & PIDS+=($!)
wait_http "http://127.0.0.1:$MOCK/_latency"

log "direct to the mock (the round trip every gateway figure is measured against)"
"${LOAD[@]}" --name direct --kind openai --concurrency "$SWEEP" --url "http://127.0.0.1:$MOCK/v1/chat/completions" --out "$OUT/direct.json"
"${LOAD[@]}" --name direct --kind openai --rate "$RATE" --url "http://127.0.0.1:$MOCK/v1/chat/completions" --out "$OUT/direct-rate.json"

log "San Francisco (core 0): embedded default, grant check, budgets, sessions, durable logging on"
T0=$(date +%s%N)
# One bench grant drives up to 10,000 executes at once: the per-subject cap (default 64) is lifted for it.
DEEPSEEK_API_KEY=sk-bench DEEPSEEK_BASE_URL="http://127.0.0.1:$MOCK/v1" SF_JOBS=off SF_MAX_IN_FLIGHT_PER_SUBJECT=20000 \
  taskset -c 0 "$JAVA" "${AOT_OPTS[@]}" $SF_HEAP --enable-native-access=ALL-UNNAMED -jar "$JAR" serve --port "$SF" --data-dir "$OUT/sf-data" > "$OUT/sf.log" 2>&1 & SFPID=$!; PIDS+=($SFPID)
wait_http "http://127.0.0.1:$SF/healthz"
T1=$(date +%s%N)
STARTUP_MS=$(( (T1 - T0) / 1000000 ))
sleep 2
IDLE_RSS_KB=$(rss_kb $SFPID)
echo "healthy after ${STARTUP_MS} ms; idle RSS $((IDLE_RSS_KB / 1024)) MiB"
# Warm-up: on one core the JIT competes with requests; give each gateway the same ${JIT} s at c=16 first.
taskset -c 1 "$JAVA" -jar "$JAR" bench load --name warmup --kind sf --concurrency 16 --seconds "$JIT" --warmup 0 \
  --url "http://127.0.0.1:$SF/v1/execute" --out "$OUT/warmup-sf.json" >/dev/null
"${LOAD[@]}" --name sanfrancisco --kind sf --concurrency "$SWEEP" --url "http://127.0.0.1:$SF/v1/execute" --out "$OUT/sanfrancisco.json"
"${LOAD[@]}" --name sanfrancisco --kind sf --rate "$RATE" --url "http://127.0.0.1:$SF/v1/execute" --out "$OUT/sanfrancisco-rate.json"

log "$FLOOD executes in flight against a 2 s upstream"
curl -s -X POST "http://127.0.0.1:$MOCK/_latency?ms=2000" >/dev/null
taskset -c 1 "$JAVA" -jar "$JAR" bench flood --requests "$FLOOD" --url "http://127.0.0.1:$SF/v1/execute" \
  --metrics-url "http://127.0.0.1:$SF/metrics" --pid "$SFPID" --out "$OUT/flood.json"
curl -s -X POST "http://127.0.0.1:$MOCK/_latency?ms=0" >/dev/null
kill $SFPID; wait $SFPID 2>/dev/null || true

log "Portkey gateway (core 0) on :$PK"
taskset -c 0 node bench/.portkey/node_modules/@portkey-ai/gateway/build/start-server.js --port="$PK" --headless > "$OUT/portkey.log" 2>&1 & PKPID=$!; PIDS+=($PKPID)
wait_http "http://127.0.0.1:$PK/"
taskset -c 1 "$JAVA" -jar "$JAR" bench load --name warmup --kind openai --concurrency 16 --seconds "$JIT" --warmup 0 \
  --url "http://127.0.0.1:$PK/v1/chat/completions" --header "x-portkey-provider: openai" \
  --header "x-portkey-custom-host: http://127.0.0.1:$MOCK/v1" --header "Authorization: Bearer sk-bench" --out "$OUT/warmup-pk.json" >/dev/null
"${LOAD[@]}" --name portkey --kind openai --concurrency "$SWEEP" --url "http://127.0.0.1:$PK/v1/chat/completions" \
  --header "x-portkey-provider: openai" --header "x-portkey-custom-host: http://127.0.0.1:$MOCK/v1" \
  --header "Authorization: Bearer sk-bench" --out "$OUT/portkey.json"
"${LOAD[@]}" --name portkey --kind openai --rate "$RATE" --url "http://127.0.0.1:$PK/v1/chat/completions" \
  --header "x-portkey-provider: openai" --header "x-portkey-custom-host: http://127.0.0.1:$MOCK/v1" \
  --header "Authorization: Bearer sk-bench" --out "$OUT/portkey-rate.json"
kill $PKPID; wait $PKPID 2>/dev/null || true

log "JMH micro-benchmarks"
mvn -B -q -f "$ROOT/pom.xml" -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/target/test-classpath.txt" >/dev/null
"$JAVA" -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/test-classpath.txt")" \
  org.openjdk.jmh.Main HotPathBenchmark -f 1 "${JMH[@]}" -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.log" 2>&1 || echo "bench: JMH failed, see $OUT/jmh.log"
grep -E "^(Benchmark|HotPath)" "$OUT/jmh.log" | tee "$OUT/jmh.txt" || true

log "crash at a random byte: the embedded log's recovery ($CRASH trials)"
if ./bench/crash-recovery.sh "$CRASH" > "$OUT/crash-recovery.txt" 2>&1; then CRASH_RESULT="passed ($CRASH trials)"
else CRASH_RESULT="FAILED (see $OUT/crash-recovery.txt)"; fi
tail -3 "$OUT/crash-recovery.txt"

log "report"
"$JAVA" -jar "$JAR" bench report --results "$OUT"
python3 - "$OUT" "$STARTUP_MS" "$IDLE_RSS_KB" "$CRASH_RESULT" <<'PY'
import json, sys
out, startup, idle, crash = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
d = {r["concurrency"]: r for r in json.load(open(f"{out}/direct.json"))}
s = {r["concurrency"]: r for r in json.load(open(f"{out}/sanfrancisco.json"))}
p = {r["concurrency"]: r for r in json.load(open(f"{out}/portkey.json"))}
f = json.load(open(f"{out}/flood.json"))
rd, rs, rp = (json.load(open(f"{out}/{n}-rate.json")) for n in ("direct", "sanfrancisco", "portkey"))
best = max([s[c]["throughput"] for c in s if s[c]["p99Ms"] - d[c]["p99Ms"] < 5 and s[c]["errors"] == 0] or [0])
c16 = 16 if 16 in s else min(s)
a50, a99 = s[c16]["p50Ms"] - d[c16]["p50Ms"], s[c16]["p99Ms"] - d[c16]["p99Ms"]
k50, k99 = p[c16]["p50Ms"] - d[c16]["p50Ms"], p[c16]["p99Ms"] - d[c16]["p99Ms"]
summary = {"addedP50Ms_c16": round(a50, 3), "addedP99Ms_c16": round(a99, 3), "portkeyAddedP50Ms_c16": round(k50, 3),
           "portkeyAddedP99Ms_c16": round(k99, 3), "maxRpsWithP99AddedUnder5ms": round(best),
           "flood": {k: f[k] for k in ("requests", "ok", "errors", "peakHeapBytes", "peakRssBytes") if k in f},
           "fixedRate": {"ratePerSecond": rd["ratePerSecond"], "addedP99Ms": round(rs["p99Ms"] - rd["p99Ms"], 3),
                         "portkeyAddedP99Ms": round(rp["p99Ms"] - rd["p99Ms"], 3), "errors": rs["errors"]},
           "startupMs": startup, "idleRssMiB": round(idle / 1024), "crashRecovery": crash}
json.dump(summary, open(f"{out}/summary.json", "w"), indent=2)
print(f"HEADLINE c=16 added p50 {a50:.3f} ms / p99 {a99:.3f} ms (Portkey {k50:.3f} / {k99:.3f} ms); "
      f"at {rd['ratePerSecond']}/s added p99 {rs['p99Ms'] - rd['p99Ms']:.3f} ms (Portkey {rp['p99Ms'] - rd['p99Ms']:.3f} ms); "
      f"max {best:.0f} executes/s with p99 added < 5 ms on one core; {f['requests']} in flight: {f['errors']} errors, "
      f"peak heap {f.get('peakHeapBytes', 0) / 2**20:.0f} MiB, peak RSS {f.get('peakRssBytes', 0) / 2**20:.0f} MiB; "
      f"healthy in {startup} ms; idle RSS {idle / 1024:.0f} MiB; crash recovery {crash}; results in {out}")
PY
