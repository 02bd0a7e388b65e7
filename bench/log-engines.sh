#!/usr/bin/env bash
# The measurement behind the choice of engine for the durable append (BENCHMARKS.md): RocksDB's WAL with sync
# against a FileChannel log with force(), both behind the same group-commit writer thread.
#   ./bench/log-engines.sh [records, default 50000] [producers, default 16] [record bytes, default 2000]
# Runs on core 0 alone (taskset -c 0), as the gateway does in bench/run.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./sf --version >/dev/null
JAVA_HOME=$(./sf --java-home)
ROCKS=$(ls target/lib/rocksdbjni-*.jar | head -1)
exec taskset -c 0 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$ROCKS" bench/LogEngines.java "$@"
