"""Membership history follows every change of a cadre's unit."""

from datetime import date

from tests.factories import make_unit
from units.membership import record_units, unit_on
from units.models import Membership
from units.people import CadreRow, sync_cadres


def test_an_import_that_moves_a_cadre_closes_the_old_period_and_opens_a_new_one(db, time_machine):
    province = make_unit("31", "Thành phố Hải Phòng")
    ward = make_unit("11311", "Phường Hồng Bàng", province)
    agency = make_unit("STTTT", "Sở Khoa học và Công nghệ", province)
    time_machine.move_to(date(2026, 3, 1))
    sync_cadres([CadreRow("HP1", "Nguyễn Văn An", "11311")])
    assert sync_cadres([CadreRow("HP1", "Nguyễn Văn An", "11311")]).unchanged == 1
    time_machine.move_to(date(2026, 7, 1))
    sync_cadres([CadreRow("HP1", "Nguyễn Văn An", "STTTT")])
    periods = list(Membership.objects.order_by("started_on").values_list("unit__code", "started_on", "ended_on"))
    assert periods == [("11311", date(2026, 3, 1), date(2026, 6, 30)), ("STTTT", date(2026, 7, 1), None)]
    cadre = Membership.objects.first().cadre
    assert unit_on(cadre, date(2026, 5, 1)) == ward
    assert unit_on(cadre, date(2026, 8, 1)) == agency
    assert record_units([cadre.pk]) == 0  # nothing changed since
