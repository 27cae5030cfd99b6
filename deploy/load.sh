#!/usr/bin/env bash
# The exam-day load test (README, "Exam day"): locust headless against the running stack (deploy/stack.sh),
# for a bounded time, then the verifier on the stack's database. Exit status 1 if the verifier finds a lost,
# duplicated or wrongly scored attempt, or if LOAD_MAX_ERRORS (default: no limit) requests failed.
#
#   deploy/load.sh [--users N] [--spawn-rate R] [--time 10m] [--name exam]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
STACK_DIR=${STACK_DIR:-$ROOT/var/stack}
NGINX_PORT=${NGINX_PORT:-8443}
users=200 rate=20 duration=2m name=exam
while [ $# -gt 0 ]; do
  case $1 in
    --users) users=$2; shift 2 ;;
    --spawn-rate) rate=$2; shift 2 ;;
    --time) duration=$2; shift 2 ;;
    --name) name=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$STACK_DIR/gunicorn.pid" ] || { echo "the stack does not run: make stack" >&2; exit 1; }
out=$STACK_DIR/load/$name
mkdir -p "$out"
rm -f "$out/client-log.jsonl"
export LOAD_TARGETS=$STACK_DIR/targets.json LOAD_ACCOUNTS=$STACK_DIR/officials.csv LOAD_CLIENT_LOG=$out/client-log.jsonl
(set -a; . "$STACK_DIR/env"; set +a; "$PY" manage.py verify_exam_day --reset)
echo "== load: $users users (spawn $rate/s) for $duration against https://127.0.0.1:$NGINX_PORT/"
status=0
"$ROOT/.venv/bin/locust" -f deploy/load/locustfile.py --headless --only-summary \
  --users "$users" --spawn-rate "$rate" --run-time "$duration" --stop-timeout 30 \
  --host "https://127.0.0.1:$NGINX_PORT" --csv "$out/report" --html "$out/report.html" \
  --exit-code-on-error 0 || status=$?
[ "$status" -le 1 ] || exit "$status"
"$PY" deploy/load/summary.py "$out/report_stats.csv" "${LOAD_MAX_ERRORS:-}" || status=1
echo "== verifier"
(
  set -a; . "$STACK_DIR/env"; set +a
  "$PY" manage.py verify_exam_day --client-log "$out/client-log.jsonl"
) || status=1
echo "report: $out/report.html, $out/report_stats.csv"
exit "$status"
