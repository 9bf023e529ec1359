#include "questions/plain_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>
#include <optional>

#include "questions/data_behind.hpp"
#include "questions/number_text.hpp"
#include "questions/state_outcomes.hpp"
#include "sim/analysis/sensitivity.hpp"
#include "sim/results/h5.hpp"

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

std::string names_list(const std::vector<std::string>& names, std::size_t most) {
  std::string s;
  for (std::size_t i = 0; i < names.size() && i < most; ++i)
    s += (i ? ", " : "") + names[i];
  if (names.size() > most) s += fmt::format(" and {} more", names.size() - most);
  return s;
}

// What every statement needs: the comparison, its named and sampled scenarios, the outcomes
// spoken of, and how each fund is called.
struct Findings {
  const sim::Comparison& c;
  std::size_t kh = 0, kx = 0;  // completions by the horizon, extension requests
  std::optional<std::size_t> k30;
  std::vector<std::size_t> named, sampled;
  std::string horizon;             // its year
  std::vector<double> size;        // each policy's annual target; NaN if the file has none
  bool by_size = true;             // every fund has its own size
  std::vector<std::size_t> funds;  // the fund policies, smallest first

  // Funds are named by their size, unless two differ in other rules (then by policy name).
  std::string label(std::size_t p) const {
    return std::isnan(size[p]) || !by_size ? c.policies[p] : money(size[p]) + " a year";
  }
};

Findings findings(const sim::Comparison& c, const sim::h5::Group& root, std::size_t kh,
                  std::size_t kx, std::optional<std::size_t> k30) {
  Findings f{c, kh, kx, k30, {}, {}, "", {}, true, {}};
  for (std::size_t s = 0; s < c.scenarios.size(); ++s)
    (c.sampled.empty() || !c.sampled[s] ? f.named : f.sampled).push_back(s);
  if (f.named.empty()) f.named = f.sampled;
  f.horizon = root.string_attribute("horizon_date").value_or("????").substr(0, 4);
  const std::size_t P = c.policies.size();
  f.size.assign(P, NAN);
  if (root.has("policies/vtf_annual_usd"))
    f.size = root.open_dataset("policies/vtf_annual_usd").read<double>();
  std::vector<double> sizes(f.size.begin() + 1, f.size.end());
  std::sort(sizes.begin(), sizes.end());
  f.by_size = std::adjacent_find(sizes.begin(), sizes.end()) == sizes.end();
  for (std::size_t p = 1; p < P; ++p)
    f.funds.push_back(p);
  std::stable_sort(f.funds.begin(), f.funds.end(), [&](std::size_t a, std::size_t b) {
    return !std::isnan(f.size[a]) && !std::isnan(f.size[b]) && f.size[a] < f.size[b];
  });
  return f;
}

