"""Find and normalise publication dates written the many ways sites and corpora write them.

The one home for dates: pages (:func:`find_date`, :func:`parse_date`) and corpus record fields
(:func:`normalise_date`, used by ``ingest.records``) go through the same rules.

A regular expression finds a date-shaped stretch first (so we know where it is in the
line and what is left over, e.g. a publisher name before it), then dateutil turns only
that stretch into ``YYYY-MM-DD``. Purely numeric day/month orders that are ambiguous
(``03/04/2015``) are read month-first only when the first number cannot be a month.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from dateutil import parser as dateutil_parser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|rsday|urday)?\.?,?\s+)?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?)?"

_PATTERNS = [
    # 2015-01-03, 2015/01/03, 2015-01-03T10:00:00Z
    re.compile(rf"\b(?P<iso>{_YEAR})[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?:[T ]\d\d:\d\d(?::\d\d)?\S*)?\b"),
    # January 03, 2015 / Jan. 3 2015 / Saturday, January 3, 2015
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b{_TIME}", re.I),
    # 3 January 2015 / 3rd Jan, 2015 / Saturday 3 January 2015
    re.compile(rf"\b{_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b{_TIME}", re.I),
    # 03/01/2015, 3.1.2015 (numeric; handled with care below)
    re.compile(rf"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>{_YEAR})\b"),
]


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a line: ISO value and where it stood."""

    iso: str
    start: int
    end: int


def _numeric(match: re.Match[str]) -> str | None:
    a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
    if a > 12 and b <= 12:
        day, month = a, b
    elif b > 12 and a <= 12:
        month, day = a, b
    elif a == b:
        day = month = a
    else:
        return None  # 03/04/2015: April 3 or March 4? do not guess
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


def find_date(text: str) -> FoundDate | None:
    """The first well-formed calendar date in ``text`` (year 1900-2099), or None."""
    best: FoundDate | None = None
    for index, pattern in enumerate(_PATTERNS):
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best.start:
                break
            if index == 0:
                try:
                    iso = datetime(int(match["iso"]), int(match["m"]), int(match["d"])).date().isoformat()
                except ValueError:
                    continue
            elif index == 3:
                iso = _numeric(match)
                if iso is None:
                    continue
            else:
                iso = parse_date(match.group(0))
                if iso is None:
                    continue
            best = FoundDate(iso, match.start(), match.end())
            break
    return best


def parse_date(text: str) -> str | None:
    """``"January 03, 2015"`` -> ``"2015-01-03"``; None when it is not a full date."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().rstrip(".,"), flags=re.I)
    cleaned = re.sub(r"\bat\b", " ", cleaned)
    if not re.search(_YEAR, cleaned):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown time-zone names: we only keep the date
            first = dateutil_parser.parse(cleaned, default=datetime(1900, 1, 1), fuzzy=True)
            second = dateutil_parser.parse(cleaned, default=datetime(1904, 2, 2), fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if first.date() != second.date():  # some part (day, month) was missing and defaulted
        return None
    return first.date().isoformat()


def _from_timestamp(value: float) -> str | None:
    try:
        return datetime.fromtimestamp(value, UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def _machine_date(text: str) -> datetime | None:
    """ISO 8601 (``2015-01-03T10:00Z``) or RFC 2822 (``Sat, 03 Jan 2015 10:00:00 GMT``), else None."""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def normalise_date(value: Any) -> str | None:
    """A corpus record's date as ISO 8601; None when unreadable.

    ISO and RFC 2822 strings keep their time of day; a Unix timestamp gives its UTC date; a date
    written for people ("January 3, 2015", "3 Jan 2015") goes through :func:`find_date`, so an
    ambiguous ``03/04/2015`` stays unread here as it does on a page.
    """
    if value in (None, "") or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_timestamp(value)
    text = str(value).strip()
    parsed = _machine_date(text)
    if parsed is None:
        found = find_date(text)
        return found.iso if found else None
    if parsed.time() == datetime.min.time() and parsed.tzinfo is None:
        return parsed.date().isoformat()
    return parsed.isoformat()
