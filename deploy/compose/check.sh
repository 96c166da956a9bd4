#!/usr/bin/env bash
# Validates docker-compose.yml with Debian's docker-compose (installed when missing; no container runtime needed):
# - with .env.example and a value for each setting it leaves to the operator, the file parses and interpolates;
# - with any one of those missing, compose refuses and names it: no secret or site setting has a default in the file.
# Exits non-zero on any failure. Run from anywhere; `bash deploy/compose/check.sh`.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v docker-compose >/dev/null; then
  echo "installing docker-compose (Debian package)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# what the file requires (${NAME:?...}); .env.example must leave each empty for the operator
mapfile -t required < <(grep -o '\${[A-Z0-9_]*:?' docker-compose.yml | sed 's/^\${//; s/:?$//' | sort -u)
if ((${#required[@]} == 0)); then
  echo "docker-compose.yml requires no setting from .env: its secrets would be in the file" >&2
  exit 1
fi
for name in "${required[@]}"; do
  if ! grep -qx "$name=" .env.example; then
    echo ".env.example must list $name with an empty value (what to set, no sample value)" >&2
    exit 1
  fi
done

compose_config() { # env file: docker-compose config -q with it, output in $work/out
  docker-compose --env-file "$1" --file docker-compose.yml config -q >"$work/out" 2>&1
}

filled() { # names to leave empty...: .env.example with a check-only value for every other required setting
  local name
  cp .env.example "$work/.env"
  for name in "${required[@]}"; do
    [[ " $* " == *" $name "* ]] || sed -i "s|^$name=\$|$name=check-only-$name|" "$work/.env"
  done
  echo "$work/.env"
}

if ! compose_config "$(filled)"; then
  echo "docker-compose config failed:" >&2
  cat "$work/out" >&2
  exit 1
fi
for name in "${required[@]}"; do
  if compose_config "$(filled "$name")"; then
    echo "docker-compose config accepted the file without $name" >&2
    exit 1
  fi
  if ! grep -q "$name" "$work/out"; then
    echo "without $name, docker-compose failed without naming it:" >&2
    cat "$work/out" >&2
    exit 1
  fi
done
echo "docker-compose.yml: valid ($(docker-compose version --short)); requires ${required[*]} from .env"
