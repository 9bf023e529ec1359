#!/usr/bin/python3
"""Scaffolding until vtfsim writes them itself (helper A, branch wip-decision): adds
/findings/decision and /findings/first_page, whichever is missing, in the shape of the shared
contract, to a copy of a results file, so that the report can be built and tested against that shape. The numbers are
computed from /outcomes as the contract defines them; the sentences are plain stand-ins.
Delete this file once vtfsim writes the two groups (then the tests use the real ones).

    decision_groups.py IN.h5 OUT.h5"""
import shutil
import sys

import h5py
import numpy as np

YEARS_OF = {2030: "completed_by_2030", 2035: "completed_by_2035"}
TOPICS = ["headline", "later", "spread", "choice", "money", "data", "gap", "for_whom"]
IGNORED = {"name", "vtf_annual_usd", "parameters_set", "policy"}


def text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def families(f):
    """{policy index: family name} for the fund policies, and the default family's name."""
    pol = f["policies"]
    columns = [c for c in pol if c not in IGNORED]
    sets = [text(s) for s in pol["parameters_set"][...]]
    n = len(f["policy"])
    key = {p: tuple(text(pol[c][p]) for c in columns) for p in range(1, n)}
    base = next((p for p in range(1, n) if sets[p].strip() == "vtf.annual_usd"), 1)
    out = {}
    for p, k in key.items():
        changed = [f"{c.removeprefix('vtf_').replace('_', ' ')}: {v}"
                   for c, v, b in zip(columns, k, key[base]) if v != b]
        out[p] = ", ".join(changed) if changed else "default rules"
    return out


def signed(x):  # questions/number_text.cpp's signed_number
    a = abs(x)
    return f"{x:+.{0 if a >= 100 else 1 if a >= 10 else 2}f}"


def paired(f, outcome):
    x = f["outcomes"][outcome][...].astype(float)  # [scenario, policy, replication]
    return x - x[:, :1, :]


