#include "questions/decision.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>

#include "questions/finding_context.hpp"
#include "questions/number_text.hpp"
#include "questions/quantile.hpp"
#include "sim/results/outcome_values.hpp"

namespace vtf::questions {
namespace {

// The share of the largest size's gain that is enough (issue 12: "90% of the largest size's").
constexpr double kEnoughShare = 0.9;
constexpr const char* kMoney[] = {"vtf_received_usd", "vtf_spent_usd", "vtf_admin_usd",
                                  "vtf_idle_usd"};

std::optional<std::size_t> find(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<std::size_t>(it - names.begin());
}

// The outcome the choice is made on: 2030 first (the fund's scope), the horizon without it.
std::size_t choice_outcome(const FindingContext& f) { return f.k30.value_or(f.kh); }

std::string outcome_words(const FindingContext& f) {
  return fmt::format("States complete by the end of {}", f.k30 ? "2030" : f.horizon);
}

// The fund policies in the order drawn: by family, the default rules first, sizes smallest first.
std::vector<std::size_t> options(const FindingContext& f) {
  std::vector<std::size_t> out;
  for (const auto& fam : f.families.families)
    out.insert(out.end(), fam.members.begin(), fam.members.end());
  return out;
}

struct YearOutcome {
  std::int64_t year;
  std::string outcome;
};

// 2030, 2035 and the horizon, those the run has, each year once.
std::vector<YearOutcome> years(const FindingContext& f) {
  std::vector<YearOutcome> out;
  const std::int64_t horizon = std::stoll(f.horizon);
  for (const auto& [year, name] : {std::pair<std::int64_t, const char*>{2030, "completed_by_2030"},
                                   {2035, "completed_by_2035"}}) {
    if (year < horizon && find(f.c.outcomes, name)) out.push_back({year, name});
  }
  out.push_back({horizon, "completed_by_horizon"});
  return out;
}

}  // namespace

Choice choose_policy(const FindingContext& f) {
  const sim::Comparison& c = f.c;
  const std::size_t k = choice_outcome(f);
  const auto* sizes = f.families.default_family();
  if (sizes && sizes->has_sizes()) {
    const std::size_t largest = sizes->members.back();
    const double top = c.at(k, f.s0, largest).mean;
    for (const auto p : sizes->members) {
      const double gain = c.at(k, f.s0, p).mean;
      if (top > 0 && gain >= kEnoughShare * top) {
        return {p, p == largest
                       ? fmt::format("the largest size of the default rules: no smaller one "
                                     "brings {:.0f}% of its gain in {} (scenario {})",
                                     100 * kEnoughShare, outcome_words(f), c.scenarios[f.s0])
                       : fmt::format("the smallest size of the default rules that brings at least "
                                     "{:.0f}% of the gain of the largest ({}) in {} (scenario "
                                     "{}: {} of {})",
                                     100 * kEnoughShare, f.label(largest), outcome_words(f),
                                     c.scenarios[f.s0], signed_number(gain), signed_number(top))};
      }
    }
    return {largest, fmt::format("the largest size of the default rules: no size adds {} "
                                 "(scenario {})",
                                 outcome_words(f), c.scenarios[f.s0])};
  }
  // Without sizes: the policy with the highest mean in most scenarios (ties: the higher mean in
  // the first named scenario, then the first drawn).
  const auto opts = options(f);
  std::vector<std::size_t> wins(c.policies.size(), 0);
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    std::size_t best = opts.front();
    for (const auto p : opts)
      if (c.at(k, s, p).mean > c.at(k, s, best).mean) best = p;
    ++wins[best];
  }
  std::size_t best = opts.front();
  for (const auto p : opts) {
    if (wins[p] > wins[best] ||
        (wins[p] == wins[best] && c.at(k, f.s0, p).mean > c.at(k, f.s0, best).mean))
      best = p;
  }
  return {best, fmt::format("the policy with the most {} in {} of {} scenarios", outcome_words(f),
                            wins[best], c.scenarios.size())};
}

