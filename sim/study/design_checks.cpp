// The checks made once the design is expanded: they need every scenario x policy resolved.
#include <fmt/format.h>

#include "sim/study/scenario_reader.hpp"

namespace sim {

const WrittenKey* ScenarioReader::written_at(std::size_t s, std::size_t p,
                                             const std::string& parameter) const {
  const ExperimentDesign& d = study_.design;
  // The policy's value wins over the scenario's, the scenario's over the base (resolve()).
  for (const NamedValues* level : {&d.policies.at(p), &d.scenarios.at(s)}) {
    if (const auto it = level->written_at.find(parameter); it != level->written_at.end())
      return &it->second;
    if (level->values.contains(parameter)) return nullptr;  // the model's own (the baseline's)
  }
  const auto it = base_at_.find(parameter);
  return it == base_at_.end() ? nullptr : &it->second;
}

void ScenarioReader::check_policies() const {
  const ExperimentDesign& d = study_.design;
  if (d.policies.size() != 1) return;
  // Only the baseline runs, and it replaces its own values: one written in a base table (a fund
  // size, say) would silently do nothing, and the study would compare nothing with it.
  for (const auto& [name, value] : ctx_.baseline.values.values()) {
    const auto it = base_at_.find(name);
    if (it == base_at_.end()) continue;
    const std::string v = format_value(*d.base.find(name));
    fail_at(it->second.at, it->second.key,
            fmt::format("set only as a base value, but the study has no policy other than policy "
                        "0 \"{}\" ({}), which sets its own {}, so no run would use it; to make "
                        "policies, put it in [levers]: {} = [{}] (a list of alternatives, one "
                        "policy each), or name a [[policy]] with {} = {}",
                        ctx_.baseline.name, ctx_.baseline_description, name, name, v, name, v));
  }
}

void ScenarioReader::check_values() const {
  if (!ctx_.check_values) return;
  const ExperimentDesign& d = study_.design;
  for (std::size_t s = 0; s < d.scenarios.size(); ++s) {
    for (std::size_t p = 0; p < d.policies.size(); ++p) {
      const WrittenPredicate written = [&](const std::string& name) {
        return written_at(s, p, name) != nullptr;
      };
      const auto problems = ctx_.check_values(d.resolve(s, p), written);
      if (problems.empty()) continue;
      const ParameterProblem& first = problems.front();
      if (const WrittenKey* at = written_at(s, p, first.parameter))
        fail_at(at->at, at->key, first.message);
      fail_at(FilePosition{path_, 0}, first.parameter, first.message);
    }
  }
}

}  // namespace sim
