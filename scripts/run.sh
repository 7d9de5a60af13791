#!/usr/bin/env bash
# make run: Kafka, the worker, a replay of seeds/, and the alerts as they land.
# Ctrl-C stops the alert view, the worker, and the broker if this script started it.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BIN=$ROOT/.venv/bin
mkdir -p .run
SEEDS=${SEEDS:-seeds}

started_kafka=0
if ! scripts/kafka.sh status >/dev/null 2>&1; then started_kafka=1; fi
worker_pid=""
cleanup() {
  trap - EXIT INT TERM
  trap '' PIPE  # the terminal or a pipe reader may be gone already: stopping must still finish
  if [[ -n $worker_pid ]] && kill -0 "$worker_pid" 2>/dev/null; then
    echo "newsdesk: stopping the worker" >&2 || true
    kill -TERM "$worker_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$worker_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$worker_pid" 2>/dev/null || true
    wait "$worker_pid" 2>/dev/null || true
  fi
  if [[ $started_kafka == 1 ]]; then scripts/kafka.sh down || true; fi
}
trap cleanup EXIT
trap 'exit 0' INT  # Ctrl-C is how a person stops `make run`: a clean stop, not a failure
trap 'exit 143' TERM

scripts/kafka.sh up
echo "newsdesk: starting the worker (log: .run/worker.log)" >&2
"$BIN/newsdesk" worker >.run/worker.log 2>&1 &
worker_pid=$!
echo "newsdesk: replaying $SEEDS" >&2
"$BIN/newsdesk" replay "$SEEDS"
echo "newsdesk: alerts as they land (Ctrl-C to stop)" >&2
"$BIN/newsdesk" alerts --follow --from-beginning
