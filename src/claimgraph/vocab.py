"""Every closed vocabulary of the ``claimgraph/1`` record, defined once.

Each is a ``Literal`` type (so type checkers and the JSON Schema see the allowed values) with a
tuple of its values for code that iterates or validates at run time. Stages, the store, the query
layer, the web filters and the schema all import from here; none keeps its own list.
"""

from __future__ import annotations

from typing import Literal, get_args

SCHEMA = "claimgraph/1"

Format = Literal["auto", "text", "markdown", "html"]
FORMATS: tuple[str, ...] = get_args(Format)

ErrorKind = Literal[
    "empty", "binary", "too_large", "encoding", "truncated", "malformed", "no_article", "not_found", "timeout",
    "internal",
]  # fmt: skip
ERROR_KINDS: tuple[str, ...] = get_args(ErrorKind)

MentionKind = Literal["name", "alias", "description", "pronoun", "possessive"]
MENTION_KINDS: tuple[str, ...] = get_args(MentionKind)

AttributionKind = Literal["direct", "indirect", "mixed"]
ATTRIBUTION_KINDS: tuple[str, ...] = get_args(AttributionKind)

# What a source does with what it says: the order is the web filter's order.
Stance = Literal["accuse", "deny", "doubt", "assert", "warn", "praise", "echo", "demand", "predict", "other"]
STANCES: tuple[str, ...] = get_args(Stance)
# Stances whose object is someone (targets are filled for these): "X accuses Y", "X praises Y".
TARGETED_STANCES: frozenset[str] = frozenset({"accuse", "deny", "doubt", "praise", "demand", "warn", "echo"})

# How a quantity is hedged: "up to 70,000" is an upper bound, "about 200" approximate, "dozens" vague.
Approximation = Literal["upper_bound", "lower_bound", "approximate", "margin", "range", "vague"]
APPROXIMATIONS: tuple[str, ...] = get_args(Approximation)

# spaCy's number entity labels, and NUMBER for a number-like token outside any entity.
QuantityKind = Literal["CARDINAL", "MONEY", "PERCENT", "QUANTITY", "NUMBER"]
QUANTITY_KINDS: tuple[str, ...] = get_args(QuantityKind)

HedgeCategory = Literal["hedge", "anonymous_source", "vague_source"]
HEDGE_CATEGORIES: tuple[str, ...] = get_args(HedgeCategory)

# The 14 techniques of the PTC corpus (SemEval-2020 Task 11), in the corpus's own spelling.
Technique = Literal[
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Doubt",
    "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Appeal_to_Authority",
    "Slogans",
    "Black-and-White_Fallacy",
    "Whataboutism,Straw_Men,Red_Herring",
    "Bandwagon,Reductio_ad_hitlerum",
    "Thought-terminating_Cliches",
]
TECHNIQUES: tuple[str, ...] = get_args(Technique)

ProvenanceRole = Literal["publisher", "original_source", "cited"]
PROVENANCE_ROLES: tuple[str, ...] = get_args(ProvenanceRole)

RatingStatus = Literal["rated", "not rated", "no ratings configured"]
RatingMatch = Literal["exact", "path", "parent", "name"]
RatingsStatus = Literal["configured", "no ratings configured"]
OutletEvidence = Literal["media_word", "reporting_context"]

# How a repeated claim differs from its first appearance (claim tracing across outlets): ``verbatim`` and
# ``reworded`` say the claim is unchanged; every other label is a change a fact-checker wants to see.
ChangeLabel = Literal[
    "verbatim",
    "reworded",
    "number_changed",
    "attribution_dropped",
    "attribution_added",
    "speaker_changed",
    "hedge_added",
    "hedge_removed",
    "stance_changed",
    "negated",
    "truncated",
]
CHANGE_LABELS: tuple[str, ...] = get_args(ChangeLabel)
UNCHANGED_LABELS: frozenset[str] = frozenset({"verbatim", "reworded"})
# Events: the 16 PLOVER event types (PLOVER manual, draft 0.8, 2021).
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]

# PLOVER 0.8 modes (the "how" of an event); which type uses which is in MODES_BY_TYPE.
EventMode = Literal[
    # CONSULT
    "visit",
    "host",
    "third-party",
    "multilateral",
    "phone",
    # RETREAT
    "withdraw",
    "release",
    "disarm",
    "ceasefire",
    "access",
    "resign",
    # REQUEST / REJECT
    "assist",
    "change",
    "yield",
    "meet",
    # ACCUSE
    "disapprove",
    "investigate",
    "allege",
    # THREATEN (the content of the threat)
    "restrict",
    "arrest",
    "relations",
    "expel",
    "territory",
    "violence",
    # PROTEST
    "demo",
    "riot",
    "strike",
    "hunger",
    "boycott",
    "obstruct",
    "vandalize",
    # SANCTION
    "convict",
    "discontinue",
    # MOBILIZE
    "troops",
    "weapons",
    "police",
    "militia",
    # COERCE
    "seize",
    "censor",
    "curfew",
    "martial-law",
    "deport",
    "withhold",
    "misinformation",
    "cyber",
    "ban",
    # ASSAULT
    "abduct",
    "beat",
    "torture",
    "sexual",
    "targeted",
    "destroy",
    "primitive",
    "firearms",
    "explosives",
    "suicide-attack",
    "aerial",
    "drone",
    "heavy-weapons",
    "crowd-control",
    "unconventional",
]

EVENT_TYPES: tuple[str, ...] = get_args(EventType)
EVENT_MODES: frozenset[str] = frozenset(get_args(EventMode))

MODES_BY_TYPE: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"visit", "host", "third-party", "multilateral", "phone"}),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset(
        {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold", "misinformation"}
        | {"cyber", "ban"}
    ),
    "ASSAULT": frozenset(
        {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives"}
        | {"suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional"}
    ),
}
