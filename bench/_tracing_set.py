"""The claim-tracing test set: PolNeAR dev articles republished by invented outlets, with generator-written gold.

Each chosen origin article is republished on later dates as a verbatim copy, a reworded and shortened copy,
and copies with one controlled edit each. Edits are plain English rewrites of one sentence, found with the
gold attribution spans (speaker, cue, content) or simple patterns; the gold records where the edited sentence
is in the origin and in the copy and which change label it must get. Nothing here is known to the tracing
code, which sees only the copies' text.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

OUTLETS = [
    "Harbor Daily Ledger", "The Morning Courier", "Northfield Sentinel", "Capital Wire Review", "Granite Post",
    "The Lakeside Observer", "Prairie News Digest", "Eastgate Herald", "Summit Chronicle", "The Riverbend Times",
    "Metro Dispatch Online", "Coastline Gazette",
]  # fmt: skip
EDITS = (
    "number_changed", "attribution_dropped", "attribution_moved", "attribution_added", "speaker_changed",
    "hedge_added", "hedge_removed", "stance_changed", "negated", "truncated",
)  # fmt: skip
UNCHANGED = frozenset({"verbatim", "reworded"})
HEDGE_ADVERBS = ("reportedly", "allegedly", "apparently", "possibly")
_END = re.compile(r"[.!?][”\"’')]*(?=\s)|\n")
_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "st",
        "jr",
        "sr",
        "u.s",
        "u.n",
        "inc",
        "co",
        "corp",
        "vs",
        "no",
        "prof",
        "rev",
    ]
)
REPORTING = frozenset(
    [
        "said",
        "says",
        "told",
        "added",
        "argued",
        "claimed",
        "wrote",
        "noted",
        "stated",
        "insisted",
        "warned",
        "explained",
        "believes",
        "thinks",
        "predicted",
        "announced",
        "acknowledged",
        "suggested",
        "contended",
        "asserted",
        "maintained",
        "reported",
    ]
)
_AUX = re.compile(r"(?<=\w )(is|are|was|were|has|have|had|will|would|could|can|should)(?= (?!not\b|n't)[a-z])")
_NUM = re.compile(r"(?<![\w.,/=\"-])(\d{1,3}(?:,\d{3})+|\d{1,7}(?:\.\d+)?)(?![\w/\"-]|[,.]\d)")
_MONTH = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? $")
_SAY_CUES = {"said": "denied", "says": "denies", "say": "deny", "told": "denied", "stated": "denied"}
_NAME = re.compile(r"^(?:[A-Z][\w’'.-]+ ){1,3}[A-Z][\w’'-]+$")
SWAPS = [
    (r"\bmore than\b", "over"), (r"\bbecause\b", "since"), (r"\bbegan\b", "started"), (r"\bbegin\b", "start"),
    (r"\bbuy\b", "purchase"), (r"\bhelp\b", "assist"), (r"\bbig\b", "large"), (r"\bshows\b", "indicates"),
    (r"\bimportant\b", "key"), (r"\bquickly\b", "rapidly"), (r"\balso \b", ""), (r"^However, (\w)", r"But \1"),
    (r"\bdid not\b", "didn't"), (r"\bis not\b", "isn't"), (r"\bdo not\b", "don't"), (r"\bstarted\b", "began"),
    (r"\bsaid\b", "stated"), (r"\bpeople\b", "individuals"), (r"\bchildren\b", "kids"), (r"\bsoon\b", "shortly"),
]  # fmt: skip
_OPENER = re.compile(r"^((?:On|In|At|After|Before|During|Last|Earlier|This) [^,“”\"]{3,40}), (\w)(.+?)([.!?])$")


@dataclass
class SetArticle:
    """One article of the set as an outlet published it."""

    id: str  # the source name given to the pipeline
    text: str
    publisher: str
    published: str
    url: str
    story: str  # the origin article's id
    kind: str  # origin | verbatim | reworded | one of EDITS


@dataclass
class EditGold:
    copy: str
    origin: str
    edit: str
    origin_span: tuple[int, int]
    copy_span: tuple[int, int]
    expected: str | None  # the label it must get; None for attribution_moved (unchanged labels only)
    evidence: dict = field(default_factory=dict)


@dataclass
class CopyGold:
    """A verbatim or reworded copy: which origin sentence became which copy sentence."""

    copy: str
    origin: str
    kind: str
    pairs: list[tuple[tuple[int, int], tuple[int, int]]]


@dataclass
class TracingSet:
    articles: list[SetArticle] = field(default_factory=list)
    edits: list[EditGold] = field(default_factory=list)
    copies: list[CopyGold] = field(default_factory=list)


def _is_abbreviation(text: str, dot: int) -> bool:
    """A period after "Mr", "U.S" or an initial ("Paul D.") does not end a sentence."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot]
    return word.lower() in _ABBREV or (len(word) == 1 and word.isupper())


