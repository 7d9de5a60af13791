#!/usr/bin/env bash
# make test: Kafka up, lint and type-check, then every test (unit, integration, end to end).
# Stops the broker afterwards if this script started it.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BIN=$ROOT/.venv/bin

started_kafka=0
if ! scripts/kafka.sh status >/dev/null 2>&1; then started_kafka=1; fi
cleanup() {
  if [[ $started_kafka == 1 ]]; then scripts/kafka.sh down || true; fi
}
trap cleanup EXIT
scripts/kafka.sh up
scripts/browser-deps.sh  # Debian's chromium + chromedriver for the board's browser test

echo "== ruff check"; "$BIN/ruff" check .
echo "== ruff format --check"; "$BIN/ruff" format --check .
echo "== mypy"; "$BIN/mypy"
echo "== pytest"; "$BIN/pytest" "$@"
