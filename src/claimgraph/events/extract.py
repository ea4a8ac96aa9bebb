"""find_events: PLOVER events of an article from its parse, entities, attributions and places.

Steps (all on the already-parsed Doc): candidate triggers (``triggers.py``) -> modality (``modality.py``)
-> PLOVER's recoding of intentions (a future or intended cooperative act is AGREE, a future retreat
CONCEDE, a future or intended act of force THREATEN, as the PLOVER manual says) -> the mode of
THREATEN / REQUEST / REJECT from the event they govern ("threatened to impose sanctions": restrict)
-> CAMEO root, date, place, attribution, confidence -> ids v1, v2 ... in body order.
"""

from __future__ import annotations

from ..embeddings import load_embeddings
from ..entities.lexicon import words
from ..spans import SpanIndex
from .actors import ActorIndex
from .cameo import cameo_root
from .dates import event_date, parse_published
from .fallback import fallback_candidates, modality_of
from .lexicon import Sense
from .modality import Modality, noun_modality, verb_modality
from .objects import THREAT_MODE_FROM_TYPE
from .triggers import Candidate, TriggerFinder
from .typer import choose, context_features, dense_features, load_model, log_probs, sparse_features
from .types import Event, Trigger

COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
FORCEFUL = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
# Governors whose complement is an intention of the subject ("plans to visit", "vowed to strike").
INTENT_GOVERNORS = words(
    "plan intend want wish hope seek aim prepare expect decide resolve vote mean undertake volunteer "
    "commit vow pledge promise offer agree"
)
REQUEST_MODE_FROM_TYPE = {
    "RETREAT": "yield",
    "CONCEDE": "yield",
    "CONSULT": "meet",
    "AID": "assist",
    "COOPERATE": "assist",
    "SUPPORT": "assist",
}
# Verbal event types: their trigger may be an attribution's cue ("Russia accused the U.S. of ...").
SPEECH_ACT_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
BASE_CONFIDENCE = {"object": 0.74, "perform": 0.72, "verb": 0.7, "noun": 0.5, "fallback": 0.3}


def find_events(doc, entities, attributions, published: str | None, places: list | None = None) -> list[Event]:
    """Events of an article body: one per detected trigger with at least one actor, ids in body order.

    ``doc`` is the spaCy Doc of the body; ``entities`` / ``attributions`` the claimgraph objects for it;
    ``published`` the article date (ISO); ``places`` optional objects with ``id``, ``start``, ``end``
    (and ``country``), from the places stage.
    """
    events, mods, index = rule_events(doc, entities, places, published)
    retype(events, mods)
    events += fallback_events(doc, index, events, parse_published(published))
    _link_attributions([e for _, e in events], attributions)
    _link_places([e for _, e in events], places, doc)
    events.sort(key=lambda ce: (ce[1].trigger.start, ce[1].trigger.end))
    out: list[Event] = []
    seen: set[tuple[int, int]] = set()
    for _, ev in events:
        key = (ev.trigger.start, ev.trigger.end)
        if key in seen:
            continue
        seen.add(key)
        ev.id = f"v{len(out) + 1}"
        out.append(ev)
    return out


def rule_events(doc, entities, places, published):
    """The rules' (candidate, event) pairs before the learned typer, with each candidate's modality."""
    index = ActorIndex(doc, entities, places)
    cands = TriggerFinder(doc, index).run()
    by_tok = {c.tok.i: c for c in cands}
    pub = parse_published(published)
    events: list[tuple[Candidate, Event]] = []
    mods = {id(c): _modality(c) for c in cands}
    cands = [c for c in cands if not _empty_promise(c, by_tok)]
    by_tok = {c.tok.i: c for c in cands}
    for c in cands:
        _govern(c, mods[id(c)], by_tok)
    for c in cands:
        ev = _event(c, mods[id(c)], by_tok, pub, index)
        if ev is not None:
            events.append((c, ev))
    return _drop_actorless(events, index), mods, index


