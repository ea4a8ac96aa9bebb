"""Entity linking across articles as a batch step, one partition per type group, in input order.

The linker (store/linking.py) keeps every index keyed by type group (people with people, places with
places): a person's name never changes how an organisation links, and KB ids hash the group in. So
linking each group's entities on their own, in input order, makes exactly the decisions one linker
makes over the interleaved stream, and the groups can run in parallel processes. Within a group the
order matters (a surname links to the one full name seen before it), so a group is one sequence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor

from ..model import Entity
from ..store.linking import EntityLinker, Link, group_of

Key = tuple[str, str]  # (document_id, article-local entity id)


def _link_group(
    entities: list[tuple[Key, Entity]], known: tuple[list[tuple[str, str, str]], list[tuple[str, str]]]
) -> list[tuple[Key, Link]]:
    linker = EntityLinker()
    linker.load(*known)
    return [(key, linker.link(entity)) for key, entity in entities]


def link_all(
    entities: Iterable[tuple[Key, Entity]],
    known_entities: list[tuple[str, str, str]] = (),
    known_aliases: list[tuple[str, str]] = (),
    processes: int = 1,
) -> dict[Key, Link]:
    """The link of every ``(key, entity)`` (input order), starting from a KB that holds the ``known_*`` rows."""
    groups: dict[str, list[tuple[Key, Entity]]] = defaultdict(list)
    for key, entity in entities:
        groups[group_of(entity.type)].append((key, entity))
    known: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    type_of = {}
    for eid, name, etype in known_entities:
        known[group_of(etype)][0].append((eid, name, etype))
        type_of[eid] = etype
    for eid, alias in known_aliases:
        if eid in type_of:
            known[group_of(type_of[eid])][1].append((eid, alias))
    jobs = sorted(groups, key=lambda g: -len(groups[g]))  # the biggest group first: it bounds the wall time
    out: dict[Key, Link] = {}
    if processes <= 1 or len(jobs) < 2:
        for g in jobs:
            out.update(_link_group(groups[g], known[g]))
        return out
    with ProcessPoolExecutor(min(processes, len(jobs))) as pool:
        for links in pool.map(_link_group, [groups[g] for g in jobs], [known[g] for g in jobs]):
            out.update(links)
    return out
