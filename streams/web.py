"""The worker's JSON API: ``/figures``, ``/figures/{key}`` and ``/alerts?since=``.

``/figures`` answers from this worker's share of the figure table (with one worker, all of
it); ``newsdesk figures`` reads the table's changelog and sees every figure whichever
worker owns it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import faust
from faust.web import Request, Response, View

from newsdesk.settings import Settings
from newsdesk.utils.timeutil import parse_iso
from streams.agents import Streams
from streams.alertlog import alerts_since
from streams.figures import figure_matches, public_figure

MAX_LIMIT = 10_000


def register_views(app: faust.App, settings: Settings, streams: Streams) -> None:
    figures = streams.figures

    @app.page("/figures/")
    class FigureIndex(View):
        async def get(self, request: Request) -> Response:
            party = request.query.get("party")
            metric = request.query.get("metric")
            found = [
                public_figure(value)
                for _, value in sorted(figures.items(), key=lambda item: str(item[0]))
                if isinstance(value, dict) and figure_matches(value, party=party, metric=metric)
            ]
            return self.json({"figures": found, "count": len(found)})

    @app.page("/figures/{key}/")
    class FigureDetail(View):
        async def get(self, request: Request, key: str) -> Response:
            value = figures.get(key)
            if not isinstance(value, dict):
                return self.json({"error": f"no figure {key!r} on this worker"}, status=404)
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
