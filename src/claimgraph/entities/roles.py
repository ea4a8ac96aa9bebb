"""Roles and affiliations read off the parse: titles before a name, appositives, description NPs.

"Russian Foreign Minister Sergei Lavrov" gives role "Foreign Minister" and country RUS;
"Russia's chief of General Staff, Valery Gerasimov" gives an appositive description mention
"Russia's chief of General Staff", role "chief of General Staff" and country RUS. Everything is
read from spaCy's dependency labels (compound, amod, poss, appos, prep/pobj) of the already
parsed Doc, so nothing is re-parsed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .countries import country_code, demonym_country
from .lexicon import GENDERED_WORDS, HONORIFICS, OF_ROLES, ROLE_NOUNS
from .names import is_title_word, title_role

__all__ = ["Description", "appositives", "describe", "is_title_complement", "np_role", "premodifiers"]

NP_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "punct", "npadvmod", "nummod", "case"})
_STOP_DEPS = frozenset({"det", "poss", "case", "predet", "nummod"})
_ENTITY_STOP = frozenset({"GPE", "NORP", "ORG", "PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "LOC", "FAC"})


@dataclass(slots=True)
class Description:
    """A descriptive NP that can refer to a person: token range, head, role, country, gender."""

    start: int
    end: int
    head: int
    role: str
    role_head: str
    country: str | None = None
    gender: str | None = None
    possessor: int | None = None  # token of a possessive modifier ("Russia" in "Russia's chief")


def token_country(tok) -> str | None:
    """Country a single token points to: a demonym ("Russian") or a country name ("Russia")."""
    if tok.ent_type_ in ("NORP", "") or tok.pos_ in ("ADJ", "PROPN"):
        code = demonym_country(tok.text)
        if code:
            return code
    if tok.ent_type_ in ("GPE", "") and tok.pos_ == "PROPN":
        return country_code(tok.text)
    return None


def _entity_country(doc, tok) -> str | None:
    """Country of a GPE entity containing ``tok`` (so "United States" counts, not just "States")."""
    if tok.ent_type_ == "GPE":
        a, b = tok.i, tok.i + 1
        while a > 0 and doc[a].ent_iob_ == "I":
            a -= 1
        while b < len(doc) and doc[b].ent_iob_ == "I":
            b += 1
        return country_code(doc[a:b].text)
    return token_country(tok)


def region_country(doc, start: int, end: int) -> str | None:
    """First country named by a demonym, country name or possessive inside tokens [start, end)."""
    for k in range(start, end):
        code = _entity_country(doc, doc[k])
        if code:
            return code
    return None


def _role_run(doc, lo: int, hi: int) -> tuple[int, int]:
    """Tokens right before ``hi`` (down to ``lo``) that spell a role: stops at determiners, entities, punctuation."""
    k = hi - 1
    while k >= lo:
        t = doc[k]
        if t.text == "-" and not t.whitespace_ and k > lo and not doc[k - 1].whitespace_:
            k -= 1  # "front-runner", "vice-president": the hyphen is inside a word
            continue
        if t.is_punct or t.is_space or t.dep_ in _STOP_DEPS or t.lower_ in ("'s", "’s"):
            break
        if (t.ent_type_ in _ENTITY_STOP and not is_title_word(t.text)) or demonym_country(t.text):
            j = _title_of_start(doc, lo, k)
            if j is None:
                break
            k = j  # "Secretary of State", "Minister of Foreign Affairs": keep the title's complement
            continue
        k -= 1
    return k + 1, hi


def _title_of_start(doc, lo: int, k: int) -> int | None:
    """Index of the title word when token ``k`` ends a capitalised "of" complement of a title."""
    j = k
    while j > lo and doc[j].text[:1].isupper() and doc[j].lower_ != "of":
        j -= 1
    if j > lo and doc[j].lower_ == "of" and is_title_word(doc[j - 1].text):
        return j - 1
    return None


AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "eur")


def _run_is_role(doc, a: int, b: int) -> bool:
    """A run is a role if it has a title or role word, or ends in an agent noun ("hotelier", "lobbyist")."""
    if any(is_title_word(doc[k].text) for k in range(a, b)):
        return True
    last = doc[b - 1]
    return last.pos_ == "NOUN" and last.text.islower() and last.lower_.endswith(AGENT_SUFFIXES)


def _run_text(doc, a: int, b: int) -> str:
    """Role text as written, with abbreviated titles spelt out ("Lt. Gen." -> "Lieutenant General")."""
    parts = []
    for k in range(a, b):
        t = doc[k]
        word = title_role(t.text) if is_title_word(t.text) else t.text
        if word:
            parts.append(word + (t.whitespace_ if k < b - 1 else ""))
    return "".join(parts).strip()


def is_title_complement(doc, start: int, end: int) -> bool:
    """True for "State" in "Secretary of State John Kerry": part of a person's title, not an entity."""
    if start < 2 or end >= len(doc) or doc[start - 1].lower_ != "of" or not is_title_word(doc[start - 2].text):
        return False
    return doc[end].ent_type_ == "PERSON" or is_title_word(doc[end].text)


