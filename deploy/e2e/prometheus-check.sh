#!/usr/bin/env bash
# End-to-end check of the observability files against the running services: starts the local pipeline from the built
# jars (deploy/local/run.sh, NODES=2: two nodes of each service, throw-away data) and a real Prometheus (Debian
# package) with deploy/prometheus/prometheus.yml and its rules, each compose host name mapped to its loopback port and
# scrape and evaluation every second; sends traffic (contracts, opens, a response in time, a close, a re-grade,
# refused commands, and an incident whose deadline is seconds away); waits for the breach alert rule
# (IncidentSlaBreached) to fire; then runs every query of the two Grafana dashboards over the run and fails if one
# returns no data. The dashboards' data is drawn into target/e2e/sla-overview.png and target/e2e/service-health.png.
#
# Build first (./mvnw -B -q install -DskipTests, as the README's Run line). Needs the ports the local run uses
# (9092, 5433, 8080-8083) and PROMETHEUS_PORT (default 9090) free. Installs what it needs (Debian prometheus,
# gnuplot-nox, curl, python3) when missing, as root. Exits non-zero on any failure; logs and query results stay in
# target/e2e.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/target/e2e
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090}
PROMETHEUS=http://127.0.0.1:$PROMETHEUS_PORT
BEGAN=$SECONDS

elapsed() { echo "$((SECONDS - BEGAN)) s"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

missing=()
command -v prometheus >/dev/null || missing+=(prometheus)
command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]} > 0)); then
  echo "installing ${missing[*]} (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for port in 9092 5433 8080 8081 8082 8083 "$PROMETHEUS_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port is taken: stop the local run (or whatever listens there) first"
  fi
done

