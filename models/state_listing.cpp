#include "models/state_listing.hpp"

#include <set>

#include "models/income_groups.hpp"
#include "models/parameters.hpp"
#include "models/state_data.hpp"
#include "sim/study/name_folding.hpp"

namespace vtf {

std::vector<StateListing> list_states(const sim::Study& study) {
  const auto& data = reference_states();
  const auto& names = reference_names();
  const ModelParams params = read_params(study.design.resolve(0, 0), study);
  const auto calibration = calibrate(params, data);
  std::vector<StateListing> out;
  for (std::size_t i = 0; i < data.size(); ++i) {
    StateListing s{data[i].name,
                   data[i].iso3,
                   data[i].region,
                   params.states[i].ldc,
                   data[i].income_group,
                   data[i].quality,
                   {},
                   calibration[i].status};
    // Each name once as a file would match it: "Turkiye" adds nothing to "Türkiye".
    std::set<std::string> folded = {sim::fold_name(s.name), sim::fold_name(s.iso3)};
    std::vector<std::string> all = names[i].aliases;
    all.insert(all.begin(), names[i].name);
    for (const auto& alias : all) {
      if (folded.insert(sim::fold_name(alias)).second) s.aliases.push_back(alias);
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace vtf
