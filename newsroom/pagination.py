"""Pagination that stays cheap at a million rows.

On PostgreSQL a COUNT(*) over a large table reads every row. `EstimatedCountPaginator` asks
the planner for its row estimate first and counts exactly only when the estimate is small
(so small results are exact, and a huge archive says "about 1,000,000"). SQLite counts.
"""

import json

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db import connections
from django.http import Http404
from django.utils.functional import cached_property

EXACT_BELOW = 10_000


def estimated_count(queryset) -> int | None:
    """The planner's estimate of how many rows `queryset` returns (PostgreSQL), else None."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self):
        estimate = None
        if hasattr(self.object_list, "query"):
            estimate = estimated_count(self.object_list)
        if estimate is not None and estimate >= EXACT_BELOW:
            self.is_estimate = True
            return estimate
        self.is_estimate = False
        return super().count

    is_estimate = False


def paginate(request, queryset, per_page: int | None = None):
    """The page asked for by ?page=, or 404 for a page that does not exist."""
    paginator = EstimatedCountPaginator(queryset, per_page or settings.NEWSROOM_PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404("No such page.") from exc
