"""Extracted H5P files are served to logged-in users with an explicit MIME map, never as HTML."""

import os
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse

from h5p import files
from h5p.models import H5PActivity, H5PLibrary
from tests.factories import UserFactory

# The MIME map and the path rules, without HTTP.


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("content.json", "application/json; charset=utf-8"),
        ("scripts/check.js", "text/javascript; charset=utf-8"),
        ("styles/check.css", "text/css; charset=utf-8"),
        ("images/a.PNG", "image/png"),
        ("images/a.jpg", "image/jpeg"),
        ("images/a.jpeg", "image/jpeg"),
        ("images/a.gif", "image/gif"),
        ("images/a.svg", "image/svg+xml"),
        ("images/a.webp", "image/webp"),
        ("fonts/a.woff", "font/woff"),
        ("fonts/a.woff2", "font/woff2"),
        ("fonts/a.ttf", "font/ttf"),
        ("fonts/a.otf", "font/otf"),
        ("fonts/a.eot", "application/vnd.ms-fontobject"),
        ("videos/a.mp4", "video/mp4"),
        ("videos/a.webm", "video/webm"),
        ("audios/a.ogg", "audio/ogg"),
        ("audios/a.mp3", "audio/mpeg"),
        ("audios/a.m4a", "audio/mp4"),
        ("audios/a.wav", "audio/wav"),
        ("videos/a.vtt", "text/vtt; charset=utf-8"),
        ("files/a.txt", "text/plain; charset=utf-8"),
        ("files/a.pdf", "application/pdf"),
    ],
)
def test_each_served_extension_has_its_own_type(name, content_type):
    assert files.file_kind(name).content_type == content_type


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "a.htm",
        "shell.php",
        "a.phtml",
        "a.xhtml",
        "a.xml",
        "README",
        "a.swf",
        "a.exe",
        "a.js.html",
        "images/.png",
    ],
)
def test_anything_not_in_the_map_is_not_served(name):
    assert files.file_kind(name) is None


def test_only_an_svg_gets_the_no_script_policy_and_only_a_pdf_is_downloaded():
    assert files.file_kind("a.svg").policy == "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    assert files.file_kind("a.png").policy == "sandbox"
    assert files.file_kind("a.pdf").attachment is True
    assert files.file_kind("a.js").attachment is False


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/etc/passwd",
        "../h5p.json",
        "content/../../x.json",
        "a/./b.json",
        "a//b.json",
        "a\\b.json",
        "a\x00.json",
        ".hidden.json",
        "images/.git/x.png",
        "content/\n.json",
        "a/",
    ],
)
def test_unsafe_paths_are_refused(path):
    assert files.clean_path(path) is None


def test_ordinary_paths_pass_unchanged():
    assert files.clean_path("content/images/file-1.2.png") == "content/images/file-1.2.png"
    assert files.clean_path("h5p.json") == "h5p.json"


def test_library_folders_are_machine_name_and_version():
    assert files.parse_library_folder("H5P.ElearnCheck-1.0") == ("H5P.ElearnCheck", 1, 0)
    assert files.parse_library_folder("H5P.Some-Name-12.34") == ("H5P.Some-Name", 12, 34)
    for folder in ["H5P.ElearnCheck", "H5P.ElearnCheck-1", "..", "H5P.X-1.0/..", "H5P X-1.0", ""]:
        assert files.parse_library_folder(folder) is None


# The views.


