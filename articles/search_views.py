"""The reader search page: stories, and the organizations and people whose names match."""

from django.shortcuts import render
from django.utils.dateparse import parse_date

from newsroom.pagination import paginate
from organizations.lookup import lookup
from organizations.models import Organization, OrganizationAlias
from people.models import Person, PersonAlias

from .models import Section
from .search import Filters, is_postgres, rank_window, search_stories, snippet

MAX_QUERY_LENGTH = 200


def matching_names(model, text: str, limit: int = 5):
    """Organizations or people the query names, as every autocomplete finds them: an exact
    acronym, alias or name first, then names and words starting with it, never a match
    inside a word (organizations/lookup.py)."""
    if model is Organization:
        alias_model, owner = OrganizationAlias, "organization"
    else:
        alias_model, owner = PersonAlias, "person"
    found = lookup(
        model.objects.public(),
        text,
        alias_model=alias_model,
        owner_field=owner,
        has_acronym=model is Organization,
    )
    return list(found[:limit])


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
