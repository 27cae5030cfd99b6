"""Counters in the shared cache for rate limits (per client address, per account): fixed windows."""

from django.core.cache import cache


def hit(key, window_seconds):
    """Add one to the counter `key` of the current window; return the new value."""
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        return 1


def allowed(key, limit, window_seconds):
    """Count one more use of `key`; whether it is still within `limit` uses per window."""
    return hit(key, window_seconds) <= limit
