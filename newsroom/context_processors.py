from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    from articles.models import Section

    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        # One query, and only on pages that draw the navigation.
        "nav_sections": SimpleLazyObject(
            lambda: list(Section.objects.filter(in_navigation=True).only("name", "slug"))
        ),
    }
