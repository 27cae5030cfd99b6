"""Installing validated packages: libraries once per version (with their hash), content per activity,
and nothing left behind when anything fails."""

import json

import pytest
from django.core.files.storage import storages
from django.db import DatabaseError

from h5p import registry
from h5p.models import H5PActivity, H5PLibrary
from h5p.validation import files_sha256, validate_package
from tests.factories import UserFactory
from tests.h5p_packages import DEFAULT_TITLE, LIBRARY_FOLDER, MACHINE_NAME, build_package, library_hash_files

pytestmark = pytest.mark.django_db

THEME = "H5P.ElearnTheme-1.0"
THEME_FILES = {
    f"{THEME}/library.json": json.dumps(
        {
            "title": "Elearn Theme",
            "machineName": "H5P.ElearnTheme",
            "majorVersion": 1,
            "minorVersion": 0,
            "patchVersion": 2,
            "runnable": 0,
            "preloadedCss": [{"path": "theme.css"}],
        }
    ),
    f"{THEME}/theme.css": ".h5p-elearn-check { color: #222; }\n",
}
NEEDS_THEME = {"preloadedDependencies": [{"machineName": "H5P.ElearnTheme", "majorVersion": 1, "minorVersion": 0}]}


@pytest.fixture
def uploader(db):
    return UserFactory(username="quantri")


def stored_files(settings):
    root = settings.H5P_ROOT
    return (
        sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()) if root.exists() else []
    )


def install(tmp_path, user=None, name="goi.h5p", title=None, **build):
    package = validate_package(build_package(tmp_path, name=name, **build))
    return registry.install_package(package, user=user, title=title)


def test_the_test_package_is_installed_with_its_files_and_rows(tmp_path, settings, uploader):
    result = install(tmp_path, uploader)

    activity = result.activity
    library = H5PLibrary.objects.get()
    assert (library.machine_name, library.version, library.runnable) == (MACHINE_NAME, "1.0.0", True)
    assert library.sha256 == files_sha256(library_hash_files())
    assert library.installed_by == uploader
    assert library.metadata["preloadedJs"] == [{"path": "elearn-check.js"}]
    assert result.installed == [library]
    assert result.warnings == []
    assert activity.title == DEFAULT_TITLE
    assert activity.main_library == library
    assert list(activity.libraries.all()) == [library]
    assert activity.uploaded_by == uploader
    assert activity.package_size == (tmp_path / "goi.h5p").stat().st_size
    assert activity.h5p_json["mainLibrary"] == MACHINE_NAME
    assert stored_files(settings) == sorted(
        [
            f"libraries/{LIBRARY_FOLDER}/elearn-check.css",
            f"libraries/{LIBRARY_FOLDER}/elearn-check.js",
            f"libraries/{LIBRARY_FOLDER}/library.json",
            f"libraries/{LIBRARY_FOLDER}/semantics.json",
            f"content/{activity.folder}/h5p.json",
            f"content/{activity.folder}/content/content.json",
        ]
    )
    storage = storages["h5p"]
    with storage.open(f"libraries/{LIBRARY_FOLDER}/elearn-check.js") as handle:
        assert handle.read() == library_hash_files()["elearn-check.js"]
    with storage.open(f"content/{activity.folder}/content/content.json") as handle:
        assert json.load(handle)["question"] == "Mật khẩu nào an toàn nhất?"


def test_the_uploader_may_give_the_activity_another_title(tmp_path):
    result = install(tmp_path, title="  Luyện tập: mật khẩu  ")
    assert result.activity.title == "Luyện tập: mật khẩu"


def test_a_library_version_is_installed_once(tmp_path, settings):
    first = install(tmp_path, name="mot.h5p")
    second = install(tmp_path, name="hai.h5p")

    assert H5PLibrary.objects.count() == 1
    assert second.installed == []
    assert second.warnings == []
    assert second.activity.main_library == first.activity.main_library
    assert H5PActivity.objects.count() == 2


