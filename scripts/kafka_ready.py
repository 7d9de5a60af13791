#!/usr/bin/env python3
"""Wait until a Kafka broker answers a Metadata request and lists at least one broker.

Standard library only, so `make kafka-up` works before the project's virtualenv exists.
A listening port is not enough: a KRaft broker accepts connections before it has joined
its own quorum, so this sends a real Metadata request (v4, supported by Kafka 1.0 to 4.x)
and parses the broker list from the answer.

Usage: kafka_ready.py HOST:PORT [--timeout SECONDS]
Exit status: 0 when ready, 1 on timeout.
"""

from __future__ import annotations

import argparse
import socket
import struct
import sys
import time

METADATA_API_KEY = 3
METADATA_VERSION = 4
CLIENT_ID = b"newsdesk-ready-probe"


def _metadata_request(correlation_id: int) -> bytes:
    header = struct.pack(">hhih", METADATA_API_KEY, METADATA_VERSION, correlation_id, len(CLIENT_ID))
    body = struct.pack(">i?", -1, False)  # all topics, never auto-create
    payload = header + CLIENT_ID + body
    return struct.pack(">i", len(payload)) + payload


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = sock.recv(size - len(chunks))
        if not chunk:
            raise ConnectionError("broker closed the connection")
        chunks.extend(chunk)
    return bytes(chunks)


def broker_count(host: str, port: int, timeout: float = 3.0) -> int:
    """Send one Metadata request and return how many brokers the answer lists."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(_metadata_request(correlation_id=7))
        (size,) = struct.unpack(">i", _recv_exact(sock, 4))
        answer = _recv_exact(sock, size)
    correlation_id, _throttle_ms, brokers = struct.unpack(">iii", answer[:12])
    if correlation_id != 7:
        raise ConnectionError(f"unexpected correlation id {correlation_id}")
    return int(brokers)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address", help="HOST:PORT of the broker")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    host, _, port = args.address.rpartition(":")
    deadline = time.monotonic() + args.timeout
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        try:
            if broker_count(host, int(port)) >= 1:
                return 0
            last_error = "metadata lists no broker yet"
        except (OSError, struct.error) as exc:
            last_error = f"{type(exc).__name__}: {exc}"
        time.sleep(0.25)
    print(f"kafka at {args.address} not ready after {args.timeout:.0f}s ({last_error})", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
