"""Issue #15's classes on plain text (no database): short forms and their guards, precision
traps, parents through a possessive, tolerant long names, people in lists and the title
vocabulary, organizations named without an acronym. Sentences written for these tests."""

from tagging.engine import Register, RegisterEntry

ORG = "organization"
REGISTER = Register.build(
    [
        RegisterEntry(ORG, "congress", "United States Congress", titles=("short form: Congress",)),
        RegisterEntry(ORG, "senate", "U.S. Senate", parent="congress", short_forms=("Senate",),
                      titles=("Senator", "Sen.")),
        RegisterEntry(ORG, "house", "U.S. House of Representatives", parent="congress",
                      aliases=("House of Representatives",), short_forms=("House",),
                      titles=("Representative", "Rep.")),
        RegisterEntry(ORG, "army", "U.S. Army", short_forms=("Army",)),
        RegisterEntry(ORG, "scotus", "Supreme Court of the United States",
                      short_forms=("Supreme Court",)),
        RegisterEntry(ORG, "va", "U.S. Department of Veterans Affairs", acronym="VA"),
        RegisterEntry(ORG, "dhs", "U.S. Department of Homeland Security",
                      aliases=("Homeland Security Department", "Homeland Security")),
        RegisterEntry(ORG, "doj", "U.S. Department of Justice", aliases=("Justice Department",)),
        RegisterEntry(ORG, "nsd", "National Security Division", parent="doj",
                      aliases=("Justice Department National Security Division",)),
        RegisterEntry(ORG, "tsa", "Transportation Security Administration", acronym="TSA"),
        RegisterEntry(ORG, "sjc", "U.S. Senate Committee on the Judiciary", parent="senate",
                      aliases=("Senate Judiciary Committee",)),
    ]
)  # fmt: skip


def orgs(text):
    return {m.key for m in REGISTER.tag(body=text).mentions}


def suggested(text, kind):
    return {s.name: s for s in REGISTER.tag(body=text, discover=True).suggestions if s.kind == kind}


def test_short_forms_count_where_they_can_only_mean_the_registered_body():
    assert orgs("Congress left town, and the Senate and the House return in May.") == {
        "congress", "senate", "house"
    }  # fmt: skip
    assert orgs("The Army will rebuild the bridge.") == {"army"}


def test_short_forms_guarded_after_places_qualifiers_before_of_and_inside_longer_names():
    assert not orgs("The Ohio Senate and the Peruvian Army held drills with the state House.")
    assert not orgs("Lawmakers of the House of Representatives of Puerto Rico met in San Juan.")
    assert orgs("The Senate Judiciary Committee met.") == {"sjc"}
    assert "senate" not in orgs("The Senate Appropriations Subcommittee on Defense met.")
    assert not orgs("House prices rose for a third month.")
    assert not orgs("A Queens Supreme Court Justice heard the case.")


def test_party_state_tag_is_not_an_agency():
    assert "va" not in orgs("Sen. Pat Doe (D-VA) and Rep. Sam Roe (R-VA) wrote the bill.")
    assert "va" in orgs("The VA will open two clinics.")


def test_lower_case_phrase_is_not_a_multiword_alias():
    assert not orgs("Several homeland security experts doubted the plan.")


def test_parent_kept_when_a_sub_unit_is_named_through_its_possessive():
    assert orgs("The Justice Department's National Security Division filed the case.") == {
        "doj", "nsd"
    }  # fmt: skip


def test_long_names_matched_tolerantly_but_never_short_ones():
    assert orgs("The Transportation Security Administrations hired screeners.") == {"tsa"}
    assert orgs("The Senate Judiciary Committees met.") == {"sjc"}
    assert not orgs("The Transportation Securities met.")
    assert orgs("The Transportaton Security Administration hired screeners.") == {"tsa"}
    assert orgs("The Transportation Secuirty Administration hired screeners.") == {"tsa"}
    assert not orgs("The TSX said so.")


def test_plural_titles_govern_lists_and_legislator_titles_resolve_to_the_chamber():
    found = suggested("Senators Jo Ann Kettering, Mateo Ruiz and Priya Vance wrote to the Army.",
                      "person")  # fmt: skip
    assert set(found) == {"Jo Ann Kettering", "Mateo Ruiz", "Priya Vance"}
    assert {s.title for s in found.values()} == {"Senator"}
    assert {s.organization_key for s in found.values()} == {"senate"}
    sens = suggested("Sens. Ada Quill and Bo Tran (R-Ohio) objected.", "person")
    assert {s.title for s in sens.values()} == {"Sen."} and len(sens) == 2
    rep = suggested("Rep. Hollis Brandt asked for the report.", "person")["Hollis Brandt"]
    assert rep.organization_key == "house"


def test_titles_from_the_vocabulary_kept_whole_and_names_that_are_words():
    found = suggested(
        "U.S. Attorney Noor Haddad and Brig. Gen. Elias Brandt spoke. Magistrate Judge Chad "
        "Pruitt set bail, and Det. Summer Oakes testified.",
        "person",
    )
    assert found["Noor Haddad"].title == "U.S. Attorney"
    assert found["Elias Brandt"].title == "Brig. Gen."
    assert {"Chad Pruitt", "Summer Oakes"} <= set(found)


def test_a_three_word_name_after_and_keeps_its_first_word():
    found = suggested("Deputy Director Lars Olsen and Mary Beth Quill, the agency's "
                      "spokesperson, briefed reporters.", "person")  # fmt: skip
    assert "Mary Beth Quill" in found


def test_variants_of_one_person_are_suggested_once():
    found = suggested("Chief Executive R. Dana Whitcomb resigned. Executive Director Dana "
                      "Whitcomb had led the fund since 2019.", "person")  # fmt: skip
    assert len([n for n in found if n.endswith("Whitcomb")]) == 1


def test_organizations_without_acronyms_are_suggested_with_their_evidence():
    text = (
        "Officers of the Gravesend Police Department and the Tolland County Sheriff's Office "
        "arrested him. The Ashby County Circuit Court set a date, and Larkspur Analytics, LLC "
        "paid a fine. The police department declined to comment."
    )
    found = suggested(text, "organization")
    assert set(found) == {
        "Gravesend Police Department",
        "Tolland County Sheriff's Office",
        "Ashby County Circuit Court",
        "Larkspur Analytics, LLC",
    }
    assert found["Ashby County Circuit Court"].evidence.sentence.startswith("The Ashby County")


def test_a_parent_named_through_its_possessive_is_the_registered_parent_when_names_clash():
    register = Register.build(
        [
            RegisterEntry(ORG, "doj", "U.S. Department of Justice", aliases=("Justice Department",)),
            RegisterEntry(ORG, "ga-doj", "Georgia Department of Justice", aliases=("Justice Department",)),
            RegisterEntry(ORG, "crm", "Criminal Division", parent="doj",
                          aliases=("Justice Department Criminal Division",)),
        ]
    )  # fmt: skip
    result = register.tag(body="The Justice Department's Criminal Division filed the case.")
    assert {m.key for m in result.mentions} == {"doj", "crm"}
