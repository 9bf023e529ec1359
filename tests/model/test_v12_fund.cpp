// MODEL.md v1.2, the fund's side: newcomer contributors' shares are normalised (5.6.1) and
// limited national means is judged by income group as well as LDC status (5.6.3).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "models/replication.hpp"
#include "models/world.hpp"
#include "unit/support.hpp"

namespace {

std::string one_fund(double annual_usd, const std::string& more = "") {
  return "[study]\nreplications = 1\n[levers]\nvtf.annual_usd = [" + std::to_string(annual_usd) +
         "]\n" + more;
}

}  // namespace

TEST_CASE("Contributors' shares are normalised: a newcomer's mean share is a founder's",
          "[model][fund][v12]") {
  const vtf::VtfModel model(test::study_from(one_fund(10e6)));
  const int count = model.params(0, 1).contributors.count;
  vtf::World world;
  double sum = 0, largest = 0;
  std::size_t n = 0;
  for (std::uint64_t r = 0; r < 300; ++r) {
    vtf::generate_world(model.scenario(0), model.data(), r, world);
    double founders = 0;
    for (const double w : world.initial_weight)
      founders += w;
    CHECK(founders == Approx(1.0));  // the founders share the target
    for (const double w : world.newcomer_weight) {
      sum += w;
      largest = std::max(largest, w);
      ++n;
    }
  }
  CHECK(largest <= 1.0);  // v1.1: 3% of newcomers pledged more than the whole target
  CHECK(sum / static_cast<double>(n) == Approx(1.0 / count).margin(0.005));
}

TEST_CASE(
    "With the smallest and the largest fund no replication receives more than a few times the "
    "target",
    "[model][fund][v12]") {
  for (const double target : {2e6, 50e6}) {
    const vtf::VtfModel model(test::study_from(one_fund(target)));
    const auto& f = model.params(0, 1).fund;
    const double fund_years = model.scenario(0).last_year - f.start_year + 1;
    vtf::World world;
    vtf::ReplicationState state;
    double total = 0, largest = 0;
    const int replications = 300;
    for (int r = 0; r < replications; ++r) {
      vtf::generate_world(model.scenario(0), model.data(), static_cast<std::uint64_t>(r), world);
      vtf::Replication rep(model.scenario(0), model.params(0, 1), world, state);
      rep.run();
      total += rep.totals().vtf_received_usd;
      largest = std::max(largest, rep.totals().vtf_received_usd);
    }
    INFO("fund " << target / 1e6 << "M: largest " << largest / 1e6 << "M, mean "
                 << total / replications / 1e6 << "M");
    CHECK(largest <= 3.0 * target * fund_years);
    // Expected pledges are at most the target and at most 90% of a pledge is ever paid.
    CHECK(total / replications <= 0.9 * target * fund_years);
  }
}
