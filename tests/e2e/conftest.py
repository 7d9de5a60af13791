"""Integration tests need the real broker (`make kafka-up`). Under CI=true its absence is a failure."""

from __future__ import annotations

import os

import pytest

from tests.support import broker_address, broker_reachable


@pytest.fixture(scope="session", autouse=True)
def kafka_broker() -> str:
    address = broker_address()
    if not broker_reachable(address):
        message = f"Kafka is not reachable at {address}: run `make kafka-up`"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return address
