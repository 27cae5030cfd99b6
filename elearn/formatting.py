"""Numbers, dates and durations as this product shows them, on pages and in Excel and CSV files.

Dates are dd/mm/yyyy, times 24-hour in the site's time zone (Asia/Ho_Chi_Minh), thousands are
grouped with a dot (20.000). Every app formats through these helpers, so one rule has one copy.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# Number formats of spreadsheet cells (openpyxl).
EXCEL_DATE_FORMAT = "dd/mm/yyyy"
EXCEL_DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
EXCEL_DURATION_FORMAT = "[h]:mm:ss"
EXCEL_PERCENT_FORMAT = "0.00"


def thousands(number):
    """20000 as "20.000", the Vietnamese way."""
    return f"{number:,}".replace(",", ".")


def format_date(day):
    """A date (or datetime, as it is) as dd/mm/yyyy; "" when unknown."""
    return day.strftime(DATE_FORMAT) if day else ""


def format_local(moment):
    """An aware datetime as dd/mm/yyyy HH:MM in the site's time zone; "" when unknown."""
    return timezone.localtime(moment).strftime(DATETIME_FORMAT) if moment else ""


def local_day(moment):
    """The local date of an aware datetime, or None."""
    return timezone.localtime(moment).date() if moment is not None else None


def local_naive(moment):
    """An aware datetime in the site's time zone without tzinfo, as a spreadsheet cell wants it; None when unknown."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def format_duration(seconds):
    """A duration as H:MM:SS (or M:SS under an hour); "" when unknown."""
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def duration_text(seconds):
    """A duration as Vietnamese words: "2 phút 30 giây", "2 phút", "45 giây"; "" when unknown."""
    try:
        seconds = max(0, round(float(seconds)))
    except (TypeError, ValueError):
        return ""
    minutes, rest = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(_("%(count)d phút") % {"count": minutes})
    if rest or not minutes:
        parts.append(_("%(count)d giây") % {"count": rest})
    return " ".join(parts)