@pytest.fixture
def installed(db):
    """A library and an activity, with their files written into the H5P storage as the installer would."""
    library = H5PLibrary.objects.create(
        machine_name="H5P.ElearnCheck",
        major_version=1,
        minor_version=0,
        patch_version=0,
        title="Elearn Check",
        runnable=True,
        sha256="0" * 64,
        metadata={},
    )
    activity = H5PActivity.objects.create(
        title="Mật khẩu an toàn",
        main_library=library,
        h5p_json={},
        package_sha256="1" * 64,
        package_size=10,
    )
    activity.libraries.add(library)
    storage = storages["h5p"]
    for name, text in {
        f"libraries/{library.folder}/library.json": '{"machineName": "H5P.ElearnCheck"}',
        f"libraries/{library.folder}/elearn-check.js": "var H5P = window.H5P || {};",
        f"libraries/{library.folder}/page.html": "<script>alert(1)</script>",
        f"content/{activity.folder}/h5p.json": '{"title": "Mật khẩu an toàn"}',
        f"content/{activity.folder}/content/content.json": '{"question": "?"}',
        f"content/{activity.folder}/content/images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        f"content/{activity.folder}/content/images/photo.png": "\x89PNG",
        f"content/{activity.folder}/content/files/guide.pdf": "%PDF-1.4",
        f"content/{activity.folder}/content/page.html": "<script>alert(1)</script>",
        f"content/{activity.folder}/content/shell.php": "<?php system($_GET['c']); ?>",
        f"content/{activity.folder}/content/.secret.json": "{}",
        "content/outside.json": '{"outside": true}',
    }.items():
        storage.save(name, ContentFile(text.encode()))
    return activity, library


@pytest.fixture
def member(client, db):
    client.force_login(UserFactory())
    return client


def content_url(activity, path):
    return reverse("h5p:content_file", args=[activity.folder, path])


def library_url(folder, path):
    return reverse("h5p:library_file", args=[folder, path])


