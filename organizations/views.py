"""Reader page of an organization: profile, parent and children, the stories that mention it."""

from django.http import Http404
from django.shortcuts import redirect, render

from articles.models import Article
from newsroom.pagination import paginate
from organizations.selectors import elsewhere_on_network, often_with

from .models import Organization, OrganizationRedirect


def organization_detail(request, slug):
    organization = Organization.objects.public().select_related("parent").filter(slug=slug).first()
    if organization is None:
        # Merged into another organization: its old page points there for good.
        moved = OrganizationRedirect.objects.filter(old_slug=slug).select_related("organization")
        moved = moved.first()
        if moved and moved.organization.is_public:
            return redirect(moved.organization, permanent=True)
        raise Http404("No such organization.")
    # Not `organization.children`: a related manager reads each child's parent_id, which
    # only() would defer, one query per child.
    children = (
        Organization.objects.public()
        .filter(parent=organization)
        .only("name", "slug", "acronym")
        .order_by("name")
    )
    stories = Article.objects.published(request.publication).mentioning_organization(organization)
    stories = stories.for_listing()
    page = paginate(request, stories)
    related_orgs, related_people = often_with(organization, request.publication)
    return render(
        request,
        "organizations/organization_detail.html",
        {
            "organization": organization,
            "children": children,
            "page": page,
            "related_orgs": related_orgs,
            "related_people": related_people,
            "elsewhere": elsewhere_on_network(organization, request.publication),
        },
    )
