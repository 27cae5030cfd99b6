"""Vietnamese text rules: one Unicode form and one tone-placement style everywhere.

Excel files, pasted text and older systems deliver NFD or the old tone placement
("hoà", "thuỷ"); stored names use NFC and the modern placement ("hòa", "thủy") so that
one name is one key, one search hit and one sort position.
"""

import re
import unicodedata

# Old style puts the tone mark on the second vowel of an open "oa", "oe", "uy" syllable.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_OLD_STYLE = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}])(?![\w\u0300-\u036f])")


def _modern_tone(match):
    first, second, tone = match.groups()
    if first.lower() == "o" and second.lower() == "y":
        return match.group(0)
    if first.lower() == "u" and second.lower() != "y":
        return match.group(0)
    return first + tone + second


def normalize_text(value):
    """Return `value` in NFC, modern tone placement, single spaces, trimmed."""
    if value is None:
        return ""
    decomposed = unicodedata.normalize("NFD", str(value))
    decomposed = _OLD_STYLE.sub(_modern_tone, decomposed)
    text = unicodedata.normalize("NFC", decomposed)
    return " ".join(text.split())


def normalize_code(value):
    """Codes (staff codes, unit codes) compare case-insensitively and without spaces."""
    return normalize_text(value).replace(" ", "").upper()


def fold(text):
    """Lower-case `text` without diacritics, with đ/Đ as d: "Đảng viên" → "dang vien"."""
    decomposed = unicodedata.normalize("NFD", normalize_text(text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.replace("đ", "d").replace("Đ", "D").lower()


def ascii_slug(text):
    """A URL slug in ASCII, as Vietnamese sites write them: "Khóa học Đảng viên" → "khoa-hoc-dang-vien"."""
    from django.utils.text import slugify

    return slugify(fold(text))
