"""What every end-to-end case uses: the shared fixture's name, the outcomes and attributes a
results file must hold, the exit codes, the per-case Context that runs vtfsim, the checks of an
error message, and the registry of cases (e2e.py runs them)."""
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
BAD_DIR = HERE / "bad"

# The shared results file: written by the fixture case run/quick, read by the cases that need it.
QUICK_FIXTURE = "run/quick"

# MODEL.md section 7: the outcomes every results file holds, by name.
OUTCOMES = [
    "completed_by_2030", "completed_by_2035", "completed_by_horizon", "completed_on_time",
    "extension_requests", "extension_years_granted", "breach_state_years", "reopenings",
    "left_behind", "last_completion_year", "area_released_km2", "area_remaining_km2",
    "vtf_received_usd", "vtf_admin_usd", "vtf_granted_usd", "vtf_disbursed_usd",
    "vtf_returned_usd", "vtf_idle_usd", "intl_support_usd",
    "vtf_calls", "vtf_calls_short", "vtf_eligible_state_years", "vtf_applications",
    "vtf_grants_made", "vtf_requested_usd", "vtf_refused_usd", "vtf_spent_usd",
    "intl_crowded_out_usd",
]
OUTCOMES_BY_STATE = [
    "completion_year", "extension_requests", "vtf_received_usd", "area_released_km2",
    "breach_months", "intl_crowded_out_usd",
]
# INTERFACE.md "The results file": the root attributes of every results file.
PROVENANCE = [
    "vtfsim_version", "git_commit", "created_utc", "command_line", "seed", "replications",
    "scenario_toml", "model_spec_version",
]
# Two-sided 95% Student t critical value t(0.975; df): 1.984 in printed tables; to full
# precision by the series of Abramowitz and Stegun 26.7.3 (odd df) in 50-digit arithmetic.
T_975 = {99: 1.9842169515864175}

# Exit codes of INTERFACE.md and the project's guide.
EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 75


class Failure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Context:
    def __init__(self, vtfsim, source, work, case):
        self.vtfsim = str(Path(vtfsim).resolve())
        self.source = Path(source).resolve()
        self.work_root = Path(work).resolve()
        # A fresh, empty directory per case, so that "nothing was written" can be checked.
        self.dir = self.work_root / case.replace("/", "_")
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.quick_toml = self.source / "scenarios" / "quick.toml"

    @property
    def quick_h5(self):
        return self.work_root / QUICK_FIXTURE.replace("/", "_") / "quick.h5"

    def run(self, *args, cwd=None, timeout=300):
        """Runs vtfsim; returns (exit code, stdout, stderr)."""
        cmd = [self.vtfsim, *map(str, args)]
        p = subprocess.run(cmd, cwd=cwd or self.dir, capture_output=True, text=True,
                           timeout=timeout)
        print(f"$ {' '.join(cmd)}\n  -> exit {p.returncode}")
        if p.stderr:
            print("  stderr: " + p.stderr.strip().replace("\n", "\n          ")[:3000])
        return p.returncode, p.stdout, p.stderr


def listing(directory):
    return sorted(str(p.relative_to(directory)) for p in Path(directory).rglob("*"))


def expect_error(code, err, expected_code, *parts, out=None):
    """One clear message on stderr: a single line "vtfsim: error: ..." (or "failed:" for a runtime
    failure) holding every one of `parts`; nothing on stdout."""
    check(code == expected_code, f"exit code {code}, expected {expected_code}")
    lines = [line for line in err.splitlines() if line.strip()]
    word = "error" if expected_code == EXIT_BAD_INPUT else "failed"
    check(len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {err!r}")
    check(lines[0].startswith(f"vtfsim: {word}: "),
          f"the message should start with 'vtfsim: {word}: ': {lines[0]!r}")
    for part in parts:
        check(part in lines[0], f"the message should contain {part!r}: {lines[0]!r}")
    if out is not None:
        check(out == "", f"nothing should be printed on stdout, got {out[:500]!r}")


def expect_nothing_written(directory, before=()):
    now = listing(directory)
    check(now == sorted(before), f"files appeared in {directory}: {sorted(set(now) - set(before))}")


# Cases are registered with a name and whether they create or need the shared results file.

CASES = {}


def case(name, fixture=None):
    def register(f):
        CASES[name] = (f, fixture)
        return f
    return register
