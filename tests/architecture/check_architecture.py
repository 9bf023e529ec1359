#!/usr/bin/python3
"""The architecture as a test (README.md, Layout): the rules a reviewer would otherwise have
to remember. Reads the sources only, so it needs no build.

    tests/architecture/check_architecture.py [--source DIR]

Prints every violation as `path:line: rule: detail`, grouped by rule, and exits 1 if there is
any. Rules:
  layers      sim/ includes nothing of models/, questions/, views/ or app/; each sim/ layer
              includes only itself and the layers before it; models/ nothing of questions/,
              views/ or app/; questions/ nothing of views/ or app/; views/ nothing of app/.
  domain      sim/ string literals and identifiers use no word of the domain (cpp_scan.py).
  app-size    app/ has fewer than 2,000 lines of C++ in all: it is the command-line grammar and
              what each command calls (the text forms of the results are views/).
  file-size   no source file (C++, Python, shell) of the project is over 500 lines.
  function    no C++ function body (top-level or namespace-level definition in a .cpp file) is
              over 80 lines, unless the comment just above it says why ("long because ...").
"""
import argparse
import collections
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import cpp_scan  # noqa: E402

SIM_LAYERS = ["stats", "engine", "study", "results", "analysis", "run"]
# Who may include whom, outside sim/ (sim/ itself is checked layer by layer).
FORBIDDEN_TOPS = {
    "sim": {"models", "questions", "views", "app"},
    "models": {"questions", "views", "app"},
    "questions": {"views", "app"},
    "views": {"app"},
}
PROJECT_TOPS = ["app", "views", "sim", "models", "questions", "bench", "scripts", "tests"]
SOURCE_SUFFIXES = {".cpp", ".hpp", ".h", ".py", ".sh"}
CPP_SUFFIXES = {".cpp", ".hpp", ".h"}
APP_MAX_LINES = 2000
FILE_MAX_LINES = 500
FUNCTION_MAX_LINES = 80

Violation = collections.namedtuple("Violation", "rule path line detail")


def files_under(root, top, suffixes):
    base = root / top
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob("*") if p.is_file() and p.suffix in suffixes)


def line_count(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def included_top(include, path, root):
    """The project folder an #include "..." names, and its path inside the project."""
    parts = pathlib.PurePosixPath(include).parts
    if parts and parts[0] in PROJECT_TOPS:
        return pathlib.PurePosixPath(include)
    resolved = (path.parent / include).resolve()
    try:
        return pathlib.PurePosixPath(resolved.relative_to(root).as_posix())
    except ValueError:
        return None  # outside the project: a system or library header


def check_layers(root):
    out = []
    for top, forbidden in FORBIDDEN_TOPS.items():
        for path in files_under(root, top, CPP_SUFFIXES):
            rel = path.relative_to(root)
            layer = rel.parts[1] if top == "sim" and len(rel.parts) > 2 else None
            for line, include in cpp_scan.includes(path.read_text(encoding="utf-8")):
                target = included_top(include, path, root)
                if target is None or not target.parts:
                    continue
                if target.parts[0] in forbidden:
                    out.append(Violation("layers", rel, line,
                                         f'{top}/ includes "{include}" ({target.parts[0]}/)'))
                elif top == "sim" and target.parts[0] == "sim" and layer in SIM_LAYERS:
                    out += check_sim_layer(rel, line, include, layer, target)
    return out


def check_sim_layer(rel, line, include, layer, target):
    other = target.parts[1] if len(target.parts) > 2 else None
    if other not in SIM_LAYERS:
        return [Violation("layers", rel, line, f'"{include}" is in no sim/ layer')]
    if SIM_LAYERS.index(other) > SIM_LAYERS.index(layer):
        return [Violation("layers", rel, line,
                          f'sim/{layer} includes "{include}": sim/{other} comes after it '
                          f"(order: {', '.join(SIM_LAYERS)})")]
    return []


def check_domain_words(root):
    out = []
    for path in files_under(root, "sim", CPP_SUFFIXES):
        rel = path.relative_to(root)
        for line, kind, token, word in cpp_scan.domain_words(path.read_text(encoding="utf-8")):
            if cpp_scan.allowed_domain_word(rel.as_posix(), word):
                continue
            out.append(Violation("domain", rel, line, f'{kind} "{token}" has the domain word '
                                                      f'"{word}"'))
    return out


def check_app_size(root):
    files = files_under(root, "app", CPP_SUFFIXES)
    total = sum(line_count(p) for p in files)
    if total < APP_MAX_LINES:
        return []
    largest = sorted(files, key=line_count, reverse=True)[:5]
    detail = ", ".join(f"{p.name} {line_count(p)}" for p in largest)
    return [Violation("app-size", pathlib.PurePosixPath("app"), 0,
                      f"{total} lines of C++ (must be under {APP_MAX_LINES}); largest: {detail}")]


def check_file_sizes(root):
    out = []
    for top in PROJECT_TOPS:
        for path in files_under(root, top, SOURCE_SUFFIXES):
            n = line_count(path)
            if n > FILE_MAX_LINES:
                out.append(Violation("file-size", path.relative_to(root), 0,
                                     f"{n} lines (at most {FILE_MAX_LINES})"))
    return out


def check_function_lengths(root):
    out = []
    for top in PROJECT_TOPS:
        for path in files_under(root, top, {".cpp"}):
            text = path.read_text(encoding="utf-8")
            for f in cpp_scan.functions(text):
                if f.body_lines > FUNCTION_MAX_LINES and not f.explained:
                    out.append(Violation(
                        "function", path.relative_to(root), f.line,
                        f"{f.name}: body of {f.body_lines} lines (at most {FUNCTION_MAX_LINES}, "
                        'or say why in a comment just above: "long because ...")'))
    return out


CHECKS = [check_layers, check_domain_words, check_app_size, check_file_sizes,
          check_function_lengths]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=pathlib.Path(__file__).resolve().parents[2],
                        type=pathlib.Path, help="the project's source directory")
    args = parser.parse_args()
    root = args.source.resolve()
    violations = [v for check in CHECKS for v in check(root)]
    by_rule = collections.defaultdict(list)
    for v in violations:
        by_rule[v.rule].append(v)
    for rule, items in by_rule.items():
        print(f"== {rule}: {len(items)} violation(s)")
        for v in sorted(items, key=lambda v: (str(v.path), v.line)):
            where = f"{v.path}:{v.line}" if v.line else f"{v.path}"
            print(f"{where}: {rule}: {v.detail}")
    if violations:
        print(f"\n{len(violations)} architecture violation(s)")
        return 1
    print("architecture: no violations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
