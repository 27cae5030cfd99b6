"""WSGI entry point (gunicorn elearn.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearn.settings.production")

application = get_wsgi_application()
