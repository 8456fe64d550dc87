"""The reader search page: stories, and the organizations and people whose names match."""

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Q
from django.shortcuts import render
from django.utils.dateparse import parse_date

from newsroom.pagination import paginate
from organizations.models import Organization
from people.models import Person

from .models import Section
from .search import Filters, is_postgres, rank_window, search_stories, snippet

MAX_QUERY_LENGTH = 200


def matching_names(model, text: str, limit: int = 5):
    """Organizations or people whose name resembles the query (trigram similarity on
    PostgreSQL, through the `%` operator that the names' GIN trigram index serves, with
    pg_trgm's threshold of 0.3; a substring match on SQLite). Acronyms match exactly."""
    entries = model.objects.public()
    exact = Q(acronym=text) if model is Organization else Q(pk__in=[])
    if is_postgres():
        return list(
            entries.annotate(similarity=TrigramSimilarity("name", text))
            .filter(Q(name__trigram_similar=text) | exact)
            .order_by("-similarity", "name")[:limit]
        )
    return list(entries.filter(Q(name__icontains=text) | exact).order_by("name")[:limit])


def search(request):
    text = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    filters = Filters(
        section=request.GET.get("section", ""),
        organization=request.GET.get("organization", ""),
        person=request.GET.get("person", ""),
        date_from=parse_date(request.GET.get("from", "") or "")
        if _is_date(request, "from")
        else None,
        date_to=parse_date(request.GET.get("to", "") or "") if _is_date(request, "to") else None,
    )
    context = {"query": text, "filters": filters, "sections": Section.objects.all()}
    if text:
        page = paginate(request, search_stories(text, filters))
        context.update(
            page=page,
            results=[(story, snippet(story, text)) for story in page.object_list],
            organizations=matching_names(Organization, text),
            people=matching_names(Person, text),
            # Only the newest matches are ranked (PostgreSQL): say so when there are more.
            window_full=is_postgres() and page.paginator.count >= rank_window(),
            window=rank_window(),
        )
    return render(request, "articles/search.html", context)


def _is_date(request, name) -> bool:
    value = request.GET.get(name, "")
    try:
        return bool(value) and parse_date(value) is not None
    except ValueError:
        return False
