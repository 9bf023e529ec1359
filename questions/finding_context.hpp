#pragma once
// What every finding needs: the comparison, its named and sampled scenarios, the outcomes spoken
// of, how each fund is called, the scenario and the fund most statements speak of, and the
// results file (open for reading). Built once by compute_findings (questions/findings.cpp).
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "questions/findings.hpp"
#include "questions/policy_families.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"

namespace vtf::questions {

struct FindingContext {
  const std::string& path;
  const sim::Comparison& c;
  const sim::h5::Group& root;
  std::size_t kh = 0, kx = 0;  // completions by the horizon, extension requests
  std::optional<std::size_t> k30;
  std::vector<std::size_t> named, sampled;
  std::string horizon;       // its year
  std::vector<double> size;  // each policy's annual target; NaN if the file has none
  // Each policy's /policies/parameters_set (all "" in a file written before it existed).
  std::vector<std::string> parameters_set;
  PolicyFamilies families;  // the fund policies by the rules they share
  bool by_size = true;      // every size (below) has its own
  // The sizes, smallest first: the default rules' family (every fund policy when no policy has
  // the default rules). The findings that compare sizes and the fund they speak of (`enough`)
  // take only these.
  std::vector<std::size_t> funds;
  std::size_t s0 = 0;  // the first named scenario, the one single statements speak of
  // The fund the statements after diminishing returns speak of, the same everywhere: the chosen
  // policy of /findings/decision (questions/decision.hpp), and the sentence saying why.
  std::size_t enough = 0;
  std::string enough_reason;

  // Sizes are named by their size, unless two have the same (then by policy name); any other
  // policy by its name.
  std::string label(std::size_t p) const;
  bool is_size(std::size_t p) const;
  // The default rules have two sizes or more: sizes may be compared as sizes.
  bool sizes_compared() const {
    const auto* d = families.default_family();
    return d && d->has_sizes();
  }
};

// The parameter in which the sizes differ from the base and from one another.
inline constexpr const char* kSizeParameter = "vtf.annual_usd";

// Nothing when the comparison lacks completed_by_horizon or extension_requests, or has no fund.
std::optional<FindingContext> finding_context(const std::string& path, const sim::Comparison& c,
                                              const sim::h5::Group& root);

// The findings in plain words (questions/plain_summary.cpp).
std::optional<Finding> which_sizes(const FindingContext& f);
std::optional<Finding> diminishing_returns(const FindingContext& f);
std::optional<Finding> for_whom(const FindingContext& f);
std::optional<Finding> data_behind_finding(const FindingContext& f);
std::optional<Finding> how_sure(const FindingContext& f);
// The numbers the report states beside them (questions/findings_tables.cpp): its main answer for
// every scenario and fund, and every State's row for every scenario and policy.
std::optional<Finding> main_answer(const FindingContext& f);
std::optional<Finding> by_state(const FindingContext& f);
// Which policies are the sizes, and each rule variant against its baseline as /pairs has it
// (questions/rule_variants.cpp).
std::optional<Finding> sizes(const FindingContext& f);
std::optional<Finding> rule_variants(const FindingContext& f);
// The decision figure's numbers: every fund policy's paired difference by year, its spread across
// futures and its money (questions/decision.cpp).
std::optional<Finding> decision(const FindingContext& f);
// Under which futures the chosen fund adds no State by 2030 (questions/where_it_fails.cpp).
std::optional<Finding> where_it_fails(const FindingContext& f);
// The first page's sentences, from the findings computed before it (questions/first_page.cpp).
std::optional<Finding> first_page(const FindingContext& f, const std::vector<Finding>& before);

}  // namespace vtf::questions
