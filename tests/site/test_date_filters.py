"""The story dates are written out by hand for speed: they must read exactly as Django's."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone

MOMENTS = [
    dt.datetime(2024, month, day, hour, 5, 9, tzinfo=dt.UTC)
    for month, day, hour in [(1, 1, 0), (3, 10, 9), (5, 31, 23), (7, 4, 12), (9, 30, 6)]
] + [dt.datetime(2024, 11, 3, 6, 30, tzinfo=dt.UTC), dt.datetime(2025, 12, 31, 23, 59)]


DJANGO = Template("""{{ m|date:'Y-m-d\\TH:i:sO' }} {{ m|date:"N j, Y" }}""")
OURS = Template("{% load story %}{{ m|iso_time }} {{ m|ap_date }}")


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Kolkata"])
def test_story_dates_read_as_djangos_date_filter(zone):
    with timezone.override(zone):
        for moment in MOMENTS:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            context = Context({"m": moment})
            ours, django = OURS.render(context), DJANGO.render(context)
            if zone == "America/New_York" and moment.day == 3 and moment.month == 11:
                # 1:30 happened twice that night: Django leaves the offset out, which makes
                # the time ambiguous; ours keeps it.
                assert ours == "2024-11-03T01:30:00-0500 Nov. 3, 2024"
                assert django == "2024-11-03T01:30:00 Nov. 3, 2024"
            else:
                assert ours == django
    assert OURS.render(Context({"m": None})) == " "
    for other in ("not a date", dt.datetime(2024, 9, 1, 8, 0)):
        context = Context({"m": other})  # junk, a naive datetime: as Django does
        assert OURS.render(context) == DJANGO.render(context)
