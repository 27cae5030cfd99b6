"""Validating uploaded .h5p packages: the project's own package passes, each kind of bad package is refused
with its own Vietnamese message naming the offending path."""

import io
import json
import os

import pytest

from h5p.models import H5PLibrary
from h5p.validation import LibraryKey, PackageRejected, files_sha256, validate_package
from tests.h5p_packages import (
    DEFAULT_TITLE,
    LIBRARY_FOLDER,
    MACHINE_NAME,
    bomb_entry,
    build_package,
    library_hash_files,
    lie_about_sizes,
    raw_entry,
    raw_symlink,
    write_raw_zip,
)

pytestmark = pytest.mark.django_db

KEY = LibraryKey(MACHINE_NAME, 1, 0)


def rejected(path):
    with pytest.raises(PackageRejected) as caught:
        validate_package(path)
    return caught.value


def test_the_projects_own_package_is_accepted(tmp_path):
    package = validate_package(build_package(tmp_path))

    assert package.title == DEFAULT_TITLE
    assert package.main_library == KEY
    assert package.dependencies == [KEY]
    assert json.loads(package.content_files["content.json"])["options"][1]["correct"] is True
    library = package.libraries[KEY]
    assert set(library.files) == {"library.json", "semantics.json", "elearn-check.js", "elearn-check.css"}
    assert library.sha256 == files_sha256(library_hash_files())
    assert package.size == (tmp_path / "elearn-check.h5p").stat().st_size
    assert len(package.sha256) == 64


def test_an_uploaded_file_object_is_read_like_a_path(tmp_path):
    data = build_package(tmp_path).read_bytes()
    assert validate_package(io.BytesIO(data)).main_library == KEY


def test_a_content_only_package_is_accepted_when_its_library_is_installed(tmp_path):
    metadata = json.loads(library_hash_files()["library.json"])
    H5PLibrary.objects.create(
        machine_name=MACHINE_NAME,
        major_version=1,
        minor_version=0,
        patch_version=0,
        title="Elearn Check",
        runnable=True,
        sha256="0" * 64,
        metadata=metadata,
    )

    package = validate_package(build_package(tmp_path, include_library=False))

    assert package.libraries == {}
    assert package.dependencies == [KEY]


def test_a_content_only_package_whose_library_is_not_installed_is_refused(tmp_path):
    error = rejected(build_package(tmp_path, include_library=False))
    assert error.code == "missing_dependency"
    assert "H5P.ElearnCheck" in error.message
    assert "chưa được cài" in error.message


def _library_dependency():
    return {"preloadedDependencies": [{"machineName": "H5P.JoubelUI", "majorVersion": 1, "minorVersion": 3}]}