rm -rf "$OUT"
mkdir -p "$OUT"
WORK=$(mktemp -d)
pipeline_pid=
prometheus_pid=
cleanup() {
  local status=$?
  set +e
  [[ -n $prometheus_pid ]] && kill "$prometheus_pid" 2>/dev/null && wait "$prometheus_pid" 2>/dev/null
  # run.sh stops its broker and services when it is told to stop
  [[ -n $pipeline_pid ]] && kill "$pipeline_pid" 2>/dev/null && wait "$pipeline_pid" 2>/dev/null
  cp -r "$WORK/data/logs" "$OUT/pipeline-logs" 2>/dev/null
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "starting the local pipeline, two nodes of each service (deploy/local/run.sh; log: target/e2e/run.log)"
DATA=$WORK/data NODES=2 deploy/local/run.sh >"$OUT/run.log" 2>&1 &
pipeline_pid=$!
until grep -q '^node 2:' "$OUT/run.log"; do
  kill -0 "$pipeline_pid" 2>/dev/null || { cat "$OUT/run.log" >&2; fail "the local pipeline did not start"; }
  ((SECONDS - BEGAN < 600)) || fail "the local pipeline did not start within 600 s"
  sleep 0.5
done
echo "pipeline up after $(elapsed)"

# The project's scrape configuration, as compose runs it, with each node's host name mapped to its loopback port
# and a scrape and rule evaluation every second.
mkdir -p "$WORK/prometheus"
cp -r deploy/prometheus/rules "$WORK/prometheus/rules"
sed -e 's/incident-service-1:8080/127.0.0.1:8080/; s/incident-service-2:8080/127.0.0.1:8082/' \
  -e 's/sla-projection-1:8081/127.0.0.1:8081/; s/sla-projection-2:8081/127.0.0.1:8083/' \
  -e 's/^\(  scrape_interval:\).*/\1 1s/; s/^\(  evaluation_interval:\).*/\1 1s/' \
  deploy/prometheus/prometheus.yml >"$WORK/prometheus/prometheus.yml"
for target in 127.0.0.1:8080 127.0.0.1:8081 127.0.0.1:8082 127.0.0.1:8083 'scrape_interval: 1s' 'evaluation_interval: 1s'; do
  grep -q "$target" "$WORK/prometheus/prometheus.yml" || fail "deploy/prometheus/prometheus.yml no longer has what this check maps ($target)"
done
cp "$WORK/prometheus/prometheus.yml" "$OUT/prometheus.yml"
promtool check config "$WORK/prometheus/prometheus.yml" >/dev/null
prometheus --config.file="$WORK/prometheus/prometheus.yml" --storage.tsdb.path="$WORK/prometheus/data" \
  --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >"$OUT/prometheus.log" 2>&1 &
prometheus_pid=$!
until curl -fsS "$PROMETHEUS/-/ready" >/dev/null 2>&1; do
  kill -0 "$prometheus_pid" 2>/dev/null || { cat "$OUT/prometheus.log" >&2; fail "Prometheus did not start"; }
  sleep 0.2
done
START=$(date +%s)
echo "Prometheus on $PROMETHEUS after $(elapsed)"

count_up() { # how many of the four nodes Prometheus scrapes
  curl -fsS "$PROMETHEUS/api/v1/query" --data-urlencode 'query=count(up{job=~"incident-service|sla-projection"} == 1)' |
    python3 -c 'import json, sys; r = json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else 0)'
}
until [[ $(count_up) == 4 ]]; do
  ((SECONDS - BEGAN < 700)) || fail "Prometheus does not scrape the four nodes: $PROMETHEUS/targets"
  sleep 0.5
done

# Traffic, over both incident-service nodes, as the README's examples send it (access control is off locally).
node=(http://127.0.0.1:8080 http://127.0.0.1:8082)
request() { # expected status, method, url, body: fails the check on another status
  local status body=()
  [[ -n ${4:-} ]] && body=(-d "$4")
  status=$(curl -sS -o "$WORK/response" -w '%{http_code}' -X "$2" "$3" -H 'Content-Type: application/json' \
    -H 'X-Actor: e2e' "${body[@]}")
  [[ $status == "$1" ]] || fail "$2 $3 answered $status, not $1: $(cat "$WORK/response")"
}
ago() { date -u -d "-$1 seconds" +%FT%TZ; }
open() { # node, id, contract, severity, product, submitted seconds ago
  request 201 POST "${node[$1]}/api/v1/incidents" "{\"incidentId\":\"$2\",\"contractId\":\"$3\",\"severity\":\"$4\",\
\"product\":\"$5\",\"channel\":\"PHONE\",\"submittedAt\":\"$(ago "$6")\"}"
}

request 200 PUT "${node[0]}/api/v1/contracts/contoso" \
  '{"customerName":"Contoso","supportLocation":{"timeZone":"Asia/Jakarta","country":"ID"},"programs":[{"program":"UER"}]}'
request 200 PUT "${node[1]}/api/v1/contracts/fabrikam" \
  '{"customerName":"Fabrikam","supportLocation":{"timeZone":"Europe/Berlin","country":"DE"}}'
# the breach: a Sev 1 submitted 14 min 57 s ago is due in 3 s (README)
open 0 INC-E2E-BREACH contoso 1 azure-virtual-machines 897
# to be met: due in 20 s, answered in a few
met="{\"incidentId\":\"INC-E2E-MET\",\"contractId\":\"fabrikam\",\"severity\":\"1\",\"product\":\"azure-sql-database\",\
\"channel\":\"PHONE\",\"submittedAt\":\"$(ago 880)\"}"
request 201 POST "${node[1]}/api/v1/incidents" "$met"
# to be closed before any response: cancelled
open 0 INC-E2E-CLOSED contoso B microsoft-entra 60
# refused or answered from what is there: unknown incident, a close before the submission, a retried open
request 404 POST "${node[1]}/api/v1/incidents/INC-E2E-NOBODY/first-response" '{"channel":"PHONE"}'
request 422 POST "${node[0]}/api/v1/incidents/INC-E2E-MET/close" '{"closedAt":"2000-01-01T00:00:00Z"}'
request 200 POST "${node[0]}/api/v1/incidents" "$met"
# Outcomes a few scrapes after the opens, as in life: Prometheus' increase() counts a counter's change, and the
# outcome counters of a severity and program appear (at zero) once one of its SLAs is pending.
sleep 3
request 200 POST "${node[1]}/api/v1/incidents/INC-E2E-MET/first-response" '{"channel":"PHONE","engineer":"e2e"}'
request 200 POST "${node[0]}/api/v1/incidents/INC-E2E-CLOSED/close" '{"resolution":"duplicate"}'
# a burst of pending incidents of every severity, in two waves, and a re-grade
severities=(1 A B C)
products=(azure-virtual-machines azure-kubernetes-service microsoft-entra microsoft-intune)
contracts=(contoso fabrikam)
for wave in 1 2; do
  for i in $(seq 1 60); do
    open $((i % 2)) "INC-E2E-W$wave-$i" "${contracts[$((i % 2))]}" "${severities[$((i % 4))]}" "${products[$((i / 4 % 4))]}" 0
  done
  ((wave == 2)) || sleep 10
done
request 200 POST "${node[0]}/api/v1/incidents/INC-E2E-W1-3/regrade" '{"severity":"A","reason":"business impact increased"}'
echo "traffic sent after $(elapsed)"

firing() { # the alerts of this name Prometheus has firing
  curl -fsS "$PROMETHEUS/api/v1/alerts" | python3 -c "import json, sys; print(sum(1 for a in json.load(sys.stdin)['data']['alerts'] \
if a['labels']['alertname'] == '$1' and a['state'] == 'firing'))"
}
until (($(firing IncidentSlaBreached) > 0)); do
  ((SECONDS - BEGAN < 800)) || fail "alert IncidentSlaBreached did not fire: $PROMETHEUS/alerts"
  sleep 0.5
done
curl -fsS "$PROMETHEUS/api/v1/alerts" | python3 -c '
import json, sys
for alert in json.load(sys.stdin)["data"]["alerts"]:
    print("alert", alert["state"], alert["labels"]["alertname"], {k: v for k, v in alert["labels"].items() if k != "alertname"},
          alert["annotations"]["summary"])' | tee "$OUT/alerts.txt"
echo "IncidentSlaBreached fires after $(elapsed)"

# a few more scrapes after the last event, so that every rate has two samples of it
sleep 5
END=$(date +%s)
python3 deploy/e2e/dashboard_panels.py "$PROMETHEUS" "$START" "$END" "$OUT" \
  deploy/grafana/dashboards/sla-overview.json deploy/grafana/dashboards/service-health.json | tee "$OUT/panels.txt"
echo "every panel query returns data; plots: target/e2e/sla-overview.png, target/e2e/service-health.png ($(elapsed) in all)"
