// Which policies are the fund's sizes (/findings/sizes), and the study's rule variants, each
// against its baseline as the run's /pairs has it (/findings/rule_variants): the numbers are
// read from /pairs, not recomputed.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <set>
#include <sstream>

#include "questions/finding_context.hpp"
#include "questions/number_text.hpp"

namespace vtf::questions {
namespace {

// The outcomes of each pair the finding keeps (those of them the file has).
constexpr std::array<const char*, 4> kPairOutcomes = {"completed_by_2030", "completed_by_2035",
                                                      "completed_by_horizon", "extension_requests"};
constexpr const char* kMoneyDifference = "vtf_received_usd_difference";

// The parameters `policy` sets that `baseline` does not: what the variant changes.
std::string changes(const FindingContext& f, std::size_t policy, std::size_t baseline) {
  if (policy >= f.parameters_set.size() || baseline >= f.parameters_set.size()) return "";
  // Against the default rules, the variant's family says what it changes, in words.
  const auto& of = f.families.family_of;
  if (policy < of.size() && baseline < of.size() && of[policy] != PolicyFamilies::kNone &&
      of[baseline] != PolicyFamilies::kNone && f.families.families[of[baseline]].default_rules &&
      !f.families.families[of[policy]].default_rules)
    return f.families.families[of[policy]].name;
  const auto base = names_of(f.parameters_set[baseline]);
  std::string out;
  for (const auto& name : names_of(f.parameters_set[policy]))
    if (!base.count(name)) out += (out.empty() ? "" : ", ") + name;
  return out;
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

FindingColumn pair_column(std::string name, const char* units, std::string long_name) {
  return {std::move(name), {"pair"}, {}, {}, units, std::move(long_name), false};
}

// A variant at the same size as its baseline, one of the sizes: "the default rules".
bool same_size(const FindingContext& f, std::size_t policy, std::size_t baseline) {
  const std::size_t P = f.c.policies.size();
  return policy < P && baseline < P && f.is_size(baseline) && f.size[policy] == f.size[baseline];
}

// The statistics of each outcome of kPairOutcomes at scenario s0 (a column each), and each
// one's means over every scenario ([scenario, pair], empty for an outcome the file lacks).
std::vector<FindingColumn> pair_statistics(const sim::h5::Group& g, const std::string& scenario,
                                           std::size_t s0, std::size_t J,
                                           std::vector<std::vector<double>>& mean_of) {
  std::vector<FindingColumn> cols;
  mean_of.assign(kPairOutcomes.size(), {});
  for (std::size_t k = 0; k < kPairOutcomes.size(); ++k) {
    const std::string o = kPairOutcomes[k];
    if (!g.has_group(o)) continue;
    const sim::h5::Group og = g.open_group(o);
    const std::string units = og.string_attribute("units").value_or("");
    for (const std::string stat : {"mean", "ci_low", "ci_high", "p_better"}) {
      const auto all = og.open_dataset(stat).read<double>();  // [scenario, pair]
      auto col =
          pair_column(o + "_" + stat, stat == "p_better" ? "1" : units.c_str(),
                      fmt::format("{} of {} (policy - baseline), scenario {}", stat, o, scenario));
      for (std::size_t j = 0; j < J; ++j)
        col.numbers.push_back(all[s0 * J + j]);
      if (stat == "mean") mean_of[k] = all;
      cols.push_back(std::move(col));
    }
  }
  return cols;
}

double number_at(const std::vector<FindingColumn>& cols, const std::string& name, std::size_t j) {
  for (const auto& c : cols)
    if (c.name == name) return c.numbers[j];
  return NAN;
}

// The sentence: each variant's difference by 2030 with its CI, by the horizon, and in how many
// scenarios it does better by 2030.
std::string variants_statement(const FindingContext& f, const std::vector<std::string>& policy,
                               const std::vector<std::string>& baseline,
                               const std::vector<FindingColumn>& cols, const FindingColumn& best) {
  bool default_rules = true;
  for (std::size_t j = 0; j < policy.size(); ++j)
    default_rules = default_rules && same_size(f, index_of(f.c.policies, policy[j]),
                                               index_of(f.c.policies, baseline[j]));
  const char* against = default_rules ? "the default rules" : "its baseline";
  std::string text = fmt::format(
      "- {}, each against {} (scenario {}):\n",
      default_rules ? "Rule variants" : "The study's pairs",
      default_rules ? "the default rules at the same size" : "its baseline", f.c.scenarios[f.s0]);
  for (std::size_t j = 0; j < policy.size(); ++j) {
    const std::string what =
        changes(f, index_of(f.c.policies, policy[j]), index_of(f.c.policies, baseline[j]));
    fmt::format_to(std::back_inserter(text),
                   "  {} vs {}{}: {} [{}, {}] States by 2030, {} by {}; better than {} in {} of {} "
                   "scenarios.\n",
                   policy[j], f.label(index_of(f.c.policies, baseline[j])),
                   what.empty() ? "" : " (changes " + what + ")",
                   signed_number(number_at(cols, "completed_by_2030_mean", j)),
                   signed_number(number_at(cols, "completed_by_2030_ci_low", j)),
                   signed_number(number_at(cols, "completed_by_2030_ci_high", j)),
                   signed_number(number_at(cols, "completed_by_horizon_mean", j)), f.horizon,
                   against, static_cast<std::size_t>(best.numbers[j]), f.c.scenarios.size());
  }
  return text;
}

}  // namespace

std::optional<Finding> sizes(const FindingContext& f) {
  Finding out;
  out.name = "sizes";
  FindingAxis fund{"fund", {}};
  auto policy = FindingColumn{"policy", {"fund"}, {}, {}, "", "the size's policy", false};
  auto usd = FindingColumn{"annual_usd", {"fund"}, {}, {}, "USD/yr", "its annual target", false};
  for (const auto p : f.funds) {
    fund.labels.push_back(f.c.policies[p]);
    policy.texts.push_back(f.c.policies[p]);
    usd.numbers.push_back(f.size[p]);
  }
  out.axes.push_back(std::move(fund));
  out.add_column(std::move(policy));
  out.add_column(std::move(usd));
  return out;
}

std::optional<Finding> rule_variants(const FindingContext& f) {
  if (!f.root.has_group("pairs")) return std::nullopt;
  const sim::h5::Group g = f.root.open_group("pairs");
  const auto policy = g.open_dataset("pair_policy").read_strings();
  const auto baseline = g.open_dataset("pair_baseline").read_strings();
  const std::size_t J = policy.size(), S = f.c.scenarios.size(), s0 = f.s0;
  if (J == 0) return std::nullopt;
  Finding out;
  out.name = "rule_variants";
  out.scenario = f.c.scenarios[s0];
  out.axes.push_back({"pair", g.open_dataset("pair").read_strings()});
  auto pol = pair_column("policy", "", "the variant");
  auto base = pair_column("baseline", "", "the policy it is paired with");
  pol.texts = policy;
  base.texts = baseline;
  std::vector<std::vector<double>> mean_of;
  auto cols = pair_statistics(g, out.scenario, s0, J, mean_of);
  auto money_diff = pair_column("vtf_received_usd_mean", "USD",
                                "mean fund money received, policy minus baseline");
  const auto money_all = g.has(kMoneyDifference) ? g.open_dataset(kMoneyDifference).read<double>()
                                                 : std::vector<double>{};
  auto best = pair_column("best_in_scenarios", "1",
                          "scenarios in which the policy's mean completed_by_2030 is higher");
  auto total = pair_column("scenarios", "1", "the study's scenarios");
  best.integer = total.integer = true;
  for (std::size_t j = 0; j < J; ++j) {
    money_diff.numbers.push_back(money_all.empty() ? NAN : money_all[s0 * J + j]);
    std::size_t n = 0;
    for (std::size_t s = 0; s < S && !mean_of[0].empty(); ++s)
      if (mean_of[0][s * J + j] > 0) ++n;
    best.numbers.push_back(static_cast<double>(n));
    total.numbers.push_back(static_cast<double>(S));
  }
  out.statement = variants_statement(f, policy, baseline, cols, best);
  out.add_column(std::move(pol));
  out.add_column(std::move(base));
  for (auto& c : cols)
    out.add_column(std::move(c));
  out.add_column(std::move(money_diff));
  out.add_column(std::move(best));
  out.add_column(std::move(total));
  return out;
}

}  // namespace vtf::questions
