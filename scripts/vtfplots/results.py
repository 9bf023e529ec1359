"""Opening a vtfsim results file: checks that it is one (format version 2), then reads it
through xarray, one group at a time. Every expected problem is an InputError with one clear
message; docs/results-format.md describes the layout relied on here."""
import csv
import os
import tomllib
from pathlib import Path

import h5py
import numpy as np


from .errors import InputError, unknown_name
from .layout import check_layout

FORMAT_VERSION = 2
REPO = Path(__file__).resolve().parents[2]
STATE_DATA = REPO / "models" / "data" / "states_parties.csv"
DATA_SOURCE = "Landmine Monitor / Mine Action Review via models/data"


def _text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def _check_file(path):
    """The checks `vtfsim info` makes, with the same wording; returns the root attributes."""
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file")
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, not a vtfsim results file")
    try:
        if not h5py.is_hdf5(path):
            raise InputError(f"{path}: not a vtfsim results file (not an HDF5 file)")
        with h5py.File(path, "r") as f:
            attrs = {k: f.attrs[k] for k in f.attrs}
            if "results_format_version" not in attrs:
                raise InputError(
                    f"{path}: not a vtfsim results file (no results_format_version attribute)")
            version_attribute = attrs["results_format_version"]
            if not isinstance(version_attribute, (int, np.integer)):
                raise InputError(f"{path}: a damaged results file: the attribute "
                                 "results_format_version is not a single integer")
            version = int(np.asarray(version_attribute).item())
            if version != FORMAT_VERSION:
                # The wording of `vtfsim info` (sim/results/results_reading.cpp).
                hint = (f"re-run, or `vtfsim upgrade {path}`" if version < FORMAT_VERSION
                        else "read it with the newer vtfsim that wrote it")
                raise InputError(f"{path}: results format version {version}; "
                                 f"these scripts read version {FORMAT_VERSION}: {hint}")
            if "comparison" not in f:
                raise InputError(f"{path}: an incomplete vtfsim results file (no /comparison: "
                                 "the run that wrote it did not finish)")
            for name in ("scenario", "policy", "state", "state_iso3", "year",
                         "policies/vtf_annual_usd", "outcomes", "outcomes_by_state",
                         "trajectories"):
                if name not in f:
                    raise InputError(f"{path}: not a complete vtfsim results file (no /{name})")
            check_layout(f, path)
    except OSError as e:
        raise InputError(f"{path}: cannot read it as a vtfsim results file ({e})") from None
    return {k: (_text(v) if isinstance(v, (bytes, str)) else np.asarray(v).item())
            for k, v in attrs.items()}


def size_words(usd):
    """'$10M a year', '$500k a year'."""
    return f"${usd / 1e6:g}M a year" if usd >= 1e6 else f"${usd / 1e3:g}k a year"


