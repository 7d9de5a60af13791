# newsdesk: `make run` runs the pipeline on the seeds with a local Kafka; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help install run test lint format unit integration bench kafka-up kafka-down kafka-status kafka-reset clean

help:
	@echo "make run         start Kafka and the worker, replay seeds/, show alerts live (Ctrl-C stops all)"
	@echo "make test        lint, type-check and run every test against a real local Kafka"
	@echo "make lint        ruff check, ruff format --check, mypy"
	@echo "make format      ruff format and autofix"
	@echo "make unit        unit tests only (no broker)"
	@echo "make bench       benchmarks (figures printed, nothing asserted)"
	@echo "make kafka-up    start the local broker (fetches the jars once)"
	@echo "make kafka-down  stop the broker started by kafka-up"
	@echo "make clean       remove .venv, Kafka jars and data, run state"

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11+"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: install
	@scripts/run.sh

test: install
	@scripts/test.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

unit: install
	$(BIN)/pytest tests/unit

bench: install kafka-up
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/timeline_eval.py tests/data/timelines tests/data/heldout-timelines
	$(BIN)/python bench/pipeline_bench.py
	$(BIN)/python bench/feeds_bench.py
	$(BIN)/python bench/worker_bench.py
	$(BIN)/python bench/delivery_bench.py

kafka-up:
	@scripts/kafka.sh up

kafka-down:
	@scripts/kafka.sh down

kafka-status:
	@scripts/kafka.sh status

kafka-reset:
	@scripts/kafka.sh reset

clean:
	-@scripts/kafka.sh down
	rm -rf $(VENV) .kafka .run .newsdesk .pytest_cache .mypy_cache .ruff_cache test-artifacts