// Which sizes make a difference.
void which_sizes(const Findings& f, std::string& text) {
  const sim::Comparison& c = f.c;
  std::optional<std::size_t> smallest_sure;
  for (const auto p : f.funds) {
    double lo = INFINITY, hi = -INFINITY, lo30 = INFINITY, hi30 = -INFINITY, xlo = INFINITY,
           xhi = -INFINITY;
    std::size_t sure = 0;
    for (const auto s : f.named) {
      const auto& h = c.at(f.kh, s, p);
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
    fmt::format_to(std::back_inserter(text),
                   "- {}: {} more States complete by {}{};\n    {} to {} fewer extension requests; "
                   "clearly better than no fund in {} of {} scenarios.\n",
                   f.label(p), span(lo, hi), f.horizon,
                   f.k30 && !std::isnan(lo30) ? fmt::format(" ({} by 2030)", span(lo30, hi30)) : "",
                   plain(xlo), plain(xhi), sure, f.named.size());
  }
  if (smallest_sure && *smallest_sure == f.funds.front()) {
    fmt::format_to(std::back_inserter(text),
                   "  Every fund size tried makes a sure difference in every named scenario.\n");
  } else if (smallest_sure) {
    fmt::format_to(std::back_inserter(text),
                   "  Funds of {} or more make a sure difference in every named scenario; smaller "
                   "ones do not.\n",
                   f.label(*smallest_sure));
  } else {
    fmt::format_to(std::back_inserter(text),
                   "  No fund tried makes a sure difference in every named scenario.\n");
  }
}

// Diminishing returns, in the first named scenario; returns the smallest fund that brings 90%
// of the largest one's gain there, the fund the statements after this one speak of.
std::size_t diminishing_returns(const Findings& f, std::string& text) {
  const sim::Comparison& c = f.c;
  const std::size_t s0 = f.named.front();
  const std::size_t largest = f.funds.back();
  std::size_t enough = largest;
  const double top = c.at(f.kh, s0, largest).mean;
  for (const auto p : f.funds) {
    if (top > 0 && c.at(f.kh, s0, p).mean >= 0.9 * top) {
      enough = p;
      break;
    }
  }
  if (enough != largest && top > 0) {
    fmt::format_to(std::back_inserter(text),
                   "  Returns diminish: {} brings {:.0f}% of the gain of {} in completions by {} "
                   "(scenario {}).\n",
                   f.label(enough), 100 * c.at(f.kh, s0, enough).mean / top, f.label(largest),
                   f.horizon, c.scenarios[s0]);
  }
  return enough;
}

// For whom, with that fund, in the first named scenario.
void for_whom(const Findings& f, const std::string& path, std::size_t enough, std::string& text) {
  const std::size_t s0 = f.named.front();
  const auto rows = state_outcomes(path, {s0}, {enough});
  std::vector<const StateRow*> gainers, behind_fund, behind_none, recipients;
  for (const auto& r : rows) {
    if (r.p2030_fund - r.p2030_no_fund >= 0.05) gainers.push_back(&r);
    if (std::isnan(r.median_year_fund)) behind_fund.push_back(&r);
    if (std::isnan(r.median_year_no_fund)) behind_none.push_back(&r);
    if (r.vtf_received_usd > 0) recipients.push_back(&r);
  }
  std::sort(gainers.begin(), gainers.end(), [](const StateRow* a, const StateRow* b) {
    return a->p2030_fund - a->p2030_no_fund > b->p2030_fund - b->p2030_no_fund;
  });
  std::sort(recipients.begin(), recipients.end(), [](const StateRow* a, const StateRow* b) {
    return a->vtf_received_usd > b->vtf_received_usd;
  });
  fmt::format_to(std::back_inserter(text), "- For whom, with {} (scenario {}):\n", f.label(enough),
                 f.c.scenarios[s0]);
  if (gainers.empty()) {
    fmt::format_to(std::back_inserter(text),
                   "  no State's chance of completing by 2030 rises by 5 points or more.\n");
  } else {
    std::vector<std::string> items;
    for (const auto* r : gainers)
      items.push_back(fmt::format("{} ({:.0f}% -> {:.0f}%)", r->state, 100 * r->p2030_no_fund,
                                  100 * r->p2030_fund));
    fmt::format_to(std::back_inserter(text), "  more likely to complete by 2030: {}.\n",
                   names_list(items, 6));
  }
  if (!recipients.empty()) {
    std::vector<std::string> items;
    for (const auto* r : recipients)
      items.push_back(fmt::format("{} {}", r->state, money(r->vtf_received_usd)));
    fmt::format_to(std::back_inserter(text),
                   "  the fund's money goes mostly to: {} (mean total over the run).\n",
                   names_list(items, 4));
  }
  std::vector<std::string> names;
  for (const auto* r : behind_fund)
    names.push_back(r->state);
  fmt::format_to(std::back_inserter(text),
                 "  left behind (not complete by {} in most futures): {} States without the fund, "
                 "{} with it{}.\n",
                 f.horizon, behind_none.size(), behind_fund.size(),
                 names.empty() ? "" : ": " + names_list(names, 8));
}

// What moves the effect of that fund most across the sampled scenarios, if the file has a
// sensitivity analysis.
void what_moves(const Findings& f, const sim::h5::Group& root, std::size_t enough,
                std::string& text) {
  const auto sens = sim::read_sensitivity(root);
  if (!sens) return;
  const auto ks = find(sens->outcomes, "completed_by_horizon");
  const auto ps = find(sens->policies, f.c.policies[enough]);
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
  if (order.size() > 1 && !std::isnan(sens->at(*ks, *ps, order[1]))) {
    then = fmt::format(", then {} (SRRC {:+.2f})", sens->factors[order[1]],
                       sens->at(*ks, *ps, order[1]));
  }
  fmt::format_to(std::back_inserter(text),
                 "  What moves that effect most, among the {} uncertainties sampled: {} (SRRC "
                 "{:+.2f}){}; R² {:.2f} (vtfsim compare FILE --sensitivity).\n",
                 sens->factors.size(), sens->factors[order[0]], srrc, then, sens->fit(*ks, *ps));
}

// How sure: the widest confidence interval, and the spread over the sampled scenarios.
void how_sure(const Findings& f, const sim::h5::Group& root, std::size_t enough,
              std::string& text) {
  const sim::Comparison& c = f.c;
  double widest = 0;
  for (const auto s : f.named) {
    for (const auto p : f.funds) {
      const auto& x = c.at(f.kh, s, p);
      widest = std::max(widest, (x.ci_high - x.ci_low) / 2);
    }
  }
  fmt::format_to(
      std::back_inserter(text),
      "- How sure: each difference is paired over the same {} random futures (common random "
      "numbers); 95% confidence intervals of Δ completions by {} are within ±{:.2f} "
      "States.\n",
      c.replications, f.horizon, widest);
  if (f.sampled.empty()) return;
  double lo = INFINITY, hi = -INFINITY;
  for (const auto s : f.sampled) {
    lo = std::min(lo, c.at(f.kh, s, enough).mean);
    hi = std::max(hi, c.at(f.kh, s, enough).mean);
  }
  fmt::format_to(std::back_inserter(text),
                 "  Across the {} sampled futures, {} adds {} completions by {}.\n",
                 f.sampled.size(), f.label(enough), span(lo, hi), f.horizon);
  what_moves(f, root, enough, text);
}

}  // namespace

