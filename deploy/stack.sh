#!/usr/bin/env bash
# A production-like stack on loopback (README, "Exam day"): nginx (TLS, static and media files) in front of
# gunicorn with the production settings, PostgreSQL, Redis as cache, session store and broker, a Celery worker
# and celery beat. Everything it starts is recorded in $STACK_DIR and `stop` ends exactly that.
#
#   deploy/stack.sh start [--officials N]   migrate, demo data, N officials for the load test, then start
#   deploy/stack.sh stop                    stop what start started
#   deploy/stack.sh restart-app             restart gunicorn (new code, or GUNICORN_WORKERS / GUNICORN_THREADS)
#   deploy/stack.sh start-worker            start the Celery worker again (after the fault test killed it)
#   deploy/stack.sh status
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python

export STACK_DIR=${STACK_DIR:-$ROOT/var/stack}
export NGINX_PORT=${NGINX_PORT:-8443}
export GUNICORN_BIND=${GUNICORN_BIND:-127.0.0.1:8001}
export APP_UPSTREAM=$GUNICORN_BIND
export NGINX_USER=${NGINX_USER:-$(id -un)}
export STATIC_ROOT=$STACK_DIR/static MEDIA_ROOT=$STACK_DIR/media

stack_env() {
  export DJANGO_SETTINGS_MODULE=elearn.settings.production
  export DJANGO_SECRET_KEY=$(cat "$STACK_DIR/secret")
  export DATABASE_URL=${STACK_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/elearn_stack}
  export REDIS_URL=${STACK_REDIS_URL:-redis://127.0.0.1:6379/2}
  export CELERY_BROKER_URL=${STACK_BROKER_URL:-redis://127.0.0.1:6379/3}
  export CELERY_TASK_ALWAYS_EAGER=0
  export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
  export WAGTAILADMIN_BASE_URL=https://127.0.0.1:$NGINX_PORT
  export DJANGO_STATIC_ROOT=$STATIC_ROOT DJANGO_MEDIA_ROOT=$MEDIA_ROOT
  export ELEARN_H5P_ROOT=$STACK_DIR/h5p ELEARN_PRIVATE_ROOT=$STACK_DIR/private
  export DJANGO_HSTS_SECONDS=0
  export GUNICORN_ERROR_LOG=$STACK_DIR/log/gunicorn.log
  local name
  for name in DJANGO_SETTINGS_MODULE DJANGO_SECRET_KEY DATABASE_URL REDIS_URL CELERY_BROKER_URL CELERY_TASK_ALWAYS_EAGER \
    DJANGO_ALLOWED_HOSTS WAGTAILADMIN_BASE_URL DJANGO_STATIC_ROOT DJANGO_MEDIA_ROOT ELEARN_H5P_ROOT ELEARN_PRIVATE_ROOT \
    DJANGO_HSTS_SECONDS; do
    printf '%s=%q\n' "$name" "${!name}"
  done > "$STACK_DIR/env"  # for manage.py against the stack: set -a; . var/stack/env; set +a
  # Mail goes nowhere from a loopback stack unless a test points it at its sink.
  export EMAIL_BACKEND=${STACK_EMAIL_BACKEND:-django.core.mail.backends.locmem.EmailBackend}
}

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() {  # wait_for <what> <seconds> <command...>
  local what=$1 seconds=$2; shift 2
  for _ in $(seq "$((seconds * 4))"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  echo "Không khởi động được $what / $what did not start (see $STACK_DIR/log)" >&2
  return 1
}

start() {
  local officials=2000
  while [ $# -gt 0 ]; do
    case $1 in --officials) officials=$2; shift 2 ;; *) echo "unknown option $1" >&2; exit 2 ;; esac
  done
  if running "$STACK_DIR/gunicorn.pid"; then echo "the stack already runs (deploy/stack.sh stop)"; exit 1; fi
  mkdir -p "$STACK_DIR"/{log,tls,errors,nginx-tmp}
  [ -f "$STACK_DIR/secret" ] || "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' > "$STACK_DIR/secret"
  if [ ! -f "$STACK_DIR/tls/cert.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
      -keyout "$STACK_DIR/tls/key.pem" -out "$STACK_DIR/tls/cert.pem" 2>/dev/null
  fi
  stack_env
  local dbname=${DATABASE_URL##*/}
  psql "${DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$dbname'" | grep -q 1 \
    || psql "${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE \"$dbname\""
  "$PY" manage.py migrate --noinput -v 0
  "$PY" manage.py collectstatic --noinput -v 0
  "$PY" manage.py render_error_pages "$STACK_DIR/errors" > /dev/null
  "$PY" manage.py load_demo > "$STACK_DIR/log/demo.log" 2>&1 || { tail -30 "$STACK_DIR/log/demo.log"; exit 1; }
  "$PY" manage.py prepare_exam_day --officials "$officials" --accounts "$STACK_DIR/officials.csv" \
    --targets "$STACK_DIR/targets.json" > "$STACK_DIR/log/prepare.log" 2>&1 || { tail -30 "$STACK_DIR/log/prepare.log"; exit 1; }
  tail -1 "$STACK_DIR/log/prepare.log"

  start_app
  start_worker
  "$PY" -m celery -A elearn beat --detach --pidfile "$STACK_DIR/beat.pid" --logfile "$STACK_DIR/log/beat.log" \
    --schedule "$STACK_DIR/beat-schedule"
  envsubst '${STACK_DIR} ${NGINX_PORT} ${APP_UPSTREAM} ${NGINX_USER} ${STATIC_ROOT} ${MEDIA_ROOT}' \
    < deploy/nginx.conf.template > "$STACK_DIR/nginx.conf"
  nginx -c "$STACK_DIR/nginx.conf" -e "$STACK_DIR/log/nginx-error.log"
  wait_for gunicorn 30 curl -fsk "https://127.0.0.1:$NGINX_PORT/"
  wait_for "celery worker" 30 "$PY" -m celery -A elearn inspect ping -d "stack@$(hostname)" --timeout 1
  echo "Đang chạy / running: https://127.0.0.1:$NGINX_PORT/ (gunicorn $GUNICORN_BIND,"\
    "${GUNICORN_WORKERS:-5} workers x ${GUNICORN_THREADS:-1} thread(s)); dừng / stop: make stack-stop"
}

start_app() {
  stack_env
  "$PY" -m gunicorn elearn.wsgi -c deploy/gunicorn.conf.py --daemon --pid "$STACK_DIR/gunicorn.pid"
}

restart_app() {  # new code or new sizing (GUNICORN_WORKERS, GUNICORN_THREADS)
  stop_pid "$STACK_DIR/gunicorn.pid" gunicorn
  start_app
  wait_for gunicorn 30 curl -fsk "https://127.0.0.1:$NGINX_PORT/healthz/"
}

start_worker() {
  stack_env
  rm -f "$STACK_DIR/worker.pid"  # left by a worker that was killed
  "$PY" -m celery -A elearn worker --detach --concurrency 1 --pidfile "$STACK_DIR/worker.pid" \
    --logfile "$STACK_DIR/log/worker.log" --loglevel INFO -n "stack@%h"
}

stop_pid() {  # stop_pid <pidfile> <name>
  local file=$1 pid
  running "$file" || { rm -f "$file"; return 0; }
  pid=$(cat "$file")
  kill -TERM "$pid"
  for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$file"
  echo "stopped $2"
}

stop() {
  if running "$STACK_DIR/nginx.pid"; then nginx -c "$STACK_DIR/nginx.conf" -e "$STACK_DIR/log/nginx-error.log" -s quit; fi
  for _ in $(seq 40); do running "$STACK_DIR/nginx.pid" || break; sleep 0.25; done
  stop_pid "$STACK_DIR/nginx.pid" nginx
  stop_pid "$STACK_DIR/gunicorn.pid" gunicorn
  stop_pid "$STACK_DIR/beat.pid" "celery beat"
  stop_pid "$STACK_DIR/worker.pid" "celery worker"
}

status() {
  local name
  for name in nginx gunicorn worker beat; do
    if running "$STACK_DIR/$name.pid"; then echo "$name: running ($(cat "$STACK_DIR/$name.pid"))"; else echo "$name: stopped"; fi
  done
}

command=${1:-}
shift || true
case $command in
  start) start "$@" ;;
  start-worker) start_worker ;;
  restart-app) restart_app ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: deploy/stack.sh start [--officials N] | stop | status" >&2; exit 2 ;;
esac
