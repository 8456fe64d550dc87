"""The story-dump parser: one test per variation of FORMAT.md, hostile inputs, a property test.

Pure Python: no Django, no database. The specimens are invented; only the last test reads the
real sample from the shared folder (skipped when it is absent).
"""

import datetime as dt
import html
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.importers.textdump import (
    Block,
    DumpError,
    LeadImage,
    ParsedStory,
    parse_story_dump,
)

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared/samples/blinken-migration.txt"

FURNITURE = (
    "IN THIS STORY",
    "IN THIS ARTICLE",
    "Quantcast",
    "Download",
    "More News",
    "Latest News",
    "LETTER TO THE EDITOR",
    "Send a Letter",
    "Have a concern",
)


def dump(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def parse(*lines: str, **kwargs) -> ParsedStory:
    return parse_story_dump(dump(*lines), **kwargs)


def assert_no_furniture(story: ParsedStory) -> None:
    body = story.body_html()
    for piece in FURNITURE:
        assert piece not in body, piece


BODY_1 = "The county water board approved a new rate plan on Tuesday after a long hearing."
BODY_2 = "Residents will see the change on bills sent after the first of the year."
BODY_3 = "The board said the money will pay for pipe repairs in the older neighborhoods."


# --- The basic shape ---------------------------------------------------------------------------


def test_basic_dump_reads_image_caption_headline_section_and_empty_box():
    story = parse(
        "Webp pipes",
        "Dana Whitcomb | WATER BOARD",
        "",
        "County water board raises rates to fund pipe repairs",
        "",
        "Local Government",
        "",
        "ORGANIZATIONS IN THIS STORY",
        "",
        BODY_1,
        "",
        BODY_2,
        "",
        "ORGANIZATIONS IN THIS STORY",
    )

    assert story.headline == "County water board raises rates to fund pipe repairs"
    assert story.headline_line == 4
    assert story.section == "Local Government"
    assert story.image == LeadImage(
        stem="pipes",
        format="webp",
        caption="Dana Whitcomb",
        credit="WATER BOARD",
        line=1,
        caption_line=2,
    )
    assert story.paragraphs == [BODY_1, BODY_2]
    assert story.organizations == [] and story.people == []
    assert "empty-box" in story.flags
    assert "no-image" not in story.flags
    assert [reason for _, _, reason in story.dropped] == ["box header", "box header"]
    assert_no_furniture(story)


def test_body_html_escapes_and_wraps_paragraphs():
    story = parse(
        "Fees <rise> & tempers flare at the marina",
        "",
        'The harbor master said fees for slips < 30 feet will rise & "nobody is happy."',
    )

    assert story.body_html() == (
        "<p>The harbor master said fees for slips &lt; 30 feet will rise &amp; "
        "&quot;nobody is happy.&quot;</p>"
    )


# --- Lead image variations -----------------------------------------------------------------------


def test_image_line_without_format_word_is_a_slugified_stem():
    story = parse(
        "Nina ortega",
        "Nina Ortega | Senior Fellow | example.gov",
        "",
        "Analyst warns lawmakers about drones at the border",
        "",
        BODY_1,
    )

    assert story.image.stem == "nina-ortega"
    assert story.image.format == ""
    assert story.image.caption == "Nina Ortega | Senior Fellow"
    assert story.image.credit == "example.gov"
    assert story.headline == "Analyst warns lawmakers about drones at the border"


def test_image_line_without_caption_before_headline():
    story = parse(
        "Nina ortega",
        "",
        "Analyst warns lawmakers about drones at the border",
        "",
        "Security",
        "",
        BODY_1,
    )

    assert story.image.stem == "nina-ortega" and story.image.caption == ""
    assert story.headline == "Analyst warns lawmakers about drones at the border"
    assert story.section == "Security"


def test_long_file_like_stem():
    story = parse(
        "Floodgatesfromcitywebsite1200x675",
        "",
        "City tests river floodgates ahead of spring melt",
        "",
        BODY_1,
    )

    assert story.image.stem == "floodgatesfromcitywebsite1200x675"
    assert story.image.format == ""
    assert story.headline == "City tests river floodgates ahead of spring melt"


def test_file_name_with_extension_gives_stem_and_format():
    story = parse("river-gauge.JPG", "", "River gauge gets an upgrade", "", BODY_1)

    assert (story.image.stem, story.image.format) == ("river-gauge", "jpg")


def test_download_placeholder_is_no_image():
    story = parse(
        "Download",
        "",
        "Library extends weekend hours at three branches",
        "",
        "Education",
        "",
        BODY_1,
    )

    assert story.image is None
    assert {"placeholder-image", "no-image"} <= set(story.flags)
    assert story.headline == "Library extends weekend hours at three branches"
    assert (1, "Download", "placeholder image") in story.dropped
    assert_no_furniture(story)


def test_no_image_at_all():
    story = parse("Library extends weekend hours", "", "Education", "", BODY_1)

    assert story.image is None
    assert "no-image" in story.flags and "placeholder-image" not in story.flags
    assert story.section == "Education"


def test_descriptive_caption_with_agency_credit():
    story = parse(
        "Jpg snowplow",
        "Crews clear the interstate near the state line on Monday | State DOT/Twitter",
        "",
        "Storm closes two highways overnight",
        "",
        BODY_1,
    )

    assert story.image.caption == "Crews clear the interstate near the state line on Monday"
    assert story.image.credit == "State DOT/Twitter"
    assert story.image.format == "jpg"


# --- Header layouts ----------------------------------------------------------------------------


def test_headline_first_then_image_then_repeated_headline_is_dropped():
    story = parse(
        "Coast guard rescues four fishermen off the cape",
        "Jpeg rescuecrewfromcgwebsite800x450",
        "A rescue swimmer is lowered from a helicopter | USCG",
        "Coast guard rescues four fishermen off the cape",
        "",
        "Federal Government",
        "",
        BODY_1,
    )

    assert story.headline == "Coast guard rescues four fishermen off the cape"
    assert story.headline_line == 1
    assert story.image.stem == "rescuecrewfromcgwebsite800x450"
    assert story.image.format == "jpeg"
    assert story.image.credit == "USCG"
    assert story.section == "Federal Government"
    assert "repeated-headline" in story.flags
    assert (4, "Coast guard rescues four fishermen off the cape", "repeated headline") in (
        story.dropped
    )
    assert story.paragraphs == [BODY_1]


def test_no_section_line_box_follows_headline():
    story = parse(
        "Webp ferry",
        "Ferry terminal | PORT",
        "",
        "Ferry service resumes after a month of repairs",
        "",
        "ORGANIZATIONS IN THIS STORY",
        "",
        BODY_1,
    )

    assert story.section == ""
    assert story.headline == "Ferry service resumes after a month of repairs"
    assert story.paragraphs == [BODY_1]


def test_masthead_and_page_date_before_headline():
    story = parse(
        "LAKESHORE LEDGER",
        "Tuesday, March 5, 2024",
        "",
        "Village hires its first full-time fire chief",
        "",
        BODY_1,
    )

    assert story.masthead == "LAKESHORE LEDGER"
    assert story.page_date == dt.date(2024, 3, 5)
    assert story.published_on is None  # the page date is not the publication date
    assert story.headline == "Village hires its first full-time fire chief"
    assert story.headline_line == 4


def test_headline_in_capitals_is_not_a_masthead_when_nothing_else_could_be():
    story = parse("VILLAGE HIRES A FIRE CHIEF", "", BODY_1)

    assert story.headline == "VILLAGE HIRES A FIRE CHIEF"
    assert story.masthead == ""


def test_byline_with_date():
    story = parse(
        "Village hires its first full-time fire chief",
        "",
        "By Lakeshore Wire | Sept. 3, 2024",
        "",
        BODY_1,
    )

    assert story.byline == "Lakeshore Wire"
    assert story.published_on == dt.date(2024, 9, 3)
    assert story.paragraphs == [BODY_1]


def test_byline_without_date():
    story = parse("Village hires a fire chief", "By Marta Lindqvist", BODY_1)

    assert story.byline == "Marta Lindqvist"
    assert story.published_on is None


def test_image_and_caption_after_headline_without_repeat():
    story = parse(
        "Co-op strings fiber to hill towns",
        "Webp lineworkers",
        "Lineworkers on a pole near the ridge | Valley Co-op",
        "",
        "Rural Affairs",
        "",
        BODY_1,
    )

    assert story.headline == "Co-op strings fiber to hill towns"
    assert (story.image.stem, story.image.credit) == ("lineworkers", "Valley Co-op")
    assert story.section == "Rural Affairs"
    assert "repeated-headline" not in story.flags


def test_kicker_above_headline_is_the_section_not_an_image():
    story = parse("Politics", "Council members trade barbs over the zoning map", "", BODY_1)

    assert story.section == "Politics"
    assert story.image is None
    assert story.headline == "Council members trade barbs over the zoning map"


def test_caption_without_image_line_keeps_caption_and_credit():
    story = parse("Co-op strings fiber to hill towns", "Crews at work | Valley Co-op", "", BODY_1)

    assert story.image.stem == ""
    assert (story.image.caption, story.image.credit) == ("Crews at work", "Valley Co-op")
    assert "no-image" in story.flags
    assert any("without an image line" in warning for warning in story.warnings)


def test_lone_date_after_headline_is_the_publication_date():
    story = parse("Co-op strings fiber to hill towns", "", "June 3, 2024", "", BODY_1)

    assert story.published_on == dt.date(2024, 6, 3)
    assert story.page_date is None
    assert story.paragraphs == [BODY_1]


def test_unrecognised_line_before_the_box_is_dropped_with_a_warning():
    story = parse(
        "Co-op strings fiber to hill towns",
        "Rural Affairs",
        "Share this on social",
        "ORGANIZATIONS IN THIS STORY",
        "",
        BODY_1,
    )

    assert (3, "Share this on social", "unrecognised header line") in story.dropped
    assert any("unrecognised header line" in warning for warning in story.warnings)
    assert story.paragraphs == [BODY_1]


# --- Boilerplate -----------------------------------------------------------------------------


def test_boilerplate_is_dropped_everywhere():
    story = parse(
        "Quantcast",
        "Webp kiln",
        "",
        "Pottery studio reopens in the old mill",
        "",
        "Arts",
        "",
        "ORGANIZATIONS IN THIS STORY",
        "",
        "Mill District Arts Council | Mill District Arts Council",
        "",
        BODY_1,
        "",
        "Download",
        "",
        BODY_2,
        "",
        "LETTER TO THE EDITOR",
        "Have a concern or an opinion about this story? Click below to tell us.",
        "Send a Letter",
        "",
        "More News",
        "Latest News",
        "",
        "ORGANIZATIONS IN THIS STORY",
    )

    assert story.paragraphs == [BODY_1, BODY_2]
    assert story.organizations == []  # a logo caption after the box is not an entry
    assert (10, "Mill District Arts Council | Mill District Arts Council", "logo caption") in (
        story.dropped
    )
    assert_no_furniture(story)
    assert "Mill District Arts Council" not in story.body_html()


def test_more_news_list_of_other_headlines_is_dropped():
    story = parse(
        "Pottery studio reopens in the old mill",
        "",
        BODY_1,
        "",
        "More News",
        "",
        "Council delays vote on parking meters",
        "",
        "High school robotics team heads to nationals",
    )

    assert story.paragraphs == [BODY_1]


# --- Entity boxes ------------------------------------------------------------------------------


def test_box_entries_end_at_blank_line_and_repeat_at_foot_is_merged():
    story = parse(
        "Airport screening lines grow before the holiday",
        "",
        "Travel",
        "",
        "ORGANIZATIONS IN THIS ARTICLE",
        "Regional Airport Authority | Regional Airport Authority",
        "Screening Agency",
        "",
        "Screening Agency | Screening Agency",
        "",
        BODY_1,
        "",
        "PEOPLE IN THIS STORY",
        "Oskar Brandt | Oskar Brandt",
        "",
        "ORGANIZATIONS IN THIS STORY",
        "Regional Airport Authority | Regional Airport Authority",
        "County Transit | County Transit",
    )

    assert story.organizations == [
        "Regional Airport Authority",
        "Screening Agency",
        "County Transit",
    ]
    assert story.people == ["Oskar Brandt"]
    assert "empty-box" not in story.flags
    assert story.paragraphs == [BODY_1]
    assert_no_furniture(story)


def test_empty_box_at_head_is_not_flagged_when_the_foot_box_has_entries():
    story = parse(
        "Airport screening lines grow",
        "",
        "ORGANIZATIONS IN THIS STORY",
        "",
        BODY_1,
        "",
        "ORGANIZATIONS IN THIS STORY",
        "Regional Airport Authority",
    )

    assert story.organizations == ["Regional Airport Authority"]
    assert "empty-box" not in story.flags


def test_box_entries_stop_at_a_body_like_line():
    story = parse(
        "Airport screening lines grow",
        "ORGANIZATIONS IN THIS STORY",
        "Regional Airport Authority | Regional Airport Authority",
        BODY_1,
    )

    assert story.organizations == ["Regional Airport Authority"]
    assert story.paragraphs == [BODY_1]


# --- Body variations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("CHARLESTON — The board met", "CHARLESTON"),
        ("LOS ANGELES (Valley Courts Wire) - The board met", "LOS ANGELES (Valley Courts Wire)"),
        ("WASHINGTON, D.C. – The board met", "WASHINGTON, D.C."),
        ("ST. PAUL, Minn. -- The board met", "ST. PAUL, Minn."),
    ],
)
def test_dateline_is_moved_out_of_the_first_paragraph(opening, dateline):
    story = parse("Board adopts a budget", "", f"{opening} late into the night on Monday.", BODY_2)

    assert story.dateline == dateline
    assert story.paragraphs[0] == "The board met late into the night on Monday."
    assert story.paragraphs[1] == BODY_2


