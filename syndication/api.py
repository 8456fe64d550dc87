"""The read-only JSON API: published stories (in the export schema), organizations, people.

Every list is paginated (?page=, ?page_size= up to 100; "count" is PostgreSQL's estimate
above 10,000, as "count_is_estimate" says) and every story comes from
`Article.objects.published(request.publication)`: the publication's own and those shared
to it. Organizations and people are the network's one register; their `url` is their page
on this publication.
"""

from django.core.paginator import InvalidPage
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from articles.exporters import article_to_dict, stories_for_export
from articles.models import Article
from newsroom.pagination import EstimatedCountPaginator
from organizations.models import Organization
from people.models import Person

from . import links

MAX_PAGE_SIZE = 100


def _page(request, queryset, serialize):
    try:
        size = min(max(int(request.GET.get("page_size", 20)), 1), MAX_PAGE_SIZE)
    except ValueError:
        size = 20
    paginator = EstimatedCountPaginator(queryset, size)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404("No such page.") from exc

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return links.absolute(request, f"{request.path}?{query.urlencode()}")

    return JsonResponse(
        {
            "count": paginator.count,
            # Above 10,000 matches on PostgreSQL, the planner's estimate, not a COUNT(*).
            "count_is_estimate": paginator.is_estimate,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [serialize(request, item) for item in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _story(request, article):
    """A story in the export schema, key for key (README: Export schema). Its address is
    `/articles/<slug>/`; `suggestions` is empty here (the stories come without the pending
    links: suggested and rejected entries are editors' business)."""
    return article_to_dict(article)


def _published_stories(publication):
    # The export query (boxes, tags, roles prefetched) over what readers may see.
    stories = Article.objects.published(publication)
    return stories_for_export(stories=stories, suggestions=False).order_by("-published_at", "-pk")


@require_GET
def articles(request):
    return _page(request, _published_stories(request.publication), _story)


@require_GET
def article(request, slug):
    story = get_object_or_404(_published_stories(request.publication), slug=slug)
    return JsonResponse(_story(request, story), json_dumps_params={"ensure_ascii": False})


def _organization(request, org):
    return {
        "name": org.name,
        "slug": org.slug,
        "acronym": org.acronym,
        "kind": org.kind,
        "parent": org.parent.slug if org.parent_id else None,
        "website": org.website,
        "description": org.description,
        "url": links.absolute(request, org.get_absolute_url()),
    }


def _person(request, person):
    return {
        "name": person.name,
        "slug": person.slug,
        "bio": person.bio,
        "roles": [
            {
                "title": role.title,
                "organization": role.organization.slug,
                "start": role.start_date.isoformat() if role.start_date else None,
                "end": role.end_date.isoformat() if role.end_date else None,
            }
            for role in person.affiliations.all()
        ],
        "url": links.absolute(request, person.get_absolute_url()),
    }


def _organizations():
    return Organization.objects.public().select_related("parent").order_by("name", "pk")


def _people():
    return (
        Person.objects.public()
        .prefetch_related("affiliations__organization")
        .order_by("sort_name", "pk")
    )


@require_GET
def organizations(request):
    return _page(request, _organizations(), _organization)


@require_GET
def organization(request, slug):
    org = get_object_or_404(_organizations(), slug=slug)
    return JsonResponse(_organization(request, org), json_dumps_params={"ensure_ascii": False})


@require_GET
def people(request):
    return _page(request, _people(), _person)


@require_GET
def person(request, slug):
    found = get_object_or_404(_people(), slug=slug)
    return JsonResponse(_person(request, found), json_dumps_params={"ensure_ascii": False})
