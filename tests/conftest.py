"""Shared test plumbing: a timeout around every coroutine test and a guard against leaked tasks.

Both follow the practice of aiokafka and faust: a test that hangs fails with a clear timeout
instead of stalling the suite, and a test that leaves asyncio tasks running fails, because
a leaked task is a bug in the code under test (or in the test).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

COROUTINE_TIMEOUT = 120.0


def _guarded(
    test: Callable[..., Coroutine[Any, Any, None]], timeout: float
) -> Callable[..., Coroutine[Any, Any, None]]:
    @functools.wraps(test)
    async def wrapper(*args: Any, **kwargs: Any) -> None:
        before = asyncio.all_tasks()
        try:
            await asyncio.wait_for(test(*args, **kwargs), timeout=timeout)
        except TimeoutError:
            pytest.fail(f"{test.__name__} did not finish within {timeout:.0f}s")
        await asyncio.sleep(0)
        current = asyncio.current_task()
        leaked = [t for t in asyncio.all_tasks() - before if t is not current and not t.done()]
        if leaked:
            for task in leaked:
                task.cancel()
            names = ", ".join(sorted(t.get_name() + ":" + str(t.get_coro()) for t in leaked))
            pytest.fail(f"{test.__name__} left asyncio tasks running: {names}")

    return wrapper


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if isinstance(item, pytest.Function) and inspect.iscoroutinefunction(item.obj):
            marker = item.get_closest_marker("coroutine_timeout")
            timeout = float(marker.args[0]) if marker else COROUTINE_TIMEOUT
            item.obj = _guarded(item.obj, timeout)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "coroutine_timeout(seconds): timeout for one coroutine test")
