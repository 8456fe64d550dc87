from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    """The network: each publication (site) with its own host names, name, sections and
    feeds, all sharing one desk and one register of organizations and people."""

    name = "publications"
    verbose_name = "Publications"

    def ready(self):
        from . import signals  # noqa: F401  (forget the host map when a publication changes)
