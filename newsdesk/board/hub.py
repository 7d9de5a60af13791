"""Fan-out of new alerts (and of figure changes) to live streams, never held up by a slow browser.

Each stream has a bounded queue. When a browser reads too slowly and its queue fills, the
hub does not wait and does not drop alerts silently: it ends that stream, and the browser's
EventSource reconnects with ``Last-Event-ID`` and catches up from the view.
"""

from __future__ import annotations

import asyncio
import enum
from dataclasses import dataclass, field

from newsdesk.board.view import Entry


class Signal(enum.Enum):
    OVERFLOW = "overflow"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class FigureChanged:
    """The figure table holds a new state of this figure: its page redraws the chart."""

    figure_key: str


Item = Entry | FigureChanged | Signal


@dataclass(eq=False)
class Listener:
    queue: asyncio.Queue[Item] = field(default_factory=lambda: asyncio.Queue(256))


class Hub:
    def __init__(self, queue_size: int = 256) -> None:
        self.queue_size = queue_size
        self._listeners: set[Listener] = set()
        self.closed = False

    def __len__(self) -> int:
        return len(self._listeners)

    def listen(self) -> Listener:
        listener = Listener(asyncio.Queue(self.queue_size + 1))
        if self.closed:
            listener.queue.put_nowait(Signal.CLOSED)
        self._listeners.add(listener)
        return listener

    def leave(self, listener: Listener) -> None:
        self._listeners.discard(listener)

    def publish(self, entry: Entry | FigureChanged) -> None:
        for listener in list(self._listeners):
            if listener.queue.qsize() >= self.queue_size:
                self._end(listener, Signal.OVERFLOW)
            else:
                listener.queue.put_nowait(entry)

    def close(self) -> None:
        """End every stream (the server is shutting down)."""
        self.closed = True
        for listener in list(self._listeners):
            self._end(listener, Signal.CLOSED)

    def _end(self, listener: Listener, signal: Signal) -> None:
        while not listener.queue.empty():
            listener.queue.get_nowait()
        listener.queue.put_nowait(signal)
        self._listeners.discard(listener)
