"""Figure tracking: the history of each figure's official values, and alerts when they change.

Plain Python with no Kafka or Faust imports. The Faust agent keeps each :class:`FigureState`
in a changelog-backed table; embedded replay keeps them in a dict. Both call :func:`observe`.
"""

from newsdesk.tracking.state import FigureState, Observation
from newsdesk.tracking.tracker import observe

__all__ = ["FigureState", "Observation", "observe"]
