"""Command lines of scripts/plots.py and scripts/report.py: argument parsing, and one clear
message and exit code for every expected error (2 bad input, 1 cannot write), no traceback."""
import argparse
import os
import sys

from . import catalog, decision, findings
from .choice import resolve
from .errors import InputError, OutputError
from .results import Results

EPILOG = ("Exit codes: 0 success, 1 the output cannot be written, 2 bad usage or input "
          "(not a vtfsim results file, another format version, an unknown name). "
          "Documentation: README.md, docs/results-format.md.")


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise InputError(f"{self.prog}: {message} (try --help)")


def add_choice_options(parser):
    parser.add_argument("--scenario", action="append", metavar="NAME",
                        help="scenario of the single-scenario figures (the first named one by "
                             "default); repeat it to limit the lines of the figures against "
                             "fund size to these scenarios")
    parser.add_argument("--policy", metavar="NAME",
                        help="fund policy compared with no fund in the per-State and fan "
                             "figures (default: the middle fund size)")
    parser.add_argument("--state", metavar="NAME",
                        help="State of the fan chart, by name or ISO3 code (default: the State "
                             "that receives the most fund money)")
    parser.add_argument("--outcome", action="append", metavar="NAME",
                        help="sensitivity outcome to draw (repeatable; default: all in "
                             "/sensitivity)")


def open_results(args, needs_findings=False):
    results = Results(args.file)
    policy = args.policy
    if needs_findings:  # the report states the numbers vtfsim stored (/findings)
        findings.require(results)
        decision.require(results)
        policy = policy or decision.read(results).policy  # the fund the first page speaks of
    choice = resolve(results, args.scenario, policy, args.state, args.outcome)
    return results, choice


def make_dir(path):
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot create the output directory {path}: "
                          f"{e.strerror or e}") from None
    if not os.access(path, os.W_OK):
        raise OutputError(f"cannot write in the output directory {path}: permission denied")


def run(main, argv, prog):
    try:
        return main(argv)
    except (InputError, OutputError) as e:
        print(f"{prog}: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 75


def plots_main(argv):
    parser = Parser(prog="plots.py", description="Draw the standard figures of a vtfsim "
                    "results file, each as PNG (and SVG with --svg).", epilog=EPILOG)
    parser.add_argument("file", metavar="OUT.h5", help="results file of `vtfsim run`")
    parser.add_argument("-o", "--output", metavar="DIR", help="directory for the figures "
                        "(created if missing)")
    parser.add_argument("--figure", action="append", choices=catalog.NAMES, metavar="NAME",
                        help="draw only this figure (repeatable): " + ", ".join(catalog.NAMES))
    parser.add_argument("--svg", action="store_true", help="also write each figure as SVG")
    parser.add_argument("--list", action="store_true", help="list the figures and exit")
    add_choice_options(parser)
    if "--list" in argv:
        for name in catalog.NAMES:
            m = catalog.by_name(name)
            print(f"{m.NAME:14} {m.TITLE} (from {', '.join(m.NEEDS)})")
        return 0
    args = parser.parse_args(argv)
    if not args.output:
        raise InputError("plots.py: -o DIR is required (where to write the figures)")
    results, choice = open_results(args)
    from . import style  # matplotlib: only once the input is known to be good

    wanted = args.figure or catalog.NAMES
    make_dir(args.output)
    for name in wanted:
        module = catalog.by_name(name)
        if not catalog.available(module, results):
            why = (module.missing(results) if hasattr(module, "missing")
                   else f"{results.file_name} has no /{name} group")
            if args.figure and hasattr(module, "load"):
                module.load(results, choice.outcomes)  # raises the reason as an InputError
            if args.figure:
                raise InputError(why)
            print(f"{name}: skipped, {why}")
            continue
        fig = module.build(results, choice)
        try:
            for fmt in ["png"] + (["svg"] if args.svg else []):
                path = os.path.join(args.output, f"{name}.{fmt}")
                style.save(fig, path, fmt)
                print(path)
        finally:
            style.close(fig)
    results.close()
    return 0


def report_main(argv):
    parser = Parser(prog="report.py", description="Write a self-contained HTML report of a "
                    "vtfsim results file (figures embedded, no network access needed).",
                    epilog=EPILOG)
    parser.add_argument("file", metavar="OUT.h5", help="results file of `vtfsim run`")
    parser.add_argument("-o", "--output", metavar="REPORT.html", required=True,
                        help="the HTML file to write")
    add_choice_options(parser)
    args = parser.parse_args(argv)
    results, choice = open_results(args, needs_findings=True)
    parent = os.path.dirname(os.path.abspath(args.output))
    if not os.path.isdir(parent):
        raise OutputError(f"cannot write {args.output}: the directory {parent} does not exist")
    from . import report_html, scenario_tables  # matplotlib: once the input is known to be good

    csv_path = os.path.splitext(args.output)[0] + "_tables.csv"
    html = report_html.render(results, choice, os.path.basename(csv_path))
    try:
        scenario_tables.write_csv(results, csv_path)
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(html)
    except OSError as e:
        raise OutputError(f"cannot write {args.output}: {e.strerror or e}") from None
    results.close()
    print(args.output)
    return 0
