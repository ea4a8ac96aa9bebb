"""What every cue shape shares: the candidate record, the word classes, and the source of a verb.

Why a module of its own: the verb rules (rules.py), their content steps (content.py) and the
other cue shapes (shapes.py) all ask "who is the subject of this verb"; keeping that here lets
them import it without importing each other.

Which tokens sit inside quotations (``quoted``) is passed explicitly by the caller: a subject
inside a quotation is the quoted speaker's word, not the source of the cue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .spans import subtree_ids

SUBJ = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
CLAUSE = {"ccomp", "parataxis"}
# prepositions that introduce what a cue is about ("called for", "lashed out at", "talked about")
CONTENT_PREPS = {"about", "for", "on", "of", "at", "against", "over", "that"}
# extra prepositions of prepositional verb cues with no other content: "responded to", "agreed with"
PREP_VERB_PREPS = CONTENT_PREPS | {"to", "with", "into"}
RELATIVE = {"who", "that", "which", "whom"}
NO_QUOTES: frozenset[int] = frozenset()
# participles of feeling and stance: "X was frustrated that", "X is worried about", "X was delighted by Y".
# Their passive subject is who feels or holds it (the source) and the "by" phrase what it is about (content),
# unlike "X was accused by Y", where Y speaks.
PSYCH = frozenset(
    [
        "delight",
        "please",
        "frustrate",
        "impress",
        "unimpress",
        "upset",
        "terrify",
        "concern",
        "worry",
        "disappoint",
        "surprise",
        "shock",
        "anger",
        "outrage",
        "alarm",
        "dismay",
        "trouble",
        "bother",
        "hearten",
        "thrill",
        "excite",
        "offend",
        "horrify",
        "scare",
        "frighten",
        "amaze",
        "stun",
        "embarrass",
        "mesmerize",
        "consume",
        "satisfy",
        "convince",
        "intrigue",
        "fascinate",
        "confuse",
        "baffle",
        "puzzle",
        "irritate",
        "infuriate",
        "enrage",
        "sadden",
        "reassure",
        "annoy",
        "disgust",
        "appall",
        "appal",
        "disturb",
        "obsess",
        "relieve",
        "insult",
        "oppose",
        "divide",
        "split",
        "determine",
        "commit",
        "encourage",
        "discourage",
    ]
)
# verbs whose object does what their infinitive says: "led the journalist to fear", "urged voters to reject"
OBJECT_CONTROL = frozenset(
    [
        "lead",
        "prompt",
        "leave",
        "drive",
        "force",
        "urge",
        "ask",
        "tell",
        "push",
        "encourage",
        "cause",
        "allow",
        "get",
        "persuade",
        "convince",
        "invite",
        "inspire",
        "pressure",
        "challenge",
        "dare",
        "want",
        "expect",
        "need",
        "help",
        "send",
        "spur",
        "move",
        "compel",
        "enable",
        "order",
        "instruct",
        "advise",
        "warn",
        "remind",
        "implore",
        "beg",
        "provoke",
        "press",
    ]
)


@dataclass(slots=True)
class Candidate:
    """Roles found around one cue, as token ids (sorted)."""

    cue: list[int]
    source: int | None  # head token of the source phrase
    source_ids: list[int] = field(default_factory=list)
    content: list[int] = field(default_factory=list)
    prob: float = 0.5
    cue_prob: float = 0.5  # the first-stage cue score (orders nesting decisions)
    passive: bool = False
    rule: str = ""


def children(tok, deps: set[str]) -> list:
    """The children of ``tok`` attached by one of ``deps``."""
    return [c for c in tok.children if c.dep_ in deps]


def is_passive(verb) -> bool:
    return any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def agent(verb):
    """The object of a passive's "by" phrase: "accused by a regulator" -> "regulator"."""
    for c in verb.children:
        if c.dep_ == "agent":
            objs = children(c, {"pobj"})
            if objs:
                return objs[0]
    return None


def verb_subject(verb, quoted: frozenset[int] = NO_QUOTES, depth: int = 0):
    """The source of a verb cue: its subject, its passive agent, or the subject it inherits.

    Returns (token or None, passive flag).  Inheritance covers "X said ... and added that",
    "X went on to say", "..., adding that" and "X, who said ...". ``quoted`` holds the token
    ids inside quotation marks.
    """
    feeler = psych_subject(verb, quoted)
    if feeler is not None:
        return feeler, False
    subj = sorted(children(verb, SUBJ), key=lambda t: abs(t.i - verb.i))  # the nearest: headlines leak in
    if verb.i not in quoted:  # '..., adding, "It's over"': a subject inside the quotation is not the speaker
        subj = [t for t in subj if t.i not in quoted]
    if subj and reduced_passive(verb):
        return None, True
    if subj:
        s = subj[0]
        if s.lower_ in RELATIVE and verb.dep_ == "relcl":
            return s, False  # the mention is "who"; speakers.py resolves it to the noun it modifies
        if s.dep_ == "expl":
            return None, True
        return s, False
    by = agent(verb)
    if by is not None:
        return by, False
    if is_passive(verb):
        return None, True
    src, passive = _inherited_subject(verb, quoted, depth)
    if src is None and not passive and depth == 0:
        src = line_start_subject(verb)
        if src is None:
            src = stranded_subject(verb, quoted)
    return src, passive


