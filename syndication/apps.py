from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    """What machines read of the site: RSS/Atom feeds, sitemaps and the news sitemap,
    robots.txt, the JSON API, and the SEO meta and JSON-LD that pages carry. Readers'
    extras over the published queryset; the registers never import from here."""

    name = "syndication"
    verbose_name = "Feeds, sitemaps and API"
