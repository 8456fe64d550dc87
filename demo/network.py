"""The demo network: publications made from `demo/network.json`, whole sections moved to
them with their stories, and a few stories shared between them. `load_demo` calls
`build_network` after importing the stories (which land on the default publication);
running it again changes nothing."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from articles.models import Article, Section
from articles.placements import place
from newsroom.context_processors import forget_navigation_sections
from newsroom.page_cache import story_changed
from publications.models import Publication, default_publication

LAYOUT = Path(__file__).resolve().parent / "network.json"


@dataclass
class NetworkReport:
    created: list[str] = field(default_factory=list)  # names of publications made
    sections_moved: int = 0
    stories_moved: int = 0
    shares_added: int = 0
    missing: list[str] = field(default_factory=list)  # sections or stories not found

    @property
    def changed(self) -> bool:
        return bool(self.created or self.sections_moved or self.stories_moved or self.shares_added)

    def summary(self) -> str:
        return (
            f"{len(self.created)} publications created, {self.sections_moved} sections and "
            f"{self.stories_moved} stories moved to them, {self.shares_added} shares added"
        )


def read_layout(path: Path = LAYOUT) -> dict:
    with path.open(encoding="utf-8") as layout:
        return json.load(layout)


@transaction.atomic
def build_network(layout: dict | None = None) -> NetworkReport:
    """Make the layout's publications (kept as they are when their domain exists), move each
    one's sections there with their stories, and share the stories it names."""
    layout = layout or read_layout()
    report = NetworkReport()
    default = default_publication()
    tagline = layout.get("default", {}).get("tagline", "")
    if tagline and not default.tagline:
        default.tagline = tagline
        default.save(update_fields=["tagline"])
    by_domain = {default.domain: default}
    for spec in layout.get("publications", []):
        publication, created = Publication.objects.get_or_create(
            domain=spec["domain"],
            defaults={
                "name": spec["name"],
                "tagline": spec.get("tagline", ""),
                "time_zone": spec.get("time_zone", "America/New_York"),
            },
        )
        if created:
            report.created.append(publication.name)
        by_domain[publication.domain] = publication
        for name in spec.get("sections", []):
            _move_section(name, publication, report)
    for share in layout.get("shared", []):
        _share(share["story"], [by_domain[domain] for domain in share["with"]], report)
    return report


def _move_section(name: str, publication: Publication, report: NetworkReport):
    """The section called `name` belongs to `publication`, and so do its stories."""
    section = Section.objects.filter(publication=publication, name=name).first()
    if section is None:
        section = Section.objects.filter(name=name).order_by("pk").first()
        if section is None:
            report.missing.append(f"section {name}")
            return
        section.publication = publication
        section.save(update_fields=["publication"])
        report.sections_moved += 1
        forget_navigation_sections()
    moving = Article.objects.filter(section=section).exclude(publication=publication)
    leaving = dict(moving.values_list("slug", "publication_id"))
    if not leaving:
        return
    ids = list(moving.values_list("pk", flat=True))
    report.stories_moved += moving.update(publication=publication)
    place(ids)  # where they show: their new home (a bulk update saves no story)
    # Their old home's listings and their new one's (a bulk update sends no signal).
    story_changed(leaving, listings={publication.pk, *leaving.values()})
    forget_navigation_sections()


def _share(slug: str, publications: list[Publication], report: NetworkReport):
    article = Article.objects.filter(slug=slug).first()
    if article is None:
        report.missing.append(f"story {slug}")
        return
    present = set(article.shared_with.values_list("pk", flat=True))
    wanted = [p for p in publications if p.pk != article.publication_id and p.pk not in present]
    if wanted:
        article.shared_with.add(*wanted)  # its signal refreshes those publications' listings
        report.shares_added += len(wanted)
