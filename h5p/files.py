"""Which extracted H5P files may be served, and how: the MIME map and the path rules.

Extracted packages are untrusted uploads. A file is served only when its extension is in the
map below (so never as HTML, PHP or anything the map does not name), under a path with no
traversal, and with headers that stop browsers from sniffing or running it as a document.
No HTTP here: h5p.serving turns these answers into responses.
"""

import re
from dataclasses import dataclass

# Every response also carries X-Content-Type-Options: nosniff.
SANDBOX = "sandbox"
# An SVG opened on its own is a document that could run scripts: it gets no scripts at all.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


@dataclass(frozen=True)
class FileKind:
    """How one extension is served."""

    content_type: str
    policy: str = SANDBOX
    attachment: bool = False


_TEXT = "; charset=utf-8"

MIME_TYPES = {
    "json": FileKind("application/json" + _TEXT),
    "js": FileKind("text/javascript" + _TEXT),
    "css": FileKind("text/css" + _TEXT),
    "png": FileKind("image/png"),
    "jpg": FileKind("image/jpeg"),
    "jpeg": FileKind("image/jpeg"),
    "gif": FileKind("image/gif"),
    "svg": FileKind("image/svg+xml", policy=SVG_POLICY),
    "webp": FileKind("image/webp"),
    "woff": FileKind("font/woff"),
    "woff2": FileKind("font/woff2"),
    "ttf": FileKind("font/ttf"),
    "otf": FileKind("font/otf"),
    "eot": FileKind("application/vnd.ms-fontobject"),
    "mp4": FileKind("video/mp4"),
    "webm": FileKind("video/webm"),
    "ogg": FileKind("audio/ogg"),
    "mp3": FileKind("audio/mpeg"),
    "m4a": FileKind("audio/mp4"),
    "wav": FileKind("audio/wav"),
    "vtt": FileKind("text/vtt" + _TEXT),
    "txt": FileKind("text/plain" + _TEXT),
    # A PDF is a document with its own scripts: downloaded, never shown inside the site.
    "pdf": FileKind("application/pdf", attachment=True),
}

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LIBRARY_FOLDER = re.compile(r"^(?P<machine_name>[\w.-]{1,127})-(?P<major>\d{1,5})\.(?P<minor>\d{1,5})$")


def file_kind(path):
    """How the file at `path` is served, or None when its extension is not served at all."""
    stem, dot, extension = path.rsplit("/", 1)[-1].rpartition(".")
    if not stem or not dot:
        return None
    return MIME_TYPES.get(extension.lower())


def clean_path(path):
    """`path` as a safe relative path inside a package folder, or None when it must be refused.

    Refused: empty or absolute paths, backslashes, NUL and other control characters, empty
    segments (`a//b`), and any segment starting with a dot (`.`, `..`, dotfiles).
    """
    if not path or path.startswith("/") or "\\" in path or _CONTROL.search(path):
        return None
    segments = path.split("/")
    if any(not segment or segment.startswith(".") for segment in segments):
        return None
    return "/".join(segments)


def parse_library_folder(folder):
    """(machine name, major, minor) from a library folder name such as "H5P.Column-1.16", or None."""
    match = _LIBRARY_FOLDER.match(folder or "")
    if match is None:
        return None
    return match["machine_name"], int(match["major"]), int(match["minor"])


def storage_name(root, folder, path):
    """The storage name of a served file: `<root>/<folder>/<path>` with `path` already cleaned."""
    return f"{root}/{folder}/{path}"


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def byte_range(header, size):
    """The (first, last) bytes asked for by a Range header, for seeking in a video or a recording.

    None serves the whole file: no header, a form not understood, or several ranges (allowed by
    RFC 9110). Raises ValueError when the range lies outside the file (answered with 416).
    """
    match = _RANGE.match((header or "").strip())
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise ValueError(header)
        return max(size - length, 0), size - 1
    first = int(first)
    last = min(int(last), size - 1) if last else size - 1
    if first >= size or first > last:
        raise ValueError(header)
    return first, last
