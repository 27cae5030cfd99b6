"""Validating an uploaded .h5p package before anything is stored. No HTTP, no writes, no network.

A package is untrusted input that installs code running on the site, so it is read with the stricter
rules of H5P core on top of pyh5p's (always offline: nothing is fetched):

1. the upload's size, then every zip member's header: its path (no absolute paths, `..`, backslashes,
   NUL or control characters, segments starting with `.` or `_`), its type (no symlinks), its
   extension (one whitelist for content/, a wider one for library folders), the declared sizes and
   compression ratio (zip bombs);
2. every member is read again while counting the bytes really produced, so lying headers change nothing;
3. h5p.json, each library.json (h5p.manifests) and content/content.json; pyh5p's package checks;
4. every dependency present in the package or already installed (H5PLibrary).

Each kind of problem raises PackageRejected with its own Vietnamese message naming the offending path.
"""

import hashlib
import zipfile
import zlib
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pyh5p.errors import SecurityError
from pyh5p.library import LibraryId
from pyh5p.package import H5PPackage, PackagedLibrary
from pyh5p.security import ArchiveLimits, validate_archive_member

from . import manifests
from .manifests import LibraryKey, PackageRejected

__all__ = ["PackageRejected", "LibraryKey", "ValidatedPackage", "PackageLibrary", "validate_package", "files_sha256"]

# H5P core's default whitelist for content files; library folders may also hold scripts and styles.
CONTENT_EXTENSIONS = frozenset(
    "json png jpg jpeg gif bmp tif tiff svg eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav txt pdf rtf doc docx "
    "xls xlsx ppt pptx odt ods odp xml csv diff patch swf md textile vtt webvtt gltf glb".split()
)
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css"}
# Below this expanded size a member's compression ratio says nothing (a short run of spaces deflates 100:1).
RATIO_MIN_BYTES = 1024 * 1024
CHUNK = 64 * 1024
_SYMLINK = 0o120000
_FILE_TYPE_MASK = 0o170000


@dataclass
class PackageLibrary:
    """A library folder carried in the package: its library.json and files (paths inside the folder)."""

    key: LibraryKey
    metadata: dict
    files: dict

    @property
    def patch(self):
        return self.metadata["patchVersion"]

    @property
    def sha256(self):
        return files_sha256(self.files)


@dataclass
class ValidatedPackage:
    """What an accepted package holds; h5p.registry installs it."""

    h5p_json: dict
    h5p_json_bytes: bytes
    main_library: LibraryKey
    content_files: dict  # paths inside content/ ("content.json", "images/a.png") -> bytes
    libraries: dict  # LibraryKey -> PackageLibrary, every library folder in the package
    dependencies: list = field(default_factory=list)  # the LibraryKeys to load, dependencies first
    size: int = 0
    sha256: str = ""

    @property
    def title(self):
        return self.h5p_json["title"]


def files_sha256(files):
    """A deterministic hash of a set of files: their sorted paths and contents."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(files[path]).hexdigest().encode("ascii") + b"\n")
    return digest.hexdigest()


def _limit(name, default):
    return int(getattr(settings, name, default))


def validate_package(source):
    """Check a .h5p upload (a path or a readable, seekable file object); return a ValidatedPackage.

    Raises PackageRejected with a Vietnamese message naming the problem and the path.
    """
    if isinstance(source, str) or hasattr(source, "__fspath__"):
        with open(source, "rb") as stream:
            return _validate_stream(stream)
    return _validate_stream(source)


def _validate_stream(stream):
    size, sha256 = _measure(stream)
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            _check_headers(infos)
            files = _read_members(archive, infos)
    except zipfile.BadZipFile as error:
        raise PackageRejected(
            _("Tệp tải lên không phải là gói H5P hợp lệ (không đọc được tệp zip)."), "not_zip"
        ) from error
    package = _check_package(files)
    package.size, package.sha256 = size, sha256
    return package


def _measure(stream):
    """The upload's size and SHA-256, refusing it as soon as it passes H5P_MAX_PACKAGE_BYTES."""
    limit = _limit("H5P_MAX_PACKAGE_BYTES", 200 * 1024 * 1024)
    stream.seek(0)
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise PackageRejected(
                _("Gói H5P quá lớn: giới hạn là %(limit)s.") % {"limit": filesizeformat(limit)}, "package_size"
            )
        digest.update(chunk)
    if size == 0:
        raise PackageRejected(_("Tệp tải lên rỗng."), "empty")
    return size, digest.hexdigest()


# 1. Zip headers: paths, types, extensions, declared sizes.


