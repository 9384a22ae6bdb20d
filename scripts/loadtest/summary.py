"""Print locust's aggregated results as a Markdown table (for docs/reliability.md)."""

import csv
import sys


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print("| request | count | failures | median ms | p95 ms | max ms | req/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        name = row["Name"] if row["Type"] != "" else "**all**"
        if row["Name"] == "Aggregated":
            name = "**all requests**"
        print(f"| {row['Type']} {name} | {row['Request Count']} | {row['Failure Count']} | "
              f"{row['50%']} | {row['95%']} | {float(row['Max Response Time']):.0f} | "
              f"{float(row['Requests/s']):.1f} |")


if __name__ == "__main__":
    main(sys.argv[1])
