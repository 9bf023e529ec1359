// The first page (/findings/first_page, issue 12): one plain sentence per topic, built from the
// numbers of the findings computed before it (the decision, diminishing returns, for whom, the
// data behind it, the rule variants) and of /funding_gap and /robustness, never computed again.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "questions/finding_context.hpp"
#include "questions/number_text.hpp"

namespace vtf::questions {
namespace {

const Finding* item(const std::vector<Finding>& items, const std::string& name) {
  for (const auto& i : items)
    if (i.name == name) return &i;
  return nullptr;
}

const FindingColumn& column(const Finding& f, const std::string& name) {
  for (const auto& c : f.columns)
    if (c.name == name) return c;
  throw std::logic_error(fmt::format("finding {} has no column {}", f.name, name));
}

double value(const Finding& f, const std::string& name) {
  for (const auto& v : f.values)
    if (v.name == name) return v.value;
  return NAN;
}

std::string note(const Finding& f, const std::string& name) {
  for (const auto& [n, text] : f.notes)
    if (n == name) return text;
  return "";
}

std::vector<std::string> list(const Finding& f, const std::string& name) {
  for (const auto& [n, texts] : f.lists)
    if (n == name) return texts;
  return {};
}

std::string amount(double x) {  // 1.15, not +1.15, where the words say "more"
  std::string s = signed_number(x);
  return s.front() == '+' ? s.substr(1) : s;
}

std::string names(const std::vector<std::string>& xs, std::size_t most) {
  std::string s;
  for (std::size_t i = 0; i < xs.size() && i < most; ++i)
    s += (i == 0 ? "" : (i + 1 == xs.size() && xs.size() <= most ? " and " : ", ")) + xs[i];
  if (xs.size() > most) s += fmt::format(" and {} more", xs.size() - most);
  return s;
}

// The decision's numbers for the chosen fund in the first named scenario.
struct Chosen {
  const Finding& d;
  std::size_t s, o, options, years;
  std::vector<std::int64_t> year;
  double at(const std::string& name, std::size_t y) const {
    return column(d, name).numbers[(s * options + o) * years + y];
  }
  double money(const std::string& name) const { return column(d, name).numbers[s * options + o]; }
};

std::string with_fund(const FindingContext& f) {
  return f.is_size(f.enough) && f.by_size ? "a fund of " + f.label(f.enough) : f.label(f.enough);
}

std::string headline(const FindingContext& f, const Chosen& c) {
  return fmt::format(
      "With {}, {} more States are expected to be complete at the end of {} than with no fund "
      "(95% CI {} to {}; scenario {}).",
      with_fund(f), amount(c.at("mean", 0)), c.year[0], signed_number(c.at("ci_low", 0)),
      signed_number(c.at("ci_high", 0)), f.c.scenarios[f.s0]);
}

std::string later(const Chosen& c) {
  std::string s;
  for (std::size_t y = 1; y < c.years; ++y)
    s += fmt::format("{}by the end of {}, {}", y == 1 ? "" : "; ", c.year[y],
                     amount(c.at("mean", y)));
  return s.empty() ? "" : "The gain grows with time: " + s + " more States.";
}

std::string spread(const Chosen& c) {
  return fmt::format(
      "Futures differ: by the end of {} the fund adds {} States in 8 futures out of 10, and in {} "
      "of futures it adds none.",
      c.year[0], whole_range(c.at("p10", 0), c.at("p90", 0)), percent(c.at("share_none", 0)));
}

// Without /pairs: each policy of other rules against the default rules at the same size, by
// 2030, as the difference of the decision's paired means (the same futures, so the mean of the
// paired differences).
std::string rules_from_means(const FindingContext& f, const Finding& d) {
  const auto* base = f.families.default_family();
  if (!base) return "";
  const auto& options = d.axes[1].labels;
  const auto& mean = column(d, "mean").numbers;
  const std::size_t Y = d.axes[2].numbers.size();
  const auto at = [&](std::size_t p) {
    const auto o = static_cast<std::size_t>(
        std::find(options.begin(), options.end(), f.c.policies[p]) - options.begin());
    return mean[(f.s0 * options.size() + o) * Y];
  };
  std::string s;
  for (const auto& fam : f.families.families) {
    if (fam.default_rules) continue;
    for (const auto p : fam.members) {
      for (const auto q : base->members) {
        if (f.size[q] != f.size[p]) continue;
        s += fmt::format(" {} against {}: {} States by 2030.", f.c.policies[p], f.label(q),
                         signed_number(at(p) - at(q)));
      }
    }
  }
  return s;
}

// Each rule against the default rules of the same size, by 2030: /pairs' numbers when the study
// has them.
std::string rules_against_default(const FindingContext& f, const std::vector<Finding>& items) {
  const Finding* v = item(items, "rule_variants");
  if (!v) {
    const Finding* d = item(items, "decision");
    return d ? rules_from_means(f, *d) : "";
  }
  const auto& policy = column(*v, "policy").texts;
  const auto& baseline = column(*v, "baseline").texts;
  const auto& mean = column(*v, "completed_by_2030_mean").numbers;
  std::string s;
  for (std::size_t j = 0; j < policy.size(); ++j)
    s += fmt::format(" {} against {}: {} States by 2030.", policy[j], baseline[j],
                     signed_number(mean[j]));
  return s;
}

std::string choice(const FindingContext& f, const std::vector<Finding>& items) {
  const Finding* dr = item(items, "diminishing_returns");
  if (f.sizes_compared() && dr) {
    const std::string largest = note(*dr, "largest_policy");
    const auto it = std::find(f.c.policies.begin(), f.c.policies.end(), largest);
    const std::string big = f.label(static_cast<std::size_t>(it - f.c.policies.begin()));
    if (largest == f.c.policies[f.enough])
      return fmt::format(
          "Among the sizes of the default rules, no smaller one brings 90% of the gain of {} by "
          "2030.",
          big);
    return fmt::format(
        "Returns diminish with size: {} brings {} of the gain of {} by 2030, for less money.",
        f.label(f.enough), percent(value(*dr, "share_of_largest_gain")), big);
  }
  std::string s = fmt::format("Compared by name, {} is {}.", f.label(f.enough), f.enough_reason);
  if (f.root.has_group("robustness") &&
      f.root.open_group("robustness").has_group("completed_by_2030")) {
    const auto regret =
        f.root.open_group("robustness").open_dataset("completed_by_2030/max_regret").read<double>();
    if (f.enough < regret.size())
      s += amount(regret[f.enough]) == amount(0)
               ? " It is the best policy, or level with it, in every scenario."
               : fmt::format(
                     " In its worst scenario it falls {} States short of the best "
                     "policy there.",
                     amount(regret[f.enough]));
  }
  return s + rules_against_default(f, items);
}

std::string money_sentence(const FindingContext& f, const Chosen& c) {
  const double received = c.money("received_usd");
  if (!(received > 0)) return "";
  return fmt::format(
      "Over the run the fund receives {} on average; {} ({}) is still unspent at the end of {} "
      "and {} ({}) pays its administration.",
      money(received), money(c.money("idle_usd")), percent(c.money("unused_share")), f.horizon,
      money(c.money("admin_usd")), percent(c.money("admin_usd") / received));
}

std::string data_sentence(const FindingContext& f, const std::vector<Finding>& items) {
  const Finding* d = item(items, "data_behind");
  if (!d) return "";
  const std::size_t i = f.s0 * f.c.policies.size() + f.enough;
  const double effect = column(*d, "effect").numbers[i], weak = column(*d, "weak_part").numbers[i];
  if (!(std::fabs(effect) > 0)) return "";
  return fmt::format(
      "{} of that gain by {} rests on States whose data are weak (quality C, or a cost clipped, "
      "imputed or a regional median).",
      percent(weak / effect), f.horizon);
}

std::string gap_sentence(const FindingContext& f) {
  if (!f.root.has_group("funding_gap")) return "";
  const sim::h5::Group g = f.root.open_group("funding_gap");
  const auto scenarios = g.open_dataset("scenario").read_strings();
  const auto estimates = g.open_dataset("area_estimate").read_strings();
  const auto s = std::find(scenarios.begin(), scenarios.end(), f.c.scenarios[f.s0]);
  const auto best = std::find(estimates.begin(), estimates.end(), "best");
  if (s == scenarios.end() || best == estimates.end()) return "";
  const auto i = static_cast<std::size_t>(s - scenarios.begin());
  const std::size_t k = static_cast<std::size_t>(best - estimates.begin()), E = estimates.size();
  const double total = g.open_dataset("total_gap_usd").read<double>()[i * E + k];
  const double eligible = g.open_dataset("eligible_gap_usd").read<double>()[i * E + k];
  const auto n = g.open_dataset("eligible_states").read<std::int64_t>()[i];
  return fmt::format(
      "At the start, the money missing for all States to complete by their deadlines is {} "
      "(best estimates of the areas); {} of it is in the {} States eligible for the fund.",
      money(total), money(eligible), n);
}

std::string for_whom_sentence(const FindingContext& f, const std::vector<Finding>& items) {
  const Finding* w = item(items, "for_whom");
  if (!w) return "";
  const auto gainers = list(*w, "more_likely_by_2030_states");
  const auto behind = list(*w, "left_behind_eligible");
  return fmt::format(
      "With {}, chosen as {}, {} become{} more likely to complete by 2030; {} eligible for the "
      "fund {} still not complete at the end of {} in most futures{}.",
      f.label(f.enough), f.enough_reason,
      gainers.empty() ? "no State"
                      : fmt::format("{} States ({})", gainers.size(), names(gainers, 4)),
      gainers.size() == 1 || gainers.empty() ? "s" : "",
      behind.size() == 1 ? "1 State" : fmt::format("{} States", behind.size()),
      behind.size() == 1 ? "is" : "are", f.horizon,
      behind.empty() ? "" : " (" + names(behind, 6) + ")");
}

}  // namespace

std::optional<Finding> first_page(const FindingContext& f, const std::vector<Finding>& items) {
  const Finding* d = item(items, "decision");
  if (!d) return std::nullopt;
  const auto& options = d->axes[1].labels;
  const auto o = std::find(options.begin(), options.end(), f.c.policies[f.enough]);
  if (o == options.end()) return std::nullopt;
  const Chosen c{*d,
                 f.s0,
                 static_cast<std::size_t>(o - options.begin()),
                 options.size(),
                 d->axes[2].numbers.size(),
                 d->axes[2].numbers};
  Finding out;
  out.name = "first_page";
  out.scenario = f.c.scenarios[f.s0];
  out.policy = f.c.policies[f.enough];
  out.notes.emplace_back("policy_reason", f.enough_reason);
  const std::vector<std::pair<std::string, std::string>> topics{
      {"headline", headline(f, c)},    {"later", later(c)},
      {"spread", spread(c)},           {"choice", choice(f, items)},
      {"money", money_sentence(f, c)}, {"data", data_sentence(f, items)},
      {"gap", gap_sentence(f)},        {"for_whom", for_whom_sentence(f, items)}};
  FindingAxis topic{"topic", {}, {}};
  FindingColumn sentence;
  sentence.name = "sentence";
  sentence.dims = {"topic"};
  sentence.long_name = "one plain sentence per topic (empty when the file lacks what it needs)";
  for (const auto& [name, text] : topics) {
    topic.labels.push_back(name);
    sentence.texts.push_back(text);
  }
  out.axes.push_back(std::move(topic));
  out.add_column(std::move(sentence));
  return out;
}

}  // namespace vtf::questions
