"""Vietnamese text normalisation (pure functions, no database)."""

import unicodedata

import pytest

from elearn.text import normalize_code, normalize_text


def nfd(text):
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (nfd("Nguyễn Thị Hồng"), "Nguyễn Thị Hồng"),
        ("  Trần   Văn  Bình ", "Trần Văn Bình"),
        ("Phường Thuỷ Nguyên", "Phường Thủy Nguyên"),
        ("Hoà Bình", "Hòa Bình"),
        ("khoá học", "khóa học"),
        (nfd("Khoẻ"), "Khỏe"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("HOÀ", "HÒA"),
        # Closed syllables and "qu" keep their mark where it is.
        ("Hoàng Toán", "Hoàng Toán"),
        ("Quý Quỳnh", "Quý Quỳnh"),
        ("thuyền Huế", "thuyền Huế"),
        (None, ""),
    ],
)
def test_normalize_text(raw, expected):
    result = normalize_text(raw)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


def test_two_forms_of_one_name_are_one_key():
    assert normalize_text(nfd("Nguyễn Hoà")) == normalize_text("Nguyễn Hòa")


def test_normalize_code():
    assert normalize_code(" hp 000123 ") == "HP000123"
