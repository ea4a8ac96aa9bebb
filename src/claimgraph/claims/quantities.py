"""Quantities: numbers with what they count and how they are hedged ("up to 70,000 militants").

A number is the part of a claim most often checked and most often inflated, and its
hedge ("up to", "more than") changes what the claim says. Each quantity gives its
value, unit, the noun it counts (from the dependency parse) and its approximation,
every part with character offsets into the body.

Candidates are spaCy CARDINAL / MONEY / PERCENT / QUANTITY entities plus number-like
tokens outside any entity; dates, times, ordinals, years, ages, identifiers
("Route 66", "S&P 500") and the pronoun-like "one of ..." are skipped.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import CountedObject, Quantity, Span
from ..nlp.arrays import doc_text
from ..vocab import QuantityKind

NUMBER_ENTS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "zero": 0, "a": 1, "an": 1,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "grand": 1e3,
          "dozen": 12}  # fmt: skip
SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "bn": 1e9, "mn": 1e6}
# Plural scale words used alone are vague counts ("hundreds of protesters"): value = the scale, approx "several".
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25}
CURRENCIES = {"$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "cents": "USD", "cent": "USD",
              "€": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "pound": "GBP", "pounds": "GBP",
              "¥": "JPY", "yen": "JPY", "yuan": "CNY", "rubles": "RUB", "roubles": "RUB", "rupees": "INR",
              "pence": "GBP", "penny": "GBP", "pesos": "MXN", "peso": "MXN", "francs": "CHF", "rand": "ZAR",
              "lira": "TRY", "shekels": "ILS", "dinars": "DZD", "riyals": "SAR", "reais": "BRL"}  # fmt: skip
CURRENCY_WORDS = {k for k in CURRENCIES if k.isalpha()}
TIMEZONES = {"gmt", "utc", "est", "edt", "pst", "pdt", "cet", "cest", "bst", "et", "pt", "ct", "mt"}
# "62%-32%": a poll split, two figures that the tokenizer glues together
_PAIR = re.compile(r"(\d[\d,.]*)\s*%\s*[-–]\s*(\d[\d,.]*)\s*%")
PERCENT_WORDS = {"percent", "per cent", "%", "percentage points", "points", "point", "pct"}

# Approximation phrases before the number (longest first wins) and their kinds.
APPROX_BEFORE = {
    "up to": "upper_bound", "as many as": "upper_bound", "as much as": "upper_bound", "at most": "upper_bound",
    "no more than": "upper_bound", "not more than": "upper_bound", "less than": "upper_bound",
    "fewer than": "upper_bound", "under": "upper_bound", "just under": "upper_bound", "below": "upper_bound",
    "nearly": "approximate", "almost": "approximate", "close to": "approximate", "about": "approximate",
    "around": "approximate", "roughly": "approximate", "approximately": "approximate", "some": "approximate",
    "an estimated": "approximate", "estimated": "approximate", "approx.": "approximate", "circa": "approximate",
    "more than": "lower_bound", "over": "lower_bound", "at least": "lower_bound", "upwards of": "lower_bound",
    "no fewer than": "lower_bound", "no less than": "lower_bound", "just over": "lower_bound",
    "well over": "lower_bound", "in excess of": "lower_bound", "greater than": "lower_bound", "above": "lower_bound",
    "+/-": "margin", "plus or minus": "margin", "±": "margin",
}  # fmt: skip
APPROX_AFTER = {"or more": "lower_bound", "or so": "approximate", "plus": "lower_bound", "or less": "upper_bound",
                "or fewer": "upper_bound", "odd": "approximate"}  # fmt: skip
_MAX_APPROX_WORDS = 3
_DIRECTIONAL = {"add", "amount", "sum", "total", "tally", "count"}
_NUMERIC = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_YEAR = re.compile(r"^(1[6-9]\d\d|20\d\d)s?$")
_BAD_SHAPES = re.compile(r"[:/]|\d-\d")  # times, dates, scores, phone numbers


def _num(text: str) -> float | None:
    """Value of one numeric token: ``1,000`` -> 1000.0, ``twenty-five`` -> 25.0, ``2.5bn`` -> 2.5e9."""
    t = text.lower().strip().replace("\u2212", "-")
    t = re.sub(r"^(us\$|[$€£¥])", "", t)
    if _NUMERIC.match(t):
        return float(t.replace(",", ""))
    m = re.match(r"^(\d+(?:\.\d+)?)(k|m|bn|mn)$", t)
    if m:
        return float(m.group(1)) * SUFFIX_SCALES[m.group(2)]
    if "-" in t:
        parts = t.split("-")
        if all(p in UNITS for p in parts) and len(parts) == 2:
            return float(UNITS[parts[0]] + UNITS[parts[1]])
        if len(parts) == 2 and parts[1] in SCALES:  # six-million
            first = _num(parts[0])
            return first * SCALES[parts[1]] if first is not None else None
    if t in UNITS:
        return float(UNITS[t])
    return None


def parse_value(words: list[str]) -> tuple[float | None, float | None]:
    """Value (and the high end of a range) of number words: ``["$", "2", "billion"]`` -> (2e9, None)."""
    values: list[float] = []
    current: float | None = None
    for k, w in enumerate(words):
        lw = w.lower()
        nxt = words[k + 1].lower() if k + 1 < len(words) else ""
        if lw in ("-", "–") and nxt in SCALES:  # "six-million"
            continue
        if lw in ("to", "-", "–", "and", "or") and current is not None:
            values.append(current)
            current = None
            continue
        n = _num(lw)
        if n is not None:
            if current is None:
                current = n
            elif n >= 100 and current < n:
                current *= n  # "two hundred"
            elif lw.isalpha() and (current % 10 == 0 and n < 10 or current % 100 == 0 and n < 100):
                current += n  # "twenty five", "one hundred fifty"
            else:
                values.append(current)  # two separate figures, e.g. "1 2"
                current = n
            continue
        if lw in SCALES:
            current = (current if current is not None else 1.0) * SCALES[lw]
            continue
        if lw in FRACTIONS:
            current = (current if current is not None and current < 10 else 1.0) * FRACTIONS[lw]
            continue
        if lw in VAGUE:
            current = (current if current is not None else 1.0) * VAGUE[lw]
            continue
    if current is not None:
        values.append(current)
    if not values:
        return None, None
    return values[0], (values[1] if len(values) > 1 else None)


def _is_numberish(tok: Any) -> bool:
    lw = tok.lower_
    return bool(tok.like_num or lw in SCALES or lw in FRACTIONS or lw in VAGUE or _num(lw) is not None) and lw not in (
        "a",
        "an",
    )


def _candidates(doc: Any) -> list[tuple[int, int, QuantityKind]]:
    """Token ranges (start, end, label) of number expressions."""
    out: list[tuple[int, int, str]] = []
    covered: set[int] = set()
    for ent in doc.ents:
        covered.update(range(ent.start, ent.end))
        if ent.label_ in NUMBER_ENTS:
            out.append((ent.start, ent.end, ent.label_))
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in covered or not (tok.like_num or tok.lower_ in VAGUE or tok.lower_ == "half"):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in covered and (_is_numberish(doc[j]) or doc[j].lower_ in PERCENT_WORDS):
            j += 1
        out.append((i, j, "NUMBER"))
        i = j
    return _ranges(doc, sorted(out))


def _ranges(doc: Any, cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join "from 70,000 to 85,000" into one range; split "46 percent to 42 percent" (descending: two figures)."""
    joined: list[tuple[int, int, str]] = []
    for cand in cands:
        if joined:
            ps, pe, pl = joined[-1]
            sep = doc[pe] if pe < len(doc) else None
            if (
                sep is not None
                and cand[0] == pe + 1
                and sep.lower_ in ("to", "-", "–", "and")
                and pl == cand[2]
                and (sep.lower_ != "and" or (ps > 0 and doc[ps - 1].lower_ == "between"))
            ):
                joined[-1] = (ps, cand[1], pl)
                continue
        joined.append(cand)
    out: list[tuple[int, int, str]] = []
    for s, e, label in joined:
        seps = [t.i for t in doc[s:e] if t.lower_ in ("to", "-", "–") and s < t.i < e - 1]
        if len(seps) == 1:
            lo = parse_value([t.text for t in doc[s : seps[0]]])[0]
            hi = parse_value([t.text for t in doc[seps[0] + 1 : e]])[0]
            if lo is not None and hi is not None and hi < lo:
                out.extend([(s, seps[0], label), (seps[0] + 1, e, label)])
                continue
        out.append((s, e, label))
    return out


