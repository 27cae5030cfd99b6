"""Role and manager changes in the audit trail, whichever code path made them."""

from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from tests.cadre_files import cadre_file, row
from tests.factories import CadreFactory
from tests.units.test_cadre_import_views import upload
from units import reorganisation
from units.models import CadreImport
from units.roles import ADMINISTRATOR, EDITOR, MANAGER


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


def test_a_cadre_import_is_recorded_at_upload_and_when_it_ends(
    client, tree, tmp_path, django_capture_on_commit_callbacks
):
    admin = CadreFactory(staff_code="HP001003", unit=tree["province"]).user
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR))
    client.force_login(admin)
    path = cadre_file(tmp_path, [row("HP001004", "Ngô Văn Nhập", unit="SOTT"), row("HP001005", unit="X99")])
    upload(client, path, django_capture_on_commit_callbacks)
    job = CadreImport.objects.get()
    uploaded = ModelLogEntry.objects.for_instance(job).get(action="units.cadre_import_uploaded")
    finished = ModelLogEntry.objects.for_instance(job).get(action="units.cadre_import_finished")
    assert uploaded.user == finished.user == admin and uploaded.data["ip"] == "127.0.0.1"
    assert (finished.data["created"], finished.data["errors"], finished.data["file"]) == (1, 1, "can-bo.xlsx")


def test_a_reorganisation_is_recorded_with_its_units_and_cadres(tree):
    admin = CadreFactory(staff_code="HP001006", unit=tree["province"]).user
    CadreFactory(staff_code="HP001007", unit=tree["division"])
    done = reorganisation.apply(
        reorganisation.plan_merge([tree["division"]], tree["other"]), user=admin, decision="QĐ 12"
    )
    entry = ModelLogEntry.objects.for_instance(done).get(action="units.reorganised")
    assert entry.user == admin and entry.data["cadres"] == 1 and "SOTT-P1" in entry.data["units"]
    assert entry.data["decision"] == "QĐ 12"