def is_psych(verb) -> bool:
    """A participle of feeling: "frustrated", "worried", also the phrasal "put off", "turned off"."""
    if verb.tag_ != "VBN":
        return False
    lemma = verb.lemma_.lower()
    off = any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)
    return lemma in PSYCH or (lemma in {"put", "turn"} and off)


def psych_subject(verb, quoted: frozenset[int] = NO_QUOTES):
    """Who feels it in "X was frustrated that ...", "X is worried about ...": the passive subject of a feeling.

    Also "X was delighted by Y" where the parser takes the participle for an adjective with a "by" agent.
    """
    if not is_psych(verb):
        return None
    subj = [c for c in verb.children if c.dep_ in PASSIVE_SUBJ and c.i not in quoted and c.i < verb.i]
    if not subj and verb.dep_ in {"acomp", "oprd"} and verb.head.pos_ == "AUX":
        subj = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i]
    if not subj or subj[0].dep_ in {"expl", "csubjpass"} or subj[0].lower_ == "it":
        return None
    return subj[0]


def reduced_passive(verb) -> bool:
    """The absolute construction "with HSBC accused of laundering": a participle with a subject, no auxiliary.

    The participle's subject is the one acted on. Only after "with": elsewhere the tagger often takes an
    active past tense for a participle ("Trump tweeted"/VBN on PolNeAR train), and a participle with an
    object or a clause ("X accused Y of ...") is active.
    """
    return (
        verb.tag_ == "VBN"
        and (
            any(c.dep_ == "mark" and c.lower_ == "with" for c in verb.children)
            or verb.dep_ == "pcomp"
            and verb.head.lower_ == "with"
        )  # fmt: skip
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ in {"aux", "auxpass", "dobj", "obj", "ccomp", "dative"} for c in verb.children)
        and not any(c.dep_ == "punct" and c.text in {'"', "“", "”"} for c in verb.children)
    )


def _inherited_subject(verb, quoted: frozenset[int], depth: int):
    """The subject of the verb this one hangs on ("X said ... and added", "X, who said", "by saying")."""
    if depth >= 3 or verb.head is verb:
        return None, False
    head = verb.head
    if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp"} and head.pos_ in {"VERB", "AUX"}:
        if head.i in quoted and verb.i not in quoted:
            return None, False  # the parser hung the cue on a word inside the quotation
        controller = _object_controller(verb)
        if controller is not None:
            return controller, False
        return _head_subject(head, quoted, depth)
    if verb.dep_ in {"relcl", "acl"} and head.pos_ in {"NOUN", "PROPN", "PRON"}:
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and not _active_participle(verb):
            return None, True  # "HSBC, accused of laundering": the noun is what the participle is said of
        if _infinitive(verb) and head.dep_ == "attr" and head.head.pos_ in {"AUX", "VERB"}:
            return verb_subject(head.head, quoted, depth + 1)  # "X became the first senator to endorse Y"
        if _infinitive(verb) and head.dep_ in {"dobj", "obj"} and not _someone(head) and head.head.pos_ == "VERB":
            return verb_subject(head.head, quoted, depth + 1)  # "X gave a speech to defend himself"
        if _infinitive(verb) and head.dep_ == "pobj" and not _someone(head) and head.head.dep_ == "prep":
            governor = _governing_verb(head.head)  # "they will be under pressure to pledge"
            if governor is not None:
                return _head_subject(governor, quoted, depth)
        return head, False
    # "Obama responded ... by saying ...", "after noting that ..."
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        governor = _governing_verb(head)
        if governor is not None:
            return _head_subject(governor, quoted, depth)
    return None, False


def _active_participle(verb) -> bool:
    """ "A poll found last week that ...", "Stevens called the remarks childish": a participle-tagged verb
    with a clause or an object (and no passive auxiliary) is an active past tense the parser hung on its subject."""
    return any(c.dep_ in {"ccomp", "dobj", "obj"} for c in verb.children) and not any(
        c.dep_ == "auxpass" for c in verb.children
    )


def _governing_verb(prep):
    """The verb a prepositional phrase belongs to, through an adverb or a noun in between.

    "responded by saying" (the verb itself), "stopped short of endorsing" (via "short"), "were in
    the lead in advocating" (via "lead" and "in").
    """
    node = prep.head
    for _ in range(3):
        if node.pos_ in {"VERB", "AUX"}:
            return node
        if node.pos_ not in {"ADV", "ADJ", "NOUN", "ADP"} or node.head.i == node.i:
            return None
        if node.pos_ == "NOUN" and node.dep_ not in {"pobj", "dobj", "attr"}:
            return None
        node = node.head
    return None


