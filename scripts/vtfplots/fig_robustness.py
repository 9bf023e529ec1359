"""Robustness of each policy across the scenarios (/robustness): its regret in States complete
at the end of 2030 in each named scenario and at worst over all of them, and, when the study
names targets, the share of scenarios in which it meets each."""
import numpy as np

from . import options, style

NAME = "robustness"
TITLE = "How each policy holds up across scenarios"
NEEDS = ("/robustness/completed_by_2030",)
OUTCOME = "completed_by_2030"  # the fund's scope: completion within 1-5 years


def available(results):
    return results.has(f"robustness/{OUTCOME}")


def missing(results):
    return f"{results.file_name} has no /robustness/{OUTCOME}"


def rows(results):
    """Policies in the order drawn: no fund, then the options."""
    return [0] + [o.policy for o in options.options(results)]


def _heatmap(ax, values, text, row_labels, col_labels, cmap, vmax):
    ax.imshow(values, cmap=cmap, vmin=0, vmax=vmax, aspect="auto")
    for (r, c), t in np.ndenumerate(text):
        shade = values[r, c] / vmax if vmax > 0 and np.isfinite(values[r, c]) else 0
        ax.text(c, r, t, ha="center", va="center", fontsize=style.SMALL,
                color="white" if shade > 0.6 else "#111111")
    ax.set_yticks(range(len(row_labels)), row_labels)
    ax.set_xticks(range(len(col_labels)), col_labels)
    ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False)
    ax.tick_params(axis="both", length=0)
    ax.grid(False)
    for side in ax.spines.values():
        side.set_visible(False)


def build(results, choice):
    g = results.group(f"robustness/{OUTCOME}")
    policies = rows(results)
    named = results.named_scenarios()
    regret = g["regret"].values[:, policies]  # [scenario, row]
    columns = np.concatenate([regret[named].T, g["max_regret"].values[policies][:, None]], axis=1)
    col_labels = [results.scenarios[s].replace("/", "/\n") for s in named]
    col_labels.append(f"worst of all\n{len(results.scenarios)}")
    row_labels = [results.fund_label(p) for p in policies]
    has_targets = results.has("robustness/satisficing")
    fig = style.new_figure()
    if has_targets:
        left, right = fig.subplots(1, 2, sharey=True,
                                   gridspec_kw={"width_ratios": [len(col_labels), 2.4]})
    else:
        left, right = fig.subplots(), None
    _heatmap(left, columns, np.vectorize(lambda v: f"{v:.2f}")(columns), row_labels, col_labels,
             "Oranges", max(float(np.nanmax(columns)), 1e-9))
    left.set_title("Regret: States complete at the end of 2030 short of the best policy",
                   loc="left")
    if has_targets:
        sat = results.group("robustness/satisficing")
        targets = [t.decode() if isinstance(t, bytes) else str(t) for t in sat["target"].values]
        share = 100 * sat["share_scenarios"].values[:, policies].T  # [row, target]
        _heatmap(right, share, np.vectorize(lambda v: f"{v:.0f}%")(share), row_labels,
                 [target_words(t) for t in targets], "Blues", 100)
        right.set_title("Scenarios meeting\nthe target", loc="left")
    style.decorate(
        fig, results, TITLE,
        f"0 = the best policy in that scenario; mean over {results.replications} futures per "
        f"scenario  ·  {results.study_title()}")
    return fig


def target_words(target):
    """'gain:completed_by_2030 >= 1' -> '≥ 1 more\ncomplete by\n2030'."""
    gain = target.startswith("gain:")
    outcome, _, value = target.removeprefix("gain:").partition(">=")
    when = outcome.strip().removeprefix("completed_by_").replace("horizon", "the horizon")
    if outcome.strip().startswith("completed_by_"):
        return f"≥ {value.strip()}{' more' if gain else ''}\ncomplete by\n{when}"
    return target.replace(" ", "\n", 1)


def caption(results, choice):
    text = ("For each policy, how many fewer States are complete at the end of 2030 than with "
            "the best policy of that scenario (its regret: 0 for the best), in each named "
            "scenario, and the largest regret over all the scenarios run. ")
    if results.has("robustness/satisficing"):
        text += ("Right: the share of scenarios in which the policy meets each target the study "
                 "set. ")
    return text + "Each scenario's number is a mean over its simulated futures."
