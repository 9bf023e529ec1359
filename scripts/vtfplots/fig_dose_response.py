"""The dose-response curve: extra States completed by 2030 and by the horizon against fund
size, mean and 95% CI of the paired difference, one line per scenario."""
from . import effect_lines, style

NAME = "dose_response"
TITLE = "Extra States completed with a fund"
NEEDS = ("/comparison/completed_by_2030", "/comparison/completed_by_horizon")

available = effect_lines.available
missing = effect_lines.missing


def build(results, choice):
    fig = style.new_figure()
    left, right = fig.subplots(1, 2, sharey=True)
    effect_lines.draw(left, results, choice, "completed_by_2030", +1,
                      "extra States completed (fund − no fund)", "By the end of 2030")
    effect_lines.draw(right, results, choice, "completed_by_horizon", +1,
                      "extra States completed (fund − no fund)",
                      f"By the end of {results.horizon}")
    right.tick_params(labelleft=True)
    handles, labels = right.get_legend_handles_labels()
    right.legend(handles, labels, loc="lower right", frameon=True, framealpha=0.9)
    style.decorate(fig, results, f"{TITLE}, by fund size",
                   effect_lines.subtitle(results, choice, "Extra States completed with the fund"))
    return fig


def caption(results, choice):
    return ("How many more States Parties complete their Article 5 clearance with a fund than "
            "without, by the end of 2030 and by the horizon, against the fund's annual target. "
            "Each point is the mean over the simulated futures of the paired difference (fund "
            "minus no fund in the same future); the bars are its 95% confidence interval. "
            "A completion "
            "counts when the State is complete at the end of that year. Where scenarios give the "
            "same effect (extension rules do not change completions), their points are shifted "
            "slightly sideways so that none hides another.")
