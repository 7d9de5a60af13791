"""The worker's JSON API: ``/figures``, ``/figures/{key}`` and ``/alerts?since=``.

Any worker answers for the whole table: ``/figures/{key}`` is fetched from the worker that
holds the figure, ``/figures`` gathers every worker's share (see ``streams.peers``); with
``?scope=local`` a worker answers from its own partitions only. ``newsdesk figures`` reads the
table's changelog instead and works with no worker running.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import aiohttp
import faust
from faust.web import Request, Response, View

from newsdesk.settings import Settings
from newsdesk.utils.timeutil import parse_iso
from streams.agents import Streams
from streams.alertlog import alerts_since
from streams.figures import figure_matches, public_figure
from streams.peers import LOCAL, ask, ask_all, own_url, owner_of, peer_urls

MAX_LIMIT = 10_000


def register_views(app: faust.App, settings: Settings, streams: Streams) -> None:
    figures = streams.figures

    def session() -> aiohttp.ClientSession:
        return app.http_client

    @app.page("/figures/")
    class FigureIndex(View):
        async def get(self, request: Request) -> Response:
            party = request.query.get("party")
            metric = request.query.get("metric")
            found = [
                public_figure(value)
                for _, value in figures.items()
                if isinstance(value, dict) and figure_matches(value, party=party, metric=metric)
            ]
            unreachable: list[str] = []
            if request.query.get("scope") != LOCAL:
                query = {k: v for k, v in (("party", party), ("metric", metric)) if v}
                for answer in await ask_all(session(), peer_urls(app, figures), "/figures/", query):
                    if answer.status == 200 and isinstance(answer.body, dict):
                        found.extend(answer.body.get("figures", []))
                    else:
                        unreachable.append(answer.url)
            found.sort(key=lambda figure: str(figure.get("key", "")))
            body: dict[str, object] = {"figures": found, "count": len(found)}
            if unreachable:
                # A partial answer says so: the figures those workers hold are missing from it.
                body["unreachable"] = unreachable
            return self.json(body, status=200 if not unreachable else 206)

    @app.page("/figures/{key}/")
    class FigureDetail(View):
        async def get(self, request: Request, key: str) -> Response:
            owner = owner_of(app, figures, key)
            if request.query.get("scope") != LOCAL and owner is not None and owner != own_url(app):
                answer = await ask(session(), owner, f"/figures/{key}/", {})
                if answer.status == 0:
                    return self.json({"error": f"worker {owner} holding {key!r} did not answer"}, status=502)
                return self.json(answer.body, status=answer.status)
            value = figures.get(key)
            if not isinstance(value, dict):
                return self.json({"error": f"no figure {key!r}"}, status=404)
            return self.json(public_figure(value))

    @app.page("/alerts/")
    class AlertLog(View):
        async def get(self, request: Request) -> Response:
            try:
                since = _since(request.query.get("since"))
                limit = min(int(request.query.get("limit", "1000")), MAX_LIMIT)
            except ValueError as exc:
                return self.json({"error": str(exc)}, status=400)
            alerts = await alerts_since(settings, since, limit)
            return self.json({"alerts": alerts, "count": len(alerts), "since": since.isoformat()})


def _since(raw: str | None) -> datetime:
    """ISO 8601 time, or a duration back from now like "24h", "90m", "7d"; default the last 24 hours."""
    if not raw:
        return datetime.now(UTC) - timedelta(hours=24)
    units = {"m": 60, "h": 3600, "d": 86400}
    if raw[-1:] in units and raw[:-1].isdigit():
        return datetime.now(UTC) - timedelta(seconds=int(raw[:-1]) * units[raw[-1]])
    try:
        return parse_iso(raw)
    except ValueError as exc:
        raise ValueError(f"since={raw!r} is neither ISO 8601 nor a duration like 24h") from exc
