"""robots.txt, the Google News sitemap, and the structured data of reader pages."""

import json
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control

from syndication.sitemaps import SITEMAPS, news_stories


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


@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page says: send them to
    the static icon."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))


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


def sitemap_section(request, section):
    """One page of a sitemap: Django's sitemap view finds the page and its entries (and
    answers 404 past the last page); the XML is written here. Django's template took 0.5 s
    for a page of 10,000 URLs (its template engine and `date` filter, measured at a million
    stories); this writes the same <urlset>, less the priorities and language alternates we
    never set, in a small part of that."""
    response = sitemap_views.sitemap(request, sitemaps=SITEMAPS, section=section)
    urlset = response.context_data["urlset"]
    if not any(url["priority"] or url["alternates"] for url in urlset):
        response.content = urlset_xml(urlset)
    # else: Django's template writes what urlset_xml leaves out (none of ours sets them)
    return response


def urlset_xml(urlset) -> str:
    """The sitemap protocol's <urlset>: location, last modification (a date in the site's
    time zone, as Django's template writes it) and change frequency."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    ]
    for url in urlset:
        lastmod, changefreq = url["lastmod"], url["changefreq"]
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if lastmod:
            if hasattr(lastmod, "hour") and timezone.is_aware(lastmod):
                lastmod = timezone.localtime(lastmod)
            parts.append(f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>")
        if changefreq:
            parts.append(f"<changefreq>{escape(changefreq)}</changefreq>")
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)
