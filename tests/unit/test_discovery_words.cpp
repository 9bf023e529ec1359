// Scenario discovery in words: limits by the input's label, a count fixed to one value said once,
// and a box that is not sharp not called "mainly".
#include <catch2/catch.hpp>
#include <string>

#include "questions/discovery_words.hpp"

namespace {

sim::Discovery one_input_discovery() {
  sim::Discovery d;
  d.inputs.push_back({"envelope_shocks", "1", "years with a cut", "drawn",
                      "the number of sudden cuts in bilateral support"});
  d.input_min = {0};
  d.input_max = {4};
  d.futures = 1000;
  d.cases = 400;
  d.box.base_density = 0.4;
  return d;
}

}  // namespace

TEST_CASE("Discovery limits are said by the input's label, a single value once", "[discovery]") {
  const auto d = one_input_discovery();
  sim::PrimLimit l{0, "envelope_shocks", 1, 1, true, true, 0.001};
  CHECK(vtf::questions::limit_words(d, l) == "the number of sudden cuts in bilateral support is 1");
  l.high = 3;
  CHECK(vtf::questions::limit_words(d, l) ==
        "the number of sudden cuts in bilateral support is between 1 and 3");
  l.restricts_low = false;
  CHECK(vtf::questions::limit_words(d, l) ==
        "the number of sudden cuts in bilateral support is at most 3");
  sim::Discovery unlabelled = d;
  unlabelled.inputs[0].label.clear();
  CHECK(vtf::questions::limit_words(unlabelled, l) == "envelope_shocks is at most 3");
}

TEST_CASE("A discovery box is 'mainly' only when it is sharp on held-out futures", "[discovery]") {
  auto d = one_input_discovery();
  d.box.found = true;
  d.box.limits.push_back({0, "envelope_shocks", 2, 4, true, false, 1e-6});
  d.box.density = d.box.density_test = 0.65;  // short of 0.4 + 0.5 x 0.6 = 0.7
  const std::string weak = vtf::questions::discovery_statement(d, "it fails");
  CHECK(weak.find("No simple set of conditions") != std::string::npos);
  CHECK(weak.find("the number of sudden cuts in bilateral support is at least 2") !=
        std::string::npos);
  d.box.density = d.box.density_test = 0.75;
  const std::string sharp = vtf::questions::discovery_statement(d, "it fails");
  CHECK(sharp.find("It happens mainly when the number of sudden cuts") != std::string::npos);
  CHECK(sharp.find("400 of 1000 futures (40%)") != std::string::npos);
}

TEST_CASE("No box is said in words, with the method's reason only when peeling never started",
          "[discovery]") {
  auto d = one_input_discovery();
  d.box.reason = "no restriction of the best box raises the density on the held-out rows";
  d.box.rows_test = 500;
  const std::string judged = vtf::questions::discovery_statement(d, "it fails");
  CHECK(judged.find("No simple set of conditions singles these futures out: no box of conditions "
                    "found on half of the replications holds on the other half.") !=
        std::string::npos);
  d.box.rows_test = 0;
  d.box.reason = "too few rows to judge a box on held-out rows (40; at least 50)";
  CHECK(vtf::questions::discovery_statement(d, "it fails").find("too few rows") !=
        std::string::npos);
}

TEST_CASE("Without a box, the sentence names what moves the value most, when inputs were scored",
          "[discovery]") {
  auto d = one_input_discovery();
  d.inputs.push_back({"area_factor_PER", "1", "", "drawn", "Peru's initial area"});
  d.inputs.push_back({"apply_share", "1", "", "drawn", ""});
  d.box.rows_test = 500;
  CHECK(vtf::questions::discovery_statement(d, "it fails").find("What moves") ==
        std::string::npos);  // the run's finding scores nothing
  d.score.importance = {0.2, 0.5, 0.3};
  CHECK(vtf::questions::inputs_by_importance(d) == std::vector<std::size_t>{1, 2, 0});
  const std::string s = vtf::questions::discovery_statement(d, "it fails");
  CHECK(s.find("What moves the value most, over every one of the futures: Peru's initial area, "
               "apply_share and the number of sudden cuts in bilateral support") !=
        std::string::npos);
}
