"""The reader search page: stories, and the organizations and people whose names match."""

import re

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import render
from django.utils.dateparse import parse_date

from newsroom.pagination import paginate
from organizations.models import Organization
from people.models import Person

from .models import Section
from .search import Filters, is_postgres, parse_query, rank_window, search_stories, snippet

MAX_QUERY_LENGTH = 200
PARAMETERS = ("q", "section", "organization", "person", "from", "to", "page")
# Characters no search can hold: NUL (which PostgreSQL refuses in any text) and the other
# C0 controls except tab and line ends.
_UNSEARCHABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def matching_names(model, text: str, limit: int = 5):
    """Public organizations or people named by the query: an exact acronym (as written) or
    an exact name first, then names in which the query starts a word ("EPA" finds
    "EPA Region 6", never "Department"), and on PostgreSQL names that resemble it
    (trigram similarity, pg_trgm's threshold of 0.3, served by the names' GIN index)."""
    text = " ".join(text.split())
    if not text:
        return []
    entries = model.objects.public()
    exact = Q(name__iexact=text)
    if model is Organization:
        exact |= Q(acronym=text)
    word_start = Q(name__iregex=r"(^|\W)" + re.escape(text))
    if model is Organization:
        word_start |= Q(acronym__iregex=r"^" + re.escape(text))
    found = Q(exact) | word_start
    entries = entries.annotate(
        exact=Case(When(exact, then=Value(0)), default=Value(1), output_field=IntegerField())
    )
    if is_postgres():
        return list(
            entries.annotate(similarity=TrigramSimilarity("name", text))
            .filter(found | Q(name__trigram_similar=text))
            .order_by("exact", "-similarity", "name")[:limit]
        )
    return list(entries.filter(found).order_by("exact", "name")[:limit])


def search(request):
    if any(_UNSEARCHABLE.search(value) for value in request.GET.values()):
        return render(
            request,
            "articles/search.html",
            {
                "query": "",
                "filters": Filters(),
                "sections": Section.objects.public(request.publication),
                "refused": True,
            },
            status=400,
        )
    text = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    filters = Filters(
        section=request.GET.get("section", ""),
        organization=request.GET.get("organization", ""),
        person=request.GET.get("person", ""),
        date_from=_date(request, "from"),
        date_to=_date(request, "to"),
    )
    sections = Section.objects.public(request.publication)
    context = {"query": text, "filters": filters, "sections": sections}
    if text:
        # A query with no word in it (only dashes, quotes, punctuation) finds nothing.
        page = (
            paginate(request, search_stories(text, filters, publication=request.publication))
            if parse_query(text)
            else None
        )
        context.update(
            page=page,
            results=[(story, snippet(story, text)) for story in page.object_list] if page else [],
            organizations=matching_names(Organization, text),
            people=matching_names(Person, text),
            # Only the newest matches are ranked (PostgreSQL): say so when there are more.
            window_full=bool(page) and is_postgres() and page.paginator.count >= rank_window(),
            window=rank_window(),
            page_query=_page_query(request),
        )
    return render(request, "articles/search.html", context)


def _date(request, name):
    value = request.GET.get(name, "")
    try:
        return parse_date(value) if value else None
    except ValueError:
        return None


def _page_query(request) -> str:
    """The query string of this search without its page number (for the page links)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
