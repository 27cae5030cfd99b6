"""Print the load test's figures per endpoint type from locust's stats CSV; exit 1 past the allowed errors.

summary.py report_stats.csv [max_errors]
"""

import csv
import json
import sys
from pathlib import Path


def main(path, max_errors=""):
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print(f"{'endpoint':<30} {'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7}")
    total = None
    for row in rows:
        if row["Name"] == "Aggregated":
            total = row
            continue
        print(_line(row["Name"], row))
    if total is None:
        print("no requests were made")
        return 1
    print(_line("all", total))
    errors = int(total["Failure Count"])
    pages = Path(path).parent / "error-pages.json"
    if pages.exists():
        seen = json.loads(pages.read_text())
        samples = seen.pop("samples of other", [])
        print("what people saw on failed requests: " + ", ".join(f"{key} {count}" for key, count in seen.items()))
        for sample in samples:
            print(f"  {sample}")
    exceptions = Path(path.replace("_stats.csv", "_exceptions.csv"))
    if exceptions.exists():
        with exceptions.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                print(f"load script error ({row['Count']}x): {row['Message']}")
                errors += int(row["Count"])
    if max_errors != "" and errors > int(max_errors):
        print(f"{errors} failed requests: more than the {max_errors} allowed")
        return 1
    return 0


def _line(name, row):
    return (
        f"{name[:30]:<30} {int(row['Request Count']):>9} {float(row['Requests/s']):>7.1f} {row['50%']:>7} "
        f"{row['95%']:>7} {row['99%']:>7} {int(row['Failure Count']):>7}"
    )


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
