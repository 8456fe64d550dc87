"""Reader pages of the network as a whole."""

from django.shortcuts import render
from django.urls import reverse

from .models import Publication


def network(request):
    """Every live publication of the network, with its tagline and a link to its front page
    on its own host (with this request's scheme and port, so a development server's port is
    kept). Answers on every publication's host."""
    home = reverse("articles:home")
    publications = [
        (publication, publication.url(home, request)) for publication in Publication.objects.live()
    ]
    return render(request, "publications/network.html", {"publications": publications})
