"""A partition's lane: in order, commits only what finished, and a quick, lossless hand-over."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import pytest

from newsdesk.webhooks.lanes import Lane, Sleep


@dataclass(frozen=True)
class Rec:
    offset: int
    wanted: bool = True


class Harness:
    """``handle`` and ``commit`` fakes that record what the lane asked for."""

    def __init__(self) -> None:
        self.handled: list[int] = []
        self.commits: list[int] = []
        self.drained = 0
        self.gate: dict[int, asyncio.Event] = {}
        """Offsets whose POST does not answer until the event is set."""
        self.retrying: set[int] = set()
        """Offsets that fail once and wait a long backoff before the next attempt."""
        self.started = asyncio.Event()
        self.failures: list[BaseException] = []

    async def handle(self, record: Rec, sleep: Sleep) -> bool:
        self.started.set()
        if record.offset in self.gate:
            await self.gate[record.offset].wait()
        if record.offset in self.retrying:
            await sleep(3600)
        if record.offset < 0:
            raise RuntimeError("bug in delivery")
        self.handled.append(record.offset)
        return record.wanted

    async def commit(self, partition: object, offset: int) -> None:
        self.commits.append(offset)

    def lane(self) -> Lane:
        def drained(partition: object) -> None:
            self.drained += 1

        return Lane("t/0", self.handle, self.commit, on_drained=drained, on_failure=self.failures.append)


async def until(condition: object, what: str, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.001)


async def test_records_go_in_order_and_each_delivery_is_committed() -> None:
    h = Harness()
    lane = h.lane()
    lane.push([Rec(5), Rec(6, wanted=False), Rec(7), Rec(8, wanted=False), Rec(9, wanted=False)])
    await until(lambda: h.commits and h.commits[-1] == 10, "the lane to run dry")
    assert h.handled == [5, 6, 7, 8, 9]
    # 6 (filtered out) rides on 7's commit; 8 and 9 are committed when the lane runs dry.
    assert h.commits == [6, 8, 10]
    assert h.drained == 1  # told once it ran dry: the consumer may fetch this partition again
    assert await lane.release(1.0) == 0
    assert h.commits == [6, 8, 10]


async def test_hand_over_waits_for_the_post_in_flight_and_commits_it() -> None:
    h = Harness()
    h.gate[1] = asyncio.Event()
    lane = h.lane()
    lane.push([Rec(1), Rec(2), Rec(3)])
    await h.started.wait()
    release = asyncio.create_task(lane.release(5.0))
    await asyncio.sleep(0.05)
    assert not release.done()  # waiting for the receiver's answer
    h.gate[1].set()
    left = await release
    assert h.handled == [1]  # nothing new was started after the hand-over began
    assert h.commits == [2]
    assert left == 2  # 2 and 3 stay uncommitted for the next owner


async def test_hand_over_does_not_wait_for_a_retry_backoff() -> None:
    h = Harness()
    h.retrying.add(1)
    lane = h.lane()
    lane.push([Rec(1), Rec(2)])
    await h.started.wait()
    await asyncio.sleep(0.01)
    started = time.monotonic()
    left = await lane.release(30.0)
    assert time.monotonic() - started < 1.0
    assert h.handled == []
    assert h.commits == []  # 1 was not delivered: not committed
    assert left == 2
    assert lane.task is not None
    assert lane.task.cancelled()


async def test_hand_over_gives_up_on_a_receiver_slower_than_the_grace() -> None:
    h = Harness()
    h.gate[0] = asyncio.Event()  # never answers
    lane = h.lane()
    lane.push([Rec(0)])
    await h.started.wait()
    started = time.monotonic()
    assert await lane.release(0.2) == 1
    assert 0.15 < time.monotonic() - started < 2.0
    assert h.commits == []


async def test_what_finished_before_the_hand_over_is_committed_even_if_filtered() -> None:
    h = Harness()
    h.gate[3] = asyncio.Event()
    lane = h.lane()
    lane.push([Rec(1, wanted=False), Rec(2, wanted=False), Rec(3)])
    await until(lambda: h.handled == [1, 2], "two filtered records")
    assert await lane.release(0.1) == 1
    assert h.commits == [3]  # 1 and 2 need no delivery: the next owner starts at 3


async def test_a_failing_lane_reports_its_error() -> None:
    h = Harness()
    lane = h.lane()
    lane.push([Rec(-1)])
    await until(lambda: bool(h.failures), "the failure to be reported")
    assert isinstance(h.failures[0], RuntimeError)
    assert await lane.release(0.1) == 1
    assert h.commits == []


@pytest.mark.parametrize("grace", [0.0, 0.5])
async def test_an_idle_lane_hands_over_at_once(grace: float) -> None:
    h = Harness()
    lane = h.lane()
    await until(lambda: h.drained == 1, "the lane to go idle")
    started = time.monotonic()
    assert await lane.release(grace) == 0
    assert time.monotonic() - started < 0.2
    assert lane.task is not None
    assert lane.task.done()
    assert not lane.task.cancelled()