def _check_headers(infos):
    max_files = _limit("H5P_MAX_FILES", 5000)
    if len(infos) > max_files:
        raise PackageRejected(
            _("Gói có quá nhiều tệp (%(count)d); giới hạn là %(limit)d tệp.")
            % {"count": len(infos), "limit": max_files},
            "file_count",
        )
    max_total = _limit("H5P_MAX_UNCOMPRESSED_BYTES", 300 * 1024 * 1024)
    pyh5p_limits = ArchiveLimits(
        max_files=max_files,
        max_file_size=max_total,
        max_total_size=max_total,
        max_compression_ratio=float("inf"),
        allowed_extensions=LIBRARY_EXTENSIONS,
    )
    seen, declared_total = set(), 0
    for info in infos:
        name = info.filename
        check_member_path(name)
        if name in seen:
            raise PackageRejected(_("Gói chứa hai lần cùng một tệp: %(path)s.") % {"path": name}, "duplicate", name)
        seen.add(name)
        _check_member_type(info)
        if info.is_dir():
            continue
        check_member_extension(name)
        declared_total += info.file_size
        _check_expanded(name, declared_total, max_total)
        _check_ratio(name, info.file_size, info.compress_size)
        try:
            validate_archive_member(name, info, pyh5p_limits)  # pyh5p's own archive rules, a second opinion
        except SecurityError as error:
            raise PackageRejected(
                _("Gói bị pyh5p từ chối ở tệp %(path)s: %(detail)s") % {"path": name, "detail": error}, "pyh5p", name
            ) from error


def check_member_path(name):
    """Refuse a zip member path that is absolute, escapes the package or hides files (H5P core's rules)."""
    if any(ord(char) < 32 or char in ":\x7f" for char in name):
        raise PackageRejected(
            _("Đường dẫn có ký tự không được phép (NUL, ký tự điều khiển hoặc dấu hai chấm): %(path)s.")
            % {"path": name.replace("\x00", "\\0")},
            "bad_character",
            name,
        )
    if "\\" in name:
        raise PackageRejected(
            _("Đường dẫn dùng dấu gạch chéo ngược (\\), không được phép: %(path)s.") % {"path": name}, "backslash", name
        )
    if name.startswith("/"):
        raise PackageRejected(_("Đường dẫn tuyệt đối không được phép: %(path)s.") % {"path": name}, "absolute", name)
    segments = name.rstrip("/").split("/")
    if any(segment in ("..", ".") for segment in segments):
        raise PackageRejected(
            _("Đường dẫn trỏ ra ngoài thư mục của gói (“..”): %(path)s.") % {"path": name}, "traversal", name
        )
    if any(not segment for segment in segments):
        raise PackageRejected(_("Đường dẫn có đoạn rỗng (“//”): %(path)s.") % {"path": name}, "empty_segment", name)
    if any(segment[0] in "._" for segment in segments):
        raise PackageRejected(
            _("Tệp hoặc thư mục có tên bắt đầu bằng dấu chấm hoặc gạch dưới không được phép: %(path)s.")
            % {"path": name},
            "hidden",
            name,
        )


def _check_member_type(info):
    mode = (info.external_attr >> 16) & _FILE_TYPE_MASK
    if mode == _SYMLINK:
        raise PackageRejected(
            _("Gói chứa liên kết tượng trưng (symlink), không được phép: %(path)s.") % {"path": info.filename},
            "symlink",
            info.filename,
        )
    if mode and mode not in (0o100000, 0o040000):
        raise PackageRejected(
            _("Gói chứa tệp đặc biệt (không phải tệp thường hay thư mục): %(path)s.") % {"path": info.filename},
            "special_file",
            info.filename,
        )
    if info.flag_bits & 0x1:
        raise PackageRejected(
            _("Gói có tệp được mã hóa bằng mật khẩu: %(path)s.") % {"path": info.filename}, "encrypted", info.filename
        )


def check_member_extension(name):
    """Refuse a file without an extension, or whose extension its folder does not allow."""
    basename = name.rsplit("/", 1)[-1]
    extension = basename.rsplit(".", 1)[1].lower() if "." in basename else ""
    if not extension:
        raise PackageRejected(
            _("Tệp không có phần mở rộng, không được phép: %(path)s.") % {"path": name}, "no_extension", name
        )
    if "/" not in name:
        if name != "h5p.json":
            raise PackageRejected(
                _("Tệp %(path)s nằm ở gốc gói: chỉ h5p.json, thư mục content/ và thư mục thư viện được phép.")
                % {"path": name},
                "unexpected_file",
                name,
            )
        return
    if name.startswith("content/"):
        if extension not in CONTENT_EXTENSIONS:
            raise PackageRejected(
                _("Loại tệp “.%(extension)s” không được phép trong nội dung (content/): %(path)s.")
                % {"extension": extension, "path": name},
                "content_extension",
                name,
            )
    elif extension not in LIBRARY_EXTENSIONS:
        raise PackageRejected(
            _("Loại tệp “.%(extension)s” không được phép trong thư viện: %(path)s.")
            % {"extension": extension, "path": name},
            "library_extension",
            name,
        )


def _check_expanded(name, total, limit):
    if total > limit:
        raise PackageRejected(
            _("Gói giải nén ra quá lớn (vượt %(limit)s, đến tệp %(path)s): có thể là “bom zip”.")
            % {"limit": filesizeformat(limit), "path": name},
            "uncompressed_size",
            name,
        )