def sentences(text: str) -> list[tuple[int, int]]:
    """The generator's own sentence spans (a line break, or end punctuation before white space, ends one)."""
    out, pos = [], 0
    for m in _END.finditer(text):
        if m.group(0) == "\n":
            end = m.start()
        elif m.group(0).startswith(".") and _is_abbreviation(text, m.start()):
            continue
        else:
            end = m.end()
        s, e = pos, end
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            out.append((s, e))
        pos = end
    s = pos
    while s < len(text) and text[s].isspace():
        s += 1
    if s < len(text):
        out.append((s, len(text)))
    return out


def rewrite(text: str, changes: dict[tuple[int, int], str]) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
    """``text`` with some sentences replaced (or dropped, as ""); where each kept sentence ends up."""
    out, where, pos, shift = [], {}, 0, 0
    for s, e in sentences(text):
        new = changes.get((s, e), text[s:e])
        out.append(text[pos:s])
        start = s + shift
        out.append(new)
        shift += len(new) - (e - s)
        pos = e
        if new:
            where[(s, e)] = (start, start + len(new))
    out.append(text[pos:])
    return "".join(out), where


def _cap(s: str) -> str:
    i = next((k for k, c in enumerate(s) if c.isalpha()), None)
    return s if i is None else s[:i] + s[i].upper() + s[i + 1 :]


def _decap(s: str, text: str) -> str:
    """A speaker moved after its quote: "The Pentagon" -> "the Pentagon", "Analysts" -> "analysts", names kept
    (a word is a name when the article capitalises it inside a sentence too)."""
    first = s.split(" ", 1)[0]
    if first in ("The", "A", "An") or not re.search(rf"[a-z,] {re.escape(first)}\b", text):
        return s[0].lower() + s[1:]
    return s


def reword(sentence: str) -> str:
    """A light rewording: a fronted time phrase moved to the end, common words swapped for synonyms."""
    m = _OPENER.match(sentence)
    if m and not m.group(3).endswith(("”", '"')):
        sentence = f"{m.group(2).upper()}{m.group(3)} {m.group(1)[0].lower()}{m.group(1)[1:]}{m.group(4)}"
    for pattern, repl in SWAPS:
        sentence = re.sub(pattern, repl, sentence, count=1)
    return sentence


# -- one-sentence edits --------------------------------------------------------------------------------------


def _said_pattern(text: str, q: dict, span: tuple[int, int]) -> dict | None:
    """A quote written "SPEAKER CUE [that] CONTENT." filling its whole sentence, as its parts."""
    s, e = span
    try:
        (ss, se), (cs, ce), (ts, te) = q["speaker_span"], q["cue_span"], q["content_span"]
    except (KeyError, TypeError, ValueError):
        return None
    if not (ss == s and se < cs < ce < ts < te <= e) or len(q.get("content_fragments") or [1]) != 1:
        return None
    if text[cs:ce] not in REPORTING or text[se:cs] != " " or text[ce:ts] not in (" ", " that ", ", ") or te - ts < 30:
        return None
    if text[te:e] not in (".", "") or text[ts:te].endswith(("?", "!")):
        return None
    content = re.sub(r"^that ", "", text[ts:te].rstrip("."))
    sep = " that " if text[ts:te].startswith("that ") else text[ce:ts]
    return {"speaker": text[ss:se], "cue": text[cs:ce], "content": content, "sep": sep}


