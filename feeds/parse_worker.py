"""Parse feeds in child processes with a memory limit and a deadline, so no feed can hurt the poller.

feedparser is pure Python over hostile input: a pathological regex, a deep document or a
decompressed giant could take minutes or gigabytes. Each worker is a ``python -m
feeds.parse_worker`` process with ``RLIMIT_AS`` set; the poller sends it one body at a time
over a pipe and kills it when the answer does not come in time. A killed or crashed worker
is replaced on the next parse; the feed that caused it is skipped with the reason, and other
feeds keep being parsed by the other workers meanwhile.

The same pool runs the full-text extraction of article pages (:mod:`feeds.page_text`) in
workers started with ``--role page``: one more kind of hostile input under the same limits. The
poller keeps the two apart (a pool each), so slow pages never hold up feed parsing.

Frames on the pipes are a 4-byte big-endian length and that many bytes. A worker first sends
an empty frame once its libraries are loaded (the job timeout starts with the job, not with
the imports). A request is two frames (JSON header, then the raw body); a reply is one JSON
frame: ``{"feed": ...}``, ``{"text": ...}`` or ``{"error": reason, "message": ...}``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import resource
import struct
import sys
from types import TracebackType
from typing import IO, Any, Self

from feeds.exceptions import ParseError
from feeds.parse import ParsedFeed
from newsdesk.exceptions import DecodeError
from newsdesk.utils import json

log = logging.getLogger(__name__)

_LENGTH = struct.Struct(">I")
MAX_REPLY = 256 * 1024 * 1024
RECYCLE_AFTER = 2000
"""Jobs after which a worker is replaced anyway, so slow leaks in a parser cannot pile up."""
START_TIMEOUT = 60.0
"""Seconds a new worker may take to load its libraries and say it is ready."""
ROLES = ("feed", "page")


# ---------------------------------------------------------------- child side


def _read_exactly(stream: IO[bytes], size: int) -> bytes | None:
    chunks = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _read_frame(stream: IO[bytes]) -> bytes | None:
    header = _read_exactly(stream, _LENGTH.size)
    if header is None:
        return None
    return _read_exactly(stream, _LENGTH.unpack(header)[0])


def _handle(request: dict[str, Any], body: bytes) -> dict[str, Any]:
    headers = {str(k): str(v) for k, v in dict(request.get("headers") or {}).items()}
    url = str(request.get("url") or "")
    try:
        if request.get("job") == "page":
            from feeds.page_text import extract_text

            return {"text": extract_text(body, headers, url)}
        from feeds.parse import parse_feed

        feed = parse_feed(body, headers, url)
    except ParseError as exc:
        return {"error": exc.reason, "message": str(exc)}
    except MemoryError:
        return {"error": "memory", "message": "the parse ran out of its memory limit", "fatal": True}
    except RecursionError:
        return {"error": "too_deep", "message": "the document nests too deeply"}
    except Exception as exc:  # noqa: BLE001 - any parser bug is this feed's problem, not the poller's
        return {"error": "parser_error", "message": f"{type(exc).__name__}: {exc}"[:500]}
    return {"feed": feed.to_dict()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="feed parse worker (started by the poller)")
    parser.add_argument("--memory-mb", type=int, default=1024)
    parser.add_argument("--role", choices=ROLES, default="feed", help="what to load before the first job")
    args = parser.parse_args(argv)
    limit = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Replies own fd 1; anything a library prints goes to stderr instead.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    source = sys.stdin.buffer
    if args.role == "page":
        from feeds import page_text

        if page_text.available():
            page_text.preload()
    else:
        import feeds.parse  # noqa: F401 - load feedparser and selectolax before the first job
    out.write(_LENGTH.pack(0))  # ready
    out.flush()
    while True:
        header = _read_frame(source)
        body = _read_frame(source) if header is not None else None
        if header is None or body is None:
            return 0
        reply = _handle(json.loads(header), body)
        try:
            payload = json.dumps(reply)
        except MemoryError:
            payload = json.dumps({"error": "memory", "message": "the result did not fit the memory limit"})
        out.write(_LENGTH.pack(len(payload)) + payload)
        out.flush()
        if reply.get("fatal"):
            return 3


# ---------------------------------------------------------------- poller side


class _Worker:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.jobs = 0

    async def ask(self, header: bytes, body: bytes) -> bytes:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None
        assert stdout is not None
        stdin.write(_LENGTH.pack(len(header)) + header + _LENGTH.pack(len(body)))
        stdin.write(body)
        await stdin.drain()
        size = _LENGTH.unpack(await stdout.readexactly(_LENGTH.size))[0]
        if size > MAX_REPLY:
            raise ParseError("too_large", f"parse result of {size} bytes")
        return await stdout.readexactly(size)

    async def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.process.wait(), timeout=10)

    async def close(self) -> None:
        """Ask politely (EOF on stdin), then kill."""
        if self.process.returncode is None and self.process.stdin is not None:
            with contextlib.suppress(Exception):
                self.process.stdin.close()
            try:
                await asyncio.wait_for(self.process.wait(), timeout=2)
            except TimeoutError:
                await self.kill()


class ParsePool:
    """``async with ParsePool(workers=2, timeout=20, memory_mb=1024) as pool: await pool.parse(...)``.

    ``role="page"`` makes a pool for :meth:`extract` (article pages) instead of feeds.
    """

    def __init__(self, *, workers: int, timeout: float, memory_mb: int, role: str = "feed") -> None:
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}")
        self.size = workers
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.role = role
        self._idle: asyncio.Queue[_Worker | None] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self.restarts = 0

    async def __aenter__(self) -> Self:
        for _ in range(self.size):
            self._idle.put_nowait(None)  # a slot; the process starts on first use
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await asyncio.gather(*(worker.close() for worker in list(self._all)), return_exceptions=True)
        self._all.clear()

    async def _start(self) -> _Worker:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "feeds.parse_worker",
            "--memory-mb",
            str(self.memory_mb),
            "--role",
            self.role,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=None,
        )
        worker = _Worker(process)
        self._all.add(worker)
        assert process.stdout is not None
        try:
            await asyncio.wait_for(process.stdout.readexactly(_LENGTH.size), timeout=START_TIMEOUT)
        except BaseException as exc:
            code = process.returncode
            await self._discard(worker)
            if isinstance(exc, asyncio.IncompleteReadError | TimeoutError):
                raise ParseError("crashed", f"the parse worker did not start (exit {code})") from exc
            raise
        return worker

    async def _discard(self, worker: _Worker) -> None:
        self._all.discard(worker)
        await worker.kill()
        self.restarts += 1

    async def parse(self, body: bytes, headers: dict[str, str], url: str) -> ParsedFeed:
        """Parse in a worker; :class:`ParseError` when the feed is bad, too slow or too big."""
        reply = await self._run("feed", body, headers, url)
        try:
            return ParsedFeed.from_dict(reply["feed"])
        except (KeyError, TypeError) as exc:
            raise ParseError("parser_error", f"unreadable reply from the parse worker: {exc!r}") from exc

    async def extract(self, body: bytes, headers: dict[str, str], url: str) -> str:
        """An article page's text, from a worker; :class:`ParseError` when there is none in time."""
        reply = await self._run("page", body, headers, url)
        text = reply.get("text")
        if not isinstance(text, str):
            raise ParseError("parser_error", "unreadable reply from the page worker")
        return text

    async def _run(self, job: str, body: bytes, headers: dict[str, str], url: str) -> dict[str, Any]:
        worker = await self._idle.get()
        try:
            if worker is None or worker.process.returncode is not None or worker.jobs >= RECYCLE_AFTER:
                if worker is not None:
                    await worker.close()
                    self._all.discard(worker)
                    worker = None
                worker = await self._start()
            worker.jobs += 1
            header = json.dumps({"job": job, "url": url, "headers": headers})
            try:
                raw = await asyncio.wait_for(worker.ask(header, body), timeout=self.timeout)
            except TimeoutError:
                await self._discard(worker)
                worker = None
                doing = "extracting the page" if job == "page" else "parsing"
                raise ParseError("timeout", f"{doing} took longer than {self.timeout:g}s") from None
            except (asyncio.IncompleteReadError, ConnectionError, BrokenPipeError) as exc:
                code = worker.process.returncode
                await self._discard(worker)
                worker = None
                raise ParseError("crashed", f"the parse worker died (exit {code}): {exc!r}") from exc
            except BaseException:
                await self._discard(worker)
                worker = None
                raise
            reply = json.loads(raw)
            if not isinstance(reply, dict):
                raise ParseError("parser_error", "unreadable reply from the parse worker")
            if "feed" in reply or "text" in reply:
                return reply
            if reply.get("fatal"):
                await self._discard(worker)
                worker = None
            raise ParseError(str(reply.get("error", "parser_error")), str(reply.get("message", "")))
        except DecodeError as exc:
            raise ParseError("parser_error", f"unreadable reply from the parse worker: {exc}") from exc
        finally:
            self._idle.put_nowait(worker)


if __name__ == "__main__":
    sys.exit(main())