def retype(events: list[tuple[Candidate, Event]], mods: dict[int, Modality]) -> None:
    """Let the learned typer (``typer.py``) overrule the rules' type where it is confident enough."""
    if not events:
        return
    model, emb = load_model(), load_embeddings()
    for c, ev in events:
        feats = sparse_features(c, ev, mods[id(c)].future)
        new, _ = choose(model, log_probs(model, feats, dense_features(c, emb)), ev.type)
        if new != ev.type:
            ev.type, ev.mode = new, None  # type: ignore[assignment]
            ev.cameo = cameo_root(new, None, None, c.source.sector if c.source else None)


def fallback_events(doc, index: ActorIndex, events, pub) -> list[tuple[Candidate, Event]]:
    """Root-verb events of the sentences without a rule event, where the fallback model is sure enough."""
    covered = {index.sent_of[c.tok.i] for c, _ in events}
    cands = fallback_candidates(doc, index, covered)
    if not cands:
        return []
    model, emb = load_model(name="fallback"), load_embeddings()
    out = []
    for c in cands:
        mod = modality_of(c)
        feats = context_features(c, mod.negated, mod.hypothetical, mod.future)
        lp = log_probs(model, feats, dense_features(c, emb))
        type_, prob = choose(model, lp, "")
        if prob >= model["min_prob"]:
            c.sense = Sense(type_)
            ev = _event(c, mod, {}, pub, index)
            if ev is not None:
                out.append((c, ev))
    return out


FILLER_VERBS = words("continue keep fight win stay remain run go do be make get work try stand")
PROMISE_VERBS = words("pledge promise vow commit offer guarantee assure undertake volunteer")


def _empty_promise(c: Candidate, by_tok: dict[int, Candidate]) -> bool:
    """ "vowed to fight on", "pledged to keep going": a promise of nothing an event codes is not AGREE."""
    if c.sense.type != "AGREE" or c.kind != "verb" or c.tok.lemma_.lower() not in PROMISE_VERBS:
        return False
    x = next((ch for ch in c.tok.children if ch.dep_ == "xcomp"), None)
    if x is None or first_obj(c.tok) is not None or x.i in by_tok:
        return False
    bare = not any(ch.dep_ in ("dobj", "prep", "ccomp", "xcomp") for ch in x.children)
    return bare or x.lemma_.lower() in FILLER_VERBS  # "promised to democratize Serbia" stays


def first_obj(tok):
    return next((ch for ch in tok.children if ch.dep_ in ("dobj", "dative")), None)


def _modality(c: Candidate) -> Modality:
    anchor = c.anchor
    return noun_modality(anchor) if c.kind == "noun" else verb_modality(anchor)


def _govern(c: Candidate, mod: Modality, by_tok: dict[int, Candidate]) -> None:
    """Let a governing THREATEN / REQUEST / REJECT / vow take its mode (or type) from the event it governs."""
    gov = by_tok.get(mod.governor.i) if mod.governor is not None else None
    if gov is None or gov is c:
        return
    g = gov.sense
    child = c.sense
    if g.type == "THREATEN" and g.mode is None:
        gov.sense = Sense("THREATEN", _threat_mode(child), g.root, g.ambiguous)
    elif g.type in ("REQUEST", "REJECT") and g.mode is None:
        gov.sense = Sense(g.type, REQUEST_MODE_FROM_TYPE.get(child.type, "change"), g.root, g.ambiguous)
    elif g.type == "AGREE" and gov.tok.lemma_.lower() in ("vow", "pledge", "promise") and child.type in FORCEFUL:
        gov.sense = Sense("THREATEN", _threat_mode(child), None, g.ambiguous)


