"""The tagging engine on plain text: no Django, no database.

Specimens are short made-up newswire sentences; the acceptance test reads the real sample
dump from shared/ when it is there.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tagging.engine import Register, RegisterEntry, normalize
from tagging.engine.text import pattern_key, slow_pattern_key

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared/samples/blinken-migration.txt"


def org(key, name, acronym="", aliases=(), titles=()):
    return RegisterEntry("organization", key, name, acronym, tuple(aliases), tuple(titles))


def person(key, name, aliases=(), titles=()):
    return RegisterEntry("person", key, name, "", tuple(aliases), tuple(titles))


STATE = org(
    "dos",
    "U.S. Department of State",
    "DOS",
    ["State Department", "Department of State"],
    ["Secretary of State"],
)
DHS = org(
    "dhs", "U.S. Department of Homeland Security", "DHS", [], ["Secretary of Homeland Security"]
)
CBP = org("cbp", "U.S. Customs and Border Protection", "CBP")
USAID = org("usaid", "U.S. Agency for International Development", "USAID")
DOJ = org(
    "doj",
    "U.S. Department of Justice",
    "DOJ",
    ["Justice Department"],
    ["Attorney General", "Deputy Attorney General"],
)
BLINKEN = person("blinken", "Antony J. Blinken", titles=["Secretary of State"])
BIDEN = person("biden", "Joseph R. Biden Jr.", titles=["President"])


@pytest.fixture(scope="module")
def reg():
    return Register.build([STATE, DHS, CBP, USAID, DOJ, BLINKEN, BIDEN])


def keys(result, kind=None):
    return [m.key for m in result.mentions if kind is None or m.kind == kind]


def mention(result, key):
    found = [m for m in result.mentions if m.key == key]
    assert found, f"{key} not among {keys(result)}"
    return found[0]


def suggested(result, kind="person"):
    return {s.name: s for s in result.suggestions if s.kind == kind}


# -- normalisation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "U.S. Department of State",
        "US Department of State",
        "United States Department of State",
        "U. S. department of state",
        "u.s. DEPARTMENT OF STATE",
    ],
)
def test_normalize_unifies_the_united_states(text):
    assert normalize(text) == "us department of state"


def test_normalize_folds_accents_quotes_dashes_and_possessives():
    assert normalize("Arévalo") == "arevalo"
    assert normalize("Bárcena’s") == "barcena"
    assert normalize("Mayorkas'") == "mayorkas"
    assert normalize("Sherwood–Randall") == normalize("Sherwood-Randall") == "sherwood randall"
    assert normalize("Customs & Border Protection") == "customs and border protection"


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "U.S.",
                "US",
                "United",
                "States",
                "of",
                "a",
                "J.",
                "Jr.",
                "Inc",
                "&",
                ",",
                " ",
                ".",
                "-",
                "'s",
                "'",
                "O'Neil",
                "7",
                "Dept.",
            ]
        ),
        max_size=10,
    ).map("".join)
)
def test_fast_pattern_keys_agree_with_the_tokenizer(text):
    assert pattern_key(text) == slow_pattern_key(text)


# -- names, aliases, acronyms ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "U.S. Department of State",
        "US Department of State",
        "United States Department of State",
        "Department of State",
        "State Department",
        "DOS",
    ],
)
def test_every_spelling_of_the_state_department_is_one_entity(reg, phrase):
    result = reg.tag(body=f"A spokesperson for the {phrase} declined to comment on Friday.")
    assert keys(result) == ["dos"]
    m = result.mentions[0]
    assert m.evidence.text == phrase
    assert m.count == 1


def test_acronyms_are_case_sensitive_and_whole_word(reg):
    result = reg.tag(body="The dos and don'ts of DOSE checks were posted in Dos Palos.")
    assert keys(result) == []
    assert keys(reg.tag(body="The DOS posted them.")) == ["dos"]


def test_us_is_never_an_organization():
    r = Register.build([org("x", "United States", "US", ["U.S.", "USA"])])
    result = r.tag(body="The US and the U.S. economy; let us see. USA Today reported it.")
    assert result.mentions == []


def test_possessives_match(reg):
    body = (
        "DHS's inspectors arrived first. Secretary of State Antony J. Blinken spoke next. "
        "Blinken’s aides and the State Department's staff listened."
    )
    result = reg.tag(body=body)
    assert keys(result) == ["dhs", "blinken", "dos"]
    assert mention(result, "dhs").evidence.text == "DHS"
    assert mention(result, "blinken").count == 2
    r2 = Register.build([person("m", "Alejandro N. Mayorkas")])
    res = r2.tag(body="Alejandro Mayorkas arrived. Mayorkas' staff followed him.")
    assert res.mentions[0].count == 2


def test_longest_match_wins_and_matches_do_not_overlap():
    r = Register.build(
        [
            org("cbp", "U.S. Customs and Border Protection", "CBP"),
            org("bp", "Border Protection Office"),
            org("customs", "Customs Service", aliases=["Customs"]),
        ]
    )
    result = r.tag(body="Agents of U.S. Customs and Border Protection seized the shipment.")
    assert keys(result) == ["cbp"]
    assert result.mentions[0].evidence.text == "U.S. Customs and Border Protection"


def test_names_are_whole_words_and_one_word_aliases_are_proper_nouns():
    r = Register.build(
        [
            org("dod", "U.S. Department of Defense", aliases=["Pentagon"]),
            org("fed", "Federal Reserve", aliases=["Fed"]),
        ]
    )
    assert keys(r.tag(body="The pentagonal shape is fed by the Pentagons of old.")) == []
    assert keys(r.tag(body="The Pentagon said the Fed would wait.")) == ["dod", "fed"]


def test_accents_and_case_do_not_matter_for_names():
    r = Register.build([person("a", "Bernardo Arévalo"), person("b", "Alicia Bárcena")])
    result = r.tag(body="BERNARDO AREVALO met Alicia Barcena in the capital.")
    assert keys(result) == ["a", "b"]


def test_a_state_department_is_not_the_federal_one():
    r = Register.build(
        [org("dot", "U.S. Department of Transportation", "DOT", ["Department of Transportation"])]
    )
    body = "The Texas Department of Transportation closed the road. State officials agreed."
    assert keys(r.tag(body=body)) == []
    assert keys(r.tag(body="The Department of Transportation reopened it.")) == ["dot"]


def test_state_and_energy_as_plain_words_tag_nothing(reg):
    body = (
        "State lawmakers met in the state capitol. Energy prices rose and the state of "
        "emergency ended. Secretary of State nominees are vetted by the Senate."
    )
    assert reg.tag(body=body).mentions == []


def test_capitalised_lines_do_not_yield_acronyms(reg):
    result = reg.tag(headline="WHY DOS AND DHS MATTER TO YOU", body="Nothing else here.")
    assert result.mentions == []


def test_a_state_postal_code_is_not_an_acronym():
    r = Register.build([org("va", "U.S. Department of Veterans Affairs", "VA")])
    assert keys(r.tag(body="The clinic in Fairfax, VA, opened Monday.")) == []
    assert keys(r.tag(body="The VA opened a clinic Monday.")) == ["va"]


# -- acronyms defined in the story ----------------------------------------------------------------


def test_defined_acronym_binds_later_uses_even_if_the_register_lacks_it():
    r = Register.build([org("cbp", "U.S. Customs and Border Protection")])
    body = (
        "Officers of U.S. Customs and Border Protection (CBP) inspected trucks. "
        "CBP said the inspections would continue. CBP's director agreed."
    )
    m = r.tag(body=body).mentions[0]
    assert (m.key, m.count, m.via) == ("cbp", 3, "name")
    assert m.evidence.text == "U.S. Customs and Border Protection"


def test_defined_acronym_settles_an_acronym_shared_in_the_register():
    r = Register.build(
        [
            org("energy", "U.S. Department of Energy", "DOE"),
            org("nycdoe", "New York City Department of Education", "DOE"),
        ]
    )
    assert keys(r.tag(body="DOE officials spoke.")) == []  # ambiguous: no guess
    body = "The Department of Energy (DOE) issued grants. DOE said more would follow."
    m = r.tag(body=body).mentions[0]
    assert (m.key, m.via, m.count) == ("energy", "defined-acronym", 2)


def test_story_definition_beats_the_register_acronym(reg):
    body = (
        "The Denver Department of Streets (DOS) readied its plows. DOS crews start at "
        "dawn, and DOS asked drivers to park off the snow routes."
    )
    result = reg.tag(body=body, discover=True)
    assert "dos" not in keys(result)
    orgs = suggested(result, "organization")
    assert list(orgs) == ["Denver Department of Streets"]
    assert orgs["Denver Department of Streets"].acronym == "DOS"
    assert reg.tag(body=body).suggestions == []  # suggestions only in discover mode


def test_unknown_defined_organization_is_suggested(reg):
    body = (
        "The U.S. Office of Widget Safety (OWS) opened on Tuesday. OWS will inspect "
        "widgets. The Bureau of Gadgets, Gizmos, and Sprockets (GGS) will help, as will "
        "the Temporary Widget Protocols (TWP), which are rules, not an office."
    )
    result = reg.tag(body=body, discover=True)
    orgs = suggested(result, "organization")
    assert set(orgs) == {"U.S. Office of Widget Safety", "Bureau of Gadgets, Gizmos, and Sprockets"}
    s = orgs["U.S. Office of Widget Safety"]
    assert s.acronym == "OWS" and 0.75 <= s.confidence <= 0.85
    assert s.evidence.text == "U.S. Office of Widget Safety"


# -- people ---------------------------------------------------------------------------------------


def test_surname_counts_only_after_the_full_name(reg):
    body = (
        "Blinken landed before dawn. Later, Antony Blinken met the minister. "
        "Blinken said the talks went well, and Blinken left at noon."
    )
    m = mention(reg.tag(body=body), "blinken")
    assert m.count == 3
    assert m.evidence.text == "Antony Blinken"
    assert m.via == "name"
    assert reg.tag(body="Blinken said the talks went well.").mentions == []


def test_surname_in_headline_before_the_full_name_does_not_count(reg):
    result = reg.tag(
        headline="Blinken travels", caption="Antony J. Blinken | DOS", body="Blinken spoke."
    )
    m = mention(result, "blinken")
    assert (m.count, m.evidence.field, m.evidence.text) == (2, "caption", "Antony J. Blinken")


def test_middle_initial_and_suffix_are_optional(reg):
    for name in ("Antony J. Blinken", "Antony Blinken"):
        assert keys(reg.tag(body=f"{name} spoke.")) == ["blinken"]
    assert keys(reg.tag(body="Joseph Biden spoke; Joseph R. Biden said more.")) == ["biden"]


def test_another_person_with_the_same_surname_is_not_counted(reg):
    body = "Joseph R. Biden Jr. spoke first. Jill Biden spoke next. Biden then left."
    assert mention(reg.tag(body=body), "biden").count == 2


def test_registered_title_before_surname_is_the_person(reg):
    m = mention(reg.tag(body="President Biden signed the bill. Biden then left."), "biden")
    assert (m.via, m.count) == ("title", 2)
    assert reg.tag(body="Presidents' Day and President's Day sales drew crowds.").mentions == []


SPECIMEN = (
    "Officials gathered in Ottawa on Monday. Deputy Attorney General Rosa Quintero opened the "
    "session, joined by Secretary of Homeland Security Tomas Heller and Canadian Foreign "
    "Minister Anne-Marie Dufresne. Homeland Security Advisor Priya Castellanos-Webb and "
    "Deputy Secretary for Management and Resources Omar Haddad took notes, while USAID Deputy "
    "Administrator Ines de la Vega spoke last. President Juan Pablo Ortiz sent a letter.\n\n"
    "Mark Okafor, the deputy attorney general for civil rights, said the talks were useful. "
    "A State Department spokesperson, Dana Whitfield, declined to comment."
)


def test_people_introduced_by_titles_are_suggested(reg):
    result = reg.tag(body=SPECIMEN, discover=True)
    people = suggested(result)
    assert set(people) == {
        "Rosa Quintero",
        "Tomas Heller",
        "Anne-Marie Dufresne",
        "Priya Castellanos-Webb",
        "Omar Haddad",
        "Ines de la Vega",
        "Juan Pablo Ortiz",
        "Mark Okafor",
        "Dana Whitfield",
    }
    expect = {
        "Rosa Quintero": ("Deputy Attorney General", "doj"),
        "Tomas Heller": ("Secretary of Homeland Security", "dhs"),
        "Anne-Marie Dufresne": ("Foreign Minister", None),
        "Priya Castellanos-Webb": ("Homeland Security Advisor", None),
        "Omar Haddad": ("Deputy Secretary for Management and Resources", None),
        "Ines de la Vega": ("USAID Deputy Administrator", "usaid"),
        "Juan Pablo Ortiz": ("President", None),
        "Dana Whitfield": ("State Department spokesperson", "dos"),
    }
    for name, (title, org_key) in expect.items():
        assert (people[name].title, people[name].organization_key) == (title, org_key), name
    assert people["Mark Okafor"].title.startswith("deputy attorney general")
    for s in people.values():
        assert 0.65 <= s.confidence <= 0.85
        assert s.evidence.text == s.name
    assert [s.name for s in result.suggestions] == sorted(people, key=lambda n: SPECIMEN.index(n))


def test_foreign_nationality_blocks_resolution_through_register_titles():
    r = Register.build([org("fco", "Foreign Office", titles=["Foreign Secretary"])])
    result = r.tag(
        body="Foreign Secretary Jane Holt met Mexican Foreign Secretary Luis Mora.", discover=True
    )
    people = suggested(result)
    assert people["Jane Holt"].organization_key == "fco"
    assert people["Luis Mora"].organization_key is None
    assert people["Luis Mora"].title == "Foreign Secretary"


def test_places_titles_and_dates_are_never_suggested(reg):
    body = (
        "The trilateral Migration Ministerial met in Washington D.C. with Guatemala and Mexico "
        "in January. The Secretary of State and the Attorney General attended, and Guatemala "
        "City hosted a follow-up on Tuesday. The news release said the Secretary of State "
        "Travel Advisory for Costa Rica was unchanged, and the chairman of the Joint Chiefs "
        "of Staff agreed. Mexican and Guatemalan nationals crossed at El Paso, Texas."
    )
    result = reg.tag(
        headline="Ministerial In Washington Brings Guatemala And Mexico Together",
        body=body,
        discover=True,
    )
    assert result.suggestions == []


def test_title_implies_an_organization_only_on_request(reg):
    body = "Secretary of Homeland Security Tomas Heller spoke."
    assert reg.tag(body=body).mentions == []
    m = reg.tag(body=body, implied_orgs=True).mentions[0]
    assert (m.key, m.via, m.evidence.text) == ("dhs", "title", "Secretary of Homeland Security")
    assert m.confidence < 0.8


def test_caption_lines_and_ceremonial_titles(reg):
    result = reg.tag(
        caption="Rosa Quintero | Deputy Attorney General | justice.example",
        body="President Biden and First Lady Jill Biden greeted Ambassador Lena Ostrova.",
        discover=True,
    )
    people = suggested(result)
    assert people["Rosa Quintero"].organization_key == "doj"
    assert people["Jill Biden"].title == "First Lady"
    assert people["Lena Ostrova"].title == "Ambassador"
    assert keys(result) == ["biden"]


def test_a_title_can_settle_a_shared_acronym():
    r = Register.build(
        [
            org("energy", "U.S. Department of Energy", "DOE", titles=["Energy Secretary"]),
            org("nycdoe", "New York City Department of Education", "DOE"),
        ]
    )
    m = r.tag(body="Energy Secretary Jane Roe said DOE grants would grow.").mentions[0]
    assert (m.key, m.via, m.confidence) == ("energy", "acronym", 0.8)


def test_registered_people_are_mentions_not_suggestions(reg):
    result = reg.tag(body="Secretary of State Antony J. Blinken met reporters.", discover=True)
    assert keys(result) == ["blinken"] and result.suggestions == []


# -- results --------------------------------------------------------------------------------------


def test_mentions_are_ordered_and_evidence_points_into_the_field(reg):
    fields = {
        "headline": "USAID and CBP expand a program",
        "dek": "The State Department joins",
        "caption": "Antony J. Blinken | DOS",
        "body": "The U.S. Agency for International Development (USAID) said so.\n\nDHS agreed.",
    }
    result = reg.tag(**fields)
    assert keys(result) == ["usaid", "cbp", "dos", "blinken", "dhs"]
    for m in result.mentions:
        ev = m.evidence
        assert fields[ev.field][ev.start : ev.end] == ev.text
        assert ev.text in ev.sentence
    assert mention(result, "usaid").count == 2  # headline + body name; "(USAID)" is the name
    assert mention(result, "dhs").evidence.sentence == "DHS agreed."


def test_confidence_follows_how_the_entity_was_found(reg):
    result = reg.tag(
        body="The U.S. Department of Justice spoke. DHS agreed. The Justice "
        "Department and the State Department disagreed."
    )
    conf = {m.key: (m.via, m.confidence) for m in result.mentions}
    assert conf["doj"][0] == "name" and conf["doj"][1] >= 0.95
    assert conf["dhs"] == ("acronym", 0.85)
    assert conf["dos"] == ("alias", 0.9)


def test_register_is_reusable_and_stories_do_not_leak(reg):
    first = reg.tag(body="The Denver Department of Streets (DOS) plowed.", discover=True)
    assert "dos" not in keys(first)
    assert keys(reg.tag(body="The DOS spoke.")) == ["dos"]


def test_empty_story_and_bad_kind():
    r = Register.build([STATE])
    assert r.tag().mentions == [] and r.tag().suggestions == []
    with pytest.raises(ValueError):
        Register.build([RegisterEntry("place", 1, "Guatemala")])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("abcDOSU.S ,'’()-\n&é")
            + [
                "DHS",
                "Blinken",
                "State Department",
                " of ",
                "Secretary ",
                "(CBP)",
                "Lisa Monaco",
                "Deputy ",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_tagging_any_text_is_safe_and_offsets_hold(text):
    r = Register.build([STATE, DHS, CBP, BLINKEN])
    result = r.tag(headline=text[:40], body=text, discover=True)
    fields = {"headline": text[:40], "body": text}
    for item in [*result.mentions, *result.suggestions]:
        ev = item.evidence
        assert fields[ev.field][ev.start : ev.end] == ev.text
        assert 0.0 <= item.confidence <= 1.0


# -- scale ----------------------------------------------------------------------------------------


def test_a_large_register_builds_quickly_and_does_not_slow_tagging():
    entries = [STATE, CBP]
    for i in range(40_000):
        entries.append(
            org(
                f"o{i}",
                f"Office of Widget Number {i}",
                f"OW{i}",
                [f"Widget Office {i}", f"Number {i} Widget Bureau"],
            )
        )
        entries.append(person(f"p{i}", f"Pat Q. Person{i}", [f"Patricia Person{i}"]))
    t0 = time.perf_counter()
    big = Register.build(entries)
    assert time.perf_counter() - t0 < 30
    small = Register.build([STATE, CBP])
    story = "The U.S. Department of State (DOS) and CBP met. " * 20 + "OW17 and Pat Person17."

    def timed(r):
        t = time.perf_counter()
        for _ in range(5):
            r.tag(body=story, discover=True)
        return time.perf_counter() - t

    timed(big), timed(small)
    assert timed(big) < 3 * timed(small) + 0.05
    assert set(keys(big.tag(body=story))) == {"dos", "cbp", "o17", "p17"}


# -- acceptance: the real sample dump -------------------------------------------------------------


def _sample_fields():
    raw = SAMPLE.read_text(encoding="utf-8")
    marker = "ORGANIZATIONS IN THIS STORY"
    head, rest = raw.split(marker, 1)
    body = rest[: rest.rindex(marker)].strip() if marker in rest else rest.strip()
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    # lines: image, caption, headline, section
    return {"caption": lines[1], "headline": lines[2], "body": body}


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not available")
@pytest.mark.parametrize("blinken_registered", [False, True])
def test_acceptance_on_the_sample_dump(blinken_registered):
    entries = [STATE, DHS, CBP, USAID, DOJ]
    if blinken_registered:
        entries.append(BLINKEN)
    r = Register.build(entries)
    fields = _sample_fields()
    result = r.tag(**fields, discover=True)

    orgs = keys(result, "organization")
    assert {"dos", "cbp", "usaid"} <= set(orgs)
    assert set(orgs) <= {"dos", "cbp", "usaid", "dhs", "doj"}
    for m in result.mentions:
        ev = m.evidence
        assert fields[ev.field][ev.start : ev.end] == ev.text

    people = suggested(result)
    expected = {
        "Alicia Barcena",
        "Carlos Martinez",
        "Lisa Monaco",
        "Alejandro Mayorkas",
        "Liz Sherwood-Randall",
        "Richard Verma",
        "Isobel Coleman",
        "Bernardo Arévalo",
    }
    if blinken_registered:
        assert "blinken" in keys(result, "person")
    else:
        expected.add("Antony J. Blinken")
    assert set(people) == expected
    assert suggested(result, "organization") == {}
    assert people["Lisa Monaco"].organization_key == "doj"
    assert people["Alejandro Mayorkas"].organization_key == "dhs"
    assert people["Isobel Coleman"].organization_key == "usaid"
    assert people["Lisa Monaco"].title == "Deputy Attorney General"
    if not blinken_registered:
        assert people["Antony J. Blinken"].organization_key == "dos"
