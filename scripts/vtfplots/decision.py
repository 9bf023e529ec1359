"""The decision vtfsim computed once (/findings/decision: the fund options, the paired
difference in States complete at 31 December of 2030, 2035 and the horizon, its spread across
futures, the fund's money) and the first page's sentences (/findings/first_page), read as they
are stored: the report states these numbers and words, never its own."""
from dataclasses import dataclass

import h5py
import numpy as np

from .errors import InputError

GROUPS = ("findings/decision", "findings/first_page")
BY_YEAR = ("mean", "ci_low", "ci_high", "p10", "p50", "p90", "share_at_least_one", "share_none")
MONEY = ("received_usd", "spent_usd", "admin_usd", "idle_usd", "unused_share")


def _text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


@dataclass
class Decision:
    scenario: str  # the named scenario the first page speaks of
    policy: str  # the chosen fund policy
    policy_reason: str
    x_axis: str  # 'size' or 'policy'
    options: list  # fund policy names, in the order drawn
    labels: list
    families: list
    in_size_family: list
    years: list
    scenarios: list
    by_year: dict  # name -> [scenario, option, year]
    money: dict  # name -> [scenario, option]
    topics: list
    sentences: list

    def s(self, scenario=None):
        return self.scenarios.index(scenario or self.scenario)

    def o(self, policy=None):
        return self.options.index(policy or self.policy)

    def label(self, policy=None):
        return self.labels[self.o(policy)]

    def value(self, name, year, scenario=None, policy=None):
        return float(self.by_year[name][self.s(scenario), self.o(policy),
                                        self.years.index(year)])

    def sentence(self, topic):
        return self.sentences[self.topics.index(topic)] if topic in self.topics else ""


def available(results):
    return all(results.has(g) for g in GROUPS)


def require(results):
    missing = [g for g in GROUPS if not results.has(g)]
    if missing:
        raise InputError(f"{results.path}: no /{missing[0]} (the decision vtfsim stores at the "
                         "end of a run): the file was written by an older vtfsim; run the study "
                         "again, or merge its shards, with this vtfsim to report on it")


def read(results):
    require(results)
    with h5py.File(results.path, "r") as f:
        d, p = f["findings/decision"], f["findings/first_page"]

        def strings(ds):
            return [_text(x) for x in ds[...]]

        return Decision(
            scenario=_text(d.attrs["scenario"]), policy=_text(d.attrs["policy"]),
            policy_reason=_text(d.attrs["policy_reason"]), x_axis=_text(d.attrs["x_axis"]),
            options=strings(d["option"]), labels=strings(d["label"]),
            families=strings(d["family"]),
            in_size_family=[bool(x) for x in d["in_size_family"][...]],
            years=[int(y) for y in d["year"][...]], scenarios=strings(d["scenario"]),
            by_year={k: np.asarray(d[k][...], dtype=float) for k in BY_YEAR},
            money={k: np.asarray(d[k][...], dtype=float) for k in MONEY},
            topics=strings(p["topic"]), sentences=strings(p["sentence"]))
