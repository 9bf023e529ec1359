"""What a figure shows when the file holds many scenarios and policies: the scenario(s), the
fund policy compared with no fund, the State of the fan chart, the sensitivity outcomes."""
from dataclasses import dataclass, field

import numpy as np

from .errors import InputError


@dataclass
class Choice:
    scenario: int  # the scenario of single-scenario figures
    scenarios: list  # the scenarios drawn as lines in the figures against fund size
    policy: int  # the fund policy compared with no fund in the per-State and fan figures
    state: int  # the State of the fan chart
    outcomes: list = field(default_factory=list)  # sensitivity outcomes (empty: all)
    state_given: bool = False


def reference_policy(results):
    """The chosen fund of /findings/decision (the one the report and `vtfsim compare` speak
    of); in files without it the fund size of middle size (lower middle for an even count), a
    size, never a Terms of Reference variant (results.sizes())."""
    if results.has("findings/decision"):
        chosen = results.group("findings/decision").attrs.get("policy", "")
        if chosen in results.policies[1:]:
            return results.policies.index(chosen)
    by_size = results.sizes()
    if not by_size:
        raise InputError(f"{results.path}: no fund policy in this file (only no_fund), "
                         "nothing to compare")
    return by_size[(len(by_size) - 1) // 2]


def most_helped_state(results, scenario, policy):
    """The State whose chance of completing (at least once) by the horizon the fund raises
    most, the one that receives more fund money on a tie: where the fund's effect shows."""
    years = results.variable("outcomes_by_state", "first_completion_year",
                             "choosing the fan chart's State")
    done = np.isfinite(years.isel(scenario=scenario).values[[0, policy]])  # [2, rep, state]
    gain = done[1].mean(axis=0) - done[0].mean(axis=0)
    money = results.variable("outcomes_by_state", "vtf_received_usd",
                             "choosing the fan chart's State")
    received = np.nan_to_num(money.isel(scenario=scenario, policy=policy).values.mean(axis=0))
    return int(np.lexsort((-received, -np.round(gain, 6)))[0])


def resolve(results, scenarios=None, policy=None, state=None, outcomes=None):
    names = scenarios or []
    picked = [results.scenario_index(n) for n in names]
    if picked:
        lines = picked
    else:
        lines = list(range(len(results.scenarios)))
    named = results.named_scenarios()
    one = picked[0] if picked else (named[0] if named else 0)
    p = results.policy_index(policy) if policy else reference_policy(results)
    s = results.state_index(state) if state else most_helped_state(results, one, p)
    return Choice(scenario=one, scenarios=lines, policy=p, state=s, outcomes=list(outcomes or []),
                  state_given=bool(state))
