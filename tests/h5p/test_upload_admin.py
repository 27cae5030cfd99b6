"""The admin's upload screen (the H5P activities' "add"), the installed libraries listing, and deletion."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Permission
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from h5p.models import H5PActivity, H5PLibrary
from tests.factories import UserFactory
from tests.h5p_packages import DEFAULT_TITLE, LIBRARY_FOLDER, build_package
from units.roles import ADMINISTRATOR, EDITOR, LEARNER

pytestmark = pytest.mark.django_db

LIBRARIES_URL = reverse("h5p_libraries:index")


def url(name, *args):
    return reverse(H5PActivity.snippet_viewset.get_url_name(name), args=args)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri", groups=[ADMINISTRATOR]))
    return client


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="bientap", groups=[EDITOR]))
    return client


def stored_files(settings):
    root = settings.H5P_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def assert_refused(response):
    """Refused as Wagtail refuses: a 403, back to the admin's home page, or to the log-in page."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        location = response["Location"]
        assert location == reverse("wagtailadmin_home") or location.startswith(resolve_url(django_settings.LOGIN_URL))


def post_package(client, path, title=""):
    with open(path, "rb") as handle:
        return client.post(url("add"), {"file": handle, "title": title})


def test_the_listing_offers_the_upload_to_an_administrator(admin_client):
    response = admin_client.get(url("list"))
    content = response.content.decode()
    assert "Tải lên gói H5P" in content
    assert url("add") in content
    assert LIBRARIES_URL in content


def test_the_upload_form_asks_for_a_package_and_an_optional_title(admin_client):
    response = admin_client.get(url("add"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'type="file"' in content and 'accept=".h5p"' in content
    assert "Tên hoạt động" in content
    assert "chỉ tải lên gói từ nguồn tin cậy" in content


def test_an_administrator_uploads_a_package(admin_client, settings):
    response = post_package(admin_client, build_package(settings.H5P_ROOT.parent / "up"), title="Luyện tập mật khẩu")

    assert response.status_code == 302
    assert response["Location"] == url("list")
    activity = H5PActivity.objects.get()
    assert activity.title == "Luyện tập mật khẩu"
    assert activity.uploaded_by.username == "quantri"
    assert H5PLibrary.objects.get().installed_by.username == "quantri"
    assert stored_files(settings)
    page = admin_client.get(response["Location"]).content.decode()
    assert "Đã tải lên hoạt động “Luyện tập mật khẩu”." in page
    assert f"Thư viện mới được cài: {LIBRARY_FOLDER}." in page


def test_without_a_title_the_package_title_is_used(admin_client, settings):
    post_package(admin_client, build_package(settings.H5P_ROOT.parent / "up"))
    assert H5PActivity.objects.get().title == DEFAULT_TITLE


def test_a_rejected_package_shows_its_message_and_stores_nothing(admin_client, settings):
    bad = build_package(settings.H5P_ROOT.parent / "up", extra_files={"content/trang.php": "<?php echo 1;"})

    response = post_package(admin_client, bad)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Loại tệp “.php” không được phép trong nội dung (content/): content/trang.php." in content
    assert not H5PActivity.objects.exists()
    assert not H5PLibrary.objects.exists()
    assert stored_files(settings) == []


def test_only_h5p_files_are_taken(admin_client, settings):
    package = build_package(settings.H5P_ROOT.parent / "up", name="goi.zip")
    response = post_package(admin_client, package)
    assert "Chỉ nhận tệp gói H5P có đuôi .h5p." in response.content.decode()
    assert not H5PActivity.objects.exists()


def test_the_uploader_is_warned_when_an_installed_library_differs(admin_client, settings):
    folder = settings.H5P_ROOT.parent / "up"
    post_package(admin_client, build_package(folder, name="mot.h5p"))
    other = build_package(folder, name="hai.h5p", library_files={"elearn-check.js": "/* khác */"})

    response = post_package(admin_client, other)

    page = admin_client.get(response["Location"]).content.decode()
    assert f"Thư viện {LIBRARY_FOLDER} đã được cài" in page
    assert "giữ nguyên bản đã cài" in page
    assert H5PActivity.objects.count() == 2
    assert H5PLibrary.objects.count() == 1


def test_an_editor_sees_activities_but_cannot_upload(editor_client, settings):
    listing = editor_client.get(url("list"))
    assert listing.status_code == 200
    assert "Tải lên gói H5P" not in listing.content.decode()
    assert url("add") not in listing.content.decode()

    assert_refused(editor_client.get(url("add")))
    assert_refused(post_package(editor_client, build_package(settings.H5P_ROOT.parent / "up")))
    assert not H5PActivity.objects.exists()
    assert stored_files(settings) == []


def test_a_learner_cannot_reach_the_upload(client, settings):
    client.force_login(UserFactory(groups=[LEARNER]))
    assert_refused(post_package(client, build_package(settings.H5P_ROOT.parent / "up")))
    assert not H5PActivity.objects.exists()
    assert stored_files(settings) == []


def test_the_upload_permission_is_what_lets_a_user_upload(client, settings):
    user = UserFactory(username="nguoitai", groups=[EDITOR])
    user.user_permissions.add(Permission.objects.get(codename="upload_h5p", content_type__app_label="h5p"))
    client.force_login(user)

    response = post_package(client, build_package(settings.H5P_ROOT.parent / "up"))

    assert response.status_code == 302
    assert H5PActivity.objects.get().uploaded_by == user


def test_an_editor_changes_only_the_title(editor_client, admin_client, settings):
    post_package(admin_client, build_package(settings.H5P_ROOT.parent / "up"))
    activity = H5PActivity.objects.get()
    editor_client.force_login(UserFactory(username="bientap2", groups=[EDITOR]))

    form = editor_client.get(url("edit", activity.pk)).content.decode()

    assert 'name="title"' in form
    assert 'name="h5p_json"' not in form and 'name="main_library"' not in form


def test_the_installed_libraries_are_listed_for_administrators(admin_client, settings):
    post_package(admin_client, build_package(settings.H5P_ROOT.parent / "up"))
    library = H5PLibrary.objects.get()

    response = admin_client.get(LIBRARIES_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "H5P.ElearnCheck" in content and "1.0.0" in content
    assert f"{library.sha256[:16]}…" in content
    assert timezone.localtime(library.installed_at).strftime("%d/%m/%Y") in content


def test_the_installed_libraries_export_has_the_full_hash(admin_client, settings):
    post_package(admin_client, build_package(settings.H5P_ROOT.parent / "up"))
    response = admin_client.get(LIBRARIES_URL + "?export=csv")
    assert H5PLibrary.objects.get().sha256 in response.getvalue().decode()


def test_an_activity_cannot_be_copied_without_its_package():
    with pytest.raises(NoReverseMatch):
        url("copy", 1)


def test_editors_do_not_see_the_installed_libraries(editor_client):
    assert_refused(editor_client.get(LIBRARIES_URL))


def test_deleting_an_activity_in_the_admin_removes_its_files(
    admin_client, settings, django_capture_on_commit_callbacks
):
    post_package(admin_client, build_package(settings.H5P_ROOT.parent / "up"))
    activity = H5PActivity.objects.get()
    content_dir = settings.H5P_ROOT / "content" / str(activity.folder)
    assert (content_dir / "h5p.json").is_file()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url("delete", activity.pk))

    assert response.status_code == 302
    assert not H5PActivity.objects.exists()
    assert not content_dir.exists()
    assert (settings.H5P_ROOT / "libraries" / LIBRARY_FOLDER / "elearn-check.js").is_file()
