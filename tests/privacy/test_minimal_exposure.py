"""Minimal exposure: every export of people that managers and organisers download names a person by the
fields a report needs (name, staff code, unit, position, category) and never by contact or identity data."""

import pytest

from h5p.report_views import ATTEMPT_FIELDS
from quizzes.ranking_export import INDIVIDUAL_COLUMNS
from quizzes.report_views import RESULT_FIELDS
from reports.exports import COURSE_HEADINGS, TRANSCRIPT_HEADINGS
from units.viewsets import CadreViewSet

NEVER = ("email", "ngày sinh", "điện thoại", "địa chỉ", "căn cước", "cmnd", "tên đăng nhập", "mật khẩu")
EXPORTS = {
    "course report (reports)": COURSE_HEADINGS,
    "transcript (reports)": TRANSCRIPT_HEADINGS,
    "quiz and contest results (quizzes)": [heading for _name, heading, *_rest in RESULT_FIELDS],
    "contest ranking (quizzes)": [heading for heading, *_rest in INDIVIDUAL_COLUMNS],
    "H5P attempts (h5p)": [heading for _name, heading, *_rest in ATTEMPT_FIELDS],
}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_people_exports_carry_no_contact_or_identity_data(name):
    headings = [str(heading).lower() for heading in EXPORTS[name]]
    assert headings, name
    for heading in headings:
        assert not any(word in heading for word in NEVER), heading
        assert "ip" not in heading.split(), heading  # a client address


def test_the_cadre_list_export_has_only_the_record_fields():
    assert CadreViewSet.list_export == ["full_name", "staff_code", "unit", "position", "category"]
