"""h5p.json and library.json, checked against H5P core's patterns, and the dependency closure.

Pure rules used by h5p.validation (no HTTP, no writes); the only query reads installed libraries.
"""

import json
import re
from typing import NamedTuple

from django.utils.translation import gettext as _

MACHINE_NAME = re.compile(r"[\w0-9\-.]{1,255}", re.ASCII)
MAIN_LIBRARY = re.compile(r"[$a-z_][0-9a-z_.$]{1,254}", re.ASCII | re.IGNORECASE)
LANGUAGE = re.compile(r"[-a-zA-Z]{1,10}")
ONE_LINE = re.compile(r".{1,255}")
SOME_TEXT = re.compile(r".+", re.DOTALL)
JS_PATH = re.compile(r"((\\|/)?[a-z_\-\s0-9.]+)+\.js", re.IGNORECASE)
CSS_PATH = re.compile(r"((\\|/)?[a-z_\-\s0-9.]+)+\.css", re.IGNORECASE)
LICENSES = {
    "cc-by",
    "cc-by-sa",
    "cc-by-nd",
    "cc-by-nc",
    "cc-by-nc-sa",
    "cc-by-nc-nd",
    "pd",
    "cr",
    "MIT",
    "GPL1",
    "GPL2",
    "GPL3",
    "MPL",
    "MPL2",
}
EMBED_TYPES = {"div", "iframe"}
MAX_VERSION = 99999  # H5P core: /^[0-9]{1,5}$/
DEPENDENCY_LISTS = ("preloadedDependencies", "dynamicDependencies", "editorDependencies")
# Loaded to play content; editor dependencies are skipped, as H5P core does without its editor.
RUNTIME_DEPENDENCY_LISTS = ("preloadedDependencies", "dynamicDependencies")


