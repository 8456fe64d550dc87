"""Reader page of a person: profile, roles, the stories that mention them."""

from django.shortcuts import get_object_or_404, render

from articles.models import Article
from newsroom.pagination import paginate

from .models import Affiliation, Person


def person_detail(request, slug):
    person = get_object_or_404(Person.objects.public(), slug=slug)
    affiliations = Affiliation.objects.filter(person=person).select_related("organization")
    stories = Article.objects.published().mentioning_person(person).for_listing()
    page = paginate(request, stories)
    return render(
        request,
        "people/person_detail.html",
        {"person": person, "affiliations": affiliations, "page": page},
    )
