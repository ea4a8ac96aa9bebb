"""Stance of an attribution: what the source does with the content.

Why a lexicon: the cue lemma carries most of the stance ("accused", "denied",
"warned"); negation flips a few ("did not deny" is no denial) and the content's
first words catch noun cues ("expressed doubts", "aired suspicion").
"""

from __future__ import annotations

STANCE_LEMMAS: dict[str, str] = {}
for _stance, _words in {
    "accuse": "accuse blame criticize criticise condemn denounce slam blast attack charge allege lash fault "
    "scold rebuke chide assail berate castigate decry excoriate indict implicate smear ridicule mock "
    "accusation allegation criticism charge complaint condemnation attack blame",
    "deny": "deny reject dismiss refute dispute rebut contradict disavow deflect denial rejection rebuttal",
    "doubt": "doubt question suspect wonder skeptical sceptical doubtful suspicion skepticism scepticism challenge",
    "warn": "warn caution threaten fear worry alarm alert warning threat fear concern",
    "praise": "praise commend applaud hail laud thank congratulate celebrate tout endorse salute admire "
    "compliment praise endorsement",
    "demand": "demand urge call insist ask request order press plead implore appeal petition require "
    "recommend propose demand request appeal call",
    "predict": "predict forecast expect anticipate project foresee estimate prediction forecast projection "
    "expectation likely",
    "echo": "echo repeat reiterate agree concur second endorse",
}.items():
    for _w in _words.split():
        STANCE_LEMMAS.setdefault(_w, _stance)
ASSERT_LEMMAS = set(
    [
        "say",
        "tell",
        "state",
        "claim",
        "assert",
        "argue",
        "add",
        "note",
        "explain",
        "maintain",
        "contend",
        "declare",
        "announce",
        "report",
        "write",
        "tweet",
        "post",
        "reply",
        "respond",
        "answer",
        "acknowledge",
        "admit",
        "concede",
        "confirm",
        "mention",
        "remark",
        "comment",
        "observe",
        "point",
        "recall",
        "reveal",
        "disclose",
        "testify",
        "affirm",
        "stress",
        "emphasize",
        "conclude",
        "find",
        "show",
        "indicate",
        "accord",
        "believe",
        "think",
        "know",
        "describe",
        "characterize",
        "characterise",
        "label",
        "portray",
        "call",
        "dub",
        "brand",
        "term",
        "correlate",
        "link",
        "attribute",
    ]
)
_NEG = {"neg"}
_DOUBT_WORDS = {"doubt", "doubts", "suspicion", "suspicions", "skepticism", "scepticism", "questions"}
_ACCUSE_WORDS = {"accusation", "accusations", "allegation", "allegations", "criticism", "blame"}


def classify(doc, cue_ids: list[int], content_text: str) -> str:
    """One of accuse|deny|doubt|assert|warn|praise|demand|predict|echo|other."""
    toks = [doc[i] for i in cue_ids]
    negated = any(c.dep_ in _NEG for t in toks for c in t.children)
    head = toks[0] if toks else None
    lemma = head.lemma_.lower() if head is not None else ""
    words = {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}
    # light verb + noun cue: "expressed doubts", "levelled accusations". A verb with a stance of its
    # own keeps it: "denied the accusations" is a denial, "questioned the allegations" a doubt.
    if STANCE_LEMMAS.get(lemma) not in {"deny", "doubt", "echo"}:
        for t in toks:
            for c in t.children:
                if c.dep_ in {"dobj", "obj"}:
                    words.add(c.lower_)
                    words.add(c.lemma_.lower())
    if words & _DOUBT_WORDS:
        return "doubt"
    if words & _ACCUSE_WORDS:
        return "accuse"
    # "call for", "call on ... to": a demand; "call X Y": a characterisation (assert)
    if lemma == "call":
        follow = {doc[i].lower_ for i in cue_ids} | {c.lower_ for c in head.children if c.dep_ in {"prep", "prt"}}
        stance = (
            "demand" if follow & {"for", "on", "upon"} or any(c.dep_ == "xcomp" for c in head.children) else "assert"
        )
        return "other" if negated else stance
    stance = STANCE_LEMMAS.get(lemma)
    if stance is None:
        for t in toks:
            stance = STANCE_LEMMAS.get(t.lemma_.lower())
            if stance:
                break
    if stance is None:
        stance = "assert" if lemma in ASSERT_LEMMAS else "other"
    if negated:
        if stance == "deny":
            return "assert"
        if stance in {"assert", "echo"} and lemma in {"believe", "think", "expect", "agree"}:
            return "doubt"
        return "other" if stance != "doubt" else "assert"
    _ = content_text
    return stance
