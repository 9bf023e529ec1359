// `vtfsim size-fund`: the smallest annual fund size that reaches a target on an outcome. The
// search is questions/fund_sizing.hpp; here the options become its terms, and its answer is
// printed.
#include <fmt/format.h>

#include <algorithm>

#include "app/commands.hpp"
#include "app/study_loader.hpp"
#include "models/vtf_model.hpp"
#include "questions/fund_sizing.hpp"
#include "views/comparison_table.hpp"
#include "views/sizing_view.hpp"

namespace vtf::app {

using namespace views;  // the text forms of the results (views/)
int size_fund(const SizeFundOptions& o) {
  sim::Study study = load_study(o.scenario_path, o.seed);
  if (o.replications) study.replications = *o.replications;
  questions::SizingOptions so;
  so.target =
      questions::Target::parse(o.target, make_schema(study.start.year(), study.horizon.year()));
  so.confidence = questions::Confidence::parse(o.confidence);
  so.max_usd = o.max_usd;
  so.threads = o.threads;
  so.quiet = o.quiet;
  std::vector<std::string> names;
  for (const auto& s : study.design.scenarios)
    names.push_back(s.name);
  if (std::find(o.scenarios.begin(), o.scenarios.end(), "all") != o.scenarios.end()) {
    so.scenarios = pick(names, {}, "scenario");
  } else if (!o.scenarios.empty()) {
    so.scenarios = pick(names, o.scenarios, "scenario");
  } else {
    // By default the named scenarios: the sampled ones are many, and summarised elsewhere.
    for (std::size_t s = 0; s < names.size(); ++s) {
      if (!study.design.scenarios[s].sampled) so.scenarios.push_back(s);
    }
  }
  std::string rules = "the study's base levers";
  if (!o.policy.empty()) {
    std::vector<std::string> policies;
    for (const auto& p : study.design.policies)
      policies.push_back(p.name);
    so.policy = pick(policies, {o.policy}, "fund policy", 1).front();
    rules = fmt::format("those of policy \"{}\"", o.policy);
  }
  const auto results = questions::size_fund(study, so);
  if (o.format == "json") {
    print_sizing_json(stdout, results, so, study);
  } else {
    print_sizing_table(stdout, results, so, study, rules);
  }
  return 0;
}

}  // namespace vtf::app