def write(path):
    with h5py.File(path, "r+") as f:
        scenarios = [text(s) for s in f["scenario"][...]]
        policies = [text(p) for p in f["policy"][...]]
        sampled = f["scenarios/sampled"][...].astype(bool)
        s0 = int(np.flatnonzero(~sampled)[0])
        usd = f["policies/vtf_annual_usd"][...].astype(float)
        fam = families(f)
        counts = {name: sum(1 for v in fam.values() if v == name) for name in set(fam.values())}
        names = sorted(set(fam.values()), key=lambda n: (n != "default rules", n))
        options = sorted(fam, key=lambda p: (names.index(fam[p]), usd[p], p))
        real = f["findings"].get("decision")
        if real is not None:  # vtfsim's own: the first page speaks of its options and fund
            options = [policies.index(text(o)) for o in real["option"][...]]
        horizon = int(text(f.attrs["horizon_date"])[:4])
        years = [y for y in (2030, 2035) if y < horizon] + [horizon]
        outcome = {**YEARS_OF, horizon: "completed_by_horizon"}
        d = np.stack([paired(f, outcome[y])[:, options, :] for y in years], axis=2)
        r = d.shape[-1]
        mean = d.mean(axis=-1)
        half = 1.96 * d.std(axis=-1, ddof=1) / np.sqrt(r)
        q = {k: np.quantile(d, k / 100, axis=-1, method="inverted_cdf") for k in (10, 50, 90)}
        default = [p for p in options if fam[p] == "default rules"]
        if len(default) >= 2:
            gain = {p: mean[s0, options.index(p), 0] for p in default}
            largest = gain[default[-1]]
            chosen = next(p for p in default if gain[p] >= 0.9 * largest)
            reason = (f"the smallest fund of the default rules that brings 90% of the largest "
                      f"size's gain in States complete by 2030 in scenario {scenarios[s0]}")
            x_axis = "size"
        else:
            best = np.argmax(mean[~sampled, :, 0], axis=1)
            chosen = options[np.bincount(best, minlength=len(options)).argmax()]
            reason = "the policy that completes the most States by 2030 in most scenarios"
            x_axis = "size" if max(counts.values()) >= 2 else "policy"
        label = [f"${usd[p] / 1e6:.1f}M a year" if fam[p] == "default rules" else policies[p]
                 for p in options]
        if real is not None:
            chosen = policies.index(text(real.attrs["policy"]))
            reason = text(real.attrs["policy_reason"])
            label = [text(x) for x in real["label"][...]]
            write_first_page(f, scenarios[s0], policies, options, chosen, reason, label,
                             mean, q, d, horizon)
            return
        g = f["findings"].require_group("decision")
        g.attrs.update(scenario=scenarios[s0], policy=policies[chosen], policy_reason=reason,
                       x_axis=x_axis)
        g["option"] = np.array([policies[p] for p in options], dtype=h5py.string_dtype())
        g["year"] = np.array(years, dtype=np.int64)
        g["scenario"] = np.array(scenarios, dtype=h5py.string_dtype())
        for k in ("option", "year", "scenario"):
            g[k].make_scale(k)
        by_option = {"label": np.array(label, dtype=h5py.string_dtype()),
                     "size_usd_per_year": usd[options],
                     "family": np.array([fam[p] for p in options], dtype=h5py.string_dtype()),
                     "in_size_family": np.array([counts[fam[p]] >= 2 for p in options],
                                                dtype=np.uint8)}
        three = {"mean": mean, "ci_low": mean - half, "ci_high": mean + half,
                 "p10": q[10], "p50": q[50], "p90": q[90],
                 "share_at_least_one": (d >= 1).mean(axis=-1), "share_none": (d <= 0).mean(axis=-1)}
        money = {k: f["outcomes"][f"vtf_{k}"][...][:, options, :].mean(axis=-1)
                 for k in ("received_usd", "spent_usd", "admin_usd", "idle_usd")}
        with np.errstate(invalid="ignore", divide="ignore"):
            money["unused_share"] = money["idle_usd"] / money["received_usd"]
        for name, v in by_option.items():
            g[name] = v
            g[name].dims[0].attach_scale(g["option"])
        for name, v in three.items():
            g[name] = v
            for k, scale in enumerate(("scenario", "option", "year")):
                g[name].dims[k].attach_scale(g[scale])
        for name, v in money.items():
            g[name] = v
            for k, scale in enumerate(("scenario", "option")):
                g[name].dims[k].attach_scale(g[scale])
        write_first_page(f, scenarios[s0], policies, options, chosen, reason, label, mean, q, d,
                         horizon)


def write_first_page(f, scenario, policies, options, chosen, reason, label, mean, q, d,
                     horizon):
    if "first_page" in f["findings"]:
        return
    s0 = [text(s) for s in f["scenario"][...]].index(scenario)
    c = options.index(chosen)
    who = label[c]
    sentences = {
        "headline": f"With {who}, {signed(mean[s0, c, 0])} more States complete their "
                    f"clearance by 2030 than without a fund (scenario {scenario}).",
        "later": f"By 2035 {signed(mean[s0, c, 1])} more, by {horizon} "
                 f"{signed(mean[s0, c, -1])}.",
        "spread": f"Across the futures the gain by 2030 ranges from {q[10][s0, c, 0]:+.0f} to "
                  f"{q[90][s0, c, 0]:+.0f} States (10-90%); in "
                  f"{100 * (d[s0, c, 0] <= 0).mean():.0f}% of futures no extra State completes "
                  "by 2030.",
        "choice": f"{who} was chosen: {reason}.",
        "money": "The fund receives money from its contributors; part of it is left unused.",
        "data": "Most of the effect rests on States with weak data.",
        "gap": "The funding gap is larger than any fund size tried.",
        "for_whom": f"With {who}, some States become more likely to complete by 2030; other "
                    "eligible States still do not complete.",
    }
    p = f["findings"].require_group("first_page")
    p.attrs.update(scenario=scenario, policy=policies[chosen], policy_reason=reason,
                   statement="")
    p["topic"] = np.array(TOPICS, dtype=h5py.string_dtype())
    p["topic"].make_scale("topic")
    p["sentence"] = np.array([sentences[t] for t in TOPICS], dtype=h5py.string_dtype())
    p["sentence"].dims[0].attach_scale(p["topic"])


def main(argv):
    src, dst = argv
    shutil.copyfile(src, dst)
    write(dst)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