class Results:
    """One results file: its provenance, labels and groups (xarray Datasets, opened lazily)."""

    def __init__(self, path):
        self.path = str(path)
        self.attrs = _check_file(self.path)
        self.file_name = os.path.basename(self.path)
        self._groups = {}
        root = self.group("")
        self.scenarios = [_text(s) for s in root["scenario"].values]
        self.policies = [_text(p) for p in root["policy"].values]
        self.states = [_text(s) for s in root["state"].values]
        self.iso3 = [_text(s) for s in root["state_iso3"].values]
        self.years = root["year"].values.astype(int)
        self.fund_usd = self.group("policies")["vtf_annual_usd"].values.astype(float)
        scenarios = self.group("scenarios") if self.has("scenarios") else None
        if scenarios is not None and "sampled" in scenarios:
            self.sampled = scenarios["sampled"].values.astype(bool)
        else:
            self.sampled = np.zeros(len(self.scenarios), dtype=bool)
        self.replications = int(self.group("outcomes").sizes.get("replication", 0))
        self.ldc = self._ldc_status()

    # --- groups and datasets ---------------------------------------------------------------
    def has(self, name):
        with h5py.File(self.path, "r") as f:
            return name in f

    def group(self, name):
        if name not in self._groups:
            import xarray as xr  # after the checks: bad input is reported at once

            try:
                self._groups[name] = xr.open_dataset(self.path, engine="h5netcdf",
                                                     group=name or None)
            except OSError as e:
                raise InputError(f"{self.path}: cannot read /{name} ({e})") from None
        return self._groups[name]

    def variable(self, group, name, needed_for):
        """A dataset of a group, or an InputError naming what needed it."""
        if not self.has(group):
            raise InputError(f"{self.path}: no /{group} group (needed for {needed_for})")
        ds = self.group(group)
        if name not in ds.data_vars:
            near = unknown_name("dataset", name, list(ds.data_vars), f"{self.path}: /{group}")
            raise InputError(f"{near} (needed for {needed_for})")
        return ds[name]

    def comparison(self, outcome):
        """The /comparison/<outcome> group (mean, ci_low, ci_high, ... [scenario, policy])."""
        with h5py.File(self.path, "r") as f:
            names = [k for k in f["comparison"] if isinstance(f["comparison"][k], h5py.Group)]
        if outcome not in names:
            raise unknown_name("outcome", outcome, names, f"{self.path}: /comparison")
        return self.group(f"comparison/{outcome}")

    def comparison_outcomes(self):
        with h5py.File(self.path, "r") as f:
            return [k for k in f["comparison"] if isinstance(f["comparison"][k], h5py.Group)]

    def cost_per_completion(self):
        ds = self.group("comparison")
        if "cost_per_additional_completion_usd" not in ds:
            return np.full((len(self.scenarios), len(self.policies)), np.nan)
        return ds["cost_per_additional_completion_usd"].values

    def close(self):
        for ds in self._groups.values():
            ds.close()
        self._groups.clear()

    # --- labels ----------------------------------------------------------------------------
    @property
    def horizon(self):
        return int(str(self.attrs.get("horizon_date", self.years[-1]))[:4])

    @property
    def start(self):
        return int(str(self.attrs.get("start_date", self.years[0]))[:4])

    def fund_policies(self):
        """Indices of the fund policies (every policy but no_fund, which is index 0)."""
        return list(range(1, len(self.policies)))

    def named_scenarios(self):
        return [s for s in range(len(self.scenarios)) if not self.sampled[s]]

    def sizes(self):
        """The fund sizes' policy indices, smallest first (findings.sizes: /findings/sizes, or
        every fund policy in files without it)."""
        if "_sizes" not in self.__dict__:
            from . import findings

            self._sizes = findings.sizes(self)
        return self._sizes

    def fund_label(self, p):
        """The option's words (options.label): '$10M a year' for a size of the default rules,
        else the size and its family, or the study's policy name; never a parameter string."""
        from . import options

        return options.label(self, p)

    def varying_levers(self):
        """/policies columns other than the fund size whose value differs between fund
        policies (e.g. vtf_allocation in a grid of sizes x allocation rules)."""
        design = self.group("policies")
        funds = self.fund_policies()
        return [c for c in design.data_vars
                if c not in ("name", "vtf_annual_usd", "vtf_enabled", "policy")
                and len({str(design[c].values[p]) for p in funds}) > 1]

    def source_line(self):
        a = self.attrs
        return (f"Source: vtfsim {a.get('vtfsim_version', '?')} "
                f"(commit {a.get('git_commit', '?')}), "
                f"{self.replications} replications, seed {a.get('seed', '?')}, "
                f"file {self.file_name}; data: {DATA_SOURCE}")

    def study_title(self):
        return self.attrs.get("study_title") or self.attrs.get("study_name") or self.file_name

    # --- States: LDC status from /state_ldc (files of older builds: the reference data) -----
    def _ldc_status(self):
        """LDC flag per State: the file's /state_ldc; in files written before it existed, from
        models/data/states_parties.csv with the scenario file's [states.<name or ISO3>]
        overrides; None where unknown."""
        with h5py.File(self.path, "r") as f:
            if "state_ldc" in f:
                return [bool(v) for v in f["state_ldc"][...]]
        flags = {}
        if STATE_DATA.exists():
            with open(STATE_DATA, newline="", encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    flags[row["iso3"]] = row["ldc"].strip() not in ("", "0")
        try:
            overrides = tomllib.loads(self.attrs.get("scenario_toml", "")).get("states", {})
        except tomllib.TOMLDecodeError:
            overrides = {}
        for key, fields in overrides.items():
            if isinstance(fields, dict) and "ldc" in fields:
                for i, (name, code) in enumerate(zip(self.states, self.iso3)):
                    if key in (name, code):
                        flags[code] = bool(fields["ldc"])
        return [flags.get(code) for code in self.iso3]

    def state_index(self, name):
        for i, (s, code) in enumerate(zip(self.states, self.iso3)):
            if name.lower() in (s.lower(), code.lower()):
                return i
        raise unknown_name("State", name, self.states + self.iso3, self.path)

    def scenario_index(self, name):
        if name in self.scenarios:
            return self.scenarios.index(name)
        raise unknown_name("scenario", name, self.scenarios, self.path)

    def policy_index(self, name, fund_only=True):
        candidates = self.policies[1:] if fund_only else self.policies
        if name in candidates:
            return self.policies.index(name)
        raise unknown_name("fund policy", name, candidates, self.path)
