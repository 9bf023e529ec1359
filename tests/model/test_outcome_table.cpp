// models/outcome_table.hpp: each outcome's name lands on its own values. The expected pairs are
// written out here independently of the table, so a row pointing at another member (or two
// rows swapped) fails.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "models/operations.hpp"
#include "models/outcome_table.hpp"
#include "models/vtf_model.hpp"

namespace {

constexpr std::size_t kStates = 2, kYears = 3;

struct Collected {
  sim::ModelSchema schema = vtf::make_schema(2026, 2028);
  std::vector<double> outcomes, entity, trajectories, series;
  Collected(const vtf::Totals& t, const vtf::ReplicationState& st)
      : outcomes(schema.outcomes.size()),
        entity(schema.entity_outcomes.size() * kStates),
        trajectories(schema.trajectories.size() * kStates * kYears),
        series(schema.series.size() * kYears) {
    sim::ReplicationOutput out(outcomes.data(), entity.data(), trajectories.data(), series.data(),
                               1, 1, kStates, kYears, 1, 0, 0);
    vtf::collect_outcomes(t, st, kStates, kYears, 0, out);
  }
  double outcome(const std::string& name) const { return outcomes[schema.outcome_index(name)]; }
  double entity_outcome(const std::string& name, std::size_t i) const {
    for (std::size_t k = 0; k < schema.entity_outcomes.size(); ++k) {
      if (schema.entity_outcomes[k].name == name) return entity[k * kStates + i];
    }
    FAIL("no per-State outcome " << name);
    return NAN;
  }
  template <class Specs>
  static std::size_t index(const Specs& specs, const std::string& name) {
    for (std::size_t k = 0; k < specs.size(); ++k) {
      if (specs[k].name == name) return k;
    }
    FAIL("no series or trajectory " << name);
    return 0;
  }
};

vtf::ReplicationState sample_state() {
  vtf::ReplicationState st;
  st.completed = {1, 0};
  st.completion_year = {2027.5, 2028.25};
  st.requests = {3, 4};
  st.vtf_net = {12345, 67800};
  st.released = {123456789, 0};
  st.breach_months = {5, 6};
  st.first_completion_year = {2020.0, NAN};
  st.call_outcomes.resize(kStates * vtf::kCallOutcomes);
  for (std::size_t j = 0; j < st.call_outcomes.size(); ++j)
    st.call_outcomes[j] = 1000 + static_cast<int>(j);
  const auto rows = [](double first) {
    std::vector<double> v(kStates * kYears);
    for (std::size_t j = 0; j < v.size(); ++j)
      v[j] = first + static_cast<double>(j);
    return v;
  };
  st.traj_remaining = rows(10);
  st.traj_intl = rows(20);
  st.traj_national = rows(30);
  st.traj_vtf = rows(40);
  st.traj_completed = rows(50);
  st.traj_crowded_out = rows(60);
  st.intl_crowded_out = {11.5, 22.5};
  st.fund_at_year_end.assign(vtf::fund_series_rows().size() * kYears, 0);
  const auto books = [&](vtf::Cents vtf::FundBooks::*b, std::vector<vtf::Cents> by_year) {
    std::copy(by_year.begin(), by_year.end(),
              st.fund_at_year_end.begin() +
                  static_cast<std::ptrdiff_t>(vtf::fund_series_index(b) * kYears));
  };
  books(&vtf::FundBooks::received, {100, 300, 600});
  books(&vtf::FundBooks::returned, {0, 50, 50});
  books(&vtf::FundBooks::balance, {700, 800, 900});
  books(&vtf::FundBooks::applications, {2, 5, 9});  // counts, not cents
  books(&vtf::FundBooks::requested, {100, 250, 400});
  return st;
}

}  // namespace

