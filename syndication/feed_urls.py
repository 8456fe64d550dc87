from django.urls import path

from . import feeds

app_name = "feeds"

SCOPES = {
    "section": ("sections", feeds.SectionFeed),
    "tag": ("tags", feeds.TagFeed),
    "organization": ("organizations", feeds.OrganizationFeed),
    "person": ("people", feeds.PersonFeed),
}

urlpatterns = [
    path("latest/rss/", feeds.LatestStoriesFeed(), name="latest-rss"),
    path("latest/atom/", feeds.LatestStoriesAtomFeed(), name="latest-atom"),
]
for name, (prefix, feed) in SCOPES.items():
    urlpatterns += [
        path(f"{prefix}/<slug:slug>/rss/", feed(), name=f"{name}-rss"),
        path(f"{prefix}/<slug:slug>/atom/", feeds.atom(feed)(), name=f"{name}-atom"),
    ]
