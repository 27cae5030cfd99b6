"""Installing a validated H5P package: each library version once, the content once per activity.

Nothing here executes or fetches anything: files are copied from the validated package into
storages["h5p"] (libraries/<Machine-major.minor>/, content/<activity folder>/). Files are first written
under staging/<token>/ (never served), the rows are created, then the staged folders are moved into
place, all inside one transaction: any failure removes what was moved and the staging folder, and
rolls the rows back, so a failed install leaves no files and no rows behind.
"""

import os
import shutil
import uuid
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from .manifests import LibraryKey, runtime_dependencies
from .models import H5PActivity, H5PLibrary
from .validation import ValidatedPackage

STAGING = "staging"
LIBRARIES = "libraries"
CONTENT = "content"


@dataclass
class InstallResult:
    """The activity made, the library versions installed by this upload, and warnings for the uploader."""

    activity: H5PActivity
    installed: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def h5p_storage():
    return storages["h5p"]


def library_folder(key):
    return f"{LIBRARIES}/{key.folder}"


def content_folder(activity):
    return f"{CONTENT}/{activity.folder}"


def install_package(package: ValidatedPackage, *, user=None, title=None):
    """Install `package` (from h5p.validation.validate_package); return an InstallResult.

    Run it in its own transaction (not inside a larger atomic block): the files are moved into
    place just before the commit and removed again if anything fails up to and including it.
    """
    storage = h5p_storage()
    staging = f"{STAGING}/{uuid.uuid4().hex}"
    moved = []
    try:
        with transaction.atomic():
            activity = H5PActivity(
                title=(title or "").strip() or package.title,
                h5p_json=package.h5p_json,
                package_sha256=package.sha256,
                package_size=package.size,
                uploaded_by=user if user is not None and user.is_authenticated else None,
            )
            rows, new_keys, warnings = _library_rows(package, user)
            for key in new_keys:
                write_tree(storage, f"{staging}/{library_folder(key)}", package.libraries[key].files)
            write_tree(storage, f"{staging}/{content_folder(activity)}", _content_files(package))
            activity.main_library = rows[package.main_library]
            activity.save()
            activity.libraries.set([rows[key] for key in package.dependencies])
            for key in new_keys:
                target = library_folder(key)
                delete_tree(storage, target)  # a leftover without a row is never served: replace it
                move_tree(storage, f"{staging}/{target}", target)
                moved.append(target)
            move_tree(storage, f"{staging}/{content_folder(activity)}", content_folder(activity))
            moved.append(content_folder(activity))
    except BaseException:
        for prefix in moved:
            delete_tree(storage, prefix)
        raise
    finally:
        delete_tree(storage, staging)
    return InstallResult(activity=activity, installed=[rows[key] for key in new_keys], warnings=warnings)


def _content_files(package):
    files = {"h5p.json": package.h5p_json_bytes}
    files.update({f"content/{path}": data for path, data in package.content_files.items()})
    return files


def _library_rows(package, user):
    """{LibraryKey: H5PLibrary} for the closure; new versions get a row, installed ones are kept."""
    rows, new_keys, warnings = {}, [], []
    for key in package.dependencies:
        row = _installed(key)
        carried = package.libraries.get(key)
        if row is None:
            try:
                with transaction.atomic():
                    row = _create_row(carried, user)
                new_keys.append(key)
            except IntegrityError:
                row = _installed(key)  # installed meanwhile by another upload
                if row is None:
                    raise
        if key not in new_keys and carried is not None and carried.sha256 != row.sha256:
            warnings.append(library_difference_warning(row, carried))
        rows[key] = row
    return rows, new_keys, warnings


def _installed(key):
    return H5PLibrary.objects.filter(
        machine_name=key.machine_name, major_version=key.major, minor_version=key.minor
    ).first()


def _create_row(library, user):
    data = library.metadata
    return H5PLibrary.objects.create(
        machine_name=library.key.machine_name,
        major_version=library.key.major,
        minor_version=library.key.minor,
        patch_version=data["patchVersion"],
        title=data["title"][:255],
        runnable=bool(data["runnable"]),
        sha256=library.sha256,
        metadata=data,
        installed_by=user if user is not None and user.is_authenticated else None,
    )


def library_difference_warning(row, carried):
    """The uploader's warning: the package carries another copy of an installed library version."""
    return _(
        "Thư viện %(library)s đã được cài (bản %(installed)s) và khác với bản trong gói (bản %(carried)s, "
        "mã băm khác): hệ thống giữ nguyên bản đã cài, bản trong gói không được dùng."
    ) % {
        "library": row.folder,
        "installed": row.version,
        "carried": f"{carried.key.major}.{carried.key.minor}.{carried.patch}",
    }


def load_order(activity):
    """The activity's libraries, dependencies before the libraries that use them (H5P's load order)."""
    rows = {LibraryKey(row.machine_name, row.major_version, row.minor_version): row for row in activity.libraries.all()}
    order, seen = [], set()

    def visit(key):
        if key in seen or key not in rows:
            return
        seen.add(key)
        for dependency in runtime_dependencies(rows[key].metadata):
            visit(dependency)
        order.append(rows[key])

    for key in runtime_dependencies(activity.h5p_json):
        visit(key)
    return order


# Storage helpers: trees of files under a prefix of storages["h5p"].


def write_tree(storage, prefix, files):
    for path, data in sorted(files.items()):
        name = f"{prefix}/{path}"
        saved = storage.save(name, ContentFile(data))
        if saved != name:
            raise OSError(f"H5P storage saved {name!r} as {saved!r}")


def walk_tree(storage, prefix):
    """Every file name under `prefix`."""
    try:
        directories, files = storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{prefix}/{name}"
    for directory in directories:
        yield from walk_tree(storage, f"{prefix}/{directory}")


def _local_path(storage, name):
    try:
        return storage.path(name)
    except NotImplementedError:
        return None


def move_tree(storage, source, target):
    """Move the files under `source` to `target` (a rename on a local disk, copy and delete elsewhere)."""
    source_path, target_path = _local_path(storage, source), _local_path(storage, target)
    if source_path is not None and target_path is not None:
        os.makedirs(os.path.dirname(target_path), exist_ok=True)
        os.replace(source_path, target_path)
        return
    for name in list(walk_tree(storage, source)):
        with storage.open(name) as handle:
            write_tree(storage, target, {name[len(source) + 1 :]: handle.read()})
        storage.delete(name)


def delete_tree(storage, prefix):
    """Remove every file under `prefix` (and, on a local disk, its folders)."""
    local = _local_path(storage, prefix)
    if local is not None:
        shutil.rmtree(local, ignore_errors=True)
        return
    for name in list(walk_tree(storage, prefix)):
        storage.delete(name)


def delete_activity_files(activity):
    """Remove an activity's content folder; the libraries are shared and stay installed."""
    delete_tree(h5p_storage(), content_folder(activity))


@receiver(post_delete, sender=H5PActivity, dispatch_uid="h5p_delete_activity_files")
def _activity_deleted(sender, instance, **kwargs):
    transaction.on_commit(lambda: delete_activity_files(instance))
