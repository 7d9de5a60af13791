"""Fetch feeds over HTTP with aiohttp, politely and within hard limits.

One shared session for every feed; the connector bounds connections in all and per host.
Requests are conditional (``If-None-Match`` / ``If-Modified-Since``), so an unchanged feed
costs a 304 and no body. Redirects are followed here, one hop at a time, so each target is
checked (:mod:`feeds.safety`) and a chain of permanent redirects (301/308) can update the
stored URL. Bodies are decompressed by this module, not by aiohttp, so the cap on the
*decompressed* size holds while streaming: a 10 KiB gzip bomb stops at the cap, not in RAM.
Article pages (full-text fetch) go through the same fetcher, under the same checks and limits.

Which private addresses may be fetched can change while the poller runs (the feeds file is
re-read): the fetcher then starts a new session, so neither a cached DNS answer nor a pooled
keep-alive connection outlives the policy that allowed it. Fetches already under way finish
on the old session, which is closed as soon as they are done.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import re
import time
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

import aiohttp
from aiohttp.abc import AbstractResolver
from multidict import CIMultiDictProxy
from yarl import URL

from feeds.exceptions import FetchError, UnsafeURLError
from feeds.safety import AccessPolicy, GuardedResolver, check_url, unwrap_unsafe
from newsdesk import __version__
from newsdesk.settings import Settings

MAX_REDIRECTS = 5
PERMANENT = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
CHUNK = 64 * 1024
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


def user_agent(contact: str) -> str:
    """``newsdesk/0.1.0 (feed poller; +https://desk.example/contact)``: who polls, and how to reach them."""
    suffix = f"; +{contact.strip()}" if contact.strip() else ""
    return f"newsdesk/{__version__} (feed poller{suffix})"


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A 200 (with ``body``) or a 304 (``not_modified``, empty body)."""

    url: str
    """The URL that answered (after redirects)."""
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    permanent_url: str | None = None
    """Where the feed moved for good, when every redirect on the way was permanent."""
    max_age: float | None = None
    wire_bytes: int = 0
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(slots=True)
class _HostSlot:
    semaphore: asyncio.Semaphore
    users: int = 0


class Fetcher:
    """``async with Fetcher(settings, allow_private=...) as f: await f.fetch(url, etag=..., ...)``.

    ``allow_private`` (from the command line or the environment) holds for the whole run; the
    feeds file's ``allow_private`` is added with :meth:`set_file_policy` and may change.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        allow_private: bool | AccessPolicy,
        resolver: AbstractResolver | None = None,
    ) -> None:
        self.settings = settings
        self._base = AccessPolicy.of(allow_private)
        self.policy = self._base
        self._guard = GuardedResolver(allow_private=self.policy, inner=resolver)
        self.max_body = settings.poll_max_body
        self._session: aiohttp.ClientSession | None = None
        self._in_flight: dict[aiohttp.ClientSession, int] = {}
        self._retired: list[aiohttp.ClientSession] = []
        self._hosts: dict[str, _HostSlot] = {}

    @property
    def allow_private(self) -> bool:
        """Whether every private address is allowed (the policy may also allow some networks)."""
        return self.policy.all_private

    def set_file_policy(self, extra: AccessPolicy) -> bool:
        """Allow what the base policy allows plus ``extra``; True when that changed anything.

        On a change the session is replaced, so nothing resolved or connected under the old
        policy is reused (see the module docstring).
        """
        policy = self._base.union(extra)
        if policy == self.policy:
            return False
        self.policy = policy
        self._guard.policy = policy
        if self._session is not None:
            old = self._session
            self._session = self._new_session()
            self._retired.append(old)
        return True

    async def __aenter__(self) -> Self:
        self._session = self._new_session()
        return self

    def _new_session(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=self.settings.poll_concurrency,
            limit_per_host=0,  # per-host limits are _host_slot's, so queueing does not eat the timeout
            resolver=self._guard,  # shared by every session; the connector does not close it
            ttl_dns_cache=300,
        )
        session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(
                total=self.settings.poll_timeout,
                connect=self.settings.poll_connect_timeout,
                sock_read=self.settings.poll_timeout,
            ),
            auto_decompress=False,
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=False,
            headers={
                "User-Agent": user_agent(self.settings.poll_user_agent_contact),
                "Accept": ACCEPT,
                "Accept-Encoding": "gzip, deflate",
            },
        )
        self._in_flight[session] = 0
        return session

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        sessions = [*self._retired, *([self._session] if self._session is not None else [])]
        self._retired.clear()
        self._session = None
        self._in_flight.clear()
        for session in sessions:
            await session.close()
        await self._guard.close()

    async def _close_idle_retired(self) -> None:
        for session in [s for s in self._retired if not self._in_flight.get(s)]:
            self._retired.remove(session)
            self._in_flight.pop(session, None)
            await session.close()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> FetchResult:
        """Fetch ``url`` once; a failure is a :class:`FetchError` whose ``kind`` says what went wrong.

        ``accept`` replaces the feed types in the ``Accept`` header (an article page asks for HTML).
        Every failure carries ``elapsed``, the seconds until it was known.
        """
        started = time.monotonic()
        if self._retired:
            await self._close_idle_retired()
        try:
            return await self._attempt(url, etag, last_modified, accept, started)
        except FetchError as exc:
            exc.elapsed = time.monotonic() - started
            raise

    async def _attempt(
        self, url: str, etag: str | None, last_modified: str | None, accept: str | None, started: float
    ) -> FetchResult:
        session = self._session
        assert session is not None, "use Fetcher as an async context manager"
        self._in_flight[session] = self._in_flight.get(session, 0) + 1
        try:
            return await self._follow(session, url, etag, last_modified, accept, started)
        except FetchError:
            raise
        except UnsafeURLError as exc:
            raise FetchError("blocked", str(exc), retriable=False) from exc
        except TimeoutError as exc:
            raise FetchError(
                "timeout", f"no complete answer within {self.settings.poll_timeout:.0f}s"
            ) from exc
        except aiohttp.InvalidURL as exc:
            raise FetchError("bad_url", f"invalid URL: {exc}", retriable=False) from exc
        except aiohttp.ClientConnectorDNSError as exc:
            raise _blocked_or(exc, "dns", f"cannot resolve host: {exc}") from exc
        except aiohttp.ClientConnectorError as exc:
            raise _blocked_or(exc, "connect", f"cannot connect: {exc}") from exc
        except (aiohttp.ClientPayloadError, aiohttp.ServerDisconnectedError) as exc:
            raise FetchError("protocol", f"broken response: {exc}") from exc
        except aiohttp.ClientResponseError as exc:
            raise FetchError("protocol", f"bad response: {exc.status} {exc.message}") from exc
        except aiohttp.ClientError as exc:
            raise _blocked_or(exc, "network", f"{type(exc).__name__}: {exc}") from exc
        finally:
            if session in self._in_flight:
                self._in_flight[session] -= 1

    async def _follow(
        self,
        session: aiohttp.ClientSession,
        url: str,
        etag: str | None,
        last_modified: str | None,
        accept: str | None,
        started: float,
    ) -> FetchResult:
        target = check_url(url, allow_private=self.policy)
        permanent: URL | None = None
        all_permanent = True
        for _ in range(MAX_REDIRECTS + 1):
            headers = {"Accept": accept} if accept else {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            async with (
                self._host_slot(target),
                asyncio.timeout(self.settings.poll_timeout + 5),
                session.get(target, headers=headers, allow_redirects=False) as response,
            ):
                status = response.status
                if status in REDIRECTS:
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError("bad_redirect", f"{status} without a Location header")
                    try:
                        next_url = target.join(URL(location))
                    except (ValueError, TypeError) as exc:
                        raise FetchError("bad_redirect", f"unusable Location {location[:200]!r}") from exc
                    target = check_url(next_url, allow_private=self.policy)
                    all_permanent = all_permanent and status in PERMANENT
                    permanent = target if all_permanent else None
                    continue
                wanted = str(permanent) if permanent is not None else None
                if status == 304:
                    return FetchResult(
                        url=str(target),
                        status=304,
                        headers=_headers(response.headers),
                        etag=response.headers.get("ETag") or etag,
                        last_modified=response.headers.get("Last-Modified") or last_modified,
                        permanent_url=wanted,
                        max_age=max_age(response.headers.get("Cache-Control")),
                        elapsed=time.monotonic() - started,
                    )
                _raise_for_status(response)
                body, wire = await self._read(response)
                return FetchResult(
                    url=str(target),
                    status=status,
                    body=body,
                    headers=_headers(response.headers),
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                    permanent_url=wanted,
                    max_age=max_age(response.headers.get("Cache-Control")),
                    wire_bytes=wire,
                    elapsed=time.monotonic() - started,
                )
        raise FetchError("too_many_redirects", f"more than {MAX_REDIRECTS} redirects")

    @contextlib.asynccontextmanager
    async def _host_slot(self, url: URL) -> AsyncIterator[None]:
        """One of the ``poll_per_host`` slots of the URL's host, waited for *before* the timeouts start."""
        key = f"{url.host}:{url.port}"
        slot = self._hosts.get(key)
        if slot is None:
            slot = self._hosts[key] = _HostSlot(asyncio.Semaphore(self.settings.poll_per_host))
        slot.users += 1
        try:
            async with slot.semaphore:
                yield
        finally:
            slot.users -= 1
            if not slot.users:
                self._hosts.pop(key, None)

    async def _read(self, response: aiohttp.ClientResponse) -> tuple[bytes, int]:
        """The decompressed body, stopped as soon as it passes the cap."""
        declared = response.content_length
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if declared is not None and encoding in {"", "identity"} and declared > self.max_body:
            raise FetchError(
                "too_large",
                f"Content-Length {declared} is above the {self.max_body}-byte cap",
                retriable=False,
            )
        decoder = BodyDecoder(encoding, self.max_body)
        wire = 0
        async for chunk in response.content.iter_chunked(CHUNK):
            wire += len(chunk)
            if wire > self.max_body:
                raise FetchError("too_large", f"body above the {self.max_body}-byte cap", retriable=False)
            decoder.feed(chunk)
        return decoder.finish(), wire


class BodyDecoder:
    """Incremental gzip/deflate decoding that never produces more than ``cap`` bytes in all."""

    def __init__(self, encoding: str, cap: int) -> None:
        if encoding in {"gzip", "x-gzip"}:
            self._inflater: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS)
        elif encoding in {"", "identity"}:
            self._inflater = None
        else:
            raise FetchError("bad_encoding", f"unsupported Content-Encoding {encoding!r}", retriable=False)
        self.encoding = encoding
        self.cap = cap
        self._parts: list[bytes] = []
        self._size = 0
        self._started = False

    def feed(self, chunk: bytes) -> None:
        if self._inflater is None:
            self._add(chunk)
            return
        try:
            self._inflate(chunk)
        except zlib.error as exc:
            if self.encoding == "deflate" and not self._started:
                # Servers disagree on what "deflate" means: zlib-wrapped (RFC) or raw.
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                try:
                    self._inflate(chunk)
                except zlib.error as raw_exc:
                    raise FetchError(
                        "bad_encoding", f"body is not {self.encoding}: {raw_exc}", retriable=False
                    ) from raw_exc
                return
            raise FetchError("bad_encoding", f"body is not {self.encoding}: {exc}", retriable=False) from exc
        self._started = True

    def _inflate(self, data: bytes) -> None:
        assert self._inflater is not None
        while data:
            self._add(self._inflater.decompress(data, self.cap - self._size + 1))
            data = self._inflater.unconsumed_tail
            if self._inflater.eof:
                return

    def _add(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self.cap:
            raise FetchError("too_large", f"decompressed body above the {self.cap}-byte cap", retriable=False)
        if data:
            self._parts.append(data)

    def finish(self) -> bytes:
        if self._inflater is not None:
            try:
                self._add(self._inflater.flush(self.cap - self._size + 1))
            except zlib.error as exc:
                raise FetchError(
                    "bad_encoding", f"body is not {self.encoding}: {exc}", retriable=False
                ) from exc
            if not self._inflater.eof and self._size == 0:
                raise FetchError("bad_encoding", f"truncated {self.encoding} body", retriable=False)
        return b"".join(self._parts)


def _raise_for_status(response: aiohttp.ClientResponse) -> None:
    status = response.status
    if 200 <= status < 300:
        return
    if status == 410:
        raise FetchError("gone", "410 Gone: the publisher removed this feed", retriable=False)
    if status in {429, 503}:
        wait = retry_after(response.headers.get("Retry-After"))
        kind = "throttled" if status == 429 else "unavailable"
        raise FetchError(kind, f"{status} {response.reason or ''}".strip(), retry_after=wait)
    kind = "http_4xx" if 400 <= status < 500 else "http_5xx" if status >= 500 else "http_other"
    raise FetchError(kind, f"HTTP {status} {response.reason or ''}".strip())


def _blocked_or(exc: BaseException, kind: str, message: str) -> FetchError:
    unsafe = unwrap_unsafe(exc)
    if unsafe is not None:
        return FetchError("blocked", str(unsafe), retriable=False)
    return FetchError(kind, message)


def _headers(headers: CIMultiDictProxy[str]) -> dict[str, str]:
    """Lower-case names; repeated headers joined with commas (what feedparser expects)."""
    joined: dict[str, str] = {}
    for name, value in headers.items():
        key = name.lower()
        joined[key] = f"{joined[key]}, {value}" if key in joined else value
    return joined


def retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delay seconds or an HTTP date)."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())


def max_age(cache_control: str | None) -> float | None:
    if not cache_control:
        return None
    match = _MAX_AGE.search(cache_control)
    return float(match.group(1)) if match else None