def gender_of_words(words) -> str | None:
    """Gender carried by a title or role word ("spokeswoman", "Mrs."), else None."""
    for w in words:
        bare = w.lower().rstrip(".")
        g = GENDERED_WORDS.get(bare) or HONORIFICS.get(bare)
        if g:
            return g
    return None


def premodifiers(doc, start: int, end: int) -> tuple[list[tuple[str, str]], str | None, str | None]:
    """Roles, country and gender from the words in front of a name in the same noun phrase.

    Returns ([(role, role_head)], country, gender).
    """
    # modifiers may hang on any word of the name ("Prime Minister" on "Theresa" in "Theresa May")
    lefts = [c for k in range(start, end) for c in doc[k].lefts if c.i < start and c.dep_ in NP_MODIFIER_DEPS]
    if not lefts:
        return [], None, None
    lo = min(c.left_edge.i for c in lefts)
    country = region_country(doc, lo, start)
    a, b = _role_run(doc, lo, start)
    roles: list[tuple[str, str]] = []
    gender = None
    if a < b and _run_is_role(doc, a, b):
        text = _run_text(doc, a, b)
        if text:
            roles.append((text, text.split()[-1]))
        gender = gender_of_words(doc[k].text for k in range(a, b))
    return roles, country, gender


def extend_hyphen(doc, a: int) -> int:
    """Move a start token left over a word the tokenizer split at a hyphen ("vice-president").

    The parser then often leaves "The former vice -" outside the head's subtree; take it back.
    """
    moved = False
    while a >= 2 and doc[a - 1].text == "-" and not doc[a - 1].whitespace_ and not doc[a - 2].whitespace_:
        a -= 2
        moved = True
    return min(a, doc[a].left_edge.i) if moved else a


def np_role(doc, head, stop: int | None = None, lo: int | None = None) -> str:
    """Role spelt by a description NP: its modifiers (minus determiners, possessors and
    nationality words) plus an "of" complement for heads like chief/head/secretary."""
    a, _ = _role_run(doc, head.left_edge.i if lo is None else lo, head.i)
    end = head.i + 1
    if head.lemma_.lower() in OF_ROLES:
        for c in head.rights:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1:
                end = c.right_edge.i + 1
                break
    if stop is not None:
        end = min(end, stop)
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return _run_text(doc, a, end)


def describe(doc, head, start: int, end: int) -> Description:
    """Build a Description for the NP [start, end) headed by ``head``."""
    possessor = None
    for c in head.lefts:
        if c.dep_ == "poss":
            possessor = c.i
    lemma = head.lemma_.lower()
    return Description(
        start=start,
        end=end,
        head=head.i,
        role=np_role(doc, head, end, lo=min(start, head.left_edge.i)),
        role_head=lemma,
        country=region_country(doc, start, head.i),
        gender=GENDERED_WORDS.get(lemma),
        possessor=possessor,
    )


def _trim_punct(doc, a: int, b: int) -> tuple[int, int]:
    while a < b and (doc[a].is_punct or doc[a].is_space):
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    return a, b


def is_role_head(tok) -> bool:
    """A common noun naming a person's role ("general", "minister", "spokeswoman")."""
    return tok.pos_ in ("NOUN", "PROPN") and (tok.lemma_.lower() in ROLE_NOUNS or tok.lower_ in ROLE_NOUNS)


def appositives(doc, start: int, end: int) -> list[Description]:
    """Description NPs in apposition to the name [start, end), on either side of it."""
    root = doc[start:end].root
    found: list[Description] = []
    for c in root.children:
        if c.dep_ == "appos" and not (start <= c.i < end) and c.tag_ == "NN" and is_role_head(c):
            a, b = _trim_punct(doc, c.left_edge.i, c.right_edge.i + 1)
            if b <= start or a >= end:
                found.append(describe(doc, c, a, b))
    if root.dep_ == "pobj" and root.head.lower_ == "of" and is_role_head(root.head.head):
        # "Russian Minister of Foreign Affairs Sergey Ivanov" parsed as "Minister of ... Ivanov"
        h = root.head.head
        if h.i < root.head.i < start and all(doc[k].text[:1].isupper() for k in range(root.head.i + 1, start)):
            found.append(describe(doc, h, h.left_edge.i, start))
    if root.dep_ == "appos":
        h = root.head
        while h.dep_ == "pobj" and h.head.dep_ == "prep" and h.head.head.pos_ in ("NOUN", "PROPN"):
            h = h.head.head
        if h.i < start and is_role_head(h) and h.tag_ in ("NN", "NNP"):  # "rivals X and Y" is not X
            a, b = _trim_punct(doc, extend_hyphen(doc, h.left_edge.i), root.left_edge.i)
            if a <= h.i < b:
                found.append(describe(doc, h, a, b))
    return found
