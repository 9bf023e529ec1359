#include "models/vtf_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "sim/engine/errors.hpp"

namespace vtf {

using sim::Better;
using sim::OutcomeSpec;
using sim::Storage;

sim::ModelSchema make_schema(int first_year, int last_year) {
  sim::ModelSchema s;
  s.entity_dim = "state";
  s.period_dim = "year";
  std::vector<std::string> iso3;
  for (const auto& st : reference_states()) {
    s.entity_names.push_back(st.name);
    iso3.push_back(st.iso3);
  }
  s.entity_labels.emplace_back("state_iso3", iso3);
  for (int y = first_year; y <= last_year; ++y)
    s.periods.push_back(y);
  const auto count = [](const char* name, const char* doc, Better b) {
    return OutcomeSpec{name, "States", doc, Storage::kInt32, b};
  };
  // Stored as float64: undefined (NaN) when the year is outside the run.
  const auto count_in_year = [](const char* name, const char* doc) {
    return OutcomeSpec{name, "States", doc, Storage::kFloat64, Better::kHigher};
  };
  s.outcomes = {
      count_in_year("completed_by_2030",
                    "States whose Article 5 obligations are completed at the end of 2030 (NaN if "
                    "2030 is outside the run)"),
      count_in_year("completed_by_2035",
                    "States completed at the end of 2035 (NaN if 2035 is outside the run)"),

      count("completed_by_horizon", "States completed at the horizon", Better::kHigher),
      count("completed_on_time",
            "States completing during the run no later than their deadline in force at the start",
            Better::kHigher),
      OutcomeSpec{"extension_requests", "requests",
                  "Article 5 extension requests submitted from the start", Storage::kInt32,
                  Better::kLower},
      OutcomeSpec{"extension_years_granted", "years", "years of extension granted from the start",
                  Storage::kInt32, Better::kLower},
      OutcomeSpec{"breach_state_years", "State-years",
                  "months States spent past their deadline without completion, / 12",
                  Storage::kFloat64, Better::kLower},
      OutcomeSpec{"reopenings", "events", "completed States re-opened by residual contamination",
                  Storage::kInt32, Better::kLower},
      count("left_behind", "States not completed at the horizon", Better::kLower),
      OutcomeSpec{"last_completion_year", "year",
                  "year of the latest completion during the run (NaN if none)", Storage::kFloat64,
                  Better::kLower},
      OutcomeSpec{"area_released_km2", "km2",
                  "area released (cancelled, reduced or cleared) over the run", Storage::kFloat64,
                  Better::kHigher},
      OutcomeSpec{"area_remaining_km2", "km2", "area remaining at the horizon", Storage::kFloat64,
                  Better::kLower},
      OutcomeSpec{"vtf_received_usd", "USD", "contributions received by the fund",
                  Storage::kFloat64, Better::kNeither},
      OutcomeSpec{"vtf_admin_usd", "USD",
                  "fixed administration and programme support paid by the fund", Storage::kFloat64,
                  Better::kNeither},
      OutcomeSpec{"vtf_granted_usd", "USD", "grants committed", Storage::kFloat64,
                  Better::kNeither},
      OutcomeSpec{"vtf_disbursed_usd", "USD",
                  "grant tranches paid to States' implementing partners", Storage::kFloat64,
                  Better::kNeither},
      OutcomeSpec{"vtf_returned_usd", "USD", "grant money returned unspent", Storage::kFloat64,
                  Better::kNeither},
      OutcomeSpec{"vtf_idle_usd", "USD", "the fund's balance at the horizon, reserve included",
                  Storage::kFloat64, Better::kLower},
      OutcomeSpec{"intl_support_usd", "USD",
                  "international (bilateral) support allocated to the States over the run",
                  Storage::kFloat64, Better::kHigher},
  };
  s.entity_outcomes = {
      OutcomeSpec{"completion_year", "year",
                  "year of completion if completed at the horizon, else NaN", Storage::kFloat64,
                  Better::kLower},
      OutcomeSpec{"extension_requests", "requests", "extension requests submitted from the start",
                  Storage::kInt32, Better::kLower},
      OutcomeSpec{"vtf_received_usd", "USD", "fund money received (disbursed less returned)",
                  Storage::kFloat64, Better::kNeither},
      OutcomeSpec{"area_released_km2", "km2", "area released over the run", Storage::kFloat64,
                  Better::kHigher},
      OutcomeSpec{"breach_months", "months", "months past the deadline without completion",
                  Storage::kInt32, Better::kLower},
      OutcomeSpec{"first_completion_year", "year",
                  "year the State first completed (before the start, or during the run, even if "
                  "re-opened later); NaN if it never did",
                  Storage::kFloat64, Better::kLower},
  };

  s.trajectories = {
      sim::TrajectorySpec{"area_remaining_km2", "km2", "remaining area at the end of each year",
                          true},
      sim::TrajectorySpec{"funding_international_usd", "USD/yr",
                          "international support allocated in the year", false},
      sim::TrajectorySpec{"funding_national_usd", "USD/yr", "national budget in the year", false},
      sim::TrajectorySpec{"funding_vtf_usd", "USD/yr", "fund grant money spent in the year", false},
  };
  // In the order of FundFlow (models/replication.hpp).
  s.series = {
      sim::TrajectorySpec{"vtf_received_by_year_usd", "USD/yr",
                          "contributions received by the fund in the year", false},
      sim::TrajectorySpec{"vtf_admin_by_year_usd", "USD/yr",
                          "fixed administration and programme support paid in the year", false},
      sim::TrajectorySpec{"vtf_granted_by_year_usd", "USD/yr", "grants committed in the year",
                          false},
      sim::TrajectorySpec{"vtf_disbursed_by_year_usd", "USD/yr",
                          "grant tranches paid to implementing partners in the year", false},
      sim::TrajectorySpec{"vtf_returned_by_year_usd", "USD/yr",
                          "unspent grant money returned to the fund in the year", false},
      sim::TrajectorySpec{"vtf_balance_usd", "USD",
                          "the fund's balance (reserve included) at the end of the year", false},
  };
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
    const auto t = rep.totals();
    const double values[kOutcomeCount] = {
        t.completed_by_2030,    t.completed_by_2035,  t.completed_by_horizon,
        t.completed_on_time,    t.extension_requests, t.extension_years_granted,
        t.breach_state_years,   t.reopenings,         t.left_behind,
        t.last_completion_year, t.area_released_km2,  t.area_remaining_km2,
        t.vtf_received_usd,     t.vtf_admin_usd,      t.vtf_granted_usd,
        t.vtf_disbursed_usd,    t.vtf_returned_usd,   t.vtf_idle_usd,
        t.intl_support_usd};
    for (std::size_t k = 0; k < kOutcomeCount; ++k)
      out.outcome(p, k) = values[k];
    const ReplicationState& st = rep.state();
    for (std::size_t i = 0; i < n; ++i) {
      out.entity_outcome(p, kStateCompletionYear, i) =
          st.completed[i] ? st.completion_year[i] : NAN;
      out.entity_outcome(p, kStateExtensionRequests, i) = st.requests[i];
      out.entity_outcome(p, kStateVtfReceived, i) = static_cast<double>(st.vtf_net[i]) / 100.0;
      out.entity_outcome(p, kStateAreaReleased, i) = km2(st.released[i]);
      out.entity_outcome(p, kStateBreachMonths, i) = st.breach_months[i];
      out.entity_outcome(p, kStateFirstCompletionYear, i) = st.first_completion_year[i];
    }
    // The model's trajectories are laid out [state][year] like the engine's rows.
    std::copy_n(st.traj_remaining.data(), n * years, out.trajectory(p, kTrajRemaining));
    std::copy_n(st.traj_intl.data(), n * years, out.trajectory(p, kTrajIntl));
    std::copy_n(st.traj_national.data(), n * years, out.trajectory(p, kTrajNational));
    std::copy_n(st.traj_vtf.data(), n * years, out.trajectory(p, kTrajVtf));
    // The fund's yearly flows are differences of its books between year ends; the balance is
    // the stock at each year end.
    for (std::size_t k = 0; k < kFundFlowCount; ++k) {
      const Cents* books = st.fund_at_year_end.data() + k * years;
      double* series = out.series(p, k);
      for (std::size_t y = 0; y < years; ++y) {
        const Cents before = k == kFlowBalance || y == 0 ? 0 : books[y - 1];
        series[y] = static_cast<double>(books[y] - before) / 100.0;
      }
    }
  }
}

}  // namespace vtf