def _quotes_in(text: str, quotes: list[dict], span: tuple[int, int]) -> list[dict]:
    s, e = span
    return [q for q in quotes if q.get("content_span") and q["content_span"][0] < e and q["content_span"][1] > s]


def _names(quotes: list[dict]) -> list[str]:
    return sorted({q["speaker"] for q in quotes if q.get("speaker") and _NAME.match(q["speaker"])})


def edit_sentence(kind: str, text: str, span: tuple[int, int], quotes: list[dict], rng: random.Random):
    """The edited sentence and its evidence, or None when the sentence does not allow this edit."""
    sent = text[span[0] : span[1]]
    said = next((p for q in _quotes_in(text, quotes, span) if (p := _said_pattern(text, q, span))), None)
    unattributed = not _quotes_in(text, quotes, span) and sent.endswith(".") and len(sent.split()) >= 8
    if kind in ("attribution_dropped", "attribution_moved", "speaker_changed", "stance_changed") and said is None:
        return None
    if kind == "attribution_dropped":
        return _cap(said["content"]) + ".", {"speaker": said["speaker"], "cue": said["cue"]}
    if kind == "attribution_moved":
        sep = "," if not said["content"].endswith(("”", '"')) else ""
        moved = f"{_cap(said['content'])}{sep} {_decap(said['speaker'], text)} {said['cue']}."
        return moved, {"speaker": said["speaker"]}
    if kind == "stance_changed":
        new_cue = _SAY_CUES.get(said["cue"])
        if new_cue is None or said["sep"] == ", ":
            return None
        return f"{said['speaker']} {new_cue} that {said['content']}.", {"before": said["cue"], "after": new_cue}
    if kind == "speaker_changed":
        others = [n for n in _names(quotes) if not (set(n.split()) & set(said["speaker"].split()))]
        if not others or not _NAME.match(said["speaker"]):
            return None
        other = rng.choice(others)
        return sent.replace(said["speaker"], other, 1), {"before": said["speaker"], "after": other}
    if kind == "number_changed":
        return _change_number(sent)
    if kind == "hedge_removed":
        found = [h for h in HEDGE_ADVERBS if re.search(rf"\b{h}\b ", sent)]
        return (re.sub(rf"\b{found[0]}\b ", "", sent, count=1), {"words": [found[0]]}) if found else None
    if not unattributed:
        return None
    if kind == "hedge_added":
        m = _AUX.search(sent)
        if m is None or any(re.search(rf"\b{h}\b", sent) for h in HEDGE_ADVERBS):
            return None
        hedge = HEDGE_ADVERBS[rng.randrange(len(HEDGE_ADVERBS))]
        return sent[: m.end()] + " " + hedge + sent[m.end() :], {"words": [hedge]}
    if kind == "negated":
        m = _AUX.search(sent)
        return (sent[: m.end()] + " not" + sent[m.end() :], {"words": ["not"]}) if m else None
    if kind == "attribution_added":
        names = _names(quotes)
        if not names:
            return None
        name = rng.choice(names)
        return sent[:-1] + f", according to {name}.", {"speaker": name}
    if kind == "truncated":
        return _truncate(sent)
    return None


def _change_number(sent: str):
    for m in _NUM.finditer(sent):
        raw = m.group(1)
        value = float(raw.replace(",", ""))
        if (1900 <= value <= 2100 and "," not in raw) or _MONTH.search(sent[: m.start()]):
            continue
        if value < 3:
            continue
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        new_value = value * 1.5 if value >= 10 else value + 3
        new = f"{new_value:,.{decimals}f}" if "," in raw else f"{new_value:.{decimals}f}"
        return sent[: m.start()] + new + sent[m.end() :], {"before": raw, "after": new}
    return None


