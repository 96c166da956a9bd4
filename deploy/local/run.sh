#!/usr/bin/env bash
# The whole pipeline on this machine, nothing to install: a KRaft Kafka broker on 127.0.0.1:9092, the
# incident service on :8080 (embedded PostgreSQL on 127.0.0.1:5433, data under ./data) and the SLA projection
# on :8081, started together. Build first (the README's Run line does). Ctrl-C stops everything.
# NODES=2 runs the production shape: a second incident-service node on :8082 and a second projection on :8083,
# on the same PostgreSQL and broker (any node may be killed; the others carry on).
#
# Start-up without Maven: the broker runs from local-kafka's jar and the classpath its build wrote, each service from
# its exec jar extracted (Spring Boot's tools jar mode; a plain classpath loads faster than nested jars). Every JVM
# maps a class-data archive (CDS) of the classes it loaded in a training run of this pipeline: on free ports, with
# throw-away data, until all is healthy. `run.sh --prepare` records them (the README's install runs it); a start
# finding them missing or older than the build records them first. An archive that does not match its jars or JVM is
# not used (the JVM checks and says so in the log): the start is slower, nothing else.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-./data}
NODES=${NODES:-1}
TRAINING=target/local-run-training

KAFKA_CLASSPATH_FILE=local-kafka/target/classpath.txt
declare -A ARCHIVE=(
  [kafka]=local-kafka/target/local-run/broker.jsa
  [incident-service]=incident-service/target/local-run/app.jsa
  [sla-projection]=sla-projection/target/local-run/app.jsa
)

listening() { # port: something accepts connections on it
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

healthy() { # port: /actuator/health answers 200, which it does only when UP
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 &&
      read -r _ status _ <&3 && [[ $status == 200 ]]
  ) 2>/dev/null
}

TIMEOUT=180
await() { # check, port, pid, name, log: polls every 0.1 s until the check passes, the process ends or TIMEOUT s passed
  local deadline=$((SECONDS + TIMEOUT))
  until "$1" "$2"; do
    if ! kill -0 "$3" 2>/dev/null; then
      echo "$4 stopped while starting; see $5" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "$4 did not start within $TIMEOUT s; see $5" >&2
      return 1
    fi
    sleep 0.1
  done
}

# Each kind's JVM options; the training run uses the same, so that its archives match.
KAFKA_JVM=()
SERVICE_JVM=()
# Each service's own JVM options. Heap (BENCHMARKS.md, "Heap at 100k and 1M pending incidents"): the incident service
# holds about 40 MB live with 100,000 or 1,000,000 pending incidents and works from 128 MB; the projection holds about
# 40 MB at rest and catches up with 1,000,000 events in 128 MB, with a third of the time in GC there: twice that.
# The projection compiles with C1 only: its start and its catch-ups are the CPU it spends, and C2's compilations were
# most of both (BENCHMARKS.md, "The projection at C1").
declare -A SERVICE_OPTIONS=(
  [incident-service]="-Xms128m -Xmx256m"
  [sla-projection]="-Xms128m -Xmx256m -XX:TieredStopAtLevel=1"
)

kafka_classpath() {
  local jars=(local-kafka/target/local-kafka-*.jar)
  echo "${jars[0]}:$(cat "$KAFKA_CLASSPATH_FILE")"
}

exec_jar() { # service: the jar its build made
  local jars=("$1"/target/"$1"-*-exec.jar)
  [[ -f ${jars[0]} ]] || { echo "$1 is not built: ./mvnw -B -q install -DskipTests" >&2; return 1; }
  echo "${jars[0]}"
}

extract() { # service: its exec jar extracted to target/local-run (app.jar beside lib/), unless it is already
  local jar dir=$1/target/local-run
  jar=$(exec_jar "$1") || return 1
  [[ -f $dir/extracted-from && $(cat "$dir/extracted-from") == "$(stat -c '%n %s %Y' "$jar")" ]] && return 0
  rm -rf "$dir.new"
  java -Djarmode=tools -jar "$jar" extract --destination "$dir.new" --application-filename app.jar >/dev/null || return 1
  stat -c '%n %s %Y' "$jar" >"$dir.new/extracted-from"
  rm -rf "$dir"
  mv "$dir.new" "$dir"
}

