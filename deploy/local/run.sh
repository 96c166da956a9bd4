#!/usr/bin/env bash
# The whole pipeline on this machine, nothing to install: a KRaft Kafka broker on 127.0.0.1:9092, the
# incident service on :8080 (embedded PostgreSQL on 127.0.0.1:5433, data under ./data) and the SLA projection
# on :8081. Build first (the README's Run line does). Ctrl-C stops everything.
# NODES=2 runs the production shape: a second incident-service node on :8082 and a second projection on :8083,
# on the same PostgreSQL and broker (any node may be killed; the others carry on).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-./data}
NODES=${NODES:-1}
mkdir -p "$DATA/logs"

./mvnw -B -q -pl local-kafka dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null

pids=()
stop() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; wait "${pids[i]}" 2>/dev/null || true; done
}
trap stop EXIT INT TERM

wait_for() { # url or host:port, seconds, name
  for _ in $(seq 1 "$2"); do
    if [[ $1 == http* ]]; then curl -sf "$1" >/dev/null && return 0; else (exec 3<>"/dev/tcp/${1%:*}/${1#*:}") 2>/dev/null && return 0; fi
    sleep 1
  done
  echo "$3 did not start; see $DATA/logs" >&2
  exit 1
}

java -cp "local-kafka/target/classes:$(cat local-kafka/target/classpath.txt)" dev.incidentsla.localkafka.LocalKafkaBroker \
  "$DATA/kafka" 9092 >"$DATA/logs/kafka.log" 2>&1 &
pids+=($!)
wait_for 127.0.0.1:9092 60 "Kafka"
echo "Kafka broker on 127.0.0.1:9092"

java -jar incident-service/target/incident-service-*-exec.jar \
  --incident-sla.embedded-database.directory="$DATA/postgres" --incident-sla.embedded-database.port=5433 \
  >"$DATA/logs/incident-service.log" 2>&1 &
pids+=($!)
wait_for http://localhost:8080/actuator/health 120 "incident-service"
echo "incident-service on http://localhost:8080 (PostgreSQL on 127.0.0.1:5433)"

java -jar sla-projection/target/sla-projection-*-exec.jar \
  --spring.datasource.url=jdbc:postgresql://127.0.0.1:5433/postgres --sla-projection.kafka.bootstrap-servers=127.0.0.1:9092 \
  >"$DATA/logs/sla-projection.log" 2>&1 &
pids+=($!)
wait_for http://localhost:8081/actuator/health 120 "sla-projection"
echo "sla-projection on http://localhost:8081; alerts on topics incident.sla.breaches and incident.sla.warnings"

for ((node = 2; node <= NODES; node++)); do
  incident_port=$((8080 + 2 * (node - 1)))
  projection_port=$((incident_port + 1))
  java -jar incident-service/target/incident-service-*-exec.jar --spring.profiles.active=production \
    --incident-sla.access.enabled=false --server.address=127.0.0.1 \
    --server.port="$incident_port" --spring.datasource.url=jdbc:postgresql://127.0.0.1:5433/postgres \
    --spring.datasource.username=postgres >"$DATA/logs/incident-service-$node.log" 2>&1 &
  pids+=($!)
  java -jar sla-projection/target/sla-projection-*-exec.jar --server.port="$projection_port" \
    --spring.datasource.url=jdbc:postgresql://127.0.0.1:5433/postgres --sla-projection.kafka.bootstrap-servers=127.0.0.1:9092 \
    >"$DATA/logs/sla-projection-$node.log" 2>&1 &
  pids+=($!)
  wait_for "http://localhost:$incident_port/actuator/health" 120 "incident-service node $node"
  wait_for "http://localhost:$projection_port/actuator/health" 120 "sla-projection node $node"
  echo "node $node: incident-service on http://localhost:$incident_port, sla-projection on http://localhost:$projection_port"
done
echo "access control is off: every service listens on 127.0.0.1 only (README, Access)"
echo "logs in $DATA/logs; Ctrl-C stops everything"
wait "${pids[@]}"
