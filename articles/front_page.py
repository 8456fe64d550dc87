"""The home page as a news front: a lead story, the next few, then the latest by section.

Built from one list of the newest published stories (one query), so the front costs the
same whatever the archive's size; the masthead's section order (kept in the cache) orders
the section blocks.
"""

from dataclasses import dataclass, field

from django.conf import settings

# How many of the newest stories the front is built from, and how it spends them.
FRONT_STORIES = 60
TOP_STORIES = 4
PER_SECTION = 4


@dataclass
class SectionBlock:
    name: str
    url: str
    stories: list = field(default_factory=list)


@dataclass
class Front:
    lead: object = None
    top: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    more: bool = False  # the chronological listing has a second page


def build_front(stories, navigation=(), publication=None) -> Front:
    """`stories`: the newest published stories, newest first (with their sections);
    `navigation`: (name, url) of the masthead's sections, in order. Stories shared from
    another publication are in the lead and the latest, never in a section block: their
    sections are the other publication's."""
    stories = list(stories)
    front = Front(more=len(stories) > settings.NEWSROOM_PAGE_SIZE)
    if not stories:
        return front
    # The lead is the newest story with a picture among the first few, else the newest.
    front.lead = next((s for s in stories[: TOP_STORIES + 1] if s.image), stories[0])
    rest = [s for s in stories if s is not front.lead]
    front.top, rest = rest[:TOP_STORIES], rest[TOP_STORIES:]
    order = {name: index for index, (name, _) in enumerate(navigation)}
    blocks: dict[str, SectionBlock] = {}
    for story in rest:
        if story.section is None:
            continue
        if publication is not None and story.publication_id != publication.pk:
            continue
        block = blocks.get(story.section.name)
        if block is None:
            block = blocks[story.section.name] = SectionBlock(
                story.section.name, story.section.get_absolute_url()
            )
        if len(block.stories) < PER_SECTION:
            block.stories.append(story)
    front.sections = sorted(blocks.values(), key=lambda b: order.get(b.name, len(order)))
    return front
