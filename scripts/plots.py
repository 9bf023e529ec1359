#!/usr/bin/python3
"""Standard figures of a vtfsim results file: `scripts/plots.py OUT.h5 -o DIR` (see --help)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vtfplots.cli import plots_main, run  # noqa: E402

if __name__ == "__main__":
    sys.exit(run(plots_main, sys.argv[1:], "plots.py"))
