#include "bench/monthly_floor.hpp"

#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>

#include "models/operations.hpp"
#include "models/world.hpp"

namespace vtf::bench {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

struct Totals {
  double world = 0, months = 0, released_km2 = 0;
};

// Every policy's months on one world: a State operates until it completes, as in the model.
double run_months(const ScenarioSetup& setup, const World& w, std::size_t policies,
                  std::vector<Ground>& ground) {
  constexpr double kMonthlyBudgetUsd = 250'000;  // a national programme's order of magnitude
  const auto states = static_cast<std::size_t>(w.states);
  // Each State's books in integers, as the model keeps them: no sum runs across States.
  std::vector<std::int64_t> released(states, 0);
  for (std::size_t p = 0; p < policies; ++p) {
    ground = w.ground;
    for (std::size_t m = 0; m < static_cast<std::size_t>(w.months); ++m) {
      for (std::size_t i = 0; i < states; ++i) {
        if (w.completed[i] || ground[i].sha + ground[i].cha <= 0) continue;
        const double budget = kMonthlyBudgetUsd * w.capacity_fraction[w.sm(i, m)];
        const MonthOutcome o =
            operate_month(ground[i], budget, w.productivity[w.sm(i, m)], setup.ops);
        released[i] += o.released();
      }
    }
  }
  double km2_released = 0;
  for (const std::int64_t r : released)
    km2_released += km2(r);
  return km2_released;
}

}  // namespace

FloorMeasurement measure_floor(const VtfModel& model, std::uint64_t replications,
                               std::size_t threads) {
  const std::size_t scenarios = model.scenario_count(), policies = model.policy_count();
  const auto tasks = scenarios * static_cast<std::size_t>(replications);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  tbb::combinable<Totals> totals;
  const auto start = Clock::now();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, tasks), [&](const auto& range) {
    Totals& t = totals.local();
    World w;
    std::vector<Ground> ground;
    for (std::size_t task = range.begin(); task != range.end(); ++task) {
      const std::size_t s = task % scenarios;
      const ScenarioSetup& setup = model.scenario(s);
      const auto began = Clock::now();
      generate_world(setup, model.data(), task / scenarios, w);
      const auto drawn = Clock::now();
      t.released_km2 += run_months(setup, w, policies, ground);
      t.world += std::chrono::duration<double>(drawn - began).count();
      t.months += seconds_since(drawn);
    }
  });
  FloorMeasurement m;
  m.wall_seconds = seconds_since(start);
  totals.combine_each([&](const Totals& t) {
    m.world_seconds += t.world;
    m.months_seconds += t.months;
    m.checksum += t.released_km2;
  });
  const ScenarioSetup& first = model.scenario(0);
  m.state_months = static_cast<double>(tasks * policies) *
                   static_cast<double>(first.params.states.size()) *
                   static_cast<double>(first.months);
  return m;
}

}  // namespace vtf::bench
