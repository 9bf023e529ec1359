"""Figures and a one-file HTML report from a vtfsim results file (format version 2).

Entry points: scripts/plots.py (the figures) and scripts/report.py (the report). Modules:
results (open and validate a file), choice (which scenario, policy, State a figure shows),
style (colours, titles, source line), fig_* (one module per figure), catalog (the list of
figures), numbers (formatting shared with `vtfsim compare`), findings (the numbers vtfsim
computed once and stored in /findings: read, never re-derived), decision (/findings/decision and
/findings/first_page), data_behind, report_html (the report), first_page, scenario_tables,
report_css (its print style), cli.
Debian's Python only: /usr/bin/python3 with python3-xarray, python3-h5netcdf, python3-matplotlib.
"""
