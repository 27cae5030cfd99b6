"""Template filters of the quiz pages."""

from django import template

register = template.Library()


@register.filter
def clock(seconds):
    """Seconds as a countdown clock, "12:05" or "1:02:05" (static/js/quiz.js formats it alike)."""
    try:
        seconds = max(0, int(seconds))
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"
