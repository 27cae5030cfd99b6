"""Vietnamese search without diacritics: "an ninh mang" finds "An ninh mạng", "dang vien" finds "Đảng viên".

Pages index a folded copy of their text (no tone marks, đ → d, lower case) next to their
normal fields, and queries are folded the same way, so a query typed with or without
diacritics meets the folded copy on every Wagtail search backend.
"""

from django.utils.html import strip_tags
from wagtail.search import index

from .text import fold


def _plain(value):
    """Plain text of a field value: rich text, StreamField or a string."""
    if value is None:
        return ""
    if hasattr(value, "stream_block"):  # StreamField
        return " ".join(strip_tags(text) for text in value.stream_block.get_searchable_content(value))
    return strip_tags(str(value))


class FoldedSearchMixin:
    """For a page model: index `folded_text`, the folded text of `folded_source_text()`."""

    search_fields = [index.SearchField("folded_text")]

    def folded_source_text(self):
        return [self.title]

    def folded_text(self):
        return fold(" ".join(_plain(value) for value in self.folded_source_text()))


def search_pages(queryset, query):
    """Search `queryset` (pages) for `query`, with or without diacritics."""
    folded = fold(query)
    if not folded.strip():
        return queryset.none()
    return queryset.search(folded, operator="and")
