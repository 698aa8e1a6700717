#!/usr/bin/env bash
# Signs a JSON body the way EntraMesh's webhook format requires and posts it.
#
#   ENTRAMESH_WEBHOOK_SECRET=... ./send-webhook.sh [URL] [BODY_FILE]
#
# Signature header:  X-EntraMesh-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">
# The body is sent byte for byte as signed (curl --data-binary). Defaults: the gateway's webhook route for the
# development source hr-webhook, and workers.json beside this script.
set -euo pipefail

URL=${1:-http://127.0.0.1:8080/webhooks/hr-webhook}
BODY=${2:-"$(dirname "${BASH_SOURCE[0]}")/workers.json"}
SECRET=${ENTRAMESH_WEBHOOK_SECRET:?set ENTRAMESH_WEBHOOK_SECRET to the source secret (Sources__N__Secrets__0)}

t=$(date +%s)
signature=$({ printf '%s.' "$t"; cat "$BODY"; } | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.*= //')

curl -sS -i -X POST "$URL" \
  -H 'Content-Type: application/json' \
  -H "X-EntraMesh-Signature: t=$t,v1=$signature" \
  --data-binary @"$BODY"
echo
