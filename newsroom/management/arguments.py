"""Values the management commands take from the command line, read one way everywhere."""

import datetime as dt

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime


def moment(value: str, option: str = "--since") -> dt.datetime:
    """A date (its first minute) or an ISO 8601 date and time, in the newsroom's time zone
    unless it names one; anything else, a 30 February included, is a one-line error."""
    try:
        when = parse_datetime(value)
        if when is None and (day := parse_date(value)) is not None:
            when = dt.datetime.combine(day, dt.time.min)
    except ValueError:  # well formed but no such day or time
        when = None
    if when is None:
        raise CommandError(
            f"{option} {value!r} is not a date (2024-05-06) or a date and time "
            "(2024-05-06T14:00 or 2024-05-06T14:00+02:00)"
        )
    return timezone.make_aware(when) if timezone.is_naive(when) else when