namespace {

FindingColumn over(std::vector<std::string> dims, std::string name, std::string units,
                   std::string long_name) {
  FindingColumn col;
  col.name = std::move(name);
  col.dims = std::move(dims);
  col.units = std::move(units);
  col.long_name = std::move(long_name);
  return col;
}

// What each option is: its label, size, family and whether its family has sizes.
void option_columns(const FindingContext& f, const std::vector<std::size_t>& opts, Finding& out) {
  auto label = over({"option"}, "label", "", "how the option is named in figures and sentences");
  auto size = over({"option"}, "size_usd_per_year", "USD/yr", "the fund's annual target");
  auto family = over({"option"}, "family", "", "the rules it shares with the sizes of its family");
  auto in_family = over({"option"}, "in_size_family", "1", "1 if its family has two or more sizes");
  in_family.flag = true;
  for (const auto p : opts) {
    const auto& fam = f.families.families[f.families.family_of[p]];
    label.texts.push_back(f.label(p));
    size.numbers.push_back(f.size[p]);
    family.texts.push_back(fam.name);
    in_family.numbers.push_back(fam.has_sizes() ? 1 : 0);
  }
  for (auto* col : {&label, &size, &family, &in_family})
    out.add_column(std::move(*col));
}

// The per-replication values of the outcomes read, by name, scenario and policy.
struct Values {
  sim::OutcomeValues v;
  std::span<const double> row(const std::string& name, std::size_t s, std::size_t p) const {
    return {v.row(v.outcome_index(name), s, p), v.replications};
  }
};

// The paired difference by year: mean and CI as the comparison has them, the spread and the
// shares from the same replications of the fund and of no fund.
void difference_columns(const FindingContext& f, const std::vector<std::size_t>& opts,
                        const std::vector<YearOutcome>& ys, const Values& v, Finding& out) {
  const std::vector<std::string> soy{"scenario", "option", "year"};
  const std::string diff = "paired difference (fund - no fund) in States complete at 31 December";
  auto mean = over(soy, "mean", "States", "mean " + diff);
  auto ci_low = over(soy, "ci_low", "States", "lower end of the 95% CI of that mean");
  auto ci_high = over(soy, "ci_high", "States", "upper end of the 95% CI of that mean");
  auto p10 =
      over(soy, "p10", "States", "10% quantile across futures (inverted CDF) of the " + diff);
  auto p50 = over(soy, "p50", "States", "the median across futures");
  auto p90 = over(soy, "p90", "States", "the 90% quantile across futures");
  auto at_least_one = over(soy, "share_at_least_one", "1", "share of futures with difference >= 1");
  auto none = over(soy, "share_none", "1", "share of futures with difference <= 0");
  const std::size_t R = v.v.replications;
  std::vector<double> d(R);
  for (std::size_t s = 0; s < f.c.scenarios.size(); ++s) {
    for (const auto p : opts) {
      for (const auto& y : ys) {
        const auto& paired = f.c.at(f.c.outcome_index(y.outcome), s, p);
        const auto fund = v.row(y.outcome, s, p), no_fund = v.row(y.outcome, s, 0);
        std::size_t one = 0, zero = 0;
        for (std::size_t r = 0; r < R; ++r) {
          d[r] = fund[r] - no_fund[r];
          if (d[r] >= 1) ++one;
          if (d[r] <= 0) ++zero;
        }
        mean.numbers.push_back(paired.mean);
        ci_low.numbers.push_back(paired.ci_low);
        ci_high.numbers.push_back(paired.ci_high);
        p10.numbers.push_back(quantile(d, 0.1));
        p50.numbers.push_back(quantile(d, 0.5));
        p90.numbers.push_back(quantile(d, 0.9));
        at_least_one.numbers.push_back(R ? static_cast<double>(one) / static_cast<double>(R) : NAN);
        none.numbers.push_back(R ? static_cast<double>(zero) / static_cast<double>(R) : NAN);
      }
    }
  }
  for (auto* col : {&mean, &ci_low, &ci_high, &p10, &p50, &p90, &at_least_one, &none})
    out.add_column(std::move(*col));
}

// The money: means over the futures of what the fund received, spent, paid in administration
// and left idle, and the idle share of what it received.
void money_columns(const FindingContext& f, const std::vector<std::size_t>& opts, const Values& v,
                   Finding& out) {
  const std::vector<std::string> so{"scenario", "option"};
  std::vector<FindingColumn> money;
  for (const char* m : kMoney)
    money.push_back(
        over(so, std::string(m).substr(4), "USD", fmt::format("mean over futures of {}", m)));
  auto unused = over(so, "unused_share", "1", "idle_usd / received_usd");
  for (std::size_t s = 0; s < f.c.scenarios.size(); ++s) {
    for (const auto p : opts) {
      std::vector<double> means;
      for (std::size_t i = 0; i < std::size(kMoney); ++i) {
        double sum = 0;
        const bool has = find(f.c.outcomes, kMoney[i]).has_value();
        if (has)
          for (const double x : v.row(kMoney[i], s, p))
            sum += x;
        means.push_back(has && v.v.replications ? sum / static_cast<double>(v.v.replications)
                                                : NAN);
        money[i].numbers.push_back(means.back());
      }
      unused.numbers.push_back(means[0] > 0 ? means[3] / means[0] : NAN);
    }
  }
  for (auto& col : money)
    out.add_column(std::move(col));
  out.add_column(std::move(unused));
}

}  // namespace

std::optional<Finding> decision(const FindingContext& f) {
  const sim::Comparison& c = f.c;
  const auto opts = options(f);
  const auto ys = years(f);
  if (opts.empty()) return std::nullopt;
  std::vector<std::string> read;
  for (const auto& y : ys)
    read.push_back(y.outcome);
  for (const char* m : kMoney)
    if (find(c.outcomes, m)) read.emplace_back(m);
  const Values v{sim::read_outcome_values(f.root, f.path, read)};
  Finding out;
  out.name = "decision";
  out.scenario = c.scenarios[f.s0];
  out.policy = c.policies[f.enough];
  out.notes.emplace_back("policy_reason", f.enough_reason);
  out.notes.emplace_back("x_axis", f.families.any_sizes() ? "size" : "policy");
  FindingAxis option{"option", {}, {}};
  FindingAxis year{"year", {}, {}};
  for (const auto p : opts)
    option.labels.push_back(c.policies[p]);
  for (const auto& y : ys)
    year.numbers.push_back(y.year);
  out.axes = {{"scenario", {}, {}}, std::move(option), std::move(year)};
  option_columns(f, opts, out);
  difference_columns(f, opts, ys, v, out);
  money_columns(f, opts, v, out);
  return out;
}

}  // namespace vtf::questions