def _threat_mode(child: Sense) -> str | None:
    if child.type == "COERCE" and child.mode in ("arrest", "deport"):
        return "arrest" if child.mode == "arrest" else "expel"
    if child.type == "COERCE" and child.root == "19":
        return "territory"
    if child.type == "SANCTION":
        return "relations" if child.mode == "withdraw" else "restrict"
    return THREAT_MODE_FROM_TYPE.get(child.type)


def _recode(sense: Sense, mod: Modality, governed_by_event: bool) -> tuple[Sense, bool]:
    """PLOVER's intention rules; returns (sense, hypothetical).

    Also: a negated agreement or endorsement ("will not accept", "did not agree") is a rejection.
    """
    if mod.negated and sense.type in ("AGREE", "SUPPORT", "CONCEDE") and not governed_by_event:
        return Sense("REJECT"), False
    if mod.negated or mod.speculative or governed_by_event:
        return sense, mod.hypothetical
    intent = mod.future or (mod.governor is not None and mod.governor.lemma_.lower() in INTENT_GOVERNORS)
    if not intent:
        return sense, mod.hypothetical
    if sense.type in COOPERATIVE or sense.type in ("RETREAT", "CONCEDE"):
        return Sense("AGREE"), False  # CAMEO 03 "express intent to ...", incl. to yield (035x) -> AGREE
    if sense.type in FORCEFUL:
        return Sense("THREATEN", _threat_mode(sense)), False
    return sense, mod.hypothetical


# Instrument words that give an unspecified use of force its PLOVER mode.
INSTRUMENTS: list[tuple[frozenset[str], str]] = [
    (words("drone uav"), "drone"),
    (words("suicide"), "suicide-attack"),
    (words("chemical nuclear biological sarin gas nerve"), "unconventional"),
    (
        words("warplane jet aircraft helicopter bomber gunship airstrike air plane"),
        "aerial",
    ),
    (words("artillery tank mortar rocket shell missile howitzer"), "heavy-weapons"),
    (words("bomb explosive grenade ied mine device explosion"), "explosives"),
    (words("gun rifle pistol gunfire gunman sniper bullet shot machine-gun"), "firearms"),
    (words("knife machete axe stone rock spear sword"), "primitive"),
]


def instrument_mode(anchor) -> str | None:
    """The mode told by the weapons named in the trigger's clause ("killed by an explosive device")."""
    clause = anchor if anchor.pos_ == "VERB" else anchor.head
    lemmas = {t.lemma_.lower() for t in clause.subtree}
    for words_, mode in INSTRUMENTS:
        if lemmas & words_:
            return mode
    return None


def _depth(c: Candidate, by_tok: dict[int, Candidate]) -> int:
    """How many other triggers sit above this one in the tree ("condemned the attack": attack has 1)."""
    n, cur = 0, c.tok
    for _ in range(12):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        other = by_tok.get(cur.i)
        if other is not None and other is not c:
            n += 1
    return n


def _event(c: Candidate, mod: Modality, by_tok, pub, index: ActorIndex) -> Event | None:

    governed = mod.governor is not None and mod.governor.i in by_tok and by_tok[mod.governor.i] is not c
    sense, hypothetical = _recode(c.sense, mod, governed)
    negated = mod.negated and not (sense.type == "REJECT" and c.sense.type != "REJECT")  # "will not accept"
    if sense.type == "ASSAULT" and sense.mode is None:
        sense = Sense("ASSAULT", instrument_mode(c.anchor), sense.root)
    depth = _depth(c, by_tok)
    conf = BASE_CONFIDENCE[c.kind] - (0.06 if c.ambiguous else 0.0) + (0.05 if c.tok.dep_ == "ROOT" else 0.0)
    conf += (0.12 if c.source else 0.0) + (0.06 if c.target else 0.0)
    conf -= 0.1 * min(depth, 2) + (0.1 if hypothetical else 0.0) + (0.1 if negated else 0.0)
    doc = c.tok.doc
    start, end = doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1].text)
    source_sector = c.source.sector if c.source else None
    return Event(
        id="",
        type=sense.type,  # type: ignore[arg-type]
        mode=sense.mode,
        cameo=cameo_root(sense.type, sense.mode, sense.root, source_sector),
        trigger=Trigger(start, end, index.text[start:end]),
        source=c.source,
        target=c.target,
        date=event_date(c.anchor, index.times[index.sent_of[c.anchor.i]], pub, mod.future),
        negated=negated,
        hypothetical=hypothetical,
        confidence=round(max(0.05, min(0.95, conf)), 3),
    )


