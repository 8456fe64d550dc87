"""Reader page of a person: profile, roles, the stories that mention them."""

from django.http import Http404
from django.shortcuts import redirect, render

from articles.models import Article
from newsroom.pagination import paginate
from organizations.selectors import elsewhere_on_network, often_with

from .models import Affiliation, Person, PersonRedirect


def person_detail(request, slug):
    person = Person.objects.public().filter(slug=slug).first()
    if person is None:
        moved = PersonRedirect.objects.filter(old_slug=slug).select_related("person").first()
        if moved and moved.person.is_public:
            return redirect(moved.person, permanent=True)
        raise Http404("No such person.")
    affiliations = Affiliation.objects.public().filter(person=person).select_related("organization")
    stories = Article.objects.published(request.publication).mentioning_person(person)
    stories = stories.for_listing()
    page = paginate(request, stories)
    related_orgs, related_people = often_with(person, request.publication)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "affiliations": affiliations,
            "page": page,
            "related_orgs": related_orgs,
            "related_people": related_people,
            "elsewhere": elsewhere_on_network(person, request.publication),
        },
    )