def test_the_same_version_with_other_bytes_keeps_the_installed_copy_and_warns(tmp_path):
    install(tmp_path, name="mot.h5p")
    original = H5PLibrary.objects.get()

    second = install(
        tmp_path,
        name="hai.h5p",
        library_files={"elearn-check.js": "window.hacked = true;\n"},
        library_json_overrides={"patchVersion": 7},
    )

    library = H5PLibrary.objects.get()
    assert (library.sha256, library.patch_version) == (original.sha256, 0)
    with storages["h5p"].open(f"libraries/{LIBRARY_FOLDER}/elearn-check.js") as handle:
        assert b"hacked" not in handle.read()
    assert len(second.warnings) == 1
    warning = second.warnings[0]
    assert LIBRARY_FOLDER in warning and "1.0.0" in warning and "1.0.7" in warning
    assert "giữ nguyên bản đã cài" in warning
    assert list(second.activity.libraries.all()) == [library]


def test_a_version_installed_meanwhile_by_another_upload_is_kept(tmp_path, monkeypatch):
    """Two uploads racing: the row the other one committed wins, and its copy is kept."""
    package = validate_package(build_package(tmp_path, library_files={"elearn-check.js": "/* khác */"}))
    other = install(tmp_path, name="khac.h5p").activity.main_library
    real_installed = registry._installed
    seen = []

    def not_yet_on_first_look(key):
        seen.append(key)
        return None if len(seen) == 1 else real_installed(key)

    monkeypatch.setattr(registry, "_installed", not_yet_on_first_look)
    result = registry.install_package(package)

    assert H5PLibrary.objects.get() == other
    assert result.installed == []
    assert result.activity.main_library == other
    assert "giữ nguyên bản đã cài" in result.warnings[0]


def test_dependencies_are_installed_and_listed_in_load_order(tmp_path, settings):
    result = install(tmp_path, extra_files=THEME_FILES, library_json_overrides=NEEDS_THEME)

    theme = H5PLibrary.objects.get(machine_name="H5P.ElearnTheme")
    check = H5PLibrary.objects.get(machine_name=MACHINE_NAME)
    assert (theme.version, theme.runnable) == ("1.0.2", False)
    assert set(result.activity.libraries.all()) == {theme, check}
    assert registry.load_order(result.activity) == [theme, check]
    assert f"libraries/{THEME}/theme.css" in stored_files(settings)


def test_a_failing_database_step_leaves_no_files_and_no_rows(tmp_path, settings, monkeypatch):
    package = validate_package(build_package(tmp_path, extra_files=THEME_FILES, library_json_overrides=NEEDS_THEME))

    def broken_save(self, *args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(H5PActivity, "save", broken_save)
    with pytest.raises(DatabaseError):
        registry.install_package(package)

    assert stored_files(settings) == []
    assert not H5PLibrary.objects.exists()
    assert not H5PActivity.objects.exists()


def test_a_failure_while_moving_files_into_place_removes_what_was_moved(tmp_path, settings, monkeypatch):
    package = validate_package(build_package(tmp_path, extra_files=THEME_FILES, library_json_overrides=NEEDS_THEME))
    real_move = registry.move_tree
    calls = []

    def move_then_fail(storage, source, target):
        calls.append(target)
        if target.startswith("content/"):
            raise OSError("no space left on device")
        real_move(storage, source, target)

    monkeypatch.setattr(registry, "move_tree", move_then_fail)
    with pytest.raises(OSError):
        registry.install_package(package)

    assert [target.split("/")[0] for target in calls] == ["libraries", "libraries", "content"]
    assert stored_files(settings) == []
    assert not H5PLibrary.objects.exists()
    assert not H5PActivity.objects.exists()


def test_deleting_an_activity_removes_its_content_but_keeps_the_shared_library(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    kept = install(tmp_path, name="mot.h5p").activity
    deleted = install(tmp_path, name="hai.h5p").activity

    with django_capture_on_commit_callbacks(execute=True):
        deleted.delete()

    files = stored_files(settings)
    assert not any(name.startswith(f"content/{deleted.folder}/") for name in files)
    assert f"content/{kept.folder}/h5p.json" in files
    assert f"libraries/{LIBRARY_FOLDER}/elearn-check.js" in files
    assert H5PLibrary.objects.count() == 1
