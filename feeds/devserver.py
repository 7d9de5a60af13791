"""A feed server on loopback for tests, benchmarks and the corpus check (never for production).

Three kinds of content, all served by one aiohttp app bound to 127.0.0.1 on a free port:

* routes set by a test (:meth:`FeedServer.route`): a body with a status, headers, an ETag or
  Last-Modified (answered with 304 when the request matches), gzip, a delay, a slow drip;
* ``/gen/N.xml``: generated RSS feeds, deterministic per N, with an ETag (for benchmarks);
  ``/genpage/N.xml`` the same with links to ``/page/N/I``, generated article pages (full text);
* ``/corpus/PATH``: files of feedparser's test corpus, sent with the ``Header:`` lines of
  their leading comment (Status, Location, Content-Type, ETag, ...), and ``compression/*``
  with the Content-Encoding their name says.

Run it on its own with ``python -m feeds.devserver [--corpus DIR]``: it prints its base URL.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import hashlib
import re
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from aiohttp import web

_HEADER = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    delay: float = 0.0
    drip: float = 0.0
    """Seconds between two 1 KiB pieces of the body (a slow server)."""


@dataclass
class Request:
    path: str
    headers: dict[str, str]


def rss(
    title: str, items: list[tuple[str, str, str]], *, dated: bool = True, links: str = "http://example.test/"
) -> bytes:
    """A small RSS 2.0 document; items are ``(guid, title, description)``, linked to ``links + guid``."""
    parts = [f"<rss version='2.0'><channel><title>{title}</title><link>http://example.test/</link>"]
    for index, (guid, item_title, text) in enumerate(items):
        date = f"<pubDate>Mon, 0{1 + index % 9} Sep 2025 10:00:00 GMT</pubDate>" if dated else ""
        parts.append(
            f"<item><guid isPermaLink='false'>{guid}</guid><title>{item_title}</title>"
            f"<link>{links}{guid}?utm_source=rss</link>{date}"
            f"<description><![CDATA[<p>{text}</p>]]></description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def generated_feed(number: int, items: int = 10, *, links: str = "http://example.test/") -> bytes:
    return rss(
        f"Generated feed {number}",
        [(f"gen-{number}-{i}", f"Story {i} of feed {number}", f"Police said {i + 2} people were arrested.")
         for i in range(items)],
        links=links,
    )  # fmt: skip


def generated_page(number: int, index: int) -> bytes:
    """An article page (about 5 KB, furniture included) for entry ``index`` of generated feed ``number``."""
    paragraphs = "".join(
        f"<p>Police in district {number} said on day {index} that {index + 2 + k} people were arrested "
        f"after protests near the ministry, and that {k} officers were treated for minor injuries. "
        f"A spokesperson said the investigation into the events of the weekend was continuing.</p>"
        for k in range(12)
    )
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Story {index} of feed {number}</title>"
        "</head><body><header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
        f"<main><article><h1>Story {index} of feed {number}</h1>{paragraphs}</article></main>"
        "<footer>Copyright. Cookie settings. Newsletter.</footer></body></html>"
    ).encode()


def corpus_headers(data: bytes) -> dict[str, str]:
    """The ``Header:`` lines of a corpus file's leading comment (decoded as the corpus README says)."""
    text = data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:4] in {b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"}:
        for codec in ("utf-32", "utf-16"):
            try:
                text = data.decode(codec).encode("utf-8")
                break
            except UnicodeDecodeError:
                continue
    elif data.startswith(b"\x4c\x6f\xa7\x94"):
        text = data.decode("cp037").encode("utf-8")
    found: dict[str, str] = {}
    for name, value in _HEADER.findall(text[:4096]):
        found[name.decode("latin-1").strip()] = value.decode("latin-1").strip()
    return found


class FeedServer:
    """``with FeedServer(corpus=DIR) as server: server.url("/x")`` serves from a thread."""

    def __init__(self, *, corpus: Path | None = None, gen_items: int = 10) -> None:
        self.corpus = corpus.resolve() if corpus else None
        self.gen_items = gen_items
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._gen_cache: dict[int, tuple[bytes, str]] = {}

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, **spec: object) -> Route:
        route = Route(**spec)  # type: ignore[arg-type]
        self.routes[path] = route
        return route

    def hits(self, path: str) -> list[Request]:
        return [r for r in list(self.requests) if r.path == path]

    # ---------------------------------------------------------------- app

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/{tail:.*}", self._handle)
        return app

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(Request(request.path, dict(request.headers)))
        if request.path.startswith(("/gen/", "/genpage/")):
            return self._generated(request)
        if request.path.startswith("/page/"):
            return self._generated_page(request)
        if request.path.startswith("/corpus/") and self.corpus is not None:
            return self._corpus_file(request)
        route = self.routes.get(request.path)
        if route is None:
            return web.Response(status=404, text="no such feed")
        if route.delay:
            await asyncio.sleep(route.delay)
        if route.etag and request.headers.get("If-None-Match") == route.etag:
            return web.Response(status=304, headers={"ETag": route.etag})
        if route.last_modified and request.headers.get("If-Modified-Since") == route.last_modified:
            return web.Response(status=304, headers={"Last-Modified": route.last_modified})
        headers = {"Content-Type": "application/rss+xml; charset=utf-8", **route.headers}
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        body = route.body
        if route.gzip:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        if not route.drip:
            return web.Response(status=route.status, body=body, headers=headers)
        response = web.StreamResponse(status=route.status, headers=headers)
        await response.prepare(request)
        for start in range(0, len(body), 1024):
            await response.write(body[start : start + 1024])
            await asyncio.sleep(route.drip)
        await response.write_eof()
        return response

    def _generated(self, request: web.Request) -> web.Response:
        pages = request.path.startswith("/genpage/")
        try:
            number = int(request.path.split("/")[2].removesuffix(".xml"))
        except (ValueError, IndexError):
            return web.Response(status=404)
        key = -1 - number if pages else number
        cached = self._gen_cache.get(key)
        if cached is None:
            links = self.url(f"/page/{number}/") if pages else "http://example.test/"
            body = generated_feed(number, self.gen_items, links=links)
            cached = (body, '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest()[:16] + '"')
            self._gen_cache[key] = cached
        body, etag = cached
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, headers={"ETag": etag, "Content-Type": "application/rss+xml"})

    def _generated_page(self, request: web.Request) -> web.Response:
        match = re.fullmatch(r"/page/(\d+)/gen-\d+-(\d+)", request.path)
        if match is None:
            return web.Response(status=404)
        body = generated_page(int(match.group(1)), int(match.group(2)))
        return web.Response(body=body, headers={"Content-Type": "text/html; charset=utf-8"})

    def _corpus_file(self, request: web.Request) -> web.Response:
        assert self.corpus is not None
        if request.path == "/corpus/-/return-304.xml":  # feedparser's test server answers this with a 304
            return web.Response(status=304)
        path = (self.corpus / request.path.removeprefix("/corpus/")).resolve()
        if not path.is_relative_to(self.corpus) or not path.is_file():
            return web.Response(status=404)
        data = path.read_bytes()
        headers: dict[str, str] = {}
        status = 200
        if path.parent.name == "compression":
            headers["Content-Encoding"] = "gzip" if path.suffix == ".gz" else "deflate"
            headers["Content-Type"] = "application/xml"
        for name, value in corpus_headers(data).items():
            if name.lower() == "status":
                status = int(value) if value.isdigit() else 200
            elif name.lower() == "location":
                # The corpus points at its original server; keep the path, serve it here.
                tail = re.sub(r"^https?://[^/]+/(tests/)?", "", value)
                headers["Location"] = self.url("/corpus/" + tail)
            else:
                headers[name] = value
        if status == 304:
            return web.Response(status=304, headers=headers)
        return web.Response(status=status, body=data, headers=headers)

    # ---------------------------------------------------------------- thread

    def __enter__(self) -> Self:
        self._thread = threading.Thread(target=self._serve, name="feed-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("the feed server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        loop = self._loop
        if loop is not None and self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), loop).result(30)
            loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(30)

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        loop.run_until_complete(self._start())
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.close()

    async def _start(self) -> None:
        self._runner = web.AppRunner(self.app(), access_log=None, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, backlog=1024)
        await site.start()
        server: Any = site._server  # the only way to learn the port picked for 0
        assert server is not None
        self.port = int(server.sockets[0].getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description="loopback feed server (tests and benchmarks)")
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--gen-items", type=int, default=10)
    args = parser.parse_args()
    with FeedServer(corpus=args.corpus, gen_items=args.gen_items) as server:
        print(server.url(""), flush=True)  # noqa: T201 - the parent reads the base URL
        with contextlib.suppress(KeyboardInterrupt):
            sys.stdin.read()  # runs until the parent closes stdin
    return 0


if __name__ == "__main__":
    sys.exit(main())