def _check_ratio(name, expanded, compressed):
    ratio = _limit("H5P_MAX_COMPRESSION_RATIO", 100)
    if expanded > RATIO_MIN_BYTES and expanded / max(compressed, 1) > ratio:
        raise PackageRejected(
            _("Tệp %(path)s nén với tỉ lệ bất thường (hơn %(ratio)d lần): có thể là “bom zip”.")
            % {"path": name, "ratio": ratio},
            "compression_ratio",
            name,
        )


# 2. Reading: count the bytes really produced, whatever the headers say.


def _read_members(archive, infos):
    max_total = _limit("H5P_MAX_UNCOMPRESSED_BYTES", 300 * 1024 * 1024)
    files, total = {}, 0
    for info in infos:
        if info.is_dir():
            continue
        chunks, size = [], 0
        try:
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if size > info.file_size:
                        raise zipfile.BadZipFile("member longer than declared")
                    _check_expanded(info.filename, total, max_total)
                    _check_ratio(info.filename, size, info.compress_size)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as error:
            raise PackageRejected(
                _("Gói bị hỏng hoặc khai báo sai kích thước ở tệp %(path)s.") % {"path": info.filename},
                "corrupt",
                info.filename,
            ) from error
        if size != info.file_size:
            raise PackageRejected(
                _("Gói bị hỏng hoặc khai báo sai kích thước ở tệp %(path)s.") % {"path": info.filename},
                "corrupt",
                info.filename,
            )
        files[info.filename] = b"".join(chunks)
    return files


# 3-4. Metadata, pyh5p's package checks, dependencies.


def _check_package(files):
    if "h5p.json" not in files:
        raise PackageRejected(_("Gói thiếu tệp h5p.json ở thư mục gốc."), "missing_h5p_json", "h5p.json")
    h5p_json = manifests.parse_json(files["h5p.json"], "h5p.json")
    manifests.check_h5p_json(h5p_json)
    if "content/content.json" not in files:
        raise PackageRejected(_("Gói thiếu tệp content/content.json."), "missing_content_json", "content/content.json")
    content = manifests.parse_json(files["content/content.json"], "content/content.json")
    if not isinstance(content, dict):
        raise PackageRejected(
            _("Tệp content/content.json phải chứa một đối tượng JSON."), "content_json", "content/content.json"
        )
    libraries = _package_libraries(files)
    main = manifests.main_library_key(h5p_json)
    installed = manifests.installed_libraries()
    _check_with_pyh5p(h5p_json, content, libraries, files, main_installed=main in installed)
    dependencies = manifests.dependency_closure(h5p_json, libraries, installed)
    main_metadata = installed[main] if main in installed else libraries[main].metadata
    if main_metadata.get("runnable") not in (1, True):
        raise PackageRejected(
            _("Thư viện chính %(library)s không chạy độc lập được (runnable khác 1).") % {"library": main},
            "main_not_runnable",
            main.folder,
        )
    return ValidatedPackage(
        h5p_json=h5p_json,
        h5p_json_bytes=files["h5p.json"],
        main_library=main,
        content_files={
            name.removeprefix("content/"): data for name, data in files.items() if name.startswith("content/")
        },
        libraries=libraries,
        dependencies=dependencies,
    )


def _package_libraries(files):
    folders = {}
    for name, data in files.items():
        top, _sep, rest = name.partition("/")
        if rest and top != "content":
            folders.setdefault(top, {})[rest] = data
    libraries = {}
    for folder, folder_files in sorted(folders.items()):
        library_json = manifests.check_library_folder(folder, folder_files)
        key = LibraryKey.of(library_json)
        libraries[key] = PackageLibrary(key=key, metadata=library_json, files=folder_files)
    return libraries


def _check_with_pyh5p(h5p_json, content, libraries, files, *, main_installed):
    """pyh5p's package rules (required h5p.json fields, referenced media packaged, stray files)."""
    package = H5PPackage(
        metadata=h5p_json,
        content=content,
        libraries=tuple(
            PackagedLibrary(
                LibraryId(key.machine_name, key.major, key.minor, library.patch), library.files, library.metadata
            )
            for key, library in libraries.items()
        ),
        files=dict.fromkeys(files, b""),
    )
    for issue in package.validate(require_content=True):
        if issue.keyword == "dependency" and main_installed:
            continue  # the main library is installed already: a content-only package is fine
        if issue.keyword == "asset":
            raise PackageRejected(
                _("Nội dung tham chiếu tệp không có trong gói (%(path)s).") % {"path": issue.path},
                "missing_media",
                issue.path,
            )
        if issue.keyword == "path":
            raise PackageRejected(
                _(
                    "Nội dung tham chiếu đường dẫn không an toàn hoặc tài nguyên bên ngoài, không dùng được khi "
                    "không có mạng ngoài (%(path)s)."
                )
                % {"path": issue.path},
                "media_path",
                issue.path,
            )
        if issue.keyword == "dependency":
            raise PackageRejected(
                _("Thư viện chính “%(library)s” không có trong gói và chưa được cài.")
                % {"library": h5p_json.get("mainLibrary")},
                "missing_dependency",
                "h5p.json",
            )
        raise PackageRejected(
            _("Gói không đạt kiểm tra của pyh5p: %(detail)s") % {"detail": issue}, "pyh5p", issue.path
        )
