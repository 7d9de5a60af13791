"""One alert to one receiver: what is retried, what is given up, and what the receiver sees."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer

from newsdesk.settings import Settings
from newsdesk.webhooks.config import Subscription, parse_config
from newsdesk.webhooks.delivery import ALERT_ID_HEADER, ATTEMPT_HEADER, Outcome, deliver
from newsdesk.webhooks.payload import body
from newsdesk.webhooks.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from tests.support import sample_alert

SECRET = "unit-test-secret-0123456789"  # noqa: S105 - a test key

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def subscription(url: str, **extra: object) -> Subscription:
    options = "\n".join(f"{k} = {v!r}" for k, v in extra.items())
    text = f"[[subscription]]\nname = 'unit'\nurl = '{url}'\nsecret = '{SECRET}'\n{options}\n"
    (sub,) = parse_config(text.replace("'", '"'), Settings())
    return sub


async def run(handler: Handler, **extra: object) -> tuple[Outcome, list[float], list[web.Request]]:
    seen: list[web.Request] = []
    bodies: list[bytes] = []

    async def recording(request: web.Request) -> web.StreamResponse:
        bodies.append(await request.read())
        seen.append(request)
        return await handler(request)

    app = web.Application()
    app.router.add_post("/hook", recording)
    delays: list[float] = []

    async def no_wait(seconds: float) -> None:
        delays.append(seconds)

    async with TestServer(app) as server, aiohttp.ClientSession() as session:
        sub = subscription(str(server.make_url("/hook")), max_attempts=4, timeout=0.5, **extra)
        alert = sample_alert(1)
        outcome = await deliver(session, sub, body(alert), alert["id"], sleep=no_wait)
    for request, raw in zip(seen, bodies, strict=True):
        assert verify(
            SECRET, request.headers[TIMESTAMP_HEADER], raw, request.headers[SIGNATURE_HEADER], now=time.time()
        )
        assert request.headers[ALERT_ID_HEADER] == sample_alert(1)["id"]
    return outcome, delays, seen


async def test_delivered_on_2xx_with_a_valid_signature() -> None:
    async def ok(request: web.Request) -> web.Response:
        return web.Response(status=204)

    outcome, delays, seen = await run(ok)
    assert outcome.delivered
    assert (len(seen), delays) == (1, [])


async def test_500s_are_retried_with_growing_delays_then_delivered() -> None:
    calls = 0

    async def flaky(request: web.Request) -> web.Response:
        nonlocal calls
        calls += 1
        return web.Response(status=500 if calls < 3 else 200)

    outcome, delays, seen = await run(flaky, backoff_base=1.0, backoff_cap=100.0)
    assert outcome.delivered
    assert [r.headers[ATTEMPT_HEADER] for r in seen] == ["1", "2", "3"]
    assert 0.5 <= delays[0] <= 1.0
    assert 1.0 <= delays[1] <= 2.0


async def test_a_refusal_is_given_up_at_once() -> None:
    async def gone(request: web.Request) -> web.Response:
        return web.Response(status=410)

    outcome, delays, seen = await run(gone)
    assert not outcome.delivered
    assert (len(seen), delays) == (1, [])
    assert "HTTP 410" in outcome.reason


async def test_a_redirect_is_not_followed() -> None:
    async def moved(request: web.Request) -> web.Response:
        raise web.HTTPFound("/elsewhere")

    outcome, _, seen = await run(moved)
    assert not outcome.delivered
    assert len(seen) == 1


async def test_timeouts_are_retried_until_the_budget_is_spent() -> None:
    async def stuck(request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.Response()

    outcome, delays, _ = await run(stuck)
    assert not outcome.delivered
    assert outcome.attempts == 4
    assert len(delays) == 3
    assert "after 4 attempt(s)" in outcome.reason


async def test_connection_refused_is_retried() -> None:
    sub = subscription("http://127.0.0.1:9/hook", max_attempts=2, timeout=0.5)
    delays: list[float] = []

    async def no_wait(seconds: float) -> None:
        delays.append(seconds)

    async with aiohttp.ClientSession() as session:
        outcome = await deliver(session, sub, b"{}", "x", sleep=no_wait)
    assert not outcome.delivered
    assert outcome.status is None
    assert len(delays) == 1