def _head_subject(head, quoted: frozenset[int], depth: int):
    """The source a verb inherits from ``head``; from a passive head, its passive subject.

    "She was suspended after slamming Republicans", "X was elected and vowed to ...": who was
    acted on is who does the dependent verb, though the passive itself has no source.
    """
    src, passive = verb_subject(head, quoted, depth + 1)
    if src is None and passive:
        subj = [c for c in head.children if c.dep_ == "nsubjpass" and c.i not in quoted and c.lower_ != "it"]
        if subj:
            return subj[0], False
    return src, passive


def line_start_subject(verb):
    """ "...polls\nTrump, in Kentucky, said that ...": the line's first noun, which the parser hung on the line before.

    The parser does not always break sentences at a newline; the noun that opens the cue's line is
    then attached to a word of the previous line and the verb is left without a subject.
    """
    doc = verb.doc
    start = verb.i
    while start > 0 and verb.i - start < 12 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    if start == verb.i or start == 0 or "\n" not in doc[start - 1].text_with_ws:
        return None
    first = next((t for t in doc[start : verb.i] if not t.is_space and not t.is_punct), None)
    if first is None or first.i > start + 1:
        return None
    head = first
    while head.head.i != head.i and start <= head.head.i < verb.i:
        head = head.head
    if head.pos_ not in {"PROPN", "NOUN", "PRON"} or head.head.i >= start or head.head.i == head.i:
        return None  # only a noun the parser hung on the previous line
    if any(t.pos_ in {"VERB", "AUX"} for t in doc[head.i + 1 : verb.i]):
        return None
    return head


FINITE = {"VBD", "VBZ", "VBP"}
SKIPPED = {"advmod", "aux", "auxpass", "neg"}  # between a subject and its verb: "also", "has", "not"
NOT_SOURCES = {"it", "that", "which", "there", "this", "what"}


def stranded_subject(verb, quoted: frozenset[int] = NO_QUOTES):
    """The noun right before a finite main verb the parser left without a subject.

    "Speaking in Harlem, Clinton, without naming him, also accused ...": the parser made "Clinton"
    an apposition of "Harlem"; "most in both states supported ...": "most" an adverb. A finite
    verb heading its sentence has a subject, so the noun phrase ending just before it (past
    adverbs, auxiliaries and one aside set off by commas) is taken.
    """
    finite = verb.tag_ in FINITE or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE | {"MD"} for c in verb.children
    )
    if verb.dep_ != "ROOT" or not finite or any(c.dep_ in SUBJ | PASSIVE_SUBJ for c in verb.children):
        return None
    doc, start = verb.doc, verb.sent.start
    j = verb.i - 1
    for _ in range(3):  # "Sanders, meanwhile, who sits at zero endorsements, said": up to three asides
        while j >= start and j not in quoted and (doc[j].dep_ in SKIPPED or doc[j].ent_type_ in {"DATE", "TIME"}):
            j -= 1
        if j <= start or doc[j].text != ",":
            break
        k = next((k for k in range(j - 1, max(start, j - 40) - 1, -1) if doc[k].text == ","), None)
        if k is None:
            return None
        j = k - 1
    if j < start or j in quoted:
        return None
    tok = doc[j]
    if tok.pos_ not in {"NOUN", "PROPN", "PRON"} or tok.lower_ in NOT_SOURCES or tok.ent_type_ in {"DATE", "TIME"}:
        return None
    if tok.tag_ in {"PRP$", "WP"} or "\n" in doc[start : verb.i].text:
        return None
    return tok


def _infinitive(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _someone(noun) -> bool:
    """A noun that can speak: a name, a pronoun, or a person, group or organisation recognised as an entity."""
    return noun.pos_ in {"PROPN", "PRON"} or noun.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}


def _object_controller(verb):
    """The object that does what an infinitive says: "led the journalist to fear ..." -> "journalist"."""
    head = verb.head
    if not _infinitive(verb) or head.lemma_.lower() not in OBJECT_CONTROL or verb.dep_ not in {"xcomp", "advcl"}:
        return None
    objs = [c for c in head.children if c.dep_ in {"dobj", "obj"} and head.i < c.i < verb.i]
    return objs[0] if objs else None


def source_ids(tok) -> list[int]:
    """Token ids of a source phrase: the subtree, cut before a relative clause or a trailing comma phrase."""
    ids = list(subtree_ids(tok))
    # drop relative clauses hanging off the source ("Trump, who has ...") - keep appositions
    drop: set[int] = set()
    for c in tok.children:
        if c.dep_ in {"relcl", "acl"} and c.i > tok.i:
            drop.update(subtree_ids(c))
    return [i for i in ids if i not in drop]
