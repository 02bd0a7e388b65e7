#!/usr/bin/env bash
# The prompt-experiment loop by hand, end to end, against a running service (./sf serve --dev):
#   1. adds a v2 of the SDR Copilot's prompt and starts an experiment v1 (control) vs v2 (candidate);
#   2. sends N executes (default 400), one per visitor session, and checks that each visitor keeps its version;
#   3. posts outcomes that favour one version (ux_keep for it, ux_undo for the other);
#   4. runs score-interactions and evaluate-experiments, and prints the experiment with its statistics.
#
# (--favour v1 favours the control, the active version; v2 the new candidate.)
# Usage: scripts/experiment-demo.sh [--favour v2|v1] [--n 400] [--url http://127.0.0.1:8787] [--data-dir ./data]
# Needs curl and openssl. Signs outcomes with the dev secret in DATA_DIR/dev-secret (or AI_GRANT_HMAC_SECRET).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

FAVOUR=v2 N=400 URL=http://127.0.0.1:8787 DATA_DIR=./data AGENT=sdr.copilot
while [[ $# -gt 0 ]]; do
  case "$1" in
    --favour) FAVOUR="$2"; shift 2 ;;
    --n) N="$2"; shift 2 ;;
    --url) URL="$2"; shift 2 ;;
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "experiment-demo: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$FAVOUR" == v1 || "$FAVOUR" == v2 ]] || { echo "experiment-demo: --favour must be v1 or v2" >&2; exit 2; }
[[ "$N" =~ ^[0-9]+$ && "$N" -ge 2 ]] || { echo "experiment-demo: --n must be a number >= 2" >&2; exit 2; }
SECRET="${AI_GRANT_HMAC_SECRET:-$(cat "$DATA_DIR/dev-secret" 2>/dev/null || true)}"
[[ -n "$SECRET" ]] || { echo "experiment-demo: no secret (start ./sf serve --dev, or set AI_GRANT_HMAC_SECRET)" >&2; exit 2; }
curl -sf "$URL/healthz" >/dev/null || { echo "experiment-demo: no service at $URL (start ./sf serve --dev)" >&2; exit 2; }
export SF_DATA_DIR="$DATA_DIR"

sign() { printf 'outcome.v1.%s' "$1" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64 | tr '+/' '-_' | tr -d '=\n'; }

# 1. A v2 (the v1 text and one more rule) and an experiment.
V2=$(mktemp)
{ ./sf prompts show --agent "$AGENT" --version 1; echo "- Name one concrete next step the visitor can take in the editor."; } > "$V2"
VERSION=$(./sf prompts add --agent "$AGENT" "$V2" | sed -n 's/^added [^ ]*@v\([0-9]*\).*/\1/p')
rm -f "$V2"
EXP=$(./sf experiments start --agent "$AGENT" --candidate "$VERSION" | tail -n 1)
echo "experiment $EXP: the active version (control) vs v$VERSION (candidate); waiting for the service to see it ..."
sleep 3

# 2. N visitors, one execute each, then a second turn for a few of them (same version expected).
GRANT=$(./sf grant mint --sub demo-visitors --caps "agent:$AGENT" --max-requests $((N * 2 + 10)) --max-tokens 10000000 --ttl 600s)
declare -A VERSION_OF
IDS=() VERSIONS=()
for i in $(seq 1 "$N"); do
  OUT=$(curl -s "$URL/v1/execute" -H 'content-type: application/json' \
    -d "{\"grant\":\"$GRANT\",\"agentId\":\"$AGENT\",\"input\":{\"sessionId\":\"visitor-$i\",\"message\":\"How do I embed a FAQ?\"}}")
  ID=$(sed -n 's/.*"requestId":"\([^"]*\)".*/\1/p' <<<"$OUT")
  V=$(sed -n 's/.*"prompt":{"id":"[^"]*","version":\([0-9]*\)}.*/\1/p' <<<"$OUT")
  [[ -n "$ID" && -n "$V" ]] || { echo "experiment-demo: execute $i failed: $OUT" >&2; exit 1; }
  IDS+=("$ID") VERSIONS+=("$V") VERSION_OF[visitor-$i]=$V
done
STICKY=0
for i in $(seq 1 20); do
  OUT=$(curl -s "$URL/v1/execute" -H 'content-type: application/json' \
    -d "{\"grant\":\"$GRANT\",\"agentId\":\"$AGENT\",\"input\":{\"sessionId\":\"visitor-$i\",\"message\":\"And the pricing?\"}}")
  V=$(sed -n 's/.*"prompt":{"id":"[^"]*","version":\([0-9]*\)}.*/\1/p' <<<"$OUT")
  [[ "$V" == "${VERSION_OF[visitor-$i]}" ]] && STICKY=$((STICKY + 1))
done
CANDIDATES=$(printf '%s\n' "${VERSIONS[@]}" | grep -cx "$VERSION" || true)
echo "split: $((N - CANDIDATES)) visitors on the control, $CANDIDATES on v$VERSION; second turns on the same version: $STICKY/20"

# 3. Outcomes that favour one version: kept answers for it, undone ones for the other.
sleep 2
for k in "${!IDS[@]}"; do
  if [[ ("$FAVOUR" == v2 && "${VERSIONS[$k]}" == "$VERSION") || ("$FAVOUR" == v1 && "${VERSIONS[$k]}" != "$VERSION") ]]; then
    EVENT=ux_keep
  else
    EVENT=ux_undo
  fi
  BODY="{\"requestId\":\"${IDS[$k]}\",\"sessionId\":\"visitor-$((k + 1))\",\"event\":\"$EVENT\",\"occurredAtMs\":$(date +%s%3N)}"
  CODE=$(curl -s -o /dev/null -w '%{http_code}' "$URL/v1/outcome" -H 'content-type: application/json' \
    -H "x-paris-signature: $(sign "$BODY")" -d "$BODY")
  [[ "$CODE" == 200 ]] || { echo "experiment-demo: outcome for ${IDS[$k]} answered $CODE" >&2; exit 1; }
done
echo "outcomes posted, favouring $FAVOUR"

# 4. Score, evaluate, show.
./sf jobs run score-interactions
./sf jobs run evaluate-experiments
./sf experiments show "$EXP"
