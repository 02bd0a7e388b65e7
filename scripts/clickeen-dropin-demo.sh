#!/usr/bin/env bash
# San Francisco as a drop-in for Clickeen's worker, end to end, against a running service (./sf serve --dev):
# grants minted the way Paris mints them (its December 2025 form: no iat, no jti, 60 s; its February 2026
# form: a jti, the ai policy capsule, trace.envStage), requests shaped the way Bob sends them.
#   1. three SDR calls on a grant of maxTokens=280, maxRequests=3 all answer in full (maxTokens caps each
#      call; it is not a pot), and a fourth is refused: 429 maxRequests;
#   2. a widget copilot repair is one of the grant's requests: on maxRequests=3, a turn that needs a repair and
#      one that does not spend all three, and the next turn is refused;
#   3. an outcome in Paris's later envelope {"command":"ai.outcome.attach","payload":{...}} is attached;
#   4. cs.widget.copilot.v1 and widget.copilot.v1 answer Bob-shaped requests (meta with non-empty
#      promptVersion, policyVersion, dictionaryHash); debug.grantProbe answers the grant; an unknown agent is 404;
#   5. a secret with a trailing newline works: a second instance started with AI_GRANT_HMAC_SECRET ending in a
#      newline verifies a grant and an outcome that Paris signed with the trimmed secret.
#
# Usage: scripts/clickeen-dropin-demo.sh [--url http://127.0.0.1:8787] [--data-dir ./data] [--port2 8797]
# Needs curl and openssl. Uses the dev secret in DATA_DIR/dev-secret (or AI_GRANT_HMAC_SECRET). Exits 1 on a failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

URL=http://127.0.0.1:8787 DATA_DIR=./data PORT2=8797
while [[ $# -gt 0 ]]; do
  case "$1" in
    --url) URL="$2"; shift 2 ;;
    --data-dir) DATA_DIR="$2"; shift 2 ;;
    --port2) PORT2="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "clickeen-dropin-demo: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
SECRET="${AI_GRANT_HMAC_SECRET:-$(cat "$DATA_DIR/dev-secret" 2>/dev/null || true)}"
SECRET="$(printf '%s' "$SECRET" | tr -d '\r\n')" # Paris trims the secret
[[ -n "$SECRET" ]] || { echo "clickeen-dropin-demo: no secret (start ./sf serve --dev, or set AI_GRANT_HMAC_SECRET)" >&2; exit 2; }
curl -sf "$URL/healthz" >/dev/null || { echo "clickeen-dropin-demo: no service at $URL (start ./sf serve --dev)" >&2; exit 2; }
export SF_DATA_DIR="$DATA_DIR"

FAILED=0
pass() { echo "  PASS  $*"; }
fail() { echo "  FAIL  $*"; FAILED=1; }
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" <<<"$2" | head -n 1; }   # first "name":"text"
number() { sed -n "s/.*\"$1\":\\([0-9][0-9]*\\).*/\\1/p" <<<"$2" | head -n 1; }  # first "name":123
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
sign_outcome() { printf 'outcome.v1.%s' "$1" | openssl dgst -sha256 -hmac "$SECRET" -binary | b64url; }
execute() { curl -s -w '\n%{http_code}' "${2:-$URL}/v1/execute" -H 'content-type: application/json' -d "$1"; }
status() { tail -n 1 <<<"$1"; }
body() { sed '$d' <<<"$1"; }

# A grant as Paris wrote it in December 2025 (agent, mode, session, maxTokens, timeoutMs, maxRequests).
paris_2025() {
  ./sf grant mint --payload "{\"v\":1,\"iss\":\"paris\",\"sub\":{\"kind\":\"anon\",\"sessionId\":\"$3\"},\"exp\":{now+60},\
\"caps\":[\"agent:$1\"],\"budgets\":{\"maxTokens\":$4,\"timeoutMs\":$5,\"maxRequests\":$6},\"mode\":\"$2\",\
\"trace\":{\"sessionId\":\"$3\",\"instancePublicId\":\"wgt_demo_faq\"}}"
}
# As the grant issuer behind Paris wrote it from February 2026: a jti, the plan's ai capsule, the caller's stage.
paris_2026() {
  ./sf grant mint --payload "{\"v\":1,\"iss\":\"paris\",\"jti\":\"$(openssl rand -hex 16)\",\
\"sub\":{\"kind\":\"anon\",\"sessionId\":\"$3\"},\"exp\":{now+600},\"caps\":[\"agent:$1\"],\
\"budgets\":{\"maxTokens\":$4,\"timeoutMs\":$5,\"maxRequests\":$6},\"mode\":\"$2\",\
\"ai\":{\"profile\":\"paid_standard\",\"allowedProviders\":[\"deepseek\",\"openai\"],\"defaultProvider\":\"openai\",\
\"models\":{\"deepseek\":{\"defaultModel\":\"deepseek-chat\",\"allowed\":[\"deepseek-chat\",\"deepseek-reasoner\"]},\
\"openai\":{\"defaultModel\":\"gpt-4o-mini\",\"allowed\":[\"gpt-4o-mini\"]}},\"allowProviderChoice\":true,\
\"allowModelChoice\":true},\"trace\":{\"sessionId\":\"$3\",\"instancePublicId\":\"wgt_demo_faq\",\"envStage\":\"local\"}}"
}
# Bob's editor request body (grant, agentId, sessionId, prompt).
CONTROLS='[{"path":"faq.title","kind":"text","label":"Title"},{"path":"faq.fontSize","kind":"number","label":"Font size","min":10,"max":32},{"path":"faq.multiOpen","kind":"toggle","label":"Multi-open"}]'
CONFIG='{"faq":{"title":"Questions","fontSize":16,"multiOpen":false}}'
bob() {
  printf '{"grant":"%s","agentId":"%s","input":{"prompt":"%s","widgetType":"faq","currentConfig":%s,"controls":%s,"sessionId":"%s","sessionKey":"k-%s"},"trace":{"client":"minibob"}}' \
    "$1" "$2" "$4" "$CONFIG" "$CONTROLS" "$3" "$3"
}
RUN=$(openssl rand -hex 4)

