#include "models/future_inputs.hpp"

#include <fmt/format.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

#include "sim/engine/errors.hpp"

namespace vtf {
namespace {

constexpr double kDm2PerKm2 = 1e8;

// One input: how it is named and read off a scenario's world. The table states each input once.
struct InputRow {
  std::string name, unit;
  std::string label;  // what a sentence calls it (the finding where_it_fails)
  std::string description;
  std::function<double(const ScenarioSetup&, const World&)> value;
};

// How many of the uniform draws fall below `probability`: the events they decide that happen.
double count_below(const std::vector<double>& draws, double probability) {
  return static_cast<double>(
      std::count_if(draws.begin(), draws.end(), [&](double u) { return u < probability; }));
}

double share_below(const std::vector<double>& draws, double probability) {
  return draws.empty() ? NAN : count_below(draws, probability) / static_cast<double>(draws.size());
}

// Mean yearly log change of the envelope from the start to the year `last` (clipped to the run).
double envelope_growth(const ScenarioSetup& s, const World& w, int last) {
  const int y = std::min(last, s.last_year) - s.first_year;
  if (y <= 0) return NAN;
  return std::log(w.envelope_usd[static_cast<std::size_t>(y)] / w.envelope_usd[0]) / y;
}

std::vector<InputRow> drawn_inputs() {
  return {
      {"envelope_growth_to_2030", "1/yr", "bilateral support's yearly growth to 2030",
       "bilateral support's mean yearly log change from the start to 2030, as drawn",
       [](const ScenarioSetup& s, const World& w) { return envelope_growth(s, w, 2030); }},
      {"envelope_growth", "1/yr", "bilateral support's yearly growth to the horizon",
       "bilateral support's mean yearly log change from the start to the horizon, as drawn",
       [](const ScenarioSetup& s, const World& w) { return envelope_growth(s, w, s.last_year); }},
      {"envelope_shocks", "1", "the number of sudden cuts in bilateral support",
       "years in which a sudden cut struck bilateral support",
       [](const ScenarioSetup&, const World& w) {
         return static_cast<double>(
             std::accumulate(w.envelope_shock.begin(), w.envelope_shock.end(), 0));
       }},
      {"contributor_exit_draws", "1", "the number of contributor exits drawn",
       "contributor-years whose draw is below the exit probability (exits, if still pledging)",
       [](const ScenarioSetup& s, const World& w) {
         return count_below(w.u_exit, s.params.contributors.exit_probability);
       }},
      {"pledges_paid_in_year_share", "1", "the share of pledges paid within their year",
       "share of contributor-years whose pledge is paid within its year",
       [](const ScenarioSetup& s, const World& w) {
         return share_below(w.u_pay, s.params.contributors.pay_in_year_probability);
       }},
      {"largest_founder_share", "1", "the largest founder's share of the target",
       "the largest founding contributor's share of the target",
       [](const ScenarioSetup&, const World& w) {
         return w.initial_weight.empty()
                    ? NAN
                    : *std::max_element(w.initial_weight.begin(), w.initial_weight.end());
       }},
      {"apply_share", "1", "the share of eligible State-years with an application",
       "share of State-years in which an eligible State would apply",
       [](const ScenarioSetup& s, const World& w) {
         return share_below(w.u_apply, s.params.applicants.apply_probability);
       }},
      {"underperformance_share", "1", "the share of awarded projects that underperform",
       "share of State-years in which a project awarded would underperform",
       [](const ScenarioSetup& s, const World& w) {
         return share_below(w.u_performance, s.params.partners.underperformance_probability);
       }},
      {"initial_area_km2", "km2", "the total remaining area at the start (km2)",
       "the 35 States' remaining area at the start, as drawn",
       [](const ScenarioSetup&, const World& w) {
         return std::accumulate(w.area0_km2.begin(), w.area0_km2.end(), 0.0);
       }},
      {"new_finds_km2", "km2", "the area of new contamination found (km2)",
       "area of new contamination found in active States over the run",
       [](const ScenarioSetup&, const World& w) {
         double dm2 = 0;
         for (const Find& f : w.finds)
           if (!f.residual) dm2 += static_cast<double>(f.size_dm2);
         return dm2 / kDm2PerKm2;
       }},
      {"disrupted_share", "1", "the share of State-months disrupted by insecurity",
       "share of State-months in which insecurity disrupted operations",
       [](const ScenarioSetup&, const World& w) {
         const auto n = std::accumulate(w.disrupted.begin(), w.disrupted.end(), std::size_t{0});
         return w.disrupted.empty()
                    ? NAN
                    : static_cast<double>(n) / static_cast<double>(w.disrupted.size());
       }},
  };
}

// Each State whose initial area is uncertain: its drawn area over its best estimate.
std::vector<InputRow> state_area_inputs(const VtfModel& model) {
  std::vector<InputRow> rows;
  const auto& states = model.scenario(0).params.states;
  for (std::size_t i = 0; i < states.size(); ++i) {
    if (!(states[i].area_high_km2 > states[i].area_low_km2) || !(states[i].area_best_km2 > 0))
      continue;
    const std::string& iso3 = model.data()[i].iso3;
    rows.push_back({"area_factor_" + iso3, "1",
                    model.data()[i].name + "'s initial area over its best estimate",
                    model.data()[i].name + ": initial area drawn over its best estimate",
                    [i](const ScenarioSetup& s, const World& w) {
                      return w.area0_km2[i] / s.params.states[i].area_best_km2;
                    }});
  }
  return rows;
}

}  // namespace

sim::FutureInputs future_inputs(const VtfModel& model,
                                const std::vector<std::int64_t>& replication_index,
                                WorldDraws draws) {
  std::vector<InputRow> rows = drawn_inputs();
  for (InputRow& r : state_area_inputs(model))
    rows.push_back(std::move(r));
  sim::FutureInputs out;
  out.scenarios = model.scenario_count();
  out.replications = replication_index.size();
  const std::size_t futures = out.scenarios * out.replications;
  for (const InputRow& r : rows)
    out.inputs.push_back(
        {r.name, r.unit, r.description, "drawn", std::vector<double>(futures), r.label});
  tbb::enumerable_thread_specific<World> worlds;
  tbb::parallel_for(std::size_t{0}, futures, [&](std::size_t f) {
    const std::size_t s = f / out.replications;
    World& w = worlds.local();
    generate_world(model.scenario(s), model.data(),
                   static_cast<std::uint64_t>(replication_index[f % out.replications]), w, draws);
    for (std::size_t k = 0; k < rows.size(); ++k)
      out.inputs[k].values[f] = rows[k].value(model.scenario(s), w);
  });
  return out;
}

void add_future_inputs(const std::string& path, const VtfModel& model) {
  try {
    sim::h5::File file = sim::h5::File::open_rw(path);
    sim::h5::Group root = file.root();
    const auto replications = root.open_dataset("replication").read<std::int64_t>();
    sim::write_future_inputs(root, future_inputs(model, replications));
    file.close();
  } catch (const sim::h5::Error& e) {
    throw sim::RuntimeFailure(fmt::format("cannot write /inputs in {}: {}", path, e.what()));
  }
}

}  // namespace vtf
