"""The two expected kinds of failure, each with its exit code (the project's convention)."""
import difflib


class InputError(Exception):
    """Bad usage or input (not a results file, unknown name...): exit code 2."""

    exit_code = 2


class OutputError(Exception):
    """The output cannot be written (I/O): exit code 1, like `vtfsim run`."""

    exit_code = 1


def closest(name, candidates):
    """The candidate most like `name` (case-insensitive), or None if nothing is close."""
    lowered = {c.lower(): c for c in candidates}
    hits = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[hits[0]] if hits else None


def unknown_name(what, name, candidates, where):
    """An InputError for a name that is not in the file, with the closest valid name."""
    near = closest(name, candidates)
    if near is not None:
        hint = f'; did you mean "{near}"?'
    elif len(candidates) <= 12:
        hint = "; it has: " + ", ".join(candidates)
    else:
        hint = f"; it has {len(candidates)}, e.g. " + ", ".join(candidates[:6])
    return InputError(f'{where}: no {what} named "{name}"{hint}')
