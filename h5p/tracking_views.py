"""xAPI and saved-state endpoints (to be written)."""

from django.http import Http404


def xapi(request, folder):
    raise Http404


def state(request, folder):
    raise Http404
