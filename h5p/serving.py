"""Serving extracted H5P files to logged-in users: media with an explicit MIME map, never HTML.

Content lives in storages["h5p"] under content/<activity folder>/ and libraries under
libraries/<Machine-major.minor>/ (see h5p.files for the rules). Anything unknown is a 404.
"""

import os

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseForbidden, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from . import files
from .models import H5PActivity, H5PLibrary

# Installed files never change in place (a library version is installed once, an activity's
# folder is new for each upload); they are still private to logged-in users.
CACHE_CONTROL = "private, max-age=3600"


@require_safe
def content_file(request, folder, path):
    """A file of an activity's extracted content (h5p.json, content/content.json, images …)."""
    if not request.user.is_authenticated:
        return _login_required(request)
    if not H5PActivity.objects.filter(folder=folder).exists():
        raise Http404
    return _serve(request, "content", str(folder), path)


@require_safe
def library_file(request, folder, path):
    """A file of an installed library (library.json, its scripts and styles …)."""
    if not request.user.is_authenticated:
        return _login_required(request)
    parsed = files.parse_library_folder(folder)
    if parsed is None:
        raise Http404
    machine_name, major, minor = parsed
    if not H5PLibrary.objects.filter(machine_name=machine_name, major_version=major, minor_version=minor).exists():
        raise Http404
    return _serve(request, "libraries", folder, path)


def _login_required(request):
    """A page opened in the browser goes to the log-in page; a script's or an image's request is refused."""
    if request.headers.get("Sec-Fetch-Mode") == "navigate" or "text/html" in request.headers.get("Accept", ""):
        return redirect_to_login(request.get_full_path())
    return HttpResponseForbidden()


def _serve(request, root, folder, path):
    clean = files.clean_path(path)
    kind = files.file_kind(clean) if clean else None
    if kind is None:
        raise Http404
    storage = storages["h5p"]
    name = files.storage_name(root, folder, clean)
    try:
        if not storage.exists(name) or not _inside(storage, name):
            raise Http404
        size = storage.size(name)
        modified = int(storage.get_modified_time(name).timestamp())
    except (SuspiciousFileOperation, OSError, NotImplementedError) as error:
        raise Http404 from error

    etag = f'"{size:x}-{modified:x}"'
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = _file_response(request, storage, name, kind, size, etag)
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = kind.policy
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def _file_response(request, storage, name, kind, size, etag):
    """The whole file, or the part a Range header asks for (a video player seeking)."""
    wanted = request.headers.get("Range") if request.headers.get("If-Range", etag) == etag else None
    try:
        part = files.byte_range(wanted, size)
    except ValueError:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if part is None:
        response = FileResponse(storage.open(name, "rb"), content_type=kind.content_type, as_attachment=kind.attachment)
        response["Content-Length"] = str(size)
        return response
    first, last = part
    response = StreamingHttpResponse(
        _read(storage, name, first, last - first + 1), status=206, content_type=kind.content_type
    )
    response["Content-Length"] = str(last - first + 1)
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    if kind.attachment:
        response["Content-Disposition"] = "attachment"
    return response


def _read(storage, name, offset, length, chunk=64 * 1024):
    with storage.open(name, "rb") as stream:
        stream.seek(offset)
        while length > 0:
            data = stream.read(min(chunk, length))
            if not data:
                break
            length -= len(data)
            yield data


def _inside(storage, name):
    """On a local disk, the real file (after any symlink) is inside the storage's folder."""
    try:
        real = os.path.realpath(storage.path(name))
    except NotImplementedError:  # object storage: no symlinks there
        return True
    location = os.path.realpath(storage.location)
    return real.startswith(location + os.sep) and os.path.isfile(real)
