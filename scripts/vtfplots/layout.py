"""The layout check of an open results file, the Python side of sim/results/results_schema.cpp:
every array the shape its coordinates imply, so that a damaged or hand-edited file is one clear
message (exit code 2) rather than a traceback or a figure of numbers that are not in the file."""
import h5py
import numpy as np

from .errors import InputError

STATISTICS = ("mean", "stderr", "ci_low", "ci_high", "p_better", "p_worse")
COORDINATES = ("scenario", "policy", "state")


def _is_scale(ds):
    return ds.attrs.get("CLASS", b"") in (b"DIMENSION_SCALE", "DIMENSION_SCALE")


def check_layout(f, path):
    """Raises InputError naming `path` and the first array whose shape is wrong."""
    def damaged(what):
        return InputError(f"{path}: a damaged results file: {what}")

    version = f.attrs.get("results_format_version")
    if not isinstance(version, (int, np.integer)) or np.ndim(version) != 0:
        raise damaged("the attribute results_format_version is not a single integer")
    n = {}
    for name in COORDINATES:
        if name not in f or not isinstance(f[name], h5py.Dataset) or f[name].ndim != 1:
            raise damaged(f"/{name} is missing or not a one-dimensional coordinate")
        n[name] = f[name].shape[0]
    S, P, E = n["scenario"], n["policy"], n["state"]

    def expect(name, shape):
        if name in f and tuple(f[name].shape) != tuple(shape):
            raise damaged(f"/{name} has shape {' x '.join(map(str, f[name].shape)) or 'a scalar'}"
                          f", but the coordinates give {' x '.join(map(str, shape))} (scenario "
                          f"{S}, policy {P}, state {E})")

    for name in ("scenarios/name", "scenarios/sampled"):
        expect(name, (S,))
    for name in ("policies/name", "policies/vtf_annual_usd", "policies/parameters_set"):
        expect(name, (P,))
    for name in ("state_iso3", "state_data_quality", "state_income_group", "state_ldc"):
        expect(name, (E,))
    replications = None
    for group, rank in (("outcomes", 3), ("outcomes_by_state", 4)):
        if group not in f:
            continue
        for name, ds in f[group].items():
            if not isinstance(ds, h5py.Dataset) or _is_scale(ds):
                continue
            if ds.ndim != rank:
                raise damaged(f"/{group}/{name} has {ds.ndim} dimensions, not {rank}")
            replications = ds.shape[2] if replications is None else replications
            expect(f"{group}/{name}", (S, P, replications) + ((E,) if rank == 4 else ()))
    if "comparison" in f:
        for name, item in f["comparison"].items():
            if isinstance(item, h5py.Dataset):
                if not _is_scale(item):
                    expect(f"comparison/{name}", (S, P))
                continue
            for statistic in STATISTICS:
                if statistic not in item:
                    raise damaged(f"no /comparison/{name}/{statistic}")
                expect(f"comparison/{name}/{statistic}", (S, P))