def test_no_dateline_in_ordinary_first_paragraph():
    story = parse(
        "Board adopts a budget", "", "The U.S. Forest Service - which runs the camp - agreed."
    )

    assert story.dateline == ""


def test_reprint_note_is_recorded_not_in_body():
    note = (
        "The following statement was published by the Harbor Commission on Oct. 2. "
        "It is reproduced in full below."
    )
    story = parse("Harbor Commission answers questions on dredging", "", note, "", BODY_1)

    assert story.reprint_note == note
    assert "reprint" in story.flags
    assert story.paragraphs == [BODY_1]
    assert "reproduced" not in story.body_html()


def test_interview_speakers_alternate():
    story = parse(
        "Q&A: The river keeper on a dry summer",
        "",
        "By Valley Newswire | Jul 2, 2024",
        "",
        "We spoke with the county's river keeper about low water.",
        "",
        "Valley Newswire",
        "",
        "How low is the river right now?",
        "",
        "Priya Raman",
        "",
        "Lower than any July I have measured.",
        "",
        "Valley Newswire",
        "",
        "What should residents do?",
        "",
        "Priya Raman",
        "",
        "Water gardens in the evening and fix leaky hoses.",
        "",
        "Short showers help too.",
    )

    assert "interview" in story.flags
    kinds = [(b.kind, b.speaker) for b in story.blocks]
    assert kinds == [
        ("paragraph", ""),
        ("question", "Valley Newswire"),
        ("answer", "Priya Raman"),
        ("question", "Valley Newswire"),
        ("answer", "Priya Raman"),
        ("answer", "Priya Raman"),
    ]
    assert "<p><strong>Priya Raman:</strong> Lower than any July I have measured.</p>" in (
        story.body_html()
    )
    assert "Valley Newswire</p>" not in story.body_html()


