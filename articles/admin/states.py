"""A story's state as editors think of it: Draft, In review, Scheduled (with its time),
Published, Archived. *Scheduled* is a published story whose time has not come yet."""

from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format

from ..models import Article

Status = Article.Status
SCHEDULED = "scheduled"
STATES = [
    (Status.DRAFT, "Draft"),
    (Status.REVIEW, "In review"),
    (SCHEDULED, "Scheduled"),
    (Status.PUBLISHED, "Published"),
    (Status.ARCHIVED, "Archived"),
]


def when(moment) -> str:
    return date_format(timezone.localtime(moment), "M j, Y, g:i a")


def state_label(article) -> str:
    """ "Scheduled for Jun 3, 2027, 9:00 a.m.", "Published", "In review"…"""
    if article.is_scheduled:
        return f"Scheduled for {when(article.published_at)}"
    return article.get_status_display()


def state_key(article) -> str:
    return SCHEDULED if article.is_scheduled else article.status


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return STATES

    def queryset(self, request, queryset):
        value = self.value()
        now = timezone.now()
        if value == SCHEDULED:
            return queryset.filter(status=Status.PUBLISHED, published_at__gt=now)
        if value == Status.PUBLISHED:
            return queryset.published(now=now)
        if value in (Status.DRAFT, Status.REVIEW, Status.ARCHIVED):
            return queryset.filter(status=value)
        return queryset