# (what is wrong, how to build it, expected code, words the message must contain)
BAD_PACKAGES = [
    (
        "path traversal",
        dict(raw_entries=[(raw_entry("content/../../etc/evil.json"), b"{}")]),
        "traversal",
        ["content/../../etc/evil.json", "ngoài thư mục"],
    ),
    (
        "absolute path",
        dict(raw_entries=[(raw_entry("/etc/evil.json"), b"{}")]),
        "absolute",
        ["/etc/evil.json", "tuyệt đối"],
    ),
    (
        "backslash",
        dict(raw_entries=[(raw_entry("content\\..\\evil.json"), b"{}")]),
        "backslash",
        ["content\\..\\evil.json", "gạch chéo ngược"],
    ),
    (
        "html in content",
        dict(extra_files={"content/trang.html": "<script>alert(1)</script>"}),
        "content_extension",
        ["content/trang.html", "“.html”"],
    ),
    (
        "php in content",
        dict(extra_files={"content/shell.php": "<?php system($_GET['c']);"}),
        "content_extension",
        ["content/shell.php", "“.php”"],
    ),
    (
        "script in content",
        dict(extra_files={"content/lenh.js": "alert(1)"}),
        "content_extension",
        ["content/lenh.js", "“.js”"],
    ),
    (
        "php in a library",
        dict(library_files={"shell.php": "<?php"}),
        "library_extension",
        [f"{LIBRARY_FOLDER}/shell.php", "thư viện"],
    ),
    (
        "dotfile",
        dict(extra_files={"content/.htaccess": "Options +ExecCGI"}),
        "hidden",
        ["content/.htaccess", "dấu chấm"],
    ),
    (
        "underscore folder",
        dict(extra_files={"__MACOSX/content/._content.json": "x"}),
        "hidden",
        ["__MACOSX/content/._content.json", "gạch dưới"],
    ),
    (
        "file without extension",
        dict(extra_files={"content/README": "đọc tôi"}),
        "no_extension",
        ["content/README", "không có phần mở rộng"],
    ),
    (
        "symlink",
        dict(raw_entries=[raw_symlink("content/images/link.png")]),
        "symlink",
        ["content/images/link.png", "symlink"],
    ),
    ("stray file at the root", dict(extra_files={"ghi-chu.txt": "x"}), "unexpected_file", ["ghi-chu.txt", "gốc gói"]),
    (
        "folder that is not a library",
        dict(extra_files={"Thu-vien-la/x.js": "alert(1)"}),
        "not_a_library",
        ["Thu-vien-la", "library.json"],
    ),
    (
        "missing dependency",
        dict(library_json_overrides=_library_dependency()),
        "missing_dependency",
        ["H5P.JoubelUI 1.3", f"{LIBRARY_FOLDER}/library.json", "chưa cài"],
    ),
    (
        "malformed h5p.json",
        dict(extra_files={"h5p.json": '{"title": "Thiếu ngoặc",'}),
        "json_syntax",
        ["h5p.json", "không phải JSON hợp lệ"],
    ),
    ("h5p.json without a title", dict(h5p_json_overrides={"title": None}), "missing_field", ["h5p.json", "“title”"]),
    (
        "h5p.json with a bad dependency name",
        dict(
            h5p_json_overrides={
                "preloadedDependencies": [
                    {"machineName": "H5P.ElearnCheck<script>", "majorVersion": 1, "minorVersion": 0}
                ]
            }
        ),
        "invalid_field",
        ["h5p.json", "preloadedDependencies[0].machineName"],
    ),
    (
        "h5p.json with a negative version",
        dict(
            h5p_json_overrides={
                "preloadedDependencies": [{"machineName": MACHINE_NAME, "majorVersion": -1, "minorVersion": 0}]
            }
        ),
        "invalid_field",
        ["h5p.json", "preloadedDependencies[0].majorVersion"],
    ),
    (
        "h5p.json without its main library",
        dict(h5p_json_overrides={"mainLibrary": "H5P.Other"}),
        "main_not_listed",
        ["H5P.Other", "preloadedDependencies"],
    ),
    (
        "library.json with a bad machineName",
        dict(library_json_overrides={"machineName": "H5P.Elearn Check"}),
        "invalid_field",
        [f"{LIBRARY_FOLDER}/library.json", "machineName", "H5P.Elearn Check"],
    ),
    (
        "library folder named after another version",
        dict(library_json_overrides={"minorVersion": 2}),
        "folder_name",
        [LIBRARY_FOLDER, "H5P.ElearnCheck-1.2"],
    ),
    (
        "library script missing",
        dict(remove=[f"{LIBRARY_FOLDER}/elearn-check.js"]),
        "library_file_missing",
        ["elearn-check.js", "preloadedJs"],
    ),
    (
        "main library not runnable",
        dict(library_json_overrides={"runnable": 0}),
        "main_not_runnable",
        ["H5P.ElearnCheck 1.0", "runnable"],
    ),
    ("content.json missing", dict(remove=["content/content.json"]), "missing_content_json", ["content/content.json"]),
    (
        "content.json malformed",
        dict(extra_files={"content/content.json": "{"}),
        "json_syntax",
        ["content/content.json", "không phải JSON hợp lệ"],
    ),
    (
        "media referenced but not packaged",
        dict(
            extra_files={
                "content/content.json": json.dumps(
                    {"question": "?", "options": [], "image": {"path": "images/thieu.png", "mime": "image/png"}}
                )
            }
        ),
        "missing_media",
        ["$.content.image.path", "không có trong gói"],
    ),
    (
        "media outside the site",
        dict(
            extra_files={
                "content/content.json": json.dumps(
                    {"question": "?", "options": [], "video": {"path": "https://www.youtube.com/watch?v=x"}}
                )
            }
        ),
        "media_path",
        ["$.content.video.path", "mạng ngoài"],
    ),
    (
        "zip bomb: compression ratio",
        dict(raw_entries=[bomb_entry("content/bom.txt", size=4 * 1024 * 1024)]),
        "compression_ratio",
        ["content/bom.txt", "bom zip"],
    ),
]