def test_subheads_are_not_an_interview():
    story = parse(
        "Budget season opens",
        "",
        BODY_1,
        "",
        "What changes",
        "",
        BODY_2,
        "",
        "What stays",
        "",
        BODY_3,
    )

    assert "interview" not in story.flags
    assert all(block.kind == "paragraph" for block in story.blocks)


def test_caption_inside_body_is_a_figure():
    story = parse(
        "Bridge reopens after repairs",
        "",
        BODY_1,
        "",
        "Workers paint the new railing | County Roads",
        "",
        BODY_2,
    )

    assert story.blocks[1] == Block(
        "figure", "Workers paint the new railing", credit="County Roads", line=5
    )
    assert story.paragraphs == [BODY_1, BODY_2]
    assert (
        "<figure><figcaption>Workers paint the new railing <small>County Roads</small>"
        "</figcaption></figure>" in story.body_html()
    )


def test_hard_wrapped_paragraph_is_joined():
    story = parse(
        "Bridge reopens",
        "",
        "The county reopened the bridge on the",
        "morning of Friday after six weeks of work.",
        "",
        BODY_2,
    )

    assert story.paragraphs == [
        "The county reopened the bridge on the morning of Friday after six weeks of work.",
        BODY_2,
    ]


# --- Body-only dumps ---------------------------------------------------------------------------


