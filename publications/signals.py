from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .hosts import forget_hosts
from .models import Publication


@receiver(post_save, sender=Publication, dispatch_uid="publications-saved")
@receiver(post_delete, sender=Publication, dispatch_uid="publications-deleted")
def publication_changed(**_):
    forget_hosts()
    from newsroom.context_processors import forget_navigation_sections
    from newsroom.page_cache import bump_content_version

    bump_content_version()
    forget_navigation_sections()


@receiver(m2m_changed, sender=Publication.members.through, dispatch_uid="publications-members")
def members_changed(**_):
    forget_hosts()
