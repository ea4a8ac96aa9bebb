"""Pass 2 of entity resolution: descriptions and pronouns, in text order, against a discourse history.

Split from :mod:`.resolve` so each pass can be read alone. :class:`Discourse` is a mixin of the
resolver: it uses the resolver's clusters (``clusters``, ``countries``, ``tok_cluster``), sentence
index (``sent_of``, ``sent_starts``), the names found in pass 1 (``name_refs``) and its building
blocks ``_new``, ``_add`` and ``_attach_description``.
"""

from __future__ import annotations

from .cluster import Cluster, Ref
from .countries import normalise
from .descriptions import Candidate, find_descriptions, link_outlet, link_person, link_state
from .pronouns import pronoun_features, resolve_plural, resolve_singular
from .roles import Description

DETERMINERS = frozenset({"the", "a", "an", "this", "that"})


class Discourse:
    """Descriptions ("the minister") and pronouns ("he", "who") linked to the entities named before them."""

    def _discourse(self) -> None:
        doc = self.doc
        events: list[tuple[int, int, object]] = [(r.tok, 0, r) for r in self.name_refs]
        events += [(c.desc.head, 1, c) for c in find_descriptions(doc, set(self.tok_cluster))]
        events += [(t.i, 2, t) for t in doc if t.pos_ == "PRON" and (pronoun_features(t) or t.lower_ == "who")]
        events.sort(key=lambda e: (e[0], e[1]))
        history: list[Ref] = []
        by_tok: dict[int, Ref] = {}
        for _, kind, item in events:
            if kind == 0:
                ref = item
            elif kind == 1:
                ref = self._description(item, history)
            else:
                ref = self._pronoun(item, history, by_tok)
            if isinstance(ref, Ref):
                history.append(ref)
                by_tok[ref.tok] = ref

    def _description(self, cand: Candidate, history: list[Ref]) -> Ref | None:
        desc = cand.desc
        sent = self.sent_of[desc.head]
        if cand.kind == "state":
            cluster = link_state(cand, self.countries)
        elif cand.kind == "group":
            cluster = self._group(desc)
        elif cand.kind == "outlet":
            cluster = link_outlet(cand, history)
        elif self.doc[desc.head].dep_ in ("attr", "oprd"):
            cluster = self._predicate_subject(self.doc[desc.head])
        else:
            exclude = self.tok_cluster.get(desc.possessor) if desc.possessor is not None else None
            cluster = link_person(cand, history, sent, exclude)
            if cluster is None and (cand.subject or cand.definite):
                cluster = self._new("PERSON", self._strip_det(desc))
        if cluster is None:
            return None
        return self._attach_description(cluster, desc)

    def _predicate_subject(self, head) -> Cluster | None:
        """ "X was the founder of Y" / "X is a lawyer": a predicate noun describes the subject, nobody else."""
        for c in head.head.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                cluster = self.tok_cluster.get(c.i)
                return cluster if cluster is not None and cluster.type == "PERSON" else None
        return None

    def _group(self, desc: Description) -> Cluster:
        """One GROUP entity per distinct anonymous group ("officials" twice is one group)."""
        key = normalise(self._strip_det(desc))
        for c in self.by_form.candidates({("form", key)}):
            if c.type == "GROUP" and key in c.forms:
                return c
        cluster = self._new("GROUP", self._strip_det(desc))
        cluster.plural = True
        self.by_form.add_form(cluster, key)
        return cluster

    def _strip_det(self, desc: Description) -> str:
        """Description text without a leading article or demonstrative ("the judge" -> "judge")."""
        words = self.doc[desc.start : desc.end].text.split()
        return " ".join(words[1:] if len(words) > 1 and words[0].lower() in DETERMINERS else words)

    def _relative(self, tok, by_tok: dict[int, Ref]) -> Ref | None:
        """ "X, who said ...": the relative pronoun subject is the noun its clause modifies."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "relcl":
            return None
        antecedent = tok.head.head
        cluster = self.tok_cluster.get(antecedent.i)
        if cluster is None or cluster.type not in ("PERSON", "GROUP", "NORP"):
            return None
        return self._add(cluster, tok.i, tok.i + 1, "pronoun", tok)

    def _pronoun(self, tok, history: list[Ref], by_tok: dict[int, Ref]) -> Ref | None:
        if tok.lower_ == "who":
            return self._relative(tok, by_tok)
        feats = pronoun_features(tok)
        if feats is None:
            return None
        gender, number, kind = feats
        sent = self.sent_of[tok.i]
        if number == "sg":
            cluster = resolve_singular(self.doc, tok, sent, gender, history)
        else:
            prev = self.sent_starts[max(0, sent - 1)]
            cluster = resolve_plural(self.doc, tok, prev, by_tok)
        if cluster is None:
            return None
        ref = self._add(cluster, tok.i, tok.i + 1, kind, tok)
        if ref is not None and number == "sg":
            cluster.set_gender(gender)
        return ref