def test_a_logged_in_learner_gets_content_json_with_safe_headers(member, installed):
    activity, _library = installed
    response = member.get(content_url(activity, "content/content.json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert b"".join(response.streaming_content) == b'{"question": "?"}'


def test_h5p_json_and_images_are_served_with_their_types(member, installed):
    activity, _library = installed
    assert member.get(content_url(activity, "h5p.json"))["Content-Type"] == "application/json; charset=utf-8"
    assert member.get(content_url(activity, "content/images/photo.png"))["Content-Type"] == "image/png"
    svg = member.get(content_url(activity, "content/images/logo.svg"))
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    pdf = member.get(content_url(activity, "content/files/guide.pdf"))
    assert pdf["Content-Disposition"].startswith("attachment")


def test_a_library_script_is_served_as_javascript(member, installed):
    _activity, library = installed
    response = member.get(library_url(library.folder, "elearn-check.js"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert member.get(library_url(library.folder, "library.json")).status_code == 200


def test_a_second_request_with_the_etag_is_not_modified(member, installed):
    activity, _library = installed
    first = member.get(content_url(activity, "content/content.json"))
    again = member.get(content_url(activity, "content/content.json"), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert first["Last-Modified"]


def test_anonymous_visitors_get_nothing(client, installed):
    activity, library = installed
    asset = client.get(content_url(activity, "content/content.json"))
    assert asset.status_code == 403
    assert client.get(library_url(library.folder, "elearn-check.js")).status_code == 403
    page = client.get(content_url(activity, "content/images/photo.png"), headers={"Accept": "text/html"})
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login"))


def test_unknown_folders_are_not_found(member, installed):
    activity, library = installed
    assert (
        member.get(reverse("h5p:content_file", args=["6f1c1d5e-0000-4000-8000-000000000000", "h5p.json"])).status_code
        == 404
    )
    assert member.get(library_url("H5P.Unknown-1.0", "library.json")).status_code == 404
    assert member.get(library_url("H5P.ElearnCheck-1.1", "library.json")).status_code == 404
    assert member.get(library_url("not-a-library", "library.json")).status_code == 404
    # A file the activity does not have.
    assert member.get(content_url(activity, "content/missing.json")).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "../outside.json",
        "content/../../outside.json",
        "content/./content.json",
        "content//content.json",
        "content\\content.json",
        "content/.secret.json",
        "%2e%2e/outside.json",
        "content/%2e%2e/h5p.json",
    ],
)
def test_traversal_attempts_are_not_found(member, installed, path):
    activity, _library = installed
    base = reverse("h5p:content_file", args=[activity.folder, "x"])[: -len("x")]
    assert member.get(base + path).status_code == 404


def test_traversal_from_a_library_folder_is_not_found(member, installed):
    activity, library = installed
    base = reverse("h5p:library_file", args=[library.folder, "x"])[: -len("x")]
    assert member.get(base + f"../../content/{activity.folder}/h5p.json").status_code == 404
    assert member.get(base + "%2e%2e/%2e%2e/content/outside.json").status_code == 404


@pytest.mark.parametrize("path", ["content/page.html", "content/shell.php"])
def test_html_or_php_placed_in_storage_is_never_served(member, installed, path):
    activity, library = installed
    response = member.get(content_url(activity, path))
    assert response.status_code == 404
    assert b"<script>" not in response.content
    assert member.get(library_url(library.folder, "page.html")).status_code == 404


def test_a_symlink_out_of_the_storage_is_not_followed(member, installed, tmp_path):
    activity, _library = installed
    secret = tmp_path / "secret.json"
    secret.write_text('{"secret": true}')
    link = storages["h5p"].path(f"content/{activity.folder}/content/link.json")
    os.symlink(secret, link)
    assert member.get(content_url(activity, "content/link.json")).status_code == 404


def test_only_get_and_head_are_allowed(member, installed):
    activity, _library = installed
    assert member.head(content_url(activity, "h5p.json")).status_code == 200
    assert member.post(content_url(activity, "h5p.json")).status_code == 405


def test_byte_ranges_for_seeking():
    assert files.byte_range(None, 100) is None
    assert files.byte_range("bytes=0-9", 100) == (0, 9)
    assert files.byte_range("bytes=90-", 100) == (90, 99)
    assert files.byte_range("bytes=90-500", 100) == (90, 99)
    assert files.byte_range("bytes=-10", 100) == (90, 99)
    assert files.byte_range("bytes=0-1,5-6", 100) is None  # several ranges: the whole file
    assert files.byte_range("items=0-1", 100) is None
    for header in ["bytes=100-", "bytes=5-2", "bytes=-0"]:
        with pytest.raises(ValueError):
            files.byte_range(header, 100)


def test_a_video_can_be_read_from_the_middle(member, installed):
    activity, _library = installed
    storages["h5p"].save(f"content/{activity.folder}/content/videos/clip.mp4", ContentFile(bytes(range(200))))
    url = content_url(activity, "content/videos/clip.mp4")
    whole = member.get(url)
    assert whole["Accept-Ranges"] == "bytes"
    assert whole["Content-Type"] == "video/mp4"
    part = member.get(url, headers={"Range": "bytes=100-109"})
    assert part.status_code == 206
    assert part["Content-Range"] == "bytes 100-109/200"
    assert part["Content-Type"] == "video/mp4"
    assert part["X-Content-Type-Options"] == "nosniff"
    assert b"".join(part.streaming_content) == bytes(range(100, 110))
    outside = member.get(url, headers={"Range": "bytes=500-"})
    assert outside.status_code == 416
    assert outside["Content-Range"] == "bytes */200"
    stale = member.get(url, headers={"Range": "bytes=100-109", "If-Range": '"old"'})
    assert stale.status_code == 200


def test_a_player_fetching_many_files_rewrites_the_session_row_once(client, installed, time_machine):
    activity, _library = installed
    time_machine.move_to(datetime(2026, 3, 2, 3, 0, tzinfo=UTC), tick=False)
    client.force_login(UserFactory())
    expires = Session.objects.get().expire_date
    time_machine.shift(timedelta(minutes=5))
    assert client.get(content_url(activity, "h5p.json")).status_code == 200
    assert Session.objects.get().expire_date == expires + timedelta(minutes=5)  # activity keeps it alive
    time_machine.shift(timedelta(seconds=30))
    for path in ["content/content.json", "content/images/photo.png"]:
        assert client.get(content_url(activity, path)).status_code == 200
    assert Session.objects.get().expire_date == expires + timedelta(minutes=5)  # not rewritten within the minute
