"""Per-State statistics shared by the per-State figure and the report's table; the medians and
shares follow `vtfsim compare --by-state` (questions/state_outcomes.cpp) exactly."""
import numpy as np


def first_completion(results, scenario, policy):
    """[replication, state] first completion year, +inf where the State never completed."""
    years = results.variable("outcomes_by_state", "first_completion_year",
                             "the per-State completion years")
    x = years.isel(scenario=scenario, policy=policy).values.astype(float)
    return np.where(np.isnan(x), np.inf, x)


def order_statistic(x, q):
    """The order statistic of rank ceil(q n) - 1 along axis 0 (for q = 0.5 the lower median
    that `vtfsim compare --by-state` prints); +inf stays +inf."""
    return np.quantile(x, q, axis=0, method="inverted_cdf")


def state_table(results, scenario, policy):
    """One dict per State: medians, shares done by 2030 and by the horizon, fund money."""
    y0 = first_completion(results, scenario, 0)
    y1 = first_completion(results, scenario, policy)
    money = results.variable("outcomes_by_state", "vtf_received_usd", "the per-State table")
    received = money.isel(scenario=scenario, policy=policy).values.mean(axis=0)
    done = results.variable("outcomes_by_state", "completion_year", "the per-State table")
    at_h0 = np.isfinite(done.isel(scenario=scenario, policy=0).values).mean(axis=0)
    at_h1 = np.isfinite(done.isel(scenario=scenario, policy=policy).values).mean(axis=0)
    m0, m1 = order_statistic(y0, 0.5), order_statistic(y1, 0.5)
    rows = []
    for i, state in enumerate(results.states):
        rows.append({
            "state": state, "iso3": results.iso3[i], "ldc": results.ldc[i],
            "median_no_fund": m0[i], "median_fund": m1[i],
            "p2030_no_fund": float(np.mean(y0[:, i] <= 2030)),
            "p2030_fund": float(np.mean(y1[:, i] <= 2030)),
            "p_horizon_no_fund": float(at_h0[i]), "p_horizon_fund": float(at_h1[i]),
            "received_usd": float(received[i]),
        })
    return rows


def order(rows):
    """Earliest median completion (no fund, then fund) first; never-completing States last,
    those with the better chance of completing first."""
    return sorted(range(len(rows)), key=lambda i: (rows[i]["median_no_fund"],
                                                   rows[i]["median_fund"],
                                                   -rows[i]["p_horizon_fund"], rows[i]["state"]))
