#!/usr/bin/env bash
# CPU per interaction row of the writer's index transaction on the embedded SQLite index (bench/InteractionWrites.java).
#   ./bench/interaction-writes.sh [seed sanfrancisco.db] [batch sizes, default 1,16,64,256] [rows per size, default 20000]
# CLASSES=dir measures another build's classes (e.g. a copy of target/classes taken before a change), so that two
# builds can be compared run by run. Runs on core 0 alone (taskset -c 0), as the gateway does in bench/run.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./sf --version >/dev/null
JAVA_HOME=$(./sf --java-home)
CLASSES=${CLASSES:-target/classes}
exec taskset -c 0 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dlogback.configurationFile=/dev/null \
  -cp "$CLASSES:target/lib/*" bench/InteractionWrites.java "$@"
