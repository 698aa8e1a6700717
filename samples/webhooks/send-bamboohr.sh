#!/usr/bin/env bash
# Posts a BambooHR field-based webhook signed as BambooHR signs it: X-BambooHR-Signature is the hex HMAC-SHA256 of
# the raw body followed by the X-BambooHR-Timestamp value, keyed with the webhook's private key.
#
#   BAMBOOHR_PRIVATE_KEY=... ./send-bamboohr.sh [URL] [BODY_FILE]
set -euo pipefail

URL=${1:-http://127.0.0.1:8080/webhooks/bamboohr}
BODY=${2:-"$(dirname "${BASH_SOURCE[0]}")/bamboohr-employees.json"}
KEY=${BAMBOOHR_PRIVATE_KEY:?set BAMBOOHR_PRIVATE_KEY to the BambooHR webhook private key (Sources__N__Secrets__0)}

timestamp=$(date +%s)
signature=$({ cat "$BODY"; printf '%s' "$timestamp"; } | openssl dgst -sha256 -hmac "$KEY" -hex | sed 's/^.*= //')

curl -sS -i -X POST "$URL" \
  -H 'Content-Type: application/json' \
  -H "X-BambooHR-Timestamp: $timestamp" \
  -H "X-BambooHR-Signature: $signature" \
  --data-binary @"$BODY"
echo
