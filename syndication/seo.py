"""robots.txt, the Google News sitemap, and the structured data of reader pages."""

import json
from xml.sax.saxutils import escape

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.cache import cache_control

from syndication import links
from syndication.sitemaps import news_stories, sitemaps_for


@cache_control(public=True, max_age=3600)
def robots_txt(request):
    """The rules every publication has, then its own (`robots_rules`), and its sitemaps on
    its own domain."""
    sitemap = links.absolute(request, reverse("sitemap-index"))
    news = links.absolute(request, reverse("sitemap-news"))
    own = [line.strip() for line in request.publication.robots_rules.splitlines() if line.strip()]
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "Disallow: /search/",
        "Disallow: /api/",
        *own,
        "",
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
    """The publication's stories of the last two days, under its name, at their addresses."""
    stories = [
        (links.story_url(request, story), story) for story in news_stories(request.publication)
    ]
    xml = render_to_string(
        "sitemaps/news.xml", {"stories": stories, "site_name": request.publication.name}
    )
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


@sitemap_views.x_robots_tag
def sitemap_index(request):
    """The publication's sitemap index: each sitemap's pages, on its own domain, with the
    newest change of each (one aggregate per sitemap). As Django's index, it has a
    Last-Modified header only when every sitemap has a date."""
    entries, dates = [], []
    for section, sitemap in sitemaps_for(request).items():
        address = links.absolute(request, reverse("sitemap-section", args=[section]))
        lastmod = sitemap.get_latest_lastmod()
        dates.append(lastmod)
        entries.append(sitemap_views.SitemapIndexItem(address, lastmod))
        for page in range(2, sitemap.paginator.num_pages + 1):
            entries.append(sitemap_views.SitemapIndexItem(f"{address}?p={page}", lastmod))
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
        headers=({"Last-Modified": http_date(max(dates).timestamp())} if all(dates) else None),
    )


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
    response = sitemap_views.sitemap(request, sitemaps=sitemaps_for(request), section=section)
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