std::optional<PlainWords> plain_words(const std::string& path, const sim::Comparison& c) {
  const auto kh = find(c.outcomes, "completed_by_horizon");
  const auto k30 = find(c.outcomes, "completed_by_2030");
  const auto kx = find(c.outcomes, "extension_requests");
  if (!kh || !kx || c.policies.size() < 2) return std::nullopt;

  const sim::h5::File file = sim::h5::File::open_read(path);
  const sim::h5::Group root = file.root();
  const Findings f = findings(c, root, *kh, *kx, k30);
  PlainWords words;
  words.heading = fmt::format(
      "In plain words ({} named scenario{}{}):", f.named.size(), f.named.size() == 1 ? "" : "s",
      f.sampled.empty() ? "" : fmt::format(", {} sampled", f.sampled.size()));
  which_sizes(f, words.statements);
  const std::size_t enough = diminishing_returns(f, words.statements);
  if (root.has("outcomes_by_state/first_completion_year"))
    for_whom(f, path, enough, words.statements);
  const std::size_t s0 = f.named.front();
  if (const auto behind = read_data_behind(root, "completed_by_horizon", s0, enough)) {
    words.statements += data_behind_statement(
        *behind,
        fmt::format("completions by {} ({}, {})", f.horizon, f.label(enough), c.scenarios[s0]));
  }
  how_sure(f, root, enough, words.statements);
  return words;
}

}  // namespace vtf::questions
