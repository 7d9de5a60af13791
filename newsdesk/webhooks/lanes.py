"""One lane per partition a subscription owns: its records in order, and its hand-over.

Why lanes: a consumer group hands partitions to processes and takes them back at every
rebalance. The consumer loop must keep polling while receivers are slow (a member that stops
polling is thrown out of the group), and a partition taken away must be given up quickly (the
whole group waits for it) without losing or committing anything that was not delivered.
So each owned partition gets a lane: a queue the consumer loop fills and a task that delivers
its records one after the other, committing each offset only after ``handle`` finished the
record (2xx, or a dead letter the broker acknowledged).

Hand-over (:meth:`Lane.release`): the lane takes no new record; a POST in flight may finish
for up to ``grace`` seconds, unless the lane is only waiting to retry, then it is stopped at
once; whatever finished is committed, and the rest stays uncommitted for the next owner, which
delivers it again (at least once: receivers deduplicate on the alert id).

No Kafka here: the lane gets ``handle`` and ``commit`` coroutines, so hand-over is tested
without a broker.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Protocol

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]


class Record(Protocol):
    @property
    def offset(self) -> int: ...


Handle = Callable[[Any, Sleep], Awaitable[bool]]
"""Finish one record (deliver or dead-letter it); True when its offset must be committed now.

False means the record needed nothing (filtered out): its offset is committed with the next
one that does, or when the lane runs dry, to keep commits few.
"""
Commit = Callable[[Any, int], Awaitable[None]]
"""Commit ``offset`` (the next one to read) for the lane's partition."""


class Lane:
    def __init__(
        self,
        partition: Any,
        handle: Handle,
        commit: Commit,
        *,
        on_drained: Callable[[Any], None] = lambda partition: None,
        on_failure: Callable[[BaseException], None] = lambda exc: None,
        start: bool = True,
    ) -> None:
        self.partition = partition
        self._handle = handle
        self._commit_offset = commit
        self._on_drained = on_drained
        self._on_failure = on_failure
        self._records: deque[Any] = deque()
        self._wake = asyncio.Event()
        self._retry_wait = asyncio.Event()
        """Set while the record in hand only waits for its next attempt."""
        self._stopping = False
        self.done: int | None = None
        """The offset after the last finished record: what may be committed."""
        self.committed: int | None = None
        self.task: asyncio.Task[None] | None = None
        if start:
            self.start()

    def start(self) -> None:
        self.task = asyncio.create_task(self._run(), name=f"webhook-lane-{self.partition}")
        self.task.add_done_callback(self._finished)

    def __len__(self) -> int:
        return len(self._records)

    def push(self, records: Iterable[Any]) -> None:
        self._records.extend(records)
        self._wake.set()

    async def _run(self) -> None:
        while not self._stopping:
            if not self._records:
                await self._commit()  # filtered-out records at the end of a batch
                self._wake.clear()
                self._on_drained(self.partition)
                await self._wake.wait()
                continue
            record = self._records[0]
            commit_now = await self._handle(record, self._sleep)
            self._records.popleft()
            self.done = record.offset + 1
            if commit_now:
                await self._commit()

    async def _sleep(self, seconds: float) -> None:
        self._retry_wait.set()
        try:
            await asyncio.sleep(seconds)
        finally:
            self._retry_wait.clear()

    async def _commit(self) -> None:
        if self.done is not None and self.done != self.committed:
            offset = self.done
            await self._commit_offset(self.partition, offset)
            self.committed = offset

    def _finished(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            self._on_failure(task.exception())  # type: ignore[arg-type]

    async def release(self, grace: float) -> int:
        """Stop, commit what finished, and return how many fetched records are left undelivered."""
        self._stopping = True
        self._wake.set()
        task = self.task
        if task is not None and not task.done():
            retry_wait = asyncio.ensure_future(self._retry_wait.wait())
            try:
                await asyncio.wait({task, retry_wait}, timeout=grace, return_when=asyncio.FIRST_COMPLETED)
            finally:
                retry_wait.cancel()
                await asyncio.wait({retry_wait})
            if not task.done():
                task.cancel()
                await asyncio.wait({task})
        await self._commit()
        left = len(self._records)
        self._records.clear()
        return left
