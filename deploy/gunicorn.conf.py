"""gunicorn for the stack (deploy/stack.sh) and for a server: sizing from the environment.

Sizing measured on the 2-core machine of the exam-day load test (README, "Exam day"): CPU-bound
Django work gains nothing from more processes than cores beyond what covers database waits.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", "5"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A worker that hangs (a stuck database, a long report) is killed and replaced after this many seconds.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = 75  # longer than nginx's upstream keepalive, so nginx closes first
# Workers are recycled now and then, at different times, so slow leaks never add up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
capture_output = True  # the app's own log (tracebacks of 500s) goes to the same file
forwarded_allow_ips = "127.0.0.1"
