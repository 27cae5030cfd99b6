"""Serving extracted H5P files (to be written)."""

from django.http import Http404


def content_file(request, folder, path):
    raise Http404


def library_file(request, folder, path):
    raise Http404
