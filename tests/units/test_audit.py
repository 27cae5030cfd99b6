"""Role and manager changes in the audit trail, whichever code path made them."""

from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from tests.factories import CadreFactory
from units.roles import EDITOR, MANAGER


def test_giving_and_taking_a_role_is_recorded(tree):
    user = CadreFactory(staff_code="HP001001", unit=tree["department"]).user
    editor = Group.objects.get(name=EDITOR)
    user.groups.add(editor)
    user.groups.remove(editor)
    entries = ModelLogEntry.objects.for_instance(user).filter(action="units.roles_changed").order_by("pk")
    assert [(entry.data["added"], entry.data["removed"]) for entry in entries][-2:] == [
        ("Biên tập viên", "—"),
        ("—", "Biên tập viên"),
    ]
    editor.user_set.add(user)  # from the group's side
    assert entries.all().count() == 4 and entries.all().last().data["added"] == "Biên tập viên"


def test_naming_a_units_manager_is_recorded_on_the_person(tree):
    user = CadreFactory(staff_code="HP001002", unit=tree["department"]).user
    user.groups.add(Group.objects.get(name=MANAGER))
    tree["department"].managers.add(user)
    user.managed_units.remove(tree["department"])
    entries = ModelLogEntry.objects.for_instance(user).filter(action="units.managers_changed").order_by("pk")
    assert [(entry.data["added"], entry.data["removed"]) for entry in entries] == [("SOTT", "—"), ("—", "SOTT")]
    assert not ModelLogEntry.objects.for_instance(tree["department"]).exists()
