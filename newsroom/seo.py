"""robots.txt, the Google News sitemap, and the structured data of reader pages."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control

from articles.sitemaps import news_stories


@cache_control(public=True, max_age=3600)
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap-index"))
    news = request.build_absolute_uri(reverse("sitemap-news"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "Disallow: /search/",
        "Disallow: /api/",
        f"Sitemap: {sitemap}",
        f"Sitemap: {news}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@cache_control(public=True, max_age=300)
def news_sitemap(request):
    xml = render_to_string(
        "sitemaps/news.xml",
        {"stories": news_stories(), "site_name": settings.NEWSROOM_SITE_NAME, "request": request},
    )
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


def json_ld(data: dict) -> str:
    """A JSON-LD script body safe to place inside <script>: no “</script>” can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
