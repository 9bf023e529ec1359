#include "models/vtf_model.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "models/outcome_table.hpp"
#include "sim/engine/errors.hpp"

namespace vtf {

sim::CostPerEffectSpec cost_per_effect_spec() {
  return {"vtf_received_usd", "completed_by_horizon", "cost_per_additional_completion_usd", "USD",
          "mean contributions received / mean additional completions"};
}

sim::ModelSchema make_schema(int first_year, int last_year) {
  sim::ModelSchema s;
  s.entity_dim = "state";
  s.period_dim = "year";
  std::vector<std::string> iso3, quality, income;
  for (const auto& st : reference_states()) {
    s.entity_names.push_back(st.name);
    iso3.push_back(st.iso3);
    quality.push_back(st.quality);
    income.push_back(st.income_group);
  }
  s.entity_labels.emplace_back("state_iso3", iso3);
  // Beside each State's contribution, so a reader sees what data an effect rests on.
  s.entity_labels.emplace_back("state_data_quality", quality);
  // The World Bank group (L, LM, UM, H) the per-State view prints beside each State.
  s.entity_labels.emplace_back("state_income_group", income);
  for (int y = first_year; y <= last_year; ++y)
    s.periods.push_back(y);
  declare_outcomes(s);
  declare_contributions(s, first_year, last_year);
  s.baseline = {"no_fund", "no fund"};
  s.cost_per_effect = cost_per_effect_spec();
  return s;
}

VtfModel::VtfModel(const sim::Study& study) : policies_(study.design.policies.size()) {
  const auto& d = study.design;
  for (std::size_t s = 0; s < d.scenarios.size(); ++s) {
    for (std::size_t p = 0; p < d.policies.size(); ++p) {
      try {
        params_.push_back(read_params(d.resolve(s, p), study));
      } catch (const sim::InputError& e) {
        throw sim::InputError(fmt::format("{}: scenario \"{}\", policy \"{}\": {}",
                                          study.source_path, d.scenarios[s].name,
                                          d.policies[p].name, e.what()));
      }
    }
    try {
      scenarios_.push_back(make_scenario_setup(params_[s * policies_], reference_states()));
    } catch (const sim::InputError& e) {
      throw sim::InputError(
          fmt::format("{}: scenario \"{}\": {}", study.source_path, d.scenarios[s].name, e.what()));
    }
  }
  schema_ = make_schema(study.start.year(), study.horizon.year());
  // LDC status as the run saw it (a scenario file may change a State's), from the first scenario.
  sim::ModelSchema::EntityFlag ldc{
      "state_ldc", "1 if on the UN list of Least Developed Countries", {}};
  for (const auto& st : scenarios_.front().params.states)
    ldc.values.push_back(st.ldc ? 1 : 0);
  schema_.entity_flags.push_back(std::move(ldc));
}

void VtfModel::simulate(std::size_t s, std::uint64_t replication, sim::Workspace& workspace,
                        sim::ReplicationOutput& out) const {
  auto& ws = static_cast<VtfWorkspace&>(workspace);
  const ScenarioSetup& setup = scenarios_[s];
  generate_world(setup, reference_states(), replication, ws.world);
  const std::size_t n = setup.params.states.size();
  const auto years = static_cast<std::size_t>(setup.years);
  for (std::size_t p = 0; p < policies_; ++p) {
    Replication rep(setup, params(s, p), ws.world, ws.state);
    rep.run();
    if (!rep.area_conserved() || !rep.money_conserved()) {
      throw std::logic_error(fmt::format(
          "conservation violated in scenario {}, policy {}, replication {}", s, p, replication));
    }
    collect_outcomes(rep.totals(), rep.state(), n, years, p, out);
  }
}

}  // namespace vtf
