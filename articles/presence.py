"""“X is also editing this”: who opened a story's admin form in the last few minutes.

Kept in the cache (Redis in production), one small dict per story; nothing in the database.
"""

import time

from django.core.cache import cache

WINDOW_SECONDS = 5 * 60


def opened(article_id, user) -> list[str]:
    """Note that `user` opened the story; return the names of the others who did lately."""
    key = f"newsroom:editing:{article_id}"
    now = time.time()
    editors = {
        uid: (name, seen)
        for uid, (name, seen) in (cache.get(key) or {}).items()
        if now - seen < WINDOW_SECONDS
    }
    others = [name for uid, (name, _) in editors.items() if uid != user.pk]
    editors[user.pk] = (user.get_full_name() or user.get_username(), now)
    cache.set(key, editors, WINDOW_SECONDS)
    return sorted(others)
