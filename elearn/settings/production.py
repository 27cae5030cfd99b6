"""Production settings: PostgreSQL, a real broker, secure cookies, HTTPS."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# "preload" only consents to browsers' built-in HTTPS list; a domain gets on it only when its owner submits
# the registrable domain (e.g. the province's gov.vn domain) at hstspreload.org, which then binds every
# subdomain to HTTPS for months. Consenting costs nothing on a subdomain, so it is on; an operator whose
# parent domain still serves plain-HTTP sites sets DJANGO_HSTS_PRELOAD=0 (and check --deploy then warns).
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

if os.environ.get("REDIS_URL"):  # noqa: F405
    # Redis holds the cache, the sessions' fast copy and the rate limits, shared by every app server. A Redis
    # that stops answering must not stop an exam: django-redis then answers "not cached" (logged) after 0.2 s
    # per call (a page makes about a dozen), sessions are read from PostgreSQL, and the site goes on, slower.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],  # noqa: F405
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Sessions in PostgreSQL with a copy in Redis: a Redis restart logs nobody out in the middle of an exam.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

if os.environ.get("AWS_STORAGE_BUCKET_NAME"):  # noqa: F405
    # Uploads go to object storage (django-storages must then be installed).
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}  # noqa: F405

if os.environ.get("OPENSEARCH_URL"):  # noqa: F405
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [os.environ["OPENSEARCH_URL"]],  # noqa: F405
            "INDEX": os.environ.get("OPENSEARCH_INDEX", "elearn"),  # noqa: F405
        }
    }
