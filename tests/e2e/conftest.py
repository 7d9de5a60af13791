"""Tests here need the real broker (`make kafka-up`); under CI=true its absence is a failure."""

from tests.support import kafka_broker

__all__ = ["kafka_broker"]
