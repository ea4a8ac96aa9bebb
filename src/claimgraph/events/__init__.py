"""Events: who did what to whom, as PLOVER events with CAMEO root codes (see docs/events.md)."""

from .extract import find_events, is_reported
from .types import EVENT_TYPES, Actor, Event, Trigger

__all__ = ["EVENT_TYPES", "Actor", "Event", "Trigger", "find_events", "is_reported"]
