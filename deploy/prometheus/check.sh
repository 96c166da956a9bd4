#!/usr/bin/env bash
# Checks the Prometheus files: the scrape configuration and the rule files parse (promtool check config, check rules),
# and every alert and recording rule does what its unit tests say (promtool test rules). Installs Debian's
# prometheus package (promtool) when promtool is missing, as root. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v promtool >/dev/null; then
  echo "installing promtool (Debian package prometheus)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi

promtool check config prometheus.yml
promtool check rules rules/*.yml
promtool test rules tests/*.yml
