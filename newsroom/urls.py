from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from syndication import seo

admin.site.site_header = "Newsroom editors"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Stories and the register"

handler404 = "newsroom.errors.page_not_found"  # short Cache-Control on anonymous 404s

urlpatterns = [
    path("admin/", admin.site.urls),
    path("organizations/", include("organizations.urls")),
    path("people/", include("people.urls")),
    path("network/", include("publications.urls")),
    path("feeds/", include("syndication.feed_urls")),
    path("api/", include("syndication.api_urls")),
    path("robots.txt", seo.robots_txt, name="robots"),
    path("favicon.ico", seo.favicon, name="favicon"),
    path("sitemap-news.xml", seo.news_sitemap, name="sitemap-news"),
    path("sitemap.xml", seo.sitemap_index, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        seo.sitemap_section,
        name="sitemap-section",
    ),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