def _lone_number_not_amount(doc: Any, tok: Any, end: int) -> bool:
    """A bare number that is a year ("in 2015"), an odd shape (a phone number) or "one of"."""
    text = tok.text
    if _YEAR.match(text) and not (tok.dep_ == "nummod" and tok.head.tag_ == "NNS"):
        return True
    if _BAD_SHAPES.search(text):
        return True
    if tok.lower_ == "one" and (end < len(doc) and doc[end].lower_ in ("of", "another", "such")):
        return True
    return tok.lower_ == "one" and tok.dep_ not in ("nummod", "dobj", "nsubj", "pobj", "attr", "nsubjpass")


def _identifier(prev: Any, first: Any, core: list[Any]) -> bool:
    """A number naming something: "Route 66", "Boeing 737", "S&P 500", "No. 2"."""
    if prev.lower_ in ("no.", "#", "nos.") or prev.ent_type_ in ("ORG", "PRODUCT", "FAC", "LAW"):
        return True
    if prev.pos_ == "PROPN" and first.dep_ in ("nummod", "appos", "npadvmod") and first.head.i == prev.i:
        return True
    return (
        len(core) == 1
        and core[0].text.isdigit()
        and prev.text[:1].isupper()
        and prev.pos_ in ("PROPN", "NOUN")
        and prev.i > prev.sent.start
        and not (core[0].dep_ == "nummod" and core[0].head.i > core[0].i)
    )