class PackageRejected(Exception):
    """A package refused, with a Vietnamese message naming the problem and the offending path."""

    def __init__(self, message, code="invalid", path=""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path

    def __str__(self):
        return self.message


class LibraryKey(NamedTuple):
    """A library version as H5P identifies it (the patch version is not part of it)."""

    machine_name: str
    major: int
    minor: int

    @classmethod
    def of(cls, data):
        return cls(data["machineName"], data["majorVersion"], data["minorVersion"])

    @property
    def folder(self):
        return f"{self.machine_name}-{self.major}.{self.minor}"

    def __str__(self):
        return f"{self.machine_name} {self.major}.{self.minor}"


def parse_json(raw, path):
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise PackageRejected(
            _("Tệp %(path)s không phải JSON hợp lệ (%(detail)s).") % {"path": path, "detail": error},
            "json_syntax",
            path,
        ) from error


def _missing(path, field):
    return PackageRejected(
        _("Tệp %(path)s thiếu trường bắt buộc “%(field)s”.") % {"path": path, "field": field}, "missing_field", path
    )


def _invalid(path, field, value):
    shown = json.dumps(value, ensure_ascii=False)
    if len(shown) > 80:
        shown = shown[:77] + "…"
    return PackageRejected(
        _("Tệp %(path)s có trường “%(field)s” không hợp lệ: %(value)s.")
        % {"path": path, "field": field, "value": shown},
        "invalid_field",
        path,
    )


def _is_version(value, limit=MAX_VERSION):
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= limit


def _is_flag(value):
    return value in (0, 1) and (isinstance(value, bool) or isinstance(value, int))


def _check_text(data, path, field, pattern, required=False):
    if field not in data:
        if required:
            raise _missing(path, field)
        return
    value = data[field]
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise _invalid(path, field, value)


def _check_dependencies(data, path, field, required=False):
    if field not in data:
        if required:
            raise _missing(path, field)
        return
    value = data[field]
    if not isinstance(value, list) or (required and not value):
        raise _invalid(path, field, value)
    for index, item in enumerate(value):
        where = f"{field}[{index}]"
        if not isinstance(item, dict):
            raise _invalid(path, where, item)
        for part in ("machineName", "majorVersion", "minorVersion"):
            if part not in item:
                raise _missing(path, f"{where}.{part}")
        if not isinstance(item["machineName"], str) or not MACHINE_NAME.fullmatch(item["machineName"]):
            raise _invalid(path, f"{where}.machineName", item["machineName"])
        for part in ("majorVersion", "minorVersion"):
            if not _is_version(item[part]):
                raise _invalid(path, f"{where}.{part}", item[part])


def _check_embed_types(data, path, required=False):
    if "embedTypes" not in data:
        if required:
            raise _missing(path, "embedTypes")
        return
    value = data["embedTypes"]
    if not isinstance(value, list) or not value or any(item not in EMBED_TYPES for item in value):
        raise _invalid(path, "embedTypes", value)


def _check_size(data, path, field):
    if field in data and not _is_version(data[field], 9999):
        raise _invalid(path, field, data[field])


def check_h5p_json(data):
    """h5p.json against H5P core's required and optional patterns."""
    path = "h5p.json"
    if not isinstance(data, dict):
        raise PackageRejected(_("Tệp h5p.json phải chứa một đối tượng JSON."), "json_syntax", path)
    _check_text(data, path, "title", ONE_LINE, required=True)
    _check_text(data, path, "language", LANGUAGE, required=True)
    _check_text(data, path, "mainLibrary", MAIN_LIBRARY, required=True)
    _check_dependencies(data, path, "preloadedDependencies", required=True)
    _check_embed_types(data, path, required=True)
    _check_text(data, path, "contentType", ONE_LINE)
    _check_dependencies(data, path, "dynamicDependencies")
    _check_dependencies(data, path, "editorDependencies")
    _check_size(data, path, "w")
    _check_size(data, path, "h")


def main_library_key(h5p_json):
    """The main library's version: its entry in h5p.json's preloadedDependencies."""
    for item in h5p_json["preloadedDependencies"]:
        if item["machineName"] == h5p_json["mainLibrary"]:
            return LibraryKey.of(item)
    raise PackageRejected(
        _("Thư viện chính “%(library)s” không có trong preloadedDependencies của h5p.json.")
        % {"library": h5p_json["mainLibrary"]},
        "main_not_listed",
        "h5p.json",
    )


def check_library_json(data, path):
    """A library.json against H5P core's patterns."""
    if not isinstance(data, dict):
        raise PackageRejected(_("Tệp %(path)s phải chứa một đối tượng JSON.") % {"path": path}, "json_syntax", path)
    _check_text(data, path, "title", ONE_LINE, required=True)
    _check_text(data, path, "machineName", MACHINE_NAME, required=True)
    for field in ("majorVersion", "minorVersion", "patchVersion"):
        if field not in data:
            raise _missing(path, field)
        if not _is_version(data[field]):
            raise _invalid(path, field, data[field])
    if "runnable" not in data:
        raise _missing(path, "runnable")
    if not _is_flag(data["runnable"]):
        raise _invalid(path, "runnable", data["runnable"])
    _check_text(data, path, "author", ONE_LINE)
    _check_text(data, path, "description", SOME_TEXT)
    if "license" in data and data["license"] not in LICENSES:
        raise _invalid(path, "license", data["license"])
    for field in DEPENDENCY_LISTS:
        _check_dependencies(data, path, field)
    for field, pattern in (("preloadedJs", JS_PATH), ("preloadedCss", CSS_PATH)):
        _check_file_list(data, path, field, pattern)
    _check_dependencies_names(data, path, "dropLibraryCss")
    _check_size(data, path, "w")
    _check_size(data, path, "h")
    _check_embed_types(data, path)
    if "fullscreen" in data and not _is_flag(data["fullscreen"]):
        raise _invalid(path, "fullscreen", data["fullscreen"])
    if "coreApi" in data:
        core_api = data["coreApi"]
        if not isinstance(core_api, dict) or not all(
            _is_version(core_api.get(part)) for part in ("majorVersion", "minorVersion")
        ):
            raise _invalid(path, "coreApi", core_api)
    if "metadataSettings" in data:
        settings = data["metadataSettings"]
        if not isinstance(settings, dict) or any(
            not _is_flag(settings[part]) for part in ("disable", "disableExtraTitleField") if part in settings
        ):
            raise _invalid(path, "metadataSettings", settings)


def _check_file_list(data, path, field, pattern):
    if field not in data:
        return
    value = data[field]
    if not isinstance(value, list):
        raise _invalid(path, field, value)
    for index, item in enumerate(value):
        if not isinstance(item, dict) or not isinstance(item.get("path"), str) or not pattern.fullmatch(item["path"]):
            raise _invalid(path, f"{field}[{index}].path", item.get("path") if isinstance(item, dict) else item)


def _check_dependencies_names(data, path, field):
    if field not in data:
        return
    value = data[field]
    if not isinstance(value, list) or any(
        not isinstance(item, dict)
        or not isinstance(item.get("machineName"), str)
        or not MACHINE_NAME.fullmatch(item["machineName"])
        for item in value
    ):
        raise _invalid(path, field, value)


def check_library_folder(folder, files):
    """A library folder of the package: its library.json, its name, the scripts and styles it names."""
    path = f"{folder}/library.json"
    if "library.json" not in files:
        raise PackageRejected(
            _("Thư mục %(folder)s không có library.json: mọi thư mục ngoài content/ phải là một thư viện H5P.")
            % {"folder": folder},
            "not_a_library",
            folder,
        )
    data = parse_json(files["library.json"], path)
    check_library_json(data, path)
    expected = LibraryKey.of(data).folder
    if folder != expected:
        raise PackageRejected(
            _("Thư mục thư viện %(folder)s phải có tên %(expected)s theo library.json.")
            % {"folder": folder, "expected": expected},
            "folder_name",
            folder,
        )
    for field in ("preloadedJs", "preloadedCss"):
        for item in data.get(field, []):
            if item["path"] not in files:
                raise PackageRejected(
                    _("Tệp %(path)s khai báo %(file)s trong %(field)s nhưng thư viện không có tệp này.")
                    % {"path": path, "file": item["path"], "field": field},
                    "library_file_missing",
                    f"{folder}/{item['path']}",
                )
    return data


def installed_libraries():
    """{LibraryKey: library.json} of every installed library version."""
    from .models import H5PLibrary

    return {
        LibraryKey(name, major, minor): data
        for name, major, minor, data in H5PLibrary.objects.values_list(
            "machine_name", "major_version", "minor_version", "metadata"
        )
    }


def runtime_dependencies(data):
    """The LibraryKeys a library.json (or h5p.json) needs to play: preloaded and dynamic dependencies."""
    return [LibraryKey.of(item) for field in RUNTIME_DEPENDENCY_LISTS for item in data.get(field) or []]


def dependency_closure(h5p_json, libraries, installed):
    """Every library the content needs, dependencies before the libraries that use them.

    An installed version wins over the package's copy (the registry keeps the installed one).
    A dependency neither installed nor in the package rejects the package.
    """
    order, visiting, done = [], set(), set()

    def library_json(key, needed_by):
        if key in installed:
            return installed[key]
        if key in libraries:
            return libraries[key].metadata
        raise PackageRejected(
            _("Thiếu thư viện %(library)s (cần cho %(needed_by)s): gói không mang theo và hệ thống chưa cài.")
            % {"library": key, "needed_by": needed_by},
            "missing_dependency",
            key.folder,
        )

    def visit(key, needed_by):
        if key in done or key in visiting:
            return
        visiting.add(key)
        for dependency in runtime_dependencies(library_json(key, needed_by)):
            visit(dependency, f"{key.folder}/library.json")
        visiting.discard(key)
        done.add(key)
        order.append(key)

    for key in runtime_dependencies(h5p_json):
        visit(key, "h5p.json")
    return order