echo "1. SDR Copilot on a Paris grant of maxTokens=280, maxRequests=3"
G=$(paris_2025 sdr.copilot ops "visitor-$RUN" 280 15000 3)
FIRST_ID=""
for i in 1 2 3; do
  OUT=$(execute "{\"grant\":\"$G\",\"agentId\":\"sdr.copilot\",\"input\":{\"sessionId\":\"visitor-$RUN\",\"message\":\"How much does Clickeen cost? ($i)\"}}")
  B=$(body "$OUT"); MSG=$(field message "$B"); CT=$(number completionTokens "$B")
  if [[ $(status "$OUT") == 200 && -n "$MSG" && -n "$CT" && "$CT" -le 280 ]]; then
    pass "call $i: 200, $CT completion tokens (cap 280 for this call), \"${MSG:0:60}…\""
  else
    fail "call $i: $(status "$OUT") $B"
  fi
  [[ -n "$FIRST_ID" ]] || FIRST_ID=$(field requestId "$B")
done
OUT=$(execute "{\"grant\":\"$G\",\"agentId\":\"sdr.copilot\",\"input\":{\"sessionId\":\"visitor-$RUN\",\"message\":\"And one more?\"}}")
if [[ $(status "$OUT") == 429 && $(field budget "$(body "$OUT")") == maxRequests ]]; then
  pass "call 4: 429 BUDGET_EXCEEDED, budget maxRequests"
else
  fail "call 4: expected 429 maxRequests, got $(status "$OUT") $(body "$OUT")"
fi

echo "2. Widget copilot (sdr.widget.copilot.v1): a repair is one of the grant's requests (maxRequests=3)"
G=$(paris_2025 sdr.widget.copilot.v1 ops "mb-$RUN" 420 12000 3)
OUT=$(execute "$(bob "$G" sdr.widget.copilot.v1 "mb-$RUN" "set the font size to 99")")
B=$(body "$OUT")
if [[ $(status "$OUT") == 200 && $(field outcome "$B") == invalid_ops && $(field intent "$B") == clarify ]]; then
  pass "turn 1 (font size 99, above the control's max 32): the answer and one repair call, 2 requests; still invalid, so invalid_ops, intent clarify, nothing applied"
else
  fail "turn 1: $(status "$OUT") $B"
fi
OUT=$(execute "$(bob "$G" sdr.widget.copilot.v1 "mb-$RUN" "set the font size to 18")")
B=$(body "$OUT")
if [[ $(status "$OUT") == 200 && $(field outcome "$B") == ops_applied ]]; then
  pass "turn 2 (font size 18): ops applied, the 3rd request"
else
  fail "turn 2: $(status "$OUT") $B"
fi
OUT=$(execute "$(bob "$G" sdr.widget.copilot.v1 "mb-$RUN" "set the title to Hello")")
if [[ $(status "$OUT") == 429 && $(field budget "$(body "$OUT")") == maxRequests ]]; then
  pass "turn 3: 429 maxRequests: two turns spent three requests, the repair counted"
else
  fail "turn 3: expected 429 maxRequests, got $(status "$OUT") $(body "$OUT")"
fi

echo "3. Outcome in Paris's later envelope"
sleep 1
BODY="{\"command\":\"ai.outcome.attach\",\"payload\":{\"requestId\":\"$FIRST_ID\",\"sessionId\":\"visitor-$RUN\",\"event\":\"cta_clicked\",\"occurredAtMs\":$(date +%s%3N)}}"
OUT=$(curl -s -w '\n%{http_code}' "$URL/v1/outcome" -H 'content-type: application/json' -H "x-paris-signature: $(sign_outcome "$BODY")" -d "$BODY")
if [[ $(status "$OUT") == 200 ]]; then pass "ai.outcome.attach for $FIRST_ID: 200 $(body "$OUT")"; else fail "outcome: $(status "$OUT") $(body "$OUT")"; fi