TEST_CASE("every outcome is collected from the member of Totals it is named after") {
  vtf::Totals t{};
  const std::vector<std::pair<std::string, double vtf::Totals::*>> expected = {
      {"completed_by_2030", &vtf::Totals::completed_by_2030},
      {"completed_by_2035", &vtf::Totals::completed_by_2035},
      {"completed_by_horizon", &vtf::Totals::completed_by_horizon},
      {"completed_on_time", &vtf::Totals::completed_on_time},
      {"extension_requests", &vtf::Totals::extension_requests},
      {"extension_years_granted", &vtf::Totals::extension_years_granted},
      {"breach_state_years", &vtf::Totals::breach_state_years},
      {"reopenings", &vtf::Totals::reopenings},
      {"left_behind", &vtf::Totals::left_behind},
      {"last_completion_year", &vtf::Totals::last_completion_year},
      {"area_released_km2", &vtf::Totals::area_released_km2},
      {"area_remaining_km2", &vtf::Totals::area_remaining_km2},
      {"vtf_received_usd", &vtf::Totals::vtf_received_usd},
      {"vtf_admin_usd", &vtf::Totals::vtf_admin_usd},
      {"vtf_granted_usd", &vtf::Totals::vtf_granted_usd},
      {"vtf_disbursed_usd", &vtf::Totals::vtf_disbursed_usd},
      {"vtf_returned_usd", &vtf::Totals::vtf_returned_usd},
      {"vtf_idle_usd", &vtf::Totals::vtf_idle_usd},
      {"intl_support_usd", &vtf::Totals::intl_support_usd},
      {"vtf_calls", &vtf::Totals::vtf_calls},
      {"vtf_calls_short", &vtf::Totals::vtf_calls_short},
      {"vtf_eligible_state_years", &vtf::Totals::vtf_eligible_state_years},
      {"vtf_applications", &vtf::Totals::vtf_applications},
      {"vtf_grants_made", &vtf::Totals::vtf_grants_made},
      {"vtf_requested_usd", &vtf::Totals::vtf_requested_usd},
      {"vtf_refused_usd", &vtf::Totals::vtf_refused_usd},
      {"vtf_spent_usd", &vtf::Totals::vtf_spent_usd},
      {"intl_crowded_out_usd", &vtf::Totals::intl_crowded_out_usd},
  };
  for (std::size_t j = 0; j < expected.size(); ++j)
    t.*expected[j].second = 100.0 + static_cast<double>(j);
  const Collected c(t, sample_state());
  REQUIRE(c.schema.outcomes.size() == expected.size());
  for (const auto& [name, member] : expected) {
    INFO(name);
    CHECK(c.outcome(name) == t.*member);
  }
}

TEST_CASE("per-State outcomes, trajectories and the fund's series come from their own members") {
  vtf::ReplicationState st = sample_state();
  const Collected c(vtf::Totals{}, st);

  CHECK(c.entity_outcome("completion_year", 0) == 2027.5);
  CHECK(std::isnan(c.entity_outcome("completion_year", 1)));  // not completed at the horizon
  CHECK(c.entity_outcome("extension_requests", 1) == 4);
  CHECK(c.entity_outcome("vtf_received_usd", 0) == 123.45);
  CHECK(c.entity_outcome("vtf_received_usd", 1) == 678.0);
  CHECK(c.entity_outcome("area_released_km2", 0) == vtf::km2(123456789));
  CHECK(c.entity_outcome("breach_months", 0) == 5);
  CHECK(c.entity_outcome("first_completion_year", 0) == 2020.0);
  CHECK(c.entity_outcome("intl_crowded_out_usd", 1) == 22.5);
  const std::pair<const char*, vtf::CallOutcome> call_rows[] = {
      {"applied", vtf::CallOutcome::kApplied},
      {"excluded_article7", vtf::CallOutcome::kArticle7},
      {"excluded_support", vtf::CallOutcome::kSupport},
      {"excluded_ldc", vtf::CallOutcome::kLdc},
      {"excluded_high_income", vtf::CallOutcome::kHighIncome},
      {"excluded_nothing_to_pay", vtf::CallOutcome::kNothingToPay},
      {"excluded_own_means", vtf::CallOutcome::kOwnMeans},
      {"excluded_no_window", vtf::CallOutcome::kNoWindow},
      {"not_applied", vtf::CallOutcome::kNotApplied},
  };
  REQUIRE(std::size(call_rows) == vtf::kCallOutcomes);
  for (const auto& [name, outcome] : call_rows) {
    INFO(name);
    const auto k = static_cast<std::size_t>(outcome);
    CHECK(c.entity_outcome(name, 0) == 1000 + static_cast<double>(k));
    CHECK(c.entity_outcome(name, 1) == 1000 + static_cast<double>(vtf::kCallOutcomes + k));
  }

  const auto trajectory = [&](const std::string& name) {
    return c.trajectories[Collected::index(c.schema.trajectories, name) * kStates * kYears + 4];
  };
  CHECK(trajectory("area_remaining_km2") == 14);
  CHECK(trajectory("funding_international_usd") == 24);
  CHECK(trajectory("funding_national_usd") == 34);
  CHECK(trajectory("funding_vtf_usd") == 44);
  CHECK(trajectory("completed") == 54);
  CHECK(trajectory("intl_crowded_out_usd") == 64);

  const auto series = [&](const std::string& name, std::size_t y) {
    return c.series[Collected::index(c.schema.series, name) * kYears + y];
  };
  CHECK(series("vtf_received_by_year_usd", 2) == 3.0);  // a flow: the change over the year
  CHECK(series("vtf_returned_by_year_usd", 1) == 0.5);
  CHECK(series("vtf_balance_usd", 2) == 9.0);  // a stock: the year-end value
  CHECK(series("vtf_admin_by_year_usd", 2) == 0.0);
  CHECK(series("vtf_applications_by_year", 2) == 4.0);  // a count: not divided as cents
  CHECK(series("vtf_requested_by_year_usd", 1) == 1.5);
  CHECK(series("vtf_grants_made_by_year", 1) == 0.0);
}
