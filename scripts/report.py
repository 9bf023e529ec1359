#!/usr/bin/python3
"""One-file HTML report of a vtfsim results file: `scripts/report.py OUT.h5 -o REPORT.html`."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vtfplots.cli import report_main, run  # noqa: E402

if __name__ == "__main__":
    sys.exit(run(report_main, sys.argv[1:], "report.py"))
