#include "app/study_loader.hpp"

#include <string_view>

#include "models/parameters.hpp"
#include "sim/study/scenario_file.hpp"

namespace vtfsim_embedded {
extern const std::string_view working_group_toml;
}

namespace vtf::app {

sim::Study load_study(const std::string& path, std::optional<std::uint64_t> seed) {
  sim::DesignContext context = design_context();
  context.seed_override = seed;
  if (path.empty())
    return sim::parse_study(vtfsim_embedded::working_group_toml, kBuiltinStudyPath, context);
  return sim::load_study(path, context);
}

}  // namespace vtf::app
