"""The events stage's data classes and PLOVER vocabularies, re-exported from where they live.

The classes are part of the ``claimgraph/1`` record (``claimgraph.model.events``); the vocabularies are
closed vocabularies of it (``claimgraph.vocab``). This module keeps the events package's own imports short.
"""

from __future__ import annotations

from ..model.events import Actor, Event, Trigger
from ..vocab import EVENT_MODES, EVENT_TYPES, MODES_BY_TYPE, EventMode, EventType

__all__ = ["EVENT_MODES", "EVENT_TYPES", "MODES_BY_TYPE", "Actor", "Event", "EventMode", "EventType", "Trigger"]