stamp() { # kind: what its archive is recorded from (the JVM, its options, the program's jars); another is stale
  local java_binary files
  java_binary=$(readlink -f "$(command -v java)")
  case $1 in
    kafka) files=("$java_binary" "$KAFKA_CLASSPATH_FILE" local-kafka/target/local-kafka-*.jar) && echo "${KAFKA_JVM[*]}" ;;
    *) files=("$java_binary" "$1/target/local-run/app.jar") && echo "${SERVICE_JVM[*]} ${SERVICE_OPTIONS[$1]}" ;;
  esac
  stat -c '%n %s %Y' "${files[@]}"
}

fresh() { # kind: its archive matches this build
  [[ -f ${ARCHIVE[$1]} && -f ${ARCHIVE[$1]}.stamp && $(cat "${ARCHIVE[$1]}.stamp") == "$(stamp "$1")" ]]
}

cds() { # kind [record]: the JVM options mapping its archive, or recording it at exit
  if [[ ${2:-} == record ]]; then
    mkdir -p "$(dirname "${ARCHIVE[$1]}")"
    echo "-XX:ArchiveClassesAtExit=${ARCHIVE[$1]}.new"
  elif fresh "$1"; then
    echo "-XX:SharedArchiveFile=${ARCHIVE[$1]}"
  fi
}

pids=()
stop() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; wait "${pids[i]}" 2>/dev/null || true; done
  pids=()
}

start_kafka() { # data directory, port, log, extra JVM options...
  local directory=$1 port=$2 log=$3
  shift 3
  java "${KAFKA_JVM[@]}" "$@" -cp "$(kafka_classpath)" dev.incidentsla.localkafka.LocalKafkaBroker "$directory" "$port" \
    >"$log" 2>&1 &
  pids+=($!)
}

start_service() { # service, log, JVM options (one word, may be empty), application arguments...
  local service=$1 log=$2 options=$3
  shift 3
  # shellcheck disable=SC2086 # the heap options are words, the other options one word or none
  java "${SERVICE_JVM[@]}" ${SERVICE_OPTIONS[$service]} $options -jar "$service/target/local-run/app.jar" "$@" >"$log" 2>&1 &
  pids+=($!)
}

# The projection starts beside the incident service that brings up the database: its pool waits for it.
PROJECTION_WAITS_FOR_DATABASE=--spring.datasource.hikari.initialization-fail-timeout=180000

train() { # kinds whose archive to record: runs the pipeline once, on free ports with throw-away data, until healthy
  local kafka_port base TIMEOUT=600
  declare -A record=()
  for kind in "$@"; do record[$kind]=record; done
  rm -rf "$TRAINING"
  mkdir -p "$TRAINING/logs"
  for ((;;)); do
    base=$((20000 + RANDOM % 20000))
    listening "$base" || listening $((base + 1)) || listening $((base + 2)) || listening $((base + 3)) ||
      listening $((base + 1000)) || break
  done
  kafka_port=$base
  local database_port=$((base + 1)) incident_port=$((base + 2)) projection_port=$((base + 3))
  start_kafka "$TRAINING/kafka" "$kafka_port" "$TRAINING/logs/kafka.log" $(cds kafka "${record[kafka]:-}")
  local kafka_pid=$!
  start_service incident-service "$TRAINING/logs/incident-service.log" "$(cds incident-service "${record[incident-service]:-}")" \
    --incident-sla.embedded-database.directory="$TRAINING/postgres" --incident-sla.embedded-database.port="$database_port" \
    --server.port="$incident_port"
  local incident_pid=$!
  start_service sla-projection "$TRAINING/logs/sla-projection.log" "$(cds sla-projection "${record[sla-projection]:-}")" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$database_port/postgres" \
    --sla-projection.kafka.bootstrap-servers="127.0.0.1:$kafka_port" --server.port="$projection_port" \
    "$PROJECTION_WAITS_FOR_DATABASE"
  local projection_pid=$!
  local started=true
  await listening "$kafka_port" "$kafka_pid" Kafka "$TRAINING/logs/kafka.log" &&
    await healthy "$incident_port" "$incident_pid" incident-service "$TRAINING/logs/incident-service.log" &&
    await healthy "$projection_port" "$projection_pid" sla-projection "$TRAINING/logs/sla-projection.log" || started=false
  # each JVM writes its archive as it exits
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  pids=()
  $started || return 1
  for kind in "$@"; do
    [[ -s ${ARCHIVE[$kind]}.new ]] || { echo "no archive recorded for $kind; see $TRAINING/logs" >&2; return 1; }
    mv -f "${ARCHIVE[$kind]}.new" "${ARCHIVE[$kind]}"
    stamp "$kind" >"${ARCHIVE[$kind]}.stamp"
  done
  rm -rf "$TRAINING/kafka" "$TRAINING/postgres"
}