def test_body_only_dump_with_sidecar_headline_is_headerless():
    story = parse(BODY_1, "", BODY_2, headline="Water rates go up")

    assert story.headline == "Water rates go up"
    assert story.headline_line is None
    assert "headerless" in story.flags
    assert story.paragraphs == [BODY_1, BODY_2]


def test_body_only_dump_without_headline_is_an_error_at_line_1():
    with pytest.raises(DumpError, match="no headline: body-only dump") as caught:
        parse_story_dump(dump(BODY_1, "", BODY_2), filename="stories/rates.txt")

    assert caught.value.line == 1
    assert "rates.meta.json" in caught.value.message
    assert str(caught.value).startswith("stories/rates.txt:1: ")


def test_sidecar_headline_wins_over_the_dumps_own_with_a_warning():
    story = parse("Co-op strings fiber", "", BODY_1, headline="Fiber reaches the hill towns")

    assert story.headline == "Fiber reaches the hill towns"
    assert story.headline_line == 1
    assert "headerless" not in story.flags
    assert any("sidecar headline" in warning for warning in story.warnings)


# --- Hostile input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t\n  ", "\ufeff", "\x00\x01\x02binary\x03\x04" * 20, "Quantcast\nMore News\n"],
)
def test_unusable_input_is_a_dump_error_with_a_line(text):
    with pytest.raises(DumpError) as caught:
        parse_story_dump(text)

    assert caught.value.line is not None
    assert "\n" not in str(caught.value)


