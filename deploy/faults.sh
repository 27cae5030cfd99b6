#!/usr/bin/env bash
# Faults injected during a load run (README, "Exam day"), each followed by the verifier's verdict:
#   kill -9 one gunicorn worker; restart PostgreSQL; stop Redis for 30 seconds; kill -9 the Celery worker.
# Needs the stack (make stack). Restarting PostgreSQL restarts this machine's cluster: run it on a test box.
#
#   deploy/faults.sh [--users N]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STACK_DIR=${STACK_DIR:-$ROOT/var/stack}
users=40
[ "${1:-}" = "--users" ] && users=$2
[ -f "$STACK_DIR/gunicorn.pid" ] || { echo "the stack does not run: make stack" >&2; exit 1; }

FAULTS=$STACK_DIR/load/faults/faults.txt
mkdir -p "$(dirname "$FAULTS")"
: > "$FAULTS"
log() { echo "[$(date +%H:%M:%S)] $*"; }
mark() { echo "$(date +%s) $*" >> "$FAULTS"; log "$*"; }

inject() {
  sleep 15
  local worker
  worker=$(pgrep -P "$(cat "$STACK_DIR/gunicorn.pid")" | head -1)
  mark "fault 1: kill -9 gunicorn worker $worker"
  kill -9 "$worker"
  sleep 20
  mark "fault 2: restart PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main restart
  sleep 20
  local redis
  redis=$(pgrep -f "redis-server.*6379" | head -1)
  mark "fault 3: Redis $redis stopped for 30 s"
  kill -STOP "$redis"
  sleep 30
  kill -CONT "$redis"
  mark "Redis resumed"
  sleep 15
  mark "fault 4: kill -9 the Celery worker holding report exports; started again"
  (set -a; . "$STACK_DIR/env"; set +a; "$ROOT/.venv/bin/python" manage.py queue_fault_work)
  kill -9 "$(cat "$STACK_DIR/worker.pid")"
  deploy/stack.sh start-worker
  log "faults done"
}

inject &
injector=$!
trap 'kill $injector 2>/dev/null || true' EXIT
status=0
deploy/load.sh --users "$users" --spawn-rate 10 --time 150s --name faults 2>&1 | tee "$STACK_DIR/load/faults.log" \
  || status=$?
wait "$injector" || true
"$ROOT/.venv/bin/python" deploy/load/windows.py "$STACK_DIR/load/faults/report_stats_history.csv" "$FAULTS" || true
log "waiting 60 s for the worker to finish what the killed one held, then checking"
sleep 60
(set -a; . "$STACK_DIR/env"; set +a; "$ROOT/.venv/bin/python" manage.py verify_exam_day \
  --client-log "$STACK_DIR/load/faults/client-log.jsonl") || status=1
exit "$status"