def _compound_modifier(doc: Any, end: int) -> bool:
    """ "a 10-year plan", "the 500-stock index": the number is part of a modifier, not an amount."""
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.text == "-" and end + 1 < len(doc):
        following = doc[end + 1].lower_
        if following in ("year", "years", "month", "day", "week", "hour", "minute", "stock", "old"):
            return True
    return nxt is not None and nxt.text.startswith("-year")


def _skip(doc: Any, start: int, end: int, label: str) -> bool:
    """True for number expressions that are not amounts: years, identifiers, times, "one of"."""
    toks = list(doc[start:end])
    if _PAIR.fullmatch(doc[start:end].text):
        return False
    core = [t for t in toks if _is_numberish(t)]
    if not core:
        return True
    bare = label in ("CARDINAL", "NUMBER")
    if bare and len(core) == 1 and _lone_number_not_amount(doc, core[0], end):
        return True
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    if prev is not None and bare and _identifier(prev, toks[0], core):
        return True
    if nxt is not None and (nxt.lower_ in TIMEZONES or nxt.text in ("GMT", "UTC")):
        return True  # "0200 GMT"
    if prev is not None and prev.lower_ == "per":
        return True  # "$2.86 per thousand cubic feet": a denominator, not an amount
    return _compound_modifier(doc, end) or toks[-1].lower_ in ("am", "pm", "a.m.", "p.m.")


