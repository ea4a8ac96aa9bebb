"""The cross-article linking rule on its own (no database): names, titles, surnames, near-matches, ambiguity."""

from __future__ import annotations

from claimgraph.model import Entity, Mention
from claimgraph.store.linking import EntityLinker, display_name, normalise


def ent(name: str, etype: str = "PERSON", *aliases: str) -> Entity:
    return Entity(id="e1", name=name, type=etype, mentions=[Mention(0, len(name), name)], aliases=list(aliases))


def test_normalise_strips_titles_possessives_accents():
    assert normalise("Gen. Valery Gerasimov") == "valery gerasimov"
    assert normalise("President Vladimir Putin's") == "vladimir putin"
    assert normalise("José  Álvarez Jr.") == "jose alvarez"
    assert normalise("the Pentagon", "ORG") == "pentagon"
    assert display_name("Gen. Valery Gerasimov", "PERSON") == "Valery Gerasimov"


def test_surname_links_only_when_unique_and_full_name_takes_over_a_bare_surname():
    linker = EntityLinker()
    bare = linker.link(ent("Lavrov"))
    assert bare.how == "new" and bare.new_entity["name"] == "Lavrov"
    full = linker.link(ent("Sergei Lavrov"))
    assert (full.entity_id, full.how, full.renamed) == (bare.entity_id, "promoted", "Sergei Lavrov")
    assert linker.link(ent("Lavrov")).how == "surname"
    assert linker.link(ent("Foreign Minister Sergei Lavrov")).how == "exact"
    other = linker.link(ent("Anna Lavrov"))
    assert other.how == "new" and other.entity_id != full.entity_id
    ambiguous = linker.link(ent("Lavrov"))
    assert ambiguous.how == "ambiguous" and ambiguous.entity_id not in {full.entity_id, other.entity_id}


def test_fuzzy_spelling_variant_but_not_a_different_first_name():
    linker = EntityLinker()
    first = linker.link(ent("Valery Gerasimov"))
    assert linker.link(ent("Valeriy Gerasimov")).entity_id == first.entity_id
    assert linker.link(ent("Alexei Gerasimov")).how == "new"


def test_types_do_not_mix_and_places_group_together():
    linker = EntityLinker()
    russia = linker.link(ent("Russia", "GPE"))
    assert linker.link(ent("Russia", "LOC")).entity_id == russia.entity_id
    assert linker.link(ent("Russia", "ORG")).entity_id != russia.entity_id


def test_reloading_gives_the_same_decisions():
    a = EntityLinker()
    rows, aliases = [], []
    for name in ("Lavrov", "Sergei Lavrov", "Anna Lavrov", "Valery Gerasimov"):
        link = a.link(ent(name))
        if link.new_entity:
            rows.append([link.new_entity["id"], link.new_entity["name"], "PERSON"])
        if link.renamed:
            next(r for r in rows if r[0] == link.entity_id)[1] = link.renamed
        aliases += [(link.entity_id, alias) for alias, _ in link.aliases]
    b = EntityLinker()
    b.load([tuple(r) for r in rows], aliases)
    for name in ("Lavrov", "Valeriy Gerasimov", "Sergei Lavrov", "Gerasimov"):
        la, lb = a.link(ent(name)), b.link(ent(name))
        assert (la.entity_id, la.how) == (lb.entity_id, lb.how)


def test_multi_word_titles():
    assert normalise("Foreign Minister Sergei Lavrov") == "sergei lavrov"
    assert normalise("Secretary of State John Kerry") == "john kerry"
    assert normalise("Russian President Vladimir Putin") == "vladimir putin"
    assert normalise("Stephen King") == "stephen king"


def test_only_names_and_acronyms_become_kb_aliases():
    linker = EntityLinker()
    russia = Entity(
        id="e1",
        name="Russia",
        type="GPE",
        aliases=["Moscow"],
        mentions=[Mention(0, 6, "Russia"), Mention(10, 16, "Moscow", "alias")],
    )
    us = Entity(id="e2", name="United States", type="GPE", aliases=["U.S.", "Washington"])
    linker.link(russia)
    us_link = linker.link(us)
    assert {a for a, _ in us_link.aliases} == {"united states", "u s"}
    assert linker.link(ent("Moscow", "GPE")).how == "new"
    assert linker.link(ent("U.S.", "GPE")).entity_id == us_link.entity_id
