"""Failed requests per fault window of a fault run, from locust's stats history and the faults' times.

windows.py report_stats_history.csv faults.txt     (faults.txt: "<epoch seconds> <what>" per line)
"""

import csv
import sys


def main(history_path, faults_path):
    with open(history_path, encoding="utf-8") as handle:
        totals = [
            (int(row["Timestamp"]), int(row["Total Request Count"]), int(row["Total Failure Count"]))
            for row in csv.DictReader(handle)
            if row["Name"] == "Aggregated"
        ]
    with open(faults_path, encoding="utf-8") as handle:
        faults = [(int(line.split(" ", 1)[0]), line.split(" ", 1)[1].strip()) for line in handle if line.strip()]
    if not totals:
        return 1
    marks = [(totals[0][0], "before the first fault")] + faults + [(totals[-1][0] + 1, "end")]

    def at(moment):
        seen = [row for row in totals if row[0] <= moment]
        return seen[-1] if seen else (moment, 0, 0)

    print(f"{'window':<62} {'requests':>9} {'failed':>7}")
    for (start, what), (end, _next) in zip(marks, marks[1:], strict=False):
        _t0, requests0, failures0 = at(start)
        _t1, requests1, failures1 = at(end)
        print(f"{what[:62]:<62} {requests1 - requests0:>9} {failures1 - failures0:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
