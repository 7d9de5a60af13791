"""Two workers share the figure table; either one's API answers for every figure.

Each worker holds the figures of its claims partitions. ``/figures/{key}`` is fetched from
the worker holding the key and ``/figures`` gathers both shares, so a desk may ask any worker.
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from newsdesk.utils import json
from tests.e2e.test_figures_query import free_port
from tests.support import ROOT, Worker, isolated_env, run_cli, wait_until
from tests.timelines import timelines

pytestmark = [pytest.mark.e2e, pytest.mark.coroutine_timeout(420)]


def get(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - loopback test URL
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
    except (urllib.error.URLError, OSError) as exc:
        return 0, {"error": str(exc)}


def keys(url: str) -> set[str] | None:
    status, body = get(url)
    return {f["key"] for f in body["figures"]} if status == 200 else None


def changelog_keys(env: dict[str, str]) -> set[str]:
    listed = run_cli("figures", "--json", env=env)
    assert listed.returncode == 0, listed.stderr.decode()
    return {json.loads(line)["key"] for line in listed.stdout.splitlines()}


async def test_either_worker_answers_for_every_figure(tmp_path: Path) -> None:
    first_port, second_port = free_port(), free_port()
    first_env = isolated_env(tmp_path / "one", NEWSDESK_WEB_ENABLED="true", NEWSDESK_WEB_PORT=str(first_port))
    second_env = {
        **first_env,
        "NEWSDESK_WEB_PORT": str(second_port),
        "NEWSDESK_DATA_DIR": str(tmp_path / "two" / "state"),
    }
    first, second = f"http://127.0.0.1:{first_port}", f"http://127.0.0.1:{second_port}"
    workers = [
        Worker(first_env, tmp_path / "one.log").start(),
        Worker(second_env, tmp_path / "two.log").start(),
    ]
    try:
        for worker in workers:
            await asyncio.to_thread(worker.wait_ready)
        paths = [str(ROOT / "seeds"), *(str(t.articles) for t in timelines()[:8])]
        replay = await asyncio.to_thread(run_cli, "replay", *paths, env=first_env)
        assert replay.returncode == 0, replay.stderr.decode()

        shares: dict[str, set[str]] = {}

        def settled() -> bool:
            # Both workers hold a share, the shares split the changelog's figures between them,
            # and each worker's full answer is the whole table.
            expected = changelog_keys(first_env)
            local = [keys(f"{base}/figures/?scope=local") for base in (first, second)]
            if None in local or not expected:
                return False
            one, two = (share or set() for share in local)
            if not one or not two or one & two or one | two != expected:
                return False
            shares.update(one=one, two=two)
            return keys(f"{first}/figures/") == expected and keys(f"{second}/figures/") == expected

        await asyncio.to_thread(wait_until, settled, 240, "both workers to hold a share and answer for all")

        held_by_two = min(shares["two"])
        status, routed = await asyncio.to_thread(get, f"{first}/figures/{held_by_two}/")
        assert status == 200
        status, direct = await asyncio.to_thread(get, f"{second}/figures/{held_by_two}/?scope=local")
        assert status == 200
        assert routed == direct
        status, _ = await asyncio.to_thread(get, f"{first}/figures/{held_by_two}/?scope=local")
        assert status == 404

        status, filtered = await asyncio.to_thread(get, f"{second}/figures/?party=north%20korea")
        assert status == 200
        assert filtered["figures"]
        assert all(f["key"].startswith("north-korea:") for f in filtered["figures"])
    finally:
        await asyncio.gather(*(asyncio.to_thread(w.stop) for w in workers))
