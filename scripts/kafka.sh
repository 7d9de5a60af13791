#!/usr/bin/env bash
# Fetch, start and stop a single-node Apache Kafka (KRaft) broker from the Maven Central jars.
#
#   scripts/kafka.sh fetch    resolve kafka/pom.xml into .kafka/lib (once per version)
#   scripts/kafka.sh up       format storage once, start the broker, wait for a metadata answer
#   scripts/kafka.sh down     stop the broker this script started (and nothing else)
#   scripts/kafka.sh status   say whether it runs and answers
#   scripts/kafka.sh reset    stop it and delete its data (topics, offsets, the cluster id)
#
# Environment: KAFKA_HOST (127.0.0.1), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
# KAFKA_STATE_DIR (.kafka), KAFKA_HEAP (512m), KAFKA_READY_TIMEOUT (seconds, 120).
set -euo pipefail

KAFKA_VERSION=4.4.0  # keep in step with kafka/pom.xml and docker-compose.yml

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HOST=${KAFKA_HOST:-127.0.0.1}
PORT=${KAFKA_PORT:-9092}
CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
STATE=${KAFKA_STATE_DIR:-$ROOT/.kafka}
HEAP=${KAFKA_HEAP:-512m}
READY_TIMEOUT=${KAFKA_READY_TIMEOUT:-120}

LIB=$STATE/lib
DATA=$STATE/data
LOGS=$STATE/logs
PIDFILE=$STATE/kafka.pid
CONFIG=$STATE/server.properties

log() { printf 'kafka: %s\n' "$*" >&2 || true; }  # never fail on a closed stderr

ready() { python3 "$ROOT/scripts/kafka_ready.py" "$HOST:$PORT" --timeout "${1:-1}" 2>/dev/null; }

our_pid() {
  # The pid in our pid file, if that process is alive and is the broker we started.
  [[ -f $PIDFILE ]] || return 1
  local pid
  pid=$(<"$PIDFILE")
  [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "kafka.Kafka $CONFIG" || return 1
  echo "$pid"
}

fetch() {
  local stamp=$LIB/.resolved-$KAFKA_VERSION
  [[ -f $stamp ]] && return 0
  command -v mvn >/dev/null || { log "mvn not found: install Maven (it resolves the broker jars)"; exit 1; }
  log "resolving Apache Kafka $KAFKA_VERSION from Maven Central into $LIB"
  rm -rf "$LIB"
  mkdir -p "$LIB"
  mvn -q -B -Dstyle.color=never -f "$ROOT/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$LIB" -DincludeScope=runtime
  [[ -f $LIB/kafka_2.13-$KAFKA_VERSION.jar ]] || { log "kafka_2.13-$KAFKA_VERSION.jar missing after resolve"; exit 1; }
  touch "$stamp"
}

render_config() {
  mkdir -p "$DATA" "$LOGS"
  sed -e "s|@HOST@|$HOST|g" -e "s|@PORT@|$PORT|g" -e "s|@CONTROLLER_PORT@|$CONTROLLER_PORT|g" \
    -e "s|@DATA_DIR@|$DATA|g" "$ROOT/kafka/server.properties.in" >"$CONFIG"
}

format_once() {
  [[ -f $DATA/meta.properties ]] && return 0
  local cluster_id
  cluster_id=$(java -cp "$LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
  log "formatting KRaft storage in $DATA (cluster $cluster_id)"
  java -Dlog4j2.configurationFile="$ROOT/kafka/log4j2.properties" -Dkafka.logs.dir="$LOGS" \
    -cp "$LIB/*" kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$CONFIG" >"$LOGS/format.log" 2>&1 \
    || { cat "$LOGS/format.log" >&2; exit 1; }
}

up() {
  if pid=$(our_pid); then
    if ready 5; then log "already up (pid $pid) on $HOST:$PORT"; return 0; fi
    log "pid $pid runs but does not answer yet; waiting"
  elif ready 1; then
    log "a broker not started by this script already answers on $HOST:$PORT; using it"
    return 0
  else
    command -v java >/dev/null || { log "java not found: install a JDK 17+"; exit 1; }
    fetch
    render_config
    format_once
    log "starting Apache Kafka $KAFKA_VERSION on $HOST:$PORT (log: $LOGS/server.log)"
    # setsid: a Ctrl-C in the terminal must not reach the broker; kafka.sh down stops it in order.
    setsid nohup java -Xms128m "-Xmx$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$ROOT/kafka/log4j2.properties" -Dkafka.logs.dir="$LOGS" \
      -cp "$LIB/*" kafka.Kafka "$CONFIG" >>"$LOGS/console.log" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
  fi
  local deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ready 2; then log "ready on $HOST:$PORT (pid $(<"$PIDFILE"))"; return 0; fi
    if ! our_pid >/dev/null; then
      log "broker exited during start-up; last lines of $LOGS/server.log:"
      tail -n 40 "$LOGS/server.log" >&2 2>/dev/null || true
      tail -n 20 "$LOGS/console.log" >&2 2>/dev/null || true
      rm -f "$PIDFILE"
      exit 1
    fi
  done
  log "broker did not answer within ${READY_TIMEOUT}s; see $LOGS/server.log"
  exit 1
}

down() {
  local pid
  if ! pid=$(our_pid); then
    rm -f "$PIDFILE"
    log "not running (nothing started by this script)"
    return 0
  fi
  log "stopping broker (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; log "stopped"; return 0; }
    sleep 0.25
  done
  log "broker ignored SIGTERM for 30s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
}

status() {
  if pid=$(our_pid); then
    if ready 2; then echo "running (pid $pid), answering on $HOST:$PORT"; else echo "running (pid $pid), not answering"; fi
  elif ready 1; then
    echo "not started by this script, but a broker answers on $HOST:$PORT"
  else
    echo "not running"; return 1
  fi
}

case ${1:-} in
  fetch) fetch ;;
  up) up ;;
  down) down ;;
  status) status ;;
  reset) down; rm -rf "$DATA" "$LOGS" "$CONFIG"; log "data deleted" ;;
  *) echo "usage: $0 fetch|up|down|status|reset" >&2; exit 2 ;;
esac