echo "4. Agent ids Paris grants for, with Bob-shaped requests"
for PAIR in "cs.widget.copilot.v1 cs.widget.copilot.v1" "cs.widget.copilot.v1 widget.copilot.v1" "sdr.widget.copilot.v1 widget.copilot.v1"; do
  read -r CAP CALLED <<<"$PAIR"
  G=$(paris_2026 "$CAP" editor "cs-$RUN-$CALLED" 900 45000 3)
  OUT=$(execute "$(bob "$G" "$CALLED" "cs-$RUN-$CALLED" "set the title to Frequently asked questions")")
  B=$(body "$OUT")
  PV=$(field promptVersion "$B"); POL=$(field policyVersion "$B"); DH=$(field dictionaryHash "$B"); PROFILE=$(field profile "$B")
  if [[ $(status "$OUT") == 200 && -n "$(field message "$B")" && -n "$PV" && -n "$POL" && -n "$DH" ]]; then
    pass "$CALLED on a grant for $CAP: 200, profile $PROFILE, outcome $(field outcome "$B"), promptVersion=$PV policyVersion=$POL dictionaryHash=${DH:0:12}…"
  else
    fail "$CALLED on a grant for $CAP: $(status "$OUT") $B"
  fi
done
G=$(paris_2026 debug.grantProbe ops "probe-$RUN" 200 10000 1)
OUT=$(execute "{\"grant\":\"$G\",\"agentId\":\"debug.grantProbe\",\"input\":{\"ping\":\"smoke\"}}")
if [[ $(status "$OUT") == 200 && $(field echo "$(body "$OUT")") == smoke ]]; then
  pass "debug.grantProbe: $(sed -n 's/.*"grant":\({"subject":{[^}]*},"caps":\[[^]]*\],"budgets":{[^}]*}\).*/\1/p' <<<"$(body "$OUT")")…"
else
  fail "debug.grantProbe: $(status "$OUT") $(body "$OUT")"
fi
OUT=$(execute "{\"grant\":\"$G\",\"agentId\":\"no.such.agent\",\"input\":{}}")
if [[ $(status "$OUT") == 404 ]]; then pass "unknown agent: 404 $(field code "$(body "$OUT")")"; else fail "unknown agent: $(status "$OUT")"; fi

echo "5. A secret set with a trailing newline (second instance on port $PORT2)"
TMP=$(mktemp -d)
AI_GRANT_HMAC_SECRET="$SECRET"$'\n' SF_JOBS=off ./sf serve --port "$PORT2" --data-dir "$TMP" > "$TMP/serve.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$TMP"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT2/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
# Signed here with openssl exactly as Paris signs: HMAC-SHA256 keyed with the trimmed secret.
PAYLOAD="{\"v\":1,\"iss\":\"paris\",\"sub\":{\"kind\":\"anon\",\"sessionId\":\"nl-$RUN\"},\"exp\":$(( $(date +%s) + 60 )),\"caps\":[\"agent:sdr.copilot\"],\"budgets\":{\"maxTokens\":280,\"timeoutMs\":15000,\"maxRequests\":1},\"mode\":\"ops\",\"trace\":{\"sessionId\":\"nl-$RUN\"}}"
P64=$(printf '%s' "$PAYLOAD" | b64url)
G="v1.$P64.$(printf 'v1.%s' "$P64" | openssl dgst -sha256 -hmac "$SECRET" -binary | b64url)"
OUT=$(execute "{\"grant\":\"$G\",\"agentId\":\"sdr.copilot\",\"input\":{\"sessionId\":\"nl-$RUN\",\"message\":\"hi\"}}" "http://127.0.0.1:$PORT2")
if [[ $(status "$OUT") == 200 ]]; then
  pass "grant signed with the trimmed secret: 200 on the instance whose AI_GRANT_HMAC_SECRET ends in a newline"
  ID=$(field requestId "$(body "$OUT")")
  BODY="{\"command\":\"ai.outcome.attach\",\"payload\":{\"requestId\":\"$ID\",\"sessionId\":\"nl-$RUN\",\"event\":\"ux_keep\",\"occurredAtMs\":$(date +%s%3N)}}"
  OUT=$(curl -s -w '\n%{http_code}' "http://127.0.0.1:$PORT2/v1/outcome" -H 'content-type: application/json' -H "x-paris-signature: $(sign_outcome "$BODY")" -d "$BODY")
  if [[ $(status "$OUT") == 200 ]]; then pass "outcome signed with the trimmed secret: 200"; else fail "outcome: $(status "$OUT") $(body "$OUT")"; fi
else
  fail "grant on the newline instance: $(status "$OUT") $(body "$OUT") (log: $TMP/serve.log)"
fi

if [[ $FAILED == 0 ]]; then echo "all checks passed"; else echo "some checks FAILED"; exit 1; fi