def _truncate(sent: str):
    words = sent.split()
    if len(words) < 16:
        return None
    for m in re.finditer(r", | and |; ", sent):
        head = sent[: m.start()]
        if 8 <= len(head.split()) <= len(words) - 5 and "“" not in head and '"' not in head:
            return head + ".", {"dropped": sent[m.end() :]}
    return None


# -- the set -------------------------------------------------------------------------------------------------


def _later(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _slug(origin_id: str) -> str:
    return origin_id.split(":", 1)[-1][:60]


def _copy(origin: SetArticle, kind: str, text: str, rng: random.Random) -> SetArticle:
    outlet = rng.choice(OUTLETS)
    domain = outlet.lower().replace("the ", "").replace(" ", "") + ".example"
    return SetArticle(
        id=f"{domain}/{kind}/{_slug(origin.id)}", text=text, publisher=outlet, published=_later(origin.published,
        rng.randint(1, 9)), url=f"https://{domain}/{kind}/{_slug(origin.id)}", story=origin.id, kind=kind,
    )  # fmt: skip


def _reworded_copy(origin: SetArticle, rng: random.Random) -> tuple[str, dict]:
    """Keep the first two thirds of the paragraphs (at least three), reword each kept sentence."""
    spans = sentences(origin.text)
    paragraphs = sorted({origin.text.rfind("\n", 0, s) for s, _ in spans})
    keep_until = paragraphs[max(3, (2 * len(paragraphs)) // 3)] if len(paragraphs) > 3 else len(origin.text)
    changes = {(s, e): (reword(origin.text[s:e]) if s < keep_until else "") for s, e in spans}
    return rewrite(origin.text, changes)


def _origin(d: dict) -> SetArticle:
    meta = d["meta"]
    url = f"https://{meta['publisher']}.example/{_slug(d['id'])}"
    return SetArticle(d["id"], d["text"], meta["publisher"], meta["publication_date"], url, d["id"], "origin")


def build(docs: list[dict], n_origins: int, seed: int = 15) -> TracingSet:
    """Every dev article as background (an origin), the first ``n_origins`` of a shuffle republished."""
    rng = random.Random(seed)
    out = TracingSet()
    origins = [_origin(d) for d in docs if d["meta"].get("publication_date")]
    out.articles.extend(origins)
    quotes = {d["id"]: d.get("quotes", []) for d in docs}
    chosen = rng.sample(origins, min(n_origins, len(origins)))
    for origin in chosen:
        copy = _copy(origin, "verbatim", origin.text, rng)
        out.articles.append(copy)
        spans = sentences(origin.text)
        out.copies.append(CopyGold(copy.id, origin.id, "verbatim", [(sp, sp) for sp in spans]))
        text, where = _reworded_copy(origin, rng)
        copy = _copy(origin, "reworded", text, rng)
        out.articles.append(copy)
        out.copies.append(CopyGold(copy.id, origin.id, "reworded", list(where.items())))
        for kind in EDITS:
            _add_edit(out, origin, kind, quotes[origin.id], rng)
    return out


def _add_edit(out: TracingSet, origin: SetArticle, kind: str, quotes: list[dict], rng: random.Random) -> None:
    spans = [sp for sp in sentences(origin.text)[1:] if sp[1] - sp[0] >= 40]  # the headline line kept as it is
    rng.shuffle(spans)
    for span in spans:
        found = edit_sentence(kind, origin.text, span, quotes, rng)
        if found is None or found[0] == origin.text[span[0] : span[1]]:
            continue
        new, evidence = found
        text, where = rewrite(origin.text, {span: new})
        copy = _copy(origin, kind, text, rng)
        out.articles.append(copy)
        expected = None if kind == "attribution_moved" else kind
        out.edits.append(EditGold(copy.id, origin.id, kind, span, where[span], expected, evidence))
        return
