"""The project's own H5P test package, packed at test time with pyh5p, and crafted bad packages.

`build_package` packs the content type in h5p/demo_content_type/H5P.ElearnCheck-1.0 (written in this
repository, no third-party H5P code, shared with the demo data) and a content.json into a .h5p file
with pyh5p, offline, through h5p.packing. The `raw_*` helpers write zip entries verbatim, so tests can
make the packages a well-behaved writer refuses to make: traversal, symlinks, backslashes, bombs.
"""

import json
import zipfile
from pathlib import Path

from pyh5p.errors import SecurityError
from pyh5p.package import write_zip

from h5p import packing
from h5p.packing import LIBRARY_DIR, LIBRARY_FOLDER, MACHINE_NAME  # noqa: F401 (MACHINE_NAME: for the tests)

DEFAULT_TITLE = "Kiểm tra nhanh: mật khẩu an toàn"

DEFAULT_CONTENT = {
    "question": "Mật khẩu nào an toàn nhất?",
    "options": [
        {"text": "123456", "correct": False},
        {"text": "Mùa@Thu2026!dài", "correct": True},
        {"text": "matkhau", "correct": False},
    ],
}
# The index of the correct option in DEFAULT_CONTENT (what a browser test clicks to score 1/1).
CORRECT_OPTION = 1


def package_files(content=None, *, title=DEFAULT_TITLE, include_library=True, language="vi"):
    """The files of a valid package, {zip path: bytes}, built by pyh5p from the local content type."""
    return packing.package_files(
        content if content is not None else DEFAULT_CONTENT,
        title=title,
        include_library=include_library,
        language=language,
    )


def build_package(
    tmp_path,
    content=None,
    extra_files=None,
    h5p_json_overrides=None,
    include_library=True,
    *,
    title=DEFAULT_TITLE,
    library_json_overrides=None,
    library_files=None,
    remove=(),
    raw_entries=(),
    name="elearn-check.h5p",
):
    """Write a .h5p file into `tmp_path` and return its path.

    - content: content.json parameters (DEFAULT_CONTENT when None).
    - extra_files: {zip path: bytes or str} added to (or replacing) the package's files.
    - h5p_json_overrides / library_json_overrides: keys merged into h5p.json / the library's
      library.json; a value of None removes the key.
    - library_files: {path inside the library folder: bytes or str} added to the library folder.
    - include_library: False leaves the library out (a content-only package).
    - remove: zip paths to leave out.
    - raw_entries: (name or zipfile.ZipInfo, bytes) written verbatim after the other files, for
      names and attributes pyh5p refuses to write (see raw_symlink, raw_entry).
    """
    files = package_files(content, title=title, include_library=include_library)
    if h5p_json_overrides:
        files["h5p.json"] = _merge_json(files["h5p.json"], h5p_json_overrides)
    if include_library and library_json_overrides:
        key = f"{LIBRARY_FOLDER}/library.json"
        files[key] = _merge_json(files[key], library_json_overrides)
    for path, data in (library_files or {}).items():
        files[f"{LIBRARY_FOLDER}/{path}"] = _bytes(data)
    for path, data in (extra_files or {}).items():
        files[path] = _bytes(data)
    for path in remove:
        files.pop(path, None)
    target = Path(tmp_path) / name
    if raw_entries:
        write_raw_zip(target, list(files.items()) + list(raw_entries))
        return target
    try:
        write_zip(files, target)
    except SecurityError:
        write_raw_zip(target, list(files.items()))
    return target


def install_test_package(tmp_path, user=None, title=None, **build):
    """Build, validate and install the test package as an upload would; return the H5PActivity."""
    from h5p.registry import install_package
    from h5p.validation import validate_package

    package = validate_package(build_package(tmp_path, **build))
    return install_package(package, user=user, title=title).activity


def write_raw_zip(target, entries, compression=zipfile.ZIP_DEFLATED):
    """Write (name or ZipInfo, bytes) entries exactly as given, whatever their names."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=compression) as archive:
        for entry, data in entries:
            if isinstance(entry, zipfile.ZipInfo):
                archive.writestr(entry, _bytes(data))
            else:
                archive.writestr(raw_entry(entry, compression), _bytes(data))
    return target


def raw_entry(name, compression=zipfile.ZIP_DEFLATED):
    """A ZipInfo for `name` as written, with a fixed date."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    return info


def raw_symlink(name, target="/etc/passwd"):
    """A zip entry that unpacks as a symbolic link (unix mode in the external attributes)."""
    info = raw_entry(name, zipfile.ZIP_STORED)
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    return info, target.encode()


def bomb_entry(name="content/bomb.txt", size=20 * 1024 * 1024):
    """A highly compressible member: `size` bytes of zeros deflate to a few kilobytes."""
    return raw_entry(name), b"0" * size


def lie_about_sizes(path, member, declared_size):
    """Rewrite `member`'s declared uncompressed size in both zip headers, keeping its real data.

    A reader that trusts headers sees a small file; the deflated data still expands to its real size.
    """
    path = Path(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    encoded = member.encode()
    # Local file header: signature PK\3\4, uncompressed size at offset 22.
    local = info.header_offset
    assert data[local : local + 4] == b"PK\x03\x04"
    data[local + 22 : local + 26] = declared_size.to_bytes(4, "little")
    # Central directory entry: signature PK\1\2, uncompressed size at offset 24, name at 46.
    start = 0
    while True:
        start = data.index(b"PK\x01\x02", start)
        name_length = int.from_bytes(data[start + 28 : start + 30], "little")
        if bytes(data[start + 46 : start + 46 + name_length]) == encoded:
            data[start + 24 : start + 28] = declared_size.to_bytes(4, "little")
            break
        start += 4
    path.write_bytes(bytes(data))
    return path


def library_hash_files():
    """The library folder's files as installed ({path inside the folder: bytes}), for hash checks."""
    return {
        path.relative_to(LIBRARY_DIR).as_posix(): path.read_bytes()
        for path in sorted(LIBRARY_DIR.rglob("*"))
        if path.is_file()
    }


def _merge_json(raw, overrides):
    data = json.loads(raw.decode("utf-8"))
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _bytes(data):
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)