def _drop_actorless(events: list[tuple[Candidate, Event]], index: ActorIndex) -> list[tuple[Candidate, Event]]:
    """Events with neither source nor target are kept only where their sentence has no other event
    (the sentence still says something happened), and only the most confident of them."""
    with_actor = {index.sent_of[c.tok.i] for c, e in events if e.source or e.target}
    best: dict[int, tuple[Candidate, Event]] = {}
    for c, e in events:
        s = index.sent_of[c.tok.i]
        if e.source or e.target or s in with_actor:
            continue
        if s not in best or e.confidence > best[s][1].confidence:
            best[s] = (c, e)
    kept = {id(ce[1]) for ce in best.values()}
    return [(c, e) for c, e in events if e.source or e.target or id(e) in kept]


def _link_attributions(events: list[Event], attributions) -> None:
    """Attribution of an event: the smallest content holding its trigger, else the attribution whose cue it is."""
    spans = []
    for a in attributions:
        frags = a.content.fragments or [(a.content.start, a.content.end)]
        spans.append((a.content.end - a.content.start, frags, a))
    spans.sort(key=lambda s: s[0])
    # filed by position: a scan of every attribution per event is quadratic on a long document
    by_fragment = SpanIndex((fs, fe, rank) for rank, (_, frags, _) in enumerate(spans) for fs, fe in frags)
    by_cue = SpanIndex((a.cue.start, a.cue.end, a) for a in attributions if a.cue is not None)
    for ev in events:
        s, e = ev.trigger.start, ev.trigger.end
        for rank in sorted({r for fs, fe, r in by_fragment.overlapping(s, e) if fs <= s and e <= fe}):
            ev.attribution = spans[rank][2].id
            break
        if ev.attribution is None and ev.type in SPEECH_ACT_TYPES:
            for _, _, a in by_cue.overlapping(s, e)[:1]:
                ev.attribution = a.id


def _link_places(events: list[Event], places, doc) -> None:
    """The place mentioned in the event's sentence nearest to its trigger (places from the places stage).

    A place inside the source's or target's own words ("Kenyan police", "Russia accused ...") names who acts,
    not where: another place of the sentence is taken first, the actor's only when there is no other."""
    if not places:
        return
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    from bisect import bisect_right

    starts = [a for a, _ in sents]
    for ev in events:
        k = bisect_right(starts, ev.trigger.start) - 1
        if k < 0:
            continue
        lo, hi = sents[k]
        actors = [(a.start, a.end) for a in (ev.source, ev.target) if a is not None]
        best, best_key = None, None
        for p in places:
            pid = getattr(p, "id", None)
            if pid is None or not (lo <= p.start and p.end <= hi):
                continue
            in_actor = any(s <= p.start and p.end <= e for s, e in actors)
            key = (in_actor, min(abs(p.start - ev.trigger.end), abs(ev.trigger.start - p.end)))
            if best_key is None or key < best_key:
                best, best_key = pid, key
        ev.place = best


def is_reported(event: Event, attributions) -> bool:
    """True when the article only reports someone claiming the event (its trigger is inside a content span);
    False when it asserts it, including a speech act whose cue is the trigger ("Russia accused the U.S.")."""
    if event.attribution is None:
        return False
    for a in attributions:
        if a.id == event.attribution:
            frags = a.content.fragments or [(a.content.start, a.content.end)]
            return any(fs <= event.trigger.start and event.trigger.end <= fe for fs, fe in frags)
    return False