prepare() { # the services extracted, and archives recorded for whatever changed since they were
  [[ -f $KAFKA_CLASSPATH_FILE ]] || { echo "local-kafka is not built: ./mvnw -B -q install -DskipTests" >&2; return 1; }
  extract incident-service || return 1
  extract sla-projection || return 1
  local stale=()
  for kind in kafka incident-service sla-projection; do fresh "$kind" || stale+=("$kind"); done
  ((${#stale[@]} > 0)) || return 0
  echo "Recording class-data archives (${stale[*]}) for a faster start, once per build; logs in $TRAINING/logs"
  if ! train "${stale[@]}"; then
    echo "Recording the archives failed: the pipeline starts without them (slower), and tries again at its next start" >&2
    for kind in "${stale[@]}"; do rm -f "${ARCHIVE[$kind]}.new"; done
  fi
}

trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ ${1:-} == --prepare ]]; then
  prepare || echo "The local run will prepare itself at its next start" >&2
  exit 0
fi
prepare
mkdir -p "$DATA/logs"

start_kafka "$DATA/kafka" 9092 "$DATA/logs/kafka.log" $(cds kafka)
kafka_pid=$!
start_service incident-service "$DATA/logs/incident-service.log" "$(cds incident-service)" \
  --incident-sla.embedded-database.directory="$DATA/postgres" --incident-sla.embedded-database.port=5433
incident_pid=$!
start_service sla-projection "$DATA/logs/sla-projection.log" "$(cds sla-projection)" \
  --spring.datasource.url=jdbc:postgresql://127.0.0.1:5433/postgres --sla-projection.kafka.bootstrap-servers=127.0.0.1:9092 \
  "$PROJECTION_WAITS_FOR_DATABASE"
projection_pid=$!

await listening 9092 "$kafka_pid" Kafka "$DATA/logs/kafka.log"
echo "Kafka broker on 127.0.0.1:9092"
await healthy 8080 "$incident_pid" incident-service "$DATA/logs/incident-service.log"
echo "incident-service on http://localhost:8080 (PostgreSQL on 127.0.0.1:5433)"
await healthy 8081 "$projection_pid" sla-projection "$DATA/logs/sla-projection.log"
echo "sla-projection on http://localhost:8081; alerts on topics incident.sla.breaches and incident.sla.warnings"

for ((node = 2; node <= NODES; node++)); do
  incident_port=$((8080 + 2 * (node - 1)))
  projection_port=$((incident_port + 1))
  start_service incident-service "$DATA/logs/incident-service-$node.log" "$(cds incident-service)" \
    --spring.profiles.active=production --incident-sla.access.enabled=false --server.address=127.0.0.1 \
    --server.port="$incident_port" --spring.datasource.url=jdbc:postgresql://127.0.0.1:5433/postgres \
    --spring.datasource.username=postgres
  incident_pid=$!
  start_service sla-projection "$DATA/logs/sla-projection-$node.log" "$(cds sla-projection)" --server.port="$projection_port" \
    --spring.datasource.url=jdbc:postgresql://127.0.0.1:5433/postgres --sla-projection.kafka.bootstrap-servers=127.0.0.1:9092
  projection_pid=$!
  await healthy "$incident_port" "$incident_pid" "incident-service node $node" "$DATA/logs/incident-service-$node.log"
  await healthy "$projection_port" "$projection_pid" "sla-projection node $node" "$DATA/logs/sla-projection-$node.log"
  echo "node $node: incident-service on http://localhost:$incident_port, sla-projection on http://localhost:$projection_port"
done
echo "access control is off: every service listens on 127.0.0.1 only (README, Access)"
echo "logs in $DATA/logs; Ctrl-C stops everything"
wait "${pids[@]}"
