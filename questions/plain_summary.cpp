// The findings in plain words for the Working Group: which fund sizes make a difference,
// diminishing returns, for whom, the data behind it, and how sure we are. Each is a Finding:
// its numbers and the sentence the terminal prints (questions/findings.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>
#include <optional>

#include "questions/data_behind.hpp"
#include "questions/finding_context.hpp"
#include "questions/left_behind.hpp"
#include "questions/number_text.hpp"
#include "questions/state_outcomes.hpp"
#include "sim/analysis/sensitivity.hpp"

namespace vtf::questions {
namespace {

std::optional<std::size_t> find(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<std::size_t>(it - names.begin());
}

bool sure_gain(const sim::PairedSummary& x, sim::Better better) {
  return better == sim::Better::kLower ? x.ci_high < 0 : x.ci_low > 0;
}

std::string span(double lo, double hi) {
  return std::fabs(hi - lo) < 0.005 ? signed_number(lo)
                                    : fmt::format("{} to {}", signed_number(lo), signed_number(hi));
}

std::string plain(double x) {  // 4.7 rather than +4.70 for "fewer" phrasing
  return fmt::format("{:.{}f}", x, std::fabs(x) >= 10 ? 0 : 1);
}

std::string plain_span(double lo, double hi) {  // "4.4", never "4.4 to 4.4"
  return plain(lo) == plain(hi) ? plain(lo) : fmt::format("{} to {}", plain(lo), plain(hi));
}

std::string names_list(const std::vector<std::string>& names, std::size_t most) {
  std::string s;
  for (std::size_t i = 0; i < names.size() && i < most; ++i)
    s += (i ? ", " : "") + names[i];
  if (names.size() > most) s += fmt::format(" and {} more", names.size() - most);
  return s;
}

FindingColumn fund_column(const char* name, const char* units, const char* long_name) {
  return {name, {"fund"}, {}, {}, units, long_name};
}

// The range over the named scenarios of fund p's mean gain in outcome k.
std::pair<double, double> named_range(const FindingContext& f, std::size_t k, std::size_t p) {
  double lo = INFINITY, hi = -INFINITY;
  for (const auto s : f.named) {
    lo = std::min(lo, f.c.at(k, s, p).mean);
    hi = std::max(hi, f.c.at(k, s, p).mean);
  }
  return {lo, hi};
}

// 2030 first (the fund's scope: completion within 1-5 years), then 2035 (k35, when the file has
// it and it is not the horizon) and the horizon.
std::string by_years(const FindingContext& f, std::size_t p, std::size_t k35) {
  std::vector<std::pair<std::size_t, std::string>> years;
  if (f.k30) years.emplace_back(*f.k30, "2030");
  if (k35 < f.c.outcomes.size()) years.emplace_back(k35, "2035");
  years.emplace_back(f.kh, f.horizon);
  std::string out;
  for (const auto& [k, year] : years) {
    const auto [lo, hi] = named_range(f, k, p);
    out += out.empty() ? fmt::format("{} more States complete by {}", span(lo, hi), year)
                       : fmt::format(", {} by {}", span(lo, hi), year);
  }
  return out;
}

// Which funds make a sure difference in every named scenario (`first`: the first that does).
std::string sure_sentence(const FindingContext& f, std::optional<std::size_t> first) {
  const char* tried = f.sizes_compared() ? "fund size" : "fund policy";
  if (first && *first == f.funds.front())
    return fmt::format("  Every {} tried makes a sure difference in every named scenario.\n",
                       tried);
  if (first && !f.sizes_compared())
    return fmt::format(
        "  Not every fund policy tried makes a sure difference in every named scenario ({} "
        "does).\n",
        f.label(*first));
  if (first)
    return fmt::format(
        "  Funds of {} or more make a sure difference in every named scenario; smaller ones do "
        "not.\n",
        f.label(*first));
  return fmt::format("  No {} tried makes a sure difference in every named scenario.\n", tried);
}

}  // namespace

// Which sizes make a difference: each fund's range of effects over the named scenarios.
std::optional<Finding> which_sizes(const FindingContext& f) {
  const sim::Comparison& c = f.c;
  Finding out;
  out.name = "which_sizes";
  FindingAxis funds{"fund", {}};
  auto size = fund_column("size_usd_per_year", "USD/yr", "the fund's annual target");
  auto h_lo = fund_column("completed_by_horizon_lowest", "States",
                          "lowest mean paired difference in completions by the horizon over the "
                          "named scenarios");
  auto h_hi = fund_column("completed_by_horizon_highest", "States", "highest such difference");
  auto h_lo_at = fund_column("completed_by_horizon_lowest_scenario", "", "the scenario of it");
  auto h_hi_at = fund_column("completed_by_horizon_highest_scenario", "", "the scenario of it");
  auto n_lo = fund_column("completed_by_2030_lowest", "States",
                          "lowest mean paired difference in completions by 2030 (named)");
  auto n_hi = fund_column("completed_by_2030_highest", "States", "highest such difference");
  auto x_lo = fund_column("extension_requests_avoided_lowest", "requests",
                          "fewest extension requests avoided (no fund minus fund, named)");
  auto x_hi = fund_column("extension_requests_avoided_highest", "requests", "most avoided");
  auto sure_n = fund_column("scenarios_sure", "1",
                            "named scenarios in which the 95% CI of the gain in completions by "
                            "the horizon is above 0");
  std::optional<std::size_t> smallest_sure;
  // 2035 between 2030 and the horizon, when it is not the horizon itself.
  const std::size_t k35 = f.horizon == "2035"
                              ? c.outcomes.size()
                              : find(c.outcomes, "completed_by_2035").value_or(c.outcomes.size());
  for (const auto p : f.funds) {
    double lo = INFINITY, hi = -INFINITY, lo30 = INFINITY, hi30 = -INFINITY, xlo = INFINITY,
           xhi = -INFINITY;
    std::size_t sure = 0, lo_at = f.named.front(), hi_at = f.named.front();
    for (const auto s : f.named) {
      const auto& h = c.at(f.kh, s, p);
      if (h.mean < lo) lo_at = s;  // the first of equal values
      if (h.mean > hi) hi_at = s;
      lo = std::min(lo, h.mean);
      hi = std::max(hi, h.mean);
      if (sure_gain(h, sim::Better::kHigher)) ++sure;
      if (f.k30) {
        lo30 = std::min(lo30, c.at(*f.k30, s, p).mean);
        hi30 = std::max(hi30, c.at(*f.k30, s, p).mean);
      }
      xlo = std::min(xlo, -c.at(f.kx, s, p).mean);
      xhi = std::max(xhi, -c.at(f.kx, s, p).mean);
    }
    if (sure == f.named.size() && !smallest_sure) smallest_sure = p;
    const std::string by_year = by_years(f, p, k35);
    fmt::format_to(std::back_inserter(out.statement),
                   "- {}: {};\n    {} fewer extension requests; clearly better than no fund in {} "
                   "of {} scenarios.\n",
                   f.label(p), by_year, plain_span(xlo, xhi), sure, f.named.size());
    funds.labels.push_back(c.policies[p]);
    size.numbers.push_back(f.size[p]);
    h_lo.numbers.push_back(lo);
    h_hi.numbers.push_back(hi);
    h_lo_at.texts.push_back(c.scenarios[lo_at]);
    h_hi_at.texts.push_back(c.scenarios[hi_at]);
    n_lo.numbers.push_back(f.k30 ? lo30 : NAN);
    n_hi.numbers.push_back(f.k30 ? hi30 : NAN);
    x_lo.numbers.push_back(xlo);
    x_hi.numbers.push_back(xhi);
    sure_n.numbers.push_back(static_cast<double>(sure));
  }
  out.statement += sure_sentence(f, smallest_sure);
  out.add_value("named_scenarios", static_cast<double>(f.named.size()), "1",
                "named scenarios the ranges are taken over");
  out.notes.emplace_back("smallest_sure_policy", smallest_sure ? c.policies[*smallest_sure] : "");
  out.axes.push_back(std::move(funds));
  for (auto* col : {&size, &h_lo, &h_hi, &h_lo_at, &h_hi_at, &n_lo, &n_hi, &x_lo, &x_hi, &sure_n})
    out.add_column(std::move(*col));
  return out;
}

// Diminishing returns in the first named scenario: the share of the largest size's gain in
// completions by 2030 (the fund's scope; by the horizon in a file without it) that the chosen
// fund (FindingContext::enough) brings. Sizes of the default rules only: a ratio of gains between
// policies of different rules would say nothing about size.
std::optional<Finding> diminishing_returns(const FindingContext& f) {
  const sim::Comparison& c = f.c;
  const std::size_t largest = f.funds.back();
  const std::size_t k = f.k30.value_or(f.kh);
  const std::string by = f.k30 ? "2030" : f.horizon;
  const double top = c.at(k, f.s0, largest).mean;
  const double gain = c.at(k, f.s0, f.enough).mean;
  Finding out;
  out.name = "diminishing_returns";
  out.scenario = c.scenarios[f.s0];
  out.policy = c.policies[f.enough];
  out.notes.emplace_back("largest_policy", c.policies[largest]);
  out.notes.emplace_back("outcome", c.outcomes[k]);
  out.add_value("gain", gain, "States",
                "mean paired difference in completions by 2030 (else the horizon) of this fund");
  out.add_value("largest_gain", top, "States", "the same for the largest fund");
  out.add_value("share_of_largest_gain", top > 0 ? gain / top : NAN, "1",
                "gain / largest_gain; NaN when the largest fund gains nothing");
  if (f.enough != largest && top > 0 && f.is_size(f.enough) && f.sizes_compared()) {
    out.statement = fmt::format(
        "  Returns diminish: {} brings {:.0f}% of the gain of {} in completions by {} "
        "(scenario {}).\n",
        f.label(f.enough), 100 * gain / top, f.label(largest), by, c.scenarios[f.s0]);
  }
  return out;
}

// For whom, with the chosen fund (/findings/decision's, the same everywhere), in the first named
// scenario; each State's numbers are the row of /findings/by_state at this scenario and policy.
// Left behind: the eligible States that still do not complete (questions/left_behind.hpp).
std::optional<Finding> for_whom(const FindingContext& f) {
  if (!f.root.has("outcomes_by_state/first_completion_year")) return std::nullopt;
  const auto rows = state_outcomes(f.path, {f.s0}, {f.enough});
  std::vector<const StateRow*> gainers, recipients;
  for (const auto& r : rows) {
    if (r.p2030_fund - r.p2030_no_fund >= 0.05) gainers.push_back(&r);
    if (r.vtf_received_usd > 0) recipients.push_back(&r);
  }
  std::sort(gainers.begin(), gainers.end(), [](const StateRow* a, const StateRow* b) {
    return a->p2030_fund - a->p2030_no_fund > b->p2030_fund - b->p2030_no_fund;
  });
  std::sort(recipients.begin(), recipients.end(), [](const StateRow* a, const StateRow* b) {
    return a->vtf_received_usd > b->vtf_received_usd;
  });
  const auto behind = left_behind_eligible(f.root, f.s0, f.enough);
  Finding out;
  out.name = "for_whom";
  out.scenario = f.c.scenarios[f.s0];
  out.policy = f.c.policies[f.enough];
  std::string& text = out.statement;
  fmt::format_to(std::back_inserter(text), "- For whom, with {} (scenario {}), chosen as {}:\n",
                 f.label(f.enough), out.scenario, f.enough_reason);
  std::vector<std::string> items;
  for (const auto* r : gainers)
    items.push_back(fmt::format("{} ({:.0f}% -> {:.0f}%)", r->state, 100 * r->p2030_no_fund,
                                100 * r->p2030_fund));
  if (items.empty()) {
    text += "  no State's chance of completing by 2030 rises by 5 points or more.\n";
  } else {
    fmt::format_to(std::back_inserter(text), "  more likely to complete by 2030: {}.\n",
                   names_list(items, 6));
  }
  if (!recipients.empty()) {
    std::vector<std::string> money_items;
    for (const auto* r : recipients)
      money_items.push_back(fmt::format("{} {}", r->state, money(r->vtf_received_usd)));
    fmt::format_to(std::back_inserter(text),
                   "  the fund's money goes mostly to: {} (mean total over the run).\n",
                   names_list(money_items, 4));
  }
  fmt::format_to(std::back_inserter(text),
                 "  left behind: {} State{} eligible for the fund still not complete by {} in "
                 "most futures{}.\n",
                 behind.size(), behind.size() == 1 ? "" : "s", f.horizon,
                 behind.empty() ? "" : ": " + names_list(behind, 8));
  out.add_value("more_likely_by_2030", static_cast<double>(gainers.size()), "States",
                "States whose chance of completing by 2030 rises by 5 points or more");
  out.add_value("left_behind_eligible", static_cast<double>(behind.size()), "States",
                "States eligible for the fund in most futures and still not complete at the "
                "horizon in most futures, with the fund");
  out.add_value("recipients", static_cast<double>(recipients.size()), "States",
                "States that receive fund money (mean over the futures above 0)");
  out.lists.emplace_back("left_behind_eligible", behind);
  std::vector<std::string> gainer_names;
  for (const auto* r : gainers)
    gainer_names.push_back(r->state);
  out.lists.emplace_back("more_likely_by_2030_states", gainer_names);
  out.notes.emplace_back("policy_reason", f.enough_reason);
  out.notes.emplace_back("rows", "/findings/by_state at this scenario and policy");
  return out;
}

// The data behind the effect of that fund (questions/data_behind.hpp) for the terminal, and the
// same share for every scenario and fund, for the report's chosen one.
std::optional<Finding> data_behind_finding(const FindingContext& f) {
  const std::size_t S = f.c.scenarios.size(), P = f.c.policies.size();
  const auto table = DataBehindTable::read(f.root, "completed_by_horizon", f.path, S, P);
  if (!table) return std::nullopt;
  Finding out;
  out.name = "data_behind";
  out.scenario = f.c.scenarios[f.s0];
  out.policy = f.c.policies[f.enough];
  out.axes = {{"scenario", {}}, {"policy", {}}};
  FindingColumn effect{
      "effect", {"scenario", "policy"},
      {},       {},
      "States", "paired mean of completions by the horizon, the States' parts summed"};
  FindingColumn weak{"weak_part", {"scenario", "policy"},
                     {},          {},
                     "States",    "the parts of the States with weak data, summed"};
  FindingColumn sentence{
      "sentence", {"scenario", "policy"},
      {},         {},
      "",         "the sentence on the data behind the effect; empty if too small"};
  for (std::size_t s = 0; s < S; ++s) {
    for (std::size_t p = 0; p < P; ++p) {
      const std::optional<DataBehind> d = table->at(s, p);
      effect.numbers.push_back(p == 0 || !d ? NAN : d->effect);
      weak.numbers.push_back(p == 0 || !d ? NAN : d->weak);
      const std::string what =
          fmt::format("completions by {} ({}, {})", f.horizon, f.label(p), f.c.scenarios[s]);
      sentence.texts.push_back(p == 0 || !d ? "" : data_behind_sentence(*d, what));
      if (s == f.s0 && p == f.enough && d) out.statement = data_behind_statement(*d, what);
    }
  }
  out.add_column(std::move(effect));
  out.add_column(std::move(weak));
  out.add_column(std::move(sentence));
  return out;
}

namespace {

// What moves the effect of that fund most across the sampled scenarios, if the file has a
// sensitivity analysis.
void what_moves(const FindingContext& f, Finding& out) {
  const auto sens = sim::read_sensitivity(f.root);
  if (!sens) return;
  const auto ks = find(sens->outcomes, "completed_by_horizon");
  const auto ps = find(sens->policies, f.c.policies[f.enough]);
  if (!ks || !ps || sens->factors.empty()) return;
  // The factors by the size of their coefficient, largest first (NaN last).
  std::vector<std::size_t> order(sens->factors.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto size = [&](std::size_t j) {
    const double x = std::fabs(sens->at(*ks, *ps, j));
    return std::isnan(x) ? -1.0 : x;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return size(a) > size(b); });
  const double srrc = sens->at(*ks, *ps, order[0]);
  if (std::isnan(srrc)) return;
  // Named with how many were sampled, so a factor left out of the design is not read as one
  // that does not matter.
  std::string then;
  out.notes.emplace_back("largest_driver", sens->factors[order[0]]);
  out.add_value("largest_driver_srrc", srrc, "1", "its standardized rank regression coefficient");
  if (order.size() > 1 && !std::isnan(sens->at(*ks, *ps, order[1]))) {
    then = fmt::format(", then {} (SRRC {:+.2f})", sens->factors[order[1]],
                       sens->at(*ks, *ps, order[1]));
    out.notes.emplace_back("second_driver", sens->factors[order[1]]);
    out.add_value("second_driver_srrc", sens->at(*ks, *ps, order[1]), "1", "its coefficient");
  }
  out.add_value("uncertainties_sampled", static_cast<double>(sens->factors.size()), "1",
                "uncertainties in the regression");
  out.add_value("r_squared", sens->fit(*ks, *ps), "1", "R² of the rank regression");
  fmt::format_to(std::back_inserter(out.statement),
                 "  What moves that effect most, among the {} uncertainties sampled: {} (SRRC "
                 "{:+.2f}){}; R² {:.2f} (vtfsim compare FILE --sensitivity).\n",
                 sens->factors.size(), sens->factors[order[0]], srrc, then, sens->fit(*ks, *ps));
}

}  // namespace

// How sure: the widest confidence interval, and the spread over the sampled scenarios.
std::optional<Finding> how_sure(const FindingContext& f) {
  const sim::Comparison& c = f.c;
  double widest = 0;
  for (const auto s : f.named) {
    for (const auto p : f.funds) {
      const auto& x = c.at(f.kh, s, p);
      widest = std::max(widest, (x.ci_high - x.ci_low) / 2);
    }
  }
  Finding out;
  out.name = "how_sure";
  out.add_value("replications", static_cast<double>(c.replications), "1",
                "paired futures per scenario and policy");
  out.add_value("widest_ci_half_width", widest, "States",
                "widest 95% CI half-width of the gain in completions by the horizon, named "
                "scenarios and every fund");
  out.statement = fmt::format(
      "- How sure: each difference is paired over the same {} random futures (common random "
      "numbers); 95% confidence intervals of Δ completions by {} are within ±{:.2f} "
      "States.\n",
      c.replications, f.horizon, widest);
  if (f.sampled.empty()) return out;
  double lo = INFINITY, hi = -INFINITY;
  for (const auto s : f.sampled) {
    lo = std::min(lo, c.at(f.kh, s, f.enough).mean);
    hi = std::max(hi, c.at(f.kh, s, f.enough).mean);
  }
  out.policy = c.policies[f.enough];
  out.add_value("sampled_scenarios", static_cast<double>(f.sampled.size()), "1",
                "sampled scenarios (Latin hypercube points)");
  out.add_value("sampled_lowest", lo, "States",
                "lowest mean gain in completions by the horizon of this fund, sampled scenarios");
  out.add_value("sampled_highest", hi, "States", "the highest");
  fmt::format_to(std::back_inserter(out.statement),
                 "  Across the {} sampled futures, {} adds {} completions by {}.\n",
                 f.sampled.size(), f.label(f.enough), span(lo, hi), f.horizon);
  what_moves(f, out);
  return out;
}

}  // namespace vtf::questions