def test_only_furniture_is_an_error():
    with pytest.raises(DumpError, match="only page furniture"):
        parse_story_dump("Download\nORGANIZATIONS IN THIS STORY\n\nQuantcast\n")


def test_only_a_headline_is_an_error():
    with pytest.raises(DumpError, match="no body") as caught:
        parse_story_dump("\n\nLibrary extends weekend hours\n")

    assert caught.value.line == 3


def test_one_giant_line_is_handled():
    giant = "word " * 200_000
    with pytest.raises(DumpError):
        parse_story_dump(giant)

    story = parse_story_dump(giant, headline="A long one")
    assert len(story.paragraphs) == 1


def test_windows_line_endings_bom_tabs_and_non_breaking_spaces():
    text = (
        "\ufeffWebp\u00a0pipes  \r\n"
        "Dana Whitcomb\t|\tWATER BOARD\r\n"
        "\r\n"
        "County\u00a0water board raises rates \r\n"
        "\r\n"
        "Local Government\t\r\n"
        "\r\n"
        f"{BODY_1}\u200b \r\n"
    )
    story = parse_story_dump(text)

    assert story.image.stem == "pipes" and story.image.credit == "WATER BOARD"
    assert story.headline == "County water board raises rates"
    assert story.section == "Local Government"
    assert story.paragraphs == [BODY_1]


def test_non_text_arguments_are_dump_errors():
    with pytest.raises(DumpError):
        parse_story_dump(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(DumpError):
        parse_story_dump(None)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=120),
            st.sampled_from(
                [
                    "",
                    "Download",
                    "ORGANIZATIONS IN THIS STORY",
                    "A | A",
                    "Webp x",
                    "By Someone | Aug 1, 2024",
                    "Monday, May 6, 2024",
                    "CITY — Text here.",
                    BODY_1,
                ]
            ),
        ),
        max_size=25,
    ),
    st.one_of(st.none(), st.text(max_size=30)),
)
def test_any_text_gives_a_story_or_a_dump_error(lines, headline):
    try:
        story = parse_story_dump("\n".join(lines), headline=headline)
    except DumpError as exc:
        assert "\n" not in str(exc)
        return
    assert story.headline
    assert story.paragraphs
    assert isinstance(story.body_html(), str)


# --- The real sample -----------------------------------------------------------------------------


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample dump not present")
def test_real_sample():
    story = parse_story_dump(SAMPLE.read_text(encoding="utf-8"), filename=SAMPLE.name)

    assert story.headline == (
        "Blinken meets with Mexican and Guatemalan officials in hopes of curbing migrating"
    )
    assert story.section == "State"
    assert (story.image.stem, story.image.format) == ("blinken", "webp")
    assert (story.image.caption, story.image.credit) == ("Antony J. Blinken", "DOS")
    assert len(story.paragraphs) == 5
    assert "ORGANIZATIONS IN THIS STORY" not in story.body_html()
    assert "empty-box" in story.flags
    assert story.body_html().count("<p>") == 5
    assert html.escape(story.paragraphs[0]) in story.body_html()
