"""Packing the project's own H5P content type into .h5p files with pyh5p, offline.

The content type H5P.ElearnCheck 1.0 (h5p/demo_content_type/H5P.ElearnCheck-1.0, written in this
repository, no third-party H5P code) is a one-question check. pyh5p builds a package from it and a
content.json with `fetch=False` and a local LibraryStore: nothing is downloaded. Used by the demo
data (h5p.demo) and by the tests' package helpers (tests/h5p/packages.py).
"""

from pathlib import Path

from pyh5p import LibraryStore, build, read_package
from pyh5p.package import write_zip

CONTENT_TYPE_DIR = Path(__file__).resolve().parent / "demo_content_type"
MACHINE_NAME = "H5P.ElearnCheck"
LIBRARY_FOLDER = "H5P.ElearnCheck-1.0"
LIBRARY_DIR = CONTENT_TYPE_DIR / LIBRARY_FOLDER


def package_files(content, *, title, include_library=True, language="vi"):
    """The files of a valid package, {zip path: bytes}: `content` is content.json's parameters."""
    built = build(
        MACHINE_NAME, content, store=LibraryStore(CONTENT_TYPE_DIR), fetch=False, title=title, language=language
    )
    return dict(read_package(built.package_bytes(content_only=not include_library)).files)


def write_package(target, content, *, title, language="vi"):
    """Write a package of the content type with `content` to the path `target`; return the path."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_zip(package_files(content, title=title, language=language), target)
    return target
