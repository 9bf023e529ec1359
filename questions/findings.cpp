#include "questions/findings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "questions/decision.hpp"
#include "questions/finding_context.hpp"
#include "questions/number_text.hpp"

namespace vtf::questions {
namespace {

using Maker = std::optional<Finding> (*)(const FindingContext&);

// The findings, in the order the terminal prints them. One more finding: one more entry (a
// function of questions/; its statement may be empty when it is a table for the report only).
constexpr Maker kFindings[] = {
    which_sizes,    diminishing_returns,
    for_whom,       data_behind_finding,
    how_sure,       sizes,
    rule_variants,  main_answer,
    by_state,       decision,
    where_it_fails,
};

std::optional<std::size_t> find(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<std::size_t>(it - names.begin());
}

}  // namespace

bool FindingContext::is_size(std::size_t p) const {
  return std::find(funds.begin(), funds.end(), p) != funds.end();
}

std::string FindingContext::label(std::size_t p) const {
  return std::isnan(size[p]) || !by_size || !is_size(p) ? c.policies[p]
                                                        : money(size[p]) + " a year";
}

namespace {

// The sizes (FindingContext::funds), smallest first: the default rules' family when it has two
// sizes or more; otherwise every fund policy, in the order of the families, named by name.
void choose_sizes(FindingContext& f) {
  if (f.sizes_compared()) {
    f.funds = f.families.default_family()->members;
  } else {
    for (const auto& fam : f.families.families)
      f.funds.insert(f.funds.end(), fam.members.begin(), fam.members.end());
  }
  std::vector<double> sizes;
  for (const auto p : f.funds)
    sizes.push_back(f.size[p]);
  std::sort(sizes.begin(), sizes.end());
  f.by_size = f.sizes_compared() && std::adjacent_find(sizes.begin(), sizes.end()) == sizes.end();
}

}  // namespace

std::optional<FindingContext> finding_context(const std::string& path, const sim::Comparison& c,
                                              const sim::h5::Group& root) {
  const auto kh = find(c.outcomes, "completed_by_horizon");
  const auto kx = find(c.outcomes, "extension_requests");
  if (!kh || !kx || c.policies.size() < 2) return std::nullopt;
  FindingContext f{path, c, root, 0, 0, std::nullopt, {}, {}, "", {}, {}, {}, true, {}, 0, 0, ""};
  f.kh = *kh;
  f.kx = *kx;
  f.k30 = find(c.outcomes, "completed_by_2030");
  for (std::size_t s = 0; s < c.scenarios.size(); ++s)
    (c.sampled.empty() || !c.sampled[s] ? f.named : f.sampled).push_back(s);
  if (f.named.empty()) f.named = f.sampled;
  f.horizon = root.string_attribute("horizon_date").value_or("????").substr(0, 4);
  const std::size_t P = c.policies.size();
  f.size.assign(P, NAN);
  if (root.has("policies/vtf_annual_usd"))
    f.size = root.open_dataset("policies/vtf_annual_usd").read<double>();
  f.parameters_set.assign(P, "");
  if (root.has("policies/parameters_set"))
    f.parameters_set = root.open_dataset("policies/parameters_set").read_strings();
  f.families = read_policy_families(root);
  choose_sizes(f);
  f.s0 = f.named.front();
  const Choice choice = choose_policy(f);
  f.enough = choice.policy;
  f.enough_reason = choice.reason;
  return f;
}

std::string Findings::statements() const {
  std::string text;
  for (const auto& item : items)
    text += item.statement;
  return text;
}

std::optional<Findings> compute_findings(const std::string& path, const sim::Comparison& c) {
  const sim::h5::File file = sim::h5::File::open_read(path);
  const sim::h5::Group root = file.root();
  const auto context = finding_context(path, c, root);
  if (!context) return std::nullopt;
  Findings out;
  const auto& f = *context;
  out.heading = fmt::format("In plain words ({} named scenario{}{}):", f.named.size(),
                            f.named.size() == 1 ? "" : "s",
                            f.sampled.empty() ? "" : fmt::format(", {} sampled", f.sampled.size()));
  for (const Maker make : kFindings) {
    if (auto finding = make(f)) out.items.push_back(std::move(*finding));
  }
  // Last: it says in words what the findings above hold.
  if (auto page = first_page(f, out.items)) out.items.push_back(std::move(*page));
  return out;
}

}  // namespace vtf::questions