def _approx(doc: Any, text: str, start: int, end: int) -> tuple[int, int, str, str] | None:
    """(token start, token end, phrase, kind) of a hedge right before the number (inside its entity or not) or after it.

    Fillers between hedge and number are allowed: "at least a dozen", "more than $182 million".
    """
    first = next((i for i in range(start, end) if _is_numberish(doc[i]) or doc[i].tag_ == "$"), start)
    gap = first
    word_number = doc[first].lower_ in SCALES or doc[first].lower_ in FRACTIONS or doc[first].lower_ == "dozen"
    while gap > 0 and ((doc[gap - 1].lower_ in ("a", "an") and word_number) or doc[gap - 1].tag_ == "$"):
        gap -= 1
    before = text[max(0, doc[gap].idx - 16) : doc[gap].idx]
    margin = re.search(r"(\+/-|\+-|±|plus or minus)\s*$", before)
    if margin:
        a = max(0, doc[gap].idx - 16) + margin.start()
        toks = [t for t in doc[max(0, gap - 4) : gap] if t.idx + len(t.text) > a]
        if toks:
            return (toks[0].i, gap, doc[toks[0].i : gap].text, "margin")
    for n in range(_MAX_APPROX_WORDS, 0, -1):
        s = gap - n
        if s < 0:
            continue
        phrase = " ".join(t.lower_ for t in doc[s:gap])
        if phrase in APPROX_BEFORE:
            if phrase == "up to" and s > 0 and doc[s - 1].lemma_.lower() in _DIRECTIONAL:
                continue  # "adds up to 185,000" totals, it does not hedge
            return (s, gap, doc[s:gap].text, APPROX_BEFORE[phrase])
    after = [end]
    if end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN"):
        after.append(end + 1)  # "2 million people or more"
    for a in after:
        for n in (2, 1):
            if a + n <= len(doc):
                phrase = " ".join(t.lower_ for t in doc[a : a + n])
                if phrase in APPROX_AFTER and (n == 2 or doc[a].lower_ != "plus" or doc[a - 1].like_num):
                    return (a, a + n, doc[a : a + n].text, APPROX_AFTER[phrase])
    return None


