#!/usr/bin/env bash
# Crash at a random byte: the embedded log's recovery test (LogCrashRecoveryTest) with many trials. Appends
# (message + session, as an execute writes them) are made durable one by one; the folder is copied as a kill -9
# leaves it; each trial cuts the write-ahead log at a random byte, flips a random bit, or zeroes it from a
# random byte on, then opens the copy and checks that every append wholly before the damage is back, byte for
# byte, and nothing else (and, after a cut, that the log takes new appends).
#   ./bench/crash-recovery.sh [trials, default 500] [seed]
# About 0.1-0.4 s per trial on this machine. Prints the seed; the same seed repeats the run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TRIALS="${1:-500}"
SEED_ARG=()
[[ -n "${2:-}" ]] && SEED_ARG=(-Dsf.crash.seed="$2")
[[ "$TRIALS" =~ ^[0-9]+$ ]] || { echo "bench/crash-recovery.sh: trials must be a number" >&2; exit 2; }
./sf --version >/dev/null
export JAVA_HOME=$(./sf --java-home)
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
mvn -B -q test -Dtest=LogCrashRecoveryTest -Dsurefire.failIfNoSpecifiedTests=false -Dsf.crash.trials="$TRIALS" "${SEED_ARG[@]}" \
  || { echo "crash-recovery: FAILED (see target/surefire-reports/com.clickeen.sf.store.LogCrashRecoveryTest*.txt)" >&2; exit 1; }
cat target/surefire-reports/com.clickeen.sf.store.LogCrashRecoveryTest-output.txt
grep -h "Tests run" target/surefire-reports/com.clickeen.sf.store.LogCrashRecoveryTest.txt
echo "crash-recovery: passed ($TRIALS trials)"
