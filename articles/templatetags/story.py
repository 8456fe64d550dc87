import datetime as dt

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.dates import MONTHS_AP
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def with_dateline(body: str, dateline: str):
    """The stored (sanitised) body with the dateline run into its first paragraph."""
    if not dateline:
        return mark_safe(body)
    lead = format_html('<span class="dateline">{} —</span> ', dateline)
    if body.startswith("<p>"):
        return mark_safe(f"<p>{lead}{body[3:]}")
    return mark_safe(f"<p>{lead}</p>{body}")


# The two dates every story shows, written out directly: Django's `date` filter takes 45 µs
# for 'Y-m-d\\TH:i:sO' and 25 µs for "N j, Y" (format lookups, escapes), which on a listing
# of 20 stories was over a millisecond. Same output; the template engine converts aware
# datetimes to the current time zone first (expects_localtime), as for `date`. Anything but a
# datetime goes to Django's filter.


@register.filter(expects_localtime=True)
def iso_time(value) -> str:
    """`2024-08-01T12:00:00+0000`, as `date:'Y-m-d\\TH:i:sO'` gives it (for `datetime=`),
    but with the offset also in the hour a clock change repeats, where Django leaves it
    out."""
    if not isinstance(value, dt.datetime):
        return date_filter(value, "Y-m-d\\TH:i:sO")
    # A naive value is taken in the site's time zone, as Django's O does; O has no seconds
    # (old local mean times have them).
    aware = (
        value
        if timezone.is_aware(value)
        else timezone.make_aware(value, timezone.get_default_timezone())
    )
    return value.strftime("%Y-%m-%dT%H:%M:%S") + aware.strftime("%z")[:5]


@register.filter(expects_localtime=True)
def ap_date(value) -> str:
    """`Aug. 1, 2024`, as `date:"N j, Y"` gives it (month in AP style, translated)."""
    if not isinstance(value, dt.datetime):
        return date_filter(value, "N j, Y")
    return f"{MONTHS_AP[value.month]} {value.day}, {value.year}"
