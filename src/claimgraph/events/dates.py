"""When an event happened, from the article's date and the time expression attached to its trigger.

The result is an ISO 8601 string at the precision the text gives: a day ("2014-12-31" for "on
Wednesday" in an article of Saturday 2015-01-03), an ISO week ("2014-W52" for "last week"), a month
("2014-12" for "last month"), or a year ("2014"). Weekdays point back to the latest such day on or
before the article date, or forward when the event is in the future ("will meet on Friday").
Without an article date only expressions carrying their own year resolve.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": None,
    "few": None,
}

_ISO = re.compile(r"\b((?:19|20)\d\d)-([01]\d)-([0-3]\d)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")
_AGO = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month|year)s?\s+ago\b")
_RELATIVE = re.compile(r"\b(last|this|next|past|coming)\s+(week|month|year|weekend)\b")


def parse_published(published: str | None) -> date | None:
    """The article date from an ISO date or datetime string, or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(d: date, months: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + months
    return k // 12, k % 12 + 1


def _weekday(words: list[str], pub: date, future: bool) -> str | None:
    for i, w in enumerate(words):
        wd = WEEKDAYS.get(w.rstrip(".,"))
        if wd is None:
            continue
        before = words[i - 1] if i else ""
        ahead = future or before in ("next", "coming")
        if ahead:
            delta = (wd - pub.weekday()) % 7 or (7 if before == "next" else 0)
            return (pub + timedelta(days=delta)).isoformat()
        delta = (pub.weekday() - wd) % 7 or (7 if before == "last" else 0)
        return (pub - timedelta(days=delta)).isoformat()
    return None


def _month_day(low: str, words: list[str], pub: date | None, future: bool) -> str | None:
    """ "January 3", "Jan. 3, 2015", "3 January", "in March", "March 2014"."""
    for i, w in enumerate(words):
        month = MONTHS.get(w.rstrip(".,"))
        if month is None or (w == "may" and len(words) == 1):
            continue
        year_m = _YEAR.search(low)
        day = None
        for near in words[max(0, i - 1) : i] + words[i + 1 : i + 2]:
            m = _DAY.fullmatch(near.rstrip(".,"))
            if m and 1 <= int(m.group(1)) <= 31:
                day = int(m.group(1))
        if year_m:
            year = int(year_m.group(1))
        elif pub is None:
            return None
        else:
            year = pub.year
            probe = date(year, month, min(day or 1, 28))
            if future and probe < pub.replace(day=1) - timedelta(days=1):
                year += 1
            elif not future and probe > pub:
                year -= 1
        if day is None:
            return f"{year}-{month:02d}"
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return f"{year}-{month:02d}"
    return None


def _relative(low: str, pub: date) -> str | None:
    if "day before yesterday" in low:
        return (pub - timedelta(days=2)).isoformat()
    if "yesterday" in low:
        return (pub - timedelta(days=1)).isoformat()
    if "tomorrow" in low:
        return (pub + timedelta(days=1)).isoformat()
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", low):
        return pub.isoformat()
    m = _AGO.search(low)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1)) or 1
        unit = m.group(2)
        if unit == "day":
            return (pub - timedelta(days=n)).isoformat()
        if unit == "week":
            return _week(pub - timedelta(weeks=n))
        if unit == "month":
            year, month = _shift_month(pub, -n)
            return f"{year}-{month:02d}"
        return str(pub.year - n)
    m = _RELATIVE.search(low)
    if m:
        step = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[m.group(1)]
        unit = m.group(2)
        if unit in ("week", "weekend"):
            return _week(pub + timedelta(weeks=step))
        if unit == "month":
            year, month = _shift_month(pub, step)
            return f"{year}-{month:02d}"
        return str(pub.year + step)
    return None


def resolve_expression(text: str, pub: date | None, future: bool = False) -> str | None:
    """ISO value of one time expression relative to the article date ``pub`` (see the module docstring)."""
    low = text.lower().replace("’", "'")
    m = _ISO.search(low)
    if m:
        return m.group(0)
    words = low.replace(",", " ").split()
    found = _month_day(low, words, pub, future)
    if found:
        return found
    if pub is not None:
        found = _weekday(words, pub, future) or _relative(low, pub)
        if found:
            return found
    m = _YEAR.search(low)
    if m and len(words) <= 3:
        return m.group(1)
    return None


def event_date(anchor, times: list, pub: date | None, future: bool) -> str | None:
    """The date of the time expression (spaCy DATE/TIME entity of the sentence, ``times``) attached to
    ``anchor``'s clause, if any."""
    for ent in times:
        if _attached(ent.root, anchor):
            value = resolve_expression(ent.text, pub, future)
            if value:
                return value
    return None


def _attached(tok, anchor) -> bool:
    """Is the time expression at ``tok`` a modifier of ``anchor`` (not of another verb on the way)?"""
    cur = tok
    for _ in range(6):
        if cur.i == anchor.i:
            return True
        if cur.head.i == cur.i:
            return False
        if cur.i != tok.i and cur.pos_ in ("VERB", "AUX"):
            return False
        cur = cur.head
    return cur.i == anchor.i
