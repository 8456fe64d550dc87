"""Reader page of an organization: profile, parent and children, the stories that mention it."""

from django.shortcuts import get_object_or_404, render

from articles.models import Article
from newsroom.pagination import paginate

from .models import Organization


def organization_detail(request, slug):
    organization = get_object_or_404(
        Organization.objects.public().select_related("parent"), slug=slug
    )
    children = organization.children.public().only("name", "slug", "acronym").order_by("name")
    stories = Article.objects.published().mentioning_organization(organization).for_listing()
    page = paginate(request, stories)
    return render(
        request,
        "organizations/organization_detail.html",
        {"organization": organization, "children": children, "page": page},
    )