def _core_bounds(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Trim hedge and filler words ("more than", "some", "a") off an entity, keeping number, currency and unit."""
    s = start
    if s > 0 and doc[s - 1].tag_ == "$" and doc[s - 1].ent_type_ in ("", "MONEY"):
        s -= 1  # "$" left outside the entity
    while s < end - 1 and not (_is_numberish(doc[s]) or doc[s].text in CURRENCIES or doc[s].tag_ == "$"):
        s += 1
    e = end
    while e > s + 1 and doc[e - 1].is_punct and doc[e - 1].text not in ("%",):
        e -= 1
    # a unit the entity left out: "3 points", "40 percent"
    units = PERCENT_WORDS | CURRENCY_WORDS
    while not any(t.lower_ in units for t in doc[s:e]):
        nxt = e + 1 if e + 1 < len(doc) and doc[e].is_space else e  # "19.36\u00a0pesos"
        if nxt >= len(doc) or doc[nxt].lower_ not in units:
            break
        e = nxt + 1
    return s, e


def _unit(tokens: list[Any], label: str) -> str | None:
    words = [t.lower_ for t in tokens]
    text = " ".join(words)
    for w in words:
        if w in CURRENCIES:
            return CURRENCIES[w]
    for sym in ("us$", "$", "€", "£", "¥"):
        if any(t.text.lower().startswith(sym) for t in tokens):
            return CURRENCIES[sym]
    if "%" in text or "percent" in text or "per cent" in text:
        return "percent"
    if "points" in words or "point" in words:
        return "points"
    if label == "QUANTITY":
        extra = [t.text for t in tokens if not _is_numberish(t) and t.is_alpha]
        return " ".join(extra) or None
    return None


def _phrase(tok: Any) -> tuple[int, int]:
    """Character bounds of a noun with its compound modifiers ("air strikes")."""
    left = tok
    for child in tok.lefts:
        if child.dep_ == "compound" and child.i == left.i - 1:
            left = child
    return left.idx, tok.idx + len(tok.text)


def _object(doc: Any, start: int, end: int, label: str) -> Any | None:
    """The noun a number counts: its head for "70,000 militants", the pobj of "of"/"in" for "half of Americans"."""
    hyphens = [t.i for t in doc[start : end + 1] if t.text == "-" and t.i + 1 < len(doc)]
    if any(not _is_numberish(doc[h + 1]) for h in hyphens):
        return None  # "a 6-foot cutout", "a billion-dollar machine": an adjective, nothing is counted
    inside = set(range(start, end))
    heads = [t for t in doc[start:end] if t.head.i not in inside or t.head.i == t.i]
    if not heads:
        return None
    head = heads[-1]
    if head.dep_ in ("nummod", "quantmod", "amod", "compound") and head.head.i not in inside:
        noun = head.head
        if noun.pos_ in ("NOUN", "PROPN") and noun.lower_ not in PERCENT_WORDS and noun.i > head.i:
            return noun
    preps = ("of",) if label != "MONEY" else ("in", "of", "for")
    for tok in doc[start:end]:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in preps and child.i >= end:
                for pobj in child.children:
                    allowed = ("NOUN", "PROPN") if child.lower_ == "of" else ("NOUN",)
                    if (
                        pobj.dep_ == "pobj"
                        and pobj.pos_ in allowed
                        and pobj.ent_type_ not in SKIP_ENTS | {"GPE", "LOC"}
                    ):
                        return pobj
    if label == "MONEY" and end + 1 < len(doc) and doc[end].lower_ in ("in", "of", "for"):
        nxt = doc[end + 1]
        if nxt.pos_ == "NOUN":
            return nxt
    return None


def _span(text: str, a: int, b: int) -> Span:
    return Span(a, b, text[a:b])


def _pair_items(text: str, m: re.Match[str], label: QuantityKind) -> list[Quantity]:
    """Two percentages from one "62%-32%" token pair, each with its own offsets."""
    items = []
    for g in (1, 2):
        a = m.start(g)
        b = text.index("%", m.end(g)) + 1
        value = float(m.group(g).replace(",", ""))
        items.append(Quantity("", a, b, text[a:b], value, label, _span(text, a, b), unit="percent"))
    return items


def _approx_fields(doc: Any, text: str, start: int, end: int, core: list[Any], high: float | None) -> dict[str, Any]:
    """``approx``, ``approx_kind`` and ``approx_span`` of a number: a hedge phrase, a range, or a vague count."""
    approx = _approx(doc, text, start, end)
    if approx is not None:
        a, b, phrase, kind = approx
        span = _span(text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
        return {"approx": phrase.lower(), "approx_kind": kind, "approx_span": span}
    if any(t.lower_ in VAGUE for t in core) and not any(t.like_num for t in core):
        return {"approx": None, "approx_kind": "vague", "approx_span": None}
    if high is not None:
        return {"approx": "range", "approx_kind": "range", "approx_span": None}
    return {"approx": None, "approx_kind": None, "approx_span": None}


def _mention(text: str, s_char: int, e_char: int, approx_span: Span | None, obj: CountedObject | None) -> Span:
    """The whole quantity phrase: hedge, number and the counted object when it follows the number."""
    lo = min(s_char, approx_span.start) if approx_span else s_char
    hi = max(e_char, approx_span.end) if approx_span else e_char
    if obj is not None and obj.start >= s_char:
        hi = max(hi, obj.end)
    return _span(text, lo, hi)


def extract_quantities(doc: Any) -> list[Quantity]:
    """Every amount in the document, in text order, with value, unit, object and approximation (ids q1, q2 ...)."""
    text = doc_text(doc)  # spaCy rebuilds doc.text on every access: read it once
    out: list[Quantity] = []
    seen: set[int] = set()
    for start, end, label in _candidates(doc):
        if start in seen or _skip(doc, start, end, label):
            continue
        seen.add(start)
        pair = _PAIR.fullmatch(text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        if pair:
            out.extend(_pair_items(text, pair, label))
            continue
        cs, ce = _core_bounds(doc, start, end)
        core = list(doc[cs:ce])
        words = []
        for t in core:
            sym = re.match(r"^(us\$|[$€£¥])(.+)$", t.text, re.I)
            words.extend([sym.group(1), sym.group(2)] if sym else [t.text])
        value, high = parse_value(words)
        if value is None:
            continue
        approx = _approx_fields(doc, text, start, max(end, ce), core, high)
        obj_tok = _object(doc, cs, ce, label)
        obj = None
        if obj_tok is not None:
            a, b = _phrase(obj_tok)
            obj = CountedObject(a, b, text[a:b], obj_tok.text, obj_tok.lemma_)
        s_char, e_char = doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1].text)
        mention = _mention(text, s_char, e_char, approx["approx_span"], obj)
        out.append(
            Quantity("", s_char, e_char, text[s_char:e_char], value, label, mention, unit=_unit(core, label),
                     high=high, object=obj, **approx)
        )  # fmt: skip
    for i, q in enumerate(out, 1):
        q.id = f"q{i}"
    return out
