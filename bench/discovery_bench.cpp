// vtfsim_discovery_bench: how long scenario discovery takes on a table of the size a large study
// gives, PRIM (sim/analysis/prim.hpp) and the feature score (sim/analysis/feature_score.hpp)
// timed separately.
//
//   build/vtfsim_discovery_bench [--rows N] [--inputs K] [--seed S]
//
// The table is synthetic: K inputs uniform on [0, 1] and the rows with x0 < 0.3 and x1 > 0.6
// cases of interest, each label flipped with probability 0.05, so that PRIM has a box to find
// and the feature score two drivers to rank first.
#include <fmt/format.h>
#include <tbb/info.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/analysis/feature_score.hpp"
#include "sim/analysis/prim.hpp"

namespace {

struct Options {
  std::size_t rows = 100'000, inputs = 40;
  std::uint64_t seed = 1;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument(fmt::format("{} needs a value", arg));
    const auto value = std::stoull(argv[++i]);
    if (arg == "--rows") {
      o.rows = value;
    } else if (arg == "--inputs") {
      o.inputs = value;
    } else if (arg == "--seed") {
      o.seed = value;
    } else {
      throw std::invalid_argument(fmt::format("unknown option {}", arg));
    }
  }
  if (o.inputs < 2) throw std::invalid_argument("--inputs must be at least 2");
  return o;
}

sim::DiscoveryData synthetic(const Options& o) {
  sim::DiscoveryData d;
  d.rows = o.rows;
  std::mt19937_64 rng(o.seed);
  const auto uniform = [&rng] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  for (std::size_t j = 0; j < o.inputs; ++j) {
    d.names.push_back(fmt::format("x{}", j));
    d.columns.emplace_back(o.rows);
    for (auto& v : d.columns.back())
      v = uniform();
  }
  for (std::size_t i = 0; i < o.rows; ++i) {
    const bool in_box = d.columns[0][i] < 0.3 && d.columns[1][i] > 0.6;
    d.cases.push_back(in_box != (uniform() < 0.05) ? 1 : 0);
  }
  return d;
}

template <class F>
double seconds(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    const sim::DiscoveryData d = synthetic(o);
    fmt::print("rows {}, inputs {}, threads {}\n", o.rows, o.inputs,
               tbb::info::default_concurrency());
    sim::PrimResult box;
    const double prim_seconds = seconds([&] { box = sim::prim(d); });
    fmt::print("PRIM: {:.3f} s; box found: {}{}\n", prim_seconds, box.found ? "yes" : "no",
               box.found ? "" : " (" + box.reason + ")");
    for (const auto& l : box.limits)
      fmt::print("  {} in [{:.3f}, {:.3f}], p = {:.2g}\n", l.name, l.low, l.high, l.p_value);
    if (box.found)
      fmt::print("  coverage {:.3f}, density {:.3f}, mass {:.3f}, trajectory of {} boxes\n",
                 box.coverage, box.density, box.mass, box.trajectory.size());
    sim::FeatureScore score;
    const double score_seconds = seconds([&] { score = sim::extra_trees_importance(d); });
    fmt::print("feature score: {:.3f} s; x0 {:.3f}, x1 {:.3f}, out-of-bag R^2 {:.3f}\n",
               score_seconds, score.importance[0], score.importance[1], score.out_of_bag_r_squared);
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "vtfsim_discovery_bench: {}\n", e.what());
    return 2;
  }
}
