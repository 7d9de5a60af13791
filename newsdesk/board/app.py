"""The board's web server (aiohttp): pages, static assets, a JSON API and a live stream (SSE).

Routes:

- ``/`` the live board; ``/figures/{figure_key}`` one figure's page with its timeline chart;
- ``/static/...`` the bundled JS and CSS (no CDN: desks run air-gapped);
- ``/api/alerts`` newest alerts as cards (``party``, ``metric``, ``kind``, ``figure``,
  ``severity`` and ``limit`` query parameters); ``/api/figures/{figure_key}`` (the figure's
  history from the figure table, else from its alerts); ``/api/facets``; ``/api/health``;
- ``/api/stream`` Server-Sent Events, one ``alert`` event per new alert (same filters),
  resuming after ``Last-Event-ID`` (or ``?since=``) so a reconnecting browser misses nothing
  the view still holds; with ``?figure=`` also a ``figure`` event when that figure's state
  changes (no id: it only tells the page to fetch the figure again).

Every response carries the headers of :mod:`newsdesk.board.security`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from newsdesk.alertfilter import SEVERITIES, AlertFilter, FilterError
from newsdesk.board.figures import FigureStore
from newsdesk.board.hub import FigureChanged, Hub, Item, Signal
from newsdesk.board.security import HEADERS
from newsdesk.board.view import AlertView, Entry
from newsdesk.records import ALERT_KINDS, METRICS
from newsdesk.utils import json

STATIC = Path(__file__).resolve().parent / "static"
MAX_LIMIT = 1000
DEFAULT_LIMIT = 200

VIEW: web.AppKey[AlertView] = web.AppKey("view", AlertView)
HUB: web.AppKey[Hub] = web.AppKey("hub", Hub)
STATUS: web.AppKey[Callable[[], dict[str, Any]]] = web.AppKey("status")
HEARTBEAT: web.AppKey[float] = web.AppKey("heartbeat", float)
FIGURES: web.AppKey[FigureStore] = web.AppKey("figures", FigureStore)


def create_app(
    view: AlertView,
    hub: Hub,
    *,
    status: Callable[[], dict[str, Any]] = dict,
    heartbeat: float = 15.0,
    figures: FigureStore | None = None,
) -> web.Application:
    """``figures``: the figure table's states (the board's copy); without it pages use alerts only."""
    app = web.Application(middlewares=[_bad_request])
    app[VIEW] = view
    app[FIGURES] = figures if figures is not None else FigureStore(1)
    app[HUB] = hub
    app[STATUS] = status
    app[HEARTBEAT] = heartbeat
    app.on_response_prepare.append(_security_headers)
    app.on_shutdown.append(_close_streams)
    app.router.add_get("/", _page("index.html"))
    app.router.add_get("/figures/{key:[^/]+}", _page("figure.html"))
    app.router.add_static("/static/", STATIC, show_index=False, follow_symlinks=False)
    app.router.add_get("/favicon.ico", _no_icon)
    app.router.add_get("/api/alerts", _alerts)
    app.router.add_get("/api/figures/{key:[^/]+}", _figure)
    app.router.add_get("/api/facets", _facets)
    app.router.add_get("/api/health", _health)
    app.router.add_get("/api/stream", _stream)
    return app


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(HEADERS)
    if request.path.startswith("/api/"):
        response.headers.setdefault("Cache-Control", "no-store")
    else:
        response.headers.setdefault("Cache-Control", "no-cache")


async def _close_streams(app: web.Application) -> None:
    app[HUB].close()


def _page(name: str) -> Any:
    async def handler(request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / name, headers={"Content-Type": "text/html; charset=utf-8"})

    return handler


async def _no_icon(request: web.Request) -> web.Response:
    return web.Response(status=204)


def _json(data: Any, status: int = 200) -> web.Response:
    return web.Response(body=json.dumps(data), status=status, content_type="application/json")


class QueryError(FilterError):
    """A query parameter the API cannot use: answered with 400 and the reason."""


@web.middleware
async def _bad_request(request: web.Request, handler: Any) -> web.StreamResponse:
    try:
        response: web.StreamResponse = await handler(request)
    except FilterError as exc:
        return _json({"error": str(exc)}, status=400)
    return response


def _filter(request: web.Request) -> AlertFilter:
    query = request.query
    try:
        return AlertFilter.build(
            party=query.getall("party", []),
            metric=query.getall("metric", []),
            kind=query.getall("kind", []),
            figure=query.get("figure"),
            min_severity=query.get("severity"),
        )
    except FilterError as exc:
        raise QueryError(str(exc)) from exc


def _int(request: web.Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        return max(low, min(high, int(raw)))
    except ValueError as exc:
        raise QueryError(f"{name} must be an integer") from exc


async def _alerts(request: web.Request) -> web.Response:
    view = request.app[VIEW]
    flt = _filter(request)
    limit = _int(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    return _json(
        {
            "alerts": [entry.card for entry in view.recent(flt, limit)],
            "last_seq": view.last_seq,
            **request.app[STATUS](),
        }
    )


async def _figure(request: web.Request) -> web.Response:
    key = request.match_info["key"]
    page = request.app[VIEW].figure_page(key, request.app[FIGURES].get(key))
    if page is None:
        return _json({"error": "the board knows no alert and no history of this figure"}, status=404)
    page["last_seq"] = request.app[VIEW].last_seq
    return _json(page)


async def _facets(request: web.Request) -> web.Response:
    return _json(
        {
            "parties": request.app[VIEW].parties(),
            "metrics": list(METRICS),
            "kinds": list(ALERT_KINDS),
            "severities": list(SEVERITIES),
        }
    )


async def _health(request: web.Request) -> web.Response:
    view = request.app[VIEW]
    return _json(
        {
            "alerts": len(view),
            "last_seq": view.last_seq,
            "streams": len(request.app[HUB]),
            **request.app[STATUS](),
        }
    )


async def _stream(request: web.Request) -> web.StreamResponse:
    view, hub = request.app[VIEW], request.app[HUB]
    flt = _filter(request)
    since = _int(request, "since", view.last_seq, 0, 2**62)
    last_event = request.headers.get("Last-Event-ID", "")
    if last_event.isdigit():
        since = int(last_event)
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    )
    await response.prepare(request)
    listener = hub.listen()  # before the catch-up, so nothing lands in between unseen
    try:
        await _pump(response, request.app[HEARTBEAT], listener.queue, view.since(since, flt), flt, since)
    except ConnectionResetError:
        return response  # the browser left
    finally:
        hub.leave(listener)
    with contextlib.suppress(ConnectionResetError):
        await response.write_eof()
    return response


async def _pump(
    response: web.StreamResponse,
    heartbeat: float,
    queue: asyncio.Queue[Item],
    backlog: list[Entry],
    flt: AlertFilter,
    sent: int,
) -> None:
    await response.write(b"retry: 2000\n\n")
    for entry in backlog:
        await response.write(_event(entry))
        sent = entry.seq
    while True:
        try:
            item = await asyncio.wait_for(queue.get(), heartbeat)
        except TimeoutError:
            await response.write(b": keep-alive\n\n")
            continue
        if isinstance(item, Signal):
            return
        if isinstance(item, FigureChanged):
            if flt.figure_key == item.figure_key:  # only a figure's page asks for its figure
                await response.write(
                    b"event: figure\ndata: %s\n\n" % json.dumps({"figure_key": item.figure_key})
                )
            continue
        if item.seq > sent and flt.matches(item.alert):
            await response.write(_event(item))
            sent = item.seq


def _event(entry: Entry) -> bytes:
    # orjson never writes a raw newline, so the card is exactly one "data:" line.
    return b"id: %d\nevent: alert\ndata: %s\n\n" % (entry.seq, json.dumps(entry.card))
