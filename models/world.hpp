#pragma once
// The world of one (scenario, replication): every random draw and everything that does not
// depend on the policy, computed once and shared by all policies. Sharing it is how common
// random numbers hold by construction (MODEL.md 4.3), and it spares the policies the cost of
// drawing the same numbers again. Draws are addressed (seed, replication, entity, process,
// period, draw) and never depend on the scenario index, so scenarios share them too.
#include <cstdint>
#include <vector>

#include "models/operations.hpp"
#include "models/scenario_setup.hpp"
#include "sim/engine/calendar.hpp"

namespace vtf {

struct Find {
  std::uint32_t state = 0;
  std::int64_t size_dm2 = 0;
  bool residual = false;  // a residual find applies to a completed State, the others to active ones
};

// What a component of the world was last drawn for: the seed, the replication and the
// parameters it depends on. A workspace's world redraws a component only when these change, so
// scenarios of one replication that share those parameters share the work. The component is a
// pure function of its key, so this changes no result.
struct DrawKey {
  std::uint64_t seed = ~std::uint64_t{0};
  std::uint64_t replication = ~std::uint64_t{0};
  std::vector<double> parameters;
  // True if the key already equals (seed, replication, parameters); otherwise becomes it.
  bool reuse(std::uint64_t s, std::uint64_t r, const std::vector<double>& p) {
    if (s == seed && r == replication && p == parameters) return true;
    seed = s;
    replication = r;
    parameters = p;
    return false;
  }
  // As reuse, for a component drawn only `whole` or in part: a part matches no key, so the key
  // is forgotten and the component drawn.
  bool reuse_whole(bool whole, std::uint64_t s, std::uint64_t r, const std::vector<double>& p) {
    if (whole) return reuse(s, r, p);
    *this = DrawKey{};
    return false;
  }
};

struct World {
  int years = 0, months = 0, states = 0, slots = 0;
  DrawKey security_key, productivity_key, yearly_key, contributors_key;
  // [state * months + m]
  std::vector<std::uint8_t> disrupted;
  std::vector<float> capacity_fraction;  // share of capacity that can work (1 unless disrupted)
  std::vector<float> productivity;
  // [state * years + y]
  std::vector<double> share_noise;  // exp(u_i(t)) of the AR(1) allocation noise
  std::vector<double> national_multiplier;
  std::vector<double> u_article7, u_decision, u_breach_request, u_apply, u_lottery, u_performance;
  std::vector<double> envelope_usd;          // [years]: E(t), before the fund's effects
  std::vector<std::uint8_t> envelope_shock;  // [years]: 1 if a sudden cut struck that year
  // Contributors to the fund: [slot * years + y]
  // newcomer_weight: the share of the target of a newcomer joining that year (5.6.1), drawn
  // only where the slot's contributor leaves and is replaced that year (NaN elsewhere)
  std::vector<double> u_exit, u_replace, newcomer_weight, u_pay, u_pay_date;
  std::vector<double> initial_weight;  // [slot]: the founders' shares of the target (sum 1)
  std::vector<Find> finds;
  std::vector<sim::Event> fixed_events;  // annual cycle, month starts, finds, year ends: sorted

  // The start, after the simulated 22MSP: [state]
  std::vector<Ground> ground;
  std::vector<double> area0_km2;
  std::vector<sim::Date> deadline;
  std::vector<std::uint8_t> completed, disengaged, operable;
  std::vector<double> completion_year;  // NaN unless completed before the start

  std::size_t sm(std::size_t state, std::size_t month) const {
    return state * static_cast<std::size_t>(months) + month;
  }
  std::size_t sy(std::size_t state, std::size_t year) const {
    return state * static_cast<std::size_t>(years) + year;
  }
  std::size_t ky(std::size_t slot, std::size_t year) const {
    return slot * static_cast<std::size_t>(years) + year;
  }
};

// The deadline in force at the start, after the 22MSP (1 December before the start) as the
// first MSP (5.5): a pending request, or a request by the projection rule from `area_km2` for a
// deadline before the first MSP of the run, decided with the uniform draw `u_decision` (0: the
// request is granted, as the regime grants it). A deadline that expired before the 22MSP
// without a request leaves the State disengaged (in breach from the start).
struct StartDeadline {
  sim::Date deadline;
  bool disengaged = false;
};
StartDeadline deadline_at_start(const ScenarioSetup& setup, const StateData& data, std::size_t i,
                                double area_km2, bool mostly_sha, double u_decision);

// What of a world to draw: all of it for a replication; for the summaries of a future
// (models/future_inputs) only what they read, leaving out the monthly productivity (most of a
// world's cost: a normal and an exponential per State-month), the yearly draws other than the
// fund's application and performance ones, the contributors' replacements and newcomers, and
// the calendar (fixed_events then holds the finds' events, unsorted). The streams are
// addressed, so leaving some out changes no other draw.
enum class WorldDraws { kAll, kForSummaries };

void generate_world(const ScenarioSetup& setup, const std::vector<StateData>& data,
                    std::uint64_t replication, World& world, WorldDraws draws = WorldDraws::kAll);

// Initial remaining area: triangular on (low, best, high), on a log scale where high/low
// exceeds the ratio (MODEL.md 3.1), by inversion of uniform u.
double triangular_area(double low, double best, double high, double log_ratio, double u);

}  // namespace vtf
