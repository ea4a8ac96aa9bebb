"""Working state of the resolver: clusters of mentions and the discourse history.

A ``Cluster`` is an entity under construction; ``Ref`` is one mention placed in discourse
order, carrying what pronoun and description resolution weigh (sentence, grammatical role).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Mention

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECT_DEPS = frozenset({"dobj", "iobj", "dative", "attr", "oprd"})


@dataclass(slots=True)
class Cluster:
    """One entity being built: its name forms, mentions and the facts gathered about it."""

    type: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    role_heads: set[str] = field(default_factory=set)
    country: str | None = None
    gender: str | None = None  # "m" | "f" | None
    plural: bool = False
    aliases: list[str] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)  # normalised name strings seen
    last: int = -1  # token index of the latest mention, for recency among name matches

    def add_role(self, role: str, head: str | None = None) -> None:
        """Record a role once (case-insensitively) and remember its head noun for matching."""
        role = " ".join(role.split()).strip(" ,;:\"“”'")
        if not role:
            return
        if role.lower() not in {r.lower() for r in self.roles}:
            self.roles.append(role)
        head = (head or role.split()[-1]).lower().rstrip(".")
        self.role_heads.update({head, head.rsplit("-", 1)[-1]})  # "vice-president" also answers "president"

    def set_country(self, code: str | None) -> None:
        """Keep the first country found: later evidence is usually a modifier of something else."""
        if code and not self.country:
            self.country = code

    def set_gender(self, gender: str | None) -> None:
        """Keep the first gender found (titles and names come before pronouns)."""
        if gender and not self.gender:
            self.gender = gender

    def has_span(self, start: int, end: int) -> bool:
        return any(m.start == start and m.end == end for m in self.mentions)


@dataclass(slots=True)
class Ref:
    """A mention in discourse order: token of its head, sentence number and dependency label."""

    tok: int
    sent: int
    cluster: Cluster
    dep: str
    coordinated: bool = False

    @property
    def is_subject(self) -> bool:
        return self.dep in SUBJECT_DEPS