@pytest.mark.parametrize(
    "build, code, words", [case[1:] for case in BAD_PACKAGES], ids=[case[0] for case in BAD_PACKAGES]
)
def test_a_bad_package_is_refused_with_its_own_message(tmp_path, build, code, words):
    error = rejected(build_package(tmp_path, **build))

    assert error.code == code
    for word in words:
        assert word in error.message


def test_every_kind_of_bad_package_has_a_message_of_its_own(tmp_path):
    messages = [
        rejected(build_package(tmp_path, name=f"{index}.h5p", **case[1])).message
        for index, case in enumerate(BAD_PACKAGES)
    ]
    assert len(set(messages)) == len(messages)


def test_a_zip_bomb_over_the_uncompressed_limit_is_refused(tmp_path, settings):
    settings.H5P_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    # Random bytes do not compress: the ratio is fine, the expanded size is not.
    error = rejected(build_package(tmp_path, extra_files={"content/am-thanh.mp3": os.urandom(2 * 1024 * 1024)}))
    assert error.code == "uncompressed_size"
    assert "content/am-thanh.mp3" in error.message
    assert "1,0 MB" in error.message.replace("\xa0", " ")


def test_lying_zip_headers_do_not_get_a_bomb_through(tmp_path):
    path = build_package(tmp_path, raw_entries=[bomb_entry("content/nho.txt", size=3 * 1024 * 1024)])
    lie_about_sizes(path, "content/nho.txt", 100)  # the headers claim 100 bytes

    error = rejected(path)

    assert error.code == "corrupt"
    assert "content/nho.txt" in error.message


def test_too_many_files_are_refused(tmp_path, settings):
    settings.H5P_MAX_FILES = 5
    error = rejected(build_package(tmp_path, extra_files={f"content/anh-{i}.png": b"x" for i in range(5)}))
    assert error.code == "file_count"
    assert "giới hạn là 5 tệp" in error.message


def test_a_package_over_the_size_limit_is_refused_before_it_is_opened(tmp_path, settings):
    settings.H5P_MAX_PACKAGE_BYTES = 1000
    error = rejected(build_package(tmp_path))
    assert error.code == "package_size"
    assert "quá lớn" in error.message


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "gia.h5p"
    path.write_bytes(b"<html><script>alert(1)</script></html>")
    error = rejected(path)
    assert error.code == "not_zip"


def test_a_package_without_h5p_json_is_refused(tmp_path):
    error = rejected(build_package(tmp_path, remove=["h5p.json"]))
    assert error.code == "missing_h5p_json"
    assert "h5p.json" in error.message


def test_nul_and_control_characters_in_a_path_are_refused():
    from h5p.validation import check_member_path

    for name in ("content/a\x00.png", "content/a\x1b.png", "content/c:evil.png"):
        with pytest.raises(PackageRejected) as caught:
            check_member_path(name)
        assert caught.value.code == "bad_character"


def test_editor_dependencies_are_not_required(tmp_path):
    editor = {"editorDependencies": [{"machineName": "H5PEditor.ShowWhen", "majorVersion": 1, "minorVersion": 0}]}
    package = validate_package(build_package(tmp_path, library_json_overrides=editor))
    assert package.dependencies == [KEY]


def test_a_dependency_already_installed_need_not_be_in_the_package(tmp_path):
    H5PLibrary.objects.create(
        machine_name="H5P.JoubelUI",
        major_version=1,
        minor_version=3,
        patch_version=9,
        title="Joubel UI",
        runnable=False,
        sha256="1" * 64,
        metadata={"machineName": "H5P.JoubelUI", "majorVersion": 1, "minorVersion": 3},
    )

    package = validate_package(build_package(tmp_path, library_json_overrides=_library_dependency()))

    assert package.dependencies == [LibraryKey("H5P.JoubelUI", 1, 3), KEY]


def test_raw_zip_helper_writes_names_as_given(tmp_path):
    """The helpers used above really produce the bad entries (else the tests would prove nothing)."""
    import zipfile

    path = write_raw_zip(tmp_path / "raw.zip", [(raw_entry("a/../b.json"), b"{}"), raw_symlink("c.png")])
    with zipfile.ZipFile(path) as archive:
        names = [info.filename for info in archive.infolist()]
        modes = [info.external_attr >> 16 for info in archive.infolist()]
    assert names == ["a/../b.json", "c.png"]
    assert modes[1] & 0o170000 == 0o120000
