// MODEL.md v1.2, the States' side: the release history advances every month (5.5), national
// money is imputed wherever release is recorded without money and resumes at a re-opening (5.2),
// the States without access are named (5.5), completed_on_time counts the first completion (7).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "models/events.hpp"
#include "models/parameters.hpp"
#include "models/replication.hpp"
#include "models/world.hpp"
#include "unit/support.hpp"

namespace {

std::size_t index_of(const vtf::VtfModel& model, const std::string& iso3) {
  for (std::size_t i = 0; i < model.data().size(); ++i) {
    if (model.data()[i].iso3 == iso3) return i;
  }
  throw std::logic_error("no State " + iso3);
}

}  // namespace

TEST_CASE("The release history advances every month, with zero while a State cannot operate",
          "[model][extensions][v12]") {
  const vtf::VtfModel model(test::study_from("[study]\nreplications = 1\n" + test::noise_off()));
  vtf::World world;
  vtf::ReplicationState state;
  vtf::generate_world(model.scenario(0), model.data(), 0, world);
  vtf::Replication rep(model.scenario(0), model.params(0, 0), world, state);
  rep.run();
  // Oman (completed throughout, recorded release 0.159 km2/yr before the start) and the State of
  // Palestine (no access, recorded release 0.01): after twenty years of not operating, the last
  // three years hold no release (v1.1 kept the recorded release of 2025 for ever).
  for (const char* iso3 : {"OMN", "PSE"}) {
    const std::size_t i = index_of(model, iso3);
    INFO(iso3);
    for (int m = 0; m < vtf::kHistoryMonths; ++m)
      CHECK(state.release_ring[i * vtf::kHistoryMonths + static_cast<std::size_t>(m)] == 0.0);
  }
}
