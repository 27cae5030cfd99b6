#!/usr/bin/env bash
# Capacity figures of the running stack (README, "Exam day"), each in its own bounded run:
# the logged-in course page against the bare Django view served by the same gunicorn, and the start-bell
# login rush (logins per second). Prints the figures; the runs' reports are under $STACK_DIR/load/.
#
#   deploy/capacity.sh [--users N] [--time 30s]
set -euo pipefail
cd "$(dirname "$0")/.."
users=20 duration=30s
while [ $# -gt 0 ]; do
  case $1 in --users) users=$2; shift 2 ;; --time) duration=$2; shift 2 ;; *) exit 2 ;; esac
done
rate_of() {  # rate_of <run name> <request name>
  awk -F, -v name="$2" 'NR > 1 && $2 == name { print $10 }' "${STACK_DIR:-var/stack}/load/$1/report_stats.csv"
}
for kind in bare course login; do
  LOAD_OFFICIAL_WEIGHT=0 LOAD_MANAGER_WEIGHT=0 LOAD_VISITOR_WEIGHT=0 LOAD_PROBE_WEIGHT=1 LOAD_PROBE=$kind \
    deploy/load.sh --users "$users" --spawn-rate "$users" --time "$duration" --name "probe-$kind" > /dev/null 2>&1 || true
done
bare=$(rate_of probe-bare "bare Django view")
course=$(rate_of probe-course "course page (logged in)")
logins=$(rate_of probe-login "login")
echo "bare Django view:          ${bare} req/s"
echo "logged-in course page:     ${course} req/s ($(awk -v a="$course" -v b="$bare" 'BEGIN { printf "%.0f", 100 * a / b }') % of the bare view)"
echo "start-bell rush:           ${logins} logins/s"
