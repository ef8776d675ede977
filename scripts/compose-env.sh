#!/usr/bin/env bash
# Writes .env for docker-compose.yml: a copy of .env.example whose empty secrets are filled
# with random values. An existing .env is kept; only its empty secrets are filled.
#   scripts/compose-env.sh [path/to/.env]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENV_FILE="${1:-$ROOT/.env}"

random() { node -e 'process.stdout.write(require("crypto").randomBytes(Number(process.argv[1])).toString(process.argv[2]))' "$1" "$2"; }

# Replaces an empty `KEY=` line with `KEY=value`; leaves a set value alone.
fill() {
  local key=$1 value=$2
  if grep -q "^${key}=$" "$ENV_FILE"; then
    local tmp
    tmp="$(mktemp)"
    awk -v key="$key" -v value="$value" '$0 == key "=" { print key "=" value; next } { print }' "$ENV_FILE" >"$tmp"
    cat "$tmp" >"$ENV_FILE"
    rm -f "$tmp"
    echo "compose-env: generated $key"
  elif ! grep -q "^${key}=" "$ENV_FILE"; then
    printf '%s=%s\n' "$key" "$value" >>"$ENV_FILE"
    echo "compose-env: generated $key"
  fi
}

if [[ ! -f $ENV_FILE ]]; then
  (umask 077 && cp "$ROOT/.env.example" "$ENV_FILE")
  echo "compose-env: created $ENV_FILE from .env.example"
fi
fill CONFIG_ENCRYPTION_KEY "$(random 32 base64)"
fill ADMIN_PASSWORD "$(random 18 base64url)"
fill POSTGRES_PASSWORD "$(random 24 hex)"
fill LITELLM_MASTER_KEY "sk-$(random 24 hex)"
chmod 600 "$ENV_FILE"
echo "compose-env: $ENV_FILE is ready; admin login: $(grep '^ADMIN_EMAIL=' "$ENV_FILE" | cut -d= -f2-) / $(grep '^ADMIN_PASSWORD=' "$ENV_FILE" | cut -d= -f2-)"
