#include "models/outcome_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>

#include "models/operations.hpp"

namespace vtf {
namespace {

using sim::Better;
using sim::Storage;

constexpr std::string_view kCompletedIn = "States";
constexpr std::string_view kCalls = "calls";
// Stored as float64 where a count is undefined (NaN) when its year is outside the run.
constexpr OutcomeRow kOutcomes[] = {
    {"completed_by_2030", kCompletedIn,
     "States whose Article 5 obligations are completed at the end of 2030 (NaN if 2030 is outside "
     "the run)",
     Storage::kFloat64, Better::kHigher, &Totals::completed_by_2030},
    {"completed_by_2035", kCompletedIn,
     "States completed at the end of 2035 (NaN if 2035 is outside the run)", Storage::kFloat64,
     Better::kHigher, &Totals::completed_by_2035},
    {"completed_by_horizon", kCompletedIn, "States completed at the horizon", Storage::kInt32,
     Better::kHigher, &Totals::completed_by_horizon},
    {"completed_on_time", kCompletedIn,
     "States whose first completion, during the run, is no later than their deadline in force "
     "at the start (a later re-opening does not undo it)",
     Storage::kInt32, Better::kHigher, &Totals::completed_on_time},
    {"extension_requests", "requests", "Article 5 extension requests submitted from the start",
     Storage::kInt32, Better::kLower, &Totals::extension_requests},
    {"extension_years_granted", "years", "years of extension granted from the start",
     Storage::kInt32, Better::kLower, &Totals::extension_years_granted},
    {"breach_state_years", "State-years",
     "months States spent past their deadline without completion, / 12", Storage::kFloat64,
     Better::kLower, &Totals::breach_state_years},
    {"reopenings", "events", "completed States re-opened by residual contamination",
     Storage::kInt32, Better::kLower, &Totals::reopenings},
    {"left_behind", kCompletedIn, "States not completed at the horizon", Storage::kInt32,
     Better::kLower, &Totals::left_behind},
    {"last_completion_year", "year", "year of the latest completion during the run (NaN if none)",
     Storage::kFloat64, Better::kLower, &Totals::last_completion_year},
    {"area_released_km2", "km2", "area released (cancelled, reduced or cleared) over the run",
     Storage::kFloat64, Better::kHigher, &Totals::area_released_km2},
    {"area_remaining_km2", "km2", "area remaining at the horizon", Storage::kFloat64,
     Better::kLower, &Totals::area_remaining_km2},
    {"vtf_received_usd", "USD", "contributions received by the fund", Storage::kFloat64,
     Better::kNeither, &Totals::vtf_received_usd},
    {"vtf_admin_usd", "USD", "fixed administration and programme support paid by the fund",
     Storage::kFloat64, Better::kNeither, &Totals::vtf_admin_usd},
    {"vtf_granted_usd", "USD", "grants committed", Storage::kFloat64, Better::kNeither,
     &Totals::vtf_granted_usd},
    {"vtf_disbursed_usd", "USD", "grant tranches paid to States' implementing partners",
     Storage::kFloat64, Better::kNeither, &Totals::vtf_disbursed_usd},
    {"vtf_returned_usd", "USD", "grant money returned unspent", Storage::kFloat64, Better::kNeither,
     &Totals::vtf_returned_usd},
    {"vtf_idle_usd", "USD", "the fund's balance at the horizon, reserve included",
     Storage::kFloat64, Better::kLower, &Totals::vtf_idle_usd},
    {"intl_support_usd", "USD",
     "international (bilateral) support allocated to the States over the run", Storage::kFloat64,
     Better::kHigher, &Totals::intl_support_usd},
    // The fund's demand and the money that works (MODEL.md 7, v1.2; docs/model.md, "The fund's
    // demand").
    {"vtf_calls", kCalls, "yearly calls for applications the fund held", Storage::kInt32,
     Better::kNeither, &Totals::vtf_calls},
    {"vtf_calls_short", kCalls,
     "calls at which money was refused to eligible applicants for lack of money", Storage::kInt32,
     Better::kNeither, &Totals::vtf_calls_short},
    {"vtf_eligible_state_years", "State-years",
     "States eligible at a call (they met every rule; applied or not), summed over the calls",
     Storage::kInt32, Better::kNeither, &Totals::vtf_eligible_state_years},
    {"vtf_applications", "applications", "applications to the fund", Storage::kInt32,
     Better::kNeither, &Totals::vtf_applications},
    {"vtf_grants_made", "grants", "grants made (first tranche paid)", Storage::kInt32,
     Better::kNeither, &Totals::vtf_grants_made},
    {"vtf_requested_usd", "USD", "money asked for by applicants", Storage::kFloat64,
     Better::kNeither, &Totals::vtf_requested_usd},
    {"vtf_refused_usd", "USD",
     "money asked for by applicants and not awarded because the money (the year's, or window "
     "B's share) ran out",
     Storage::kFloat64, Better::kNeither, &Totals::vtf_refused_usd},
    {"vtf_spent_usd", "USD", "grant money spent by States' operations", Storage::kFloat64,
     Better::kNeither, &Totals::vtf_spent_usd},
    {"intl_crowded_out_usd", "USD",
     "bilateral support the States would have had, at the same shares, had the fund not changed "
     "the envelope, less what they had: crowding out net of crowd-in (negative if crowd-in wins)",
     Storage::kFloat64, Better::kLower, &Totals::intl_crowded_out_usd},
};

// The calls (years) at which the State, operable and without an active grant, met `outcome`.
template <CallOutcome outcome>
double calls(const ReplicationState& s, std::size_t i) {
  return static_cast<double>(
      s.call_outcomes[i * kCallOutcomes + static_cast<std::size_t>(outcome)]);
}

constexpr StateOutcomeRow kStateOutcomes[] = {
    {"completion_year", "year", "year of completion if completed at the horizon, else NaN",
     Storage::kFloat64, Better::kLower,
     [](const ReplicationState& s, std::size_t i) {
       return s.completed[i] ? s.completion_year[i] : NAN;
     }},
    {"extension_requests", "requests", "extension requests submitted from the start",
     Storage::kInt32, Better::kLower,
     [](const ReplicationState& s, std::size_t i) { return static_cast<double>(s.requests[i]); }},
    {"vtf_received_usd", "USD", "fund money received (disbursed less returned)", Storage::kFloat64,
     Better::kNeither,
     [](const ReplicationState& s, std::size_t i) {
       return static_cast<double>(s.vtf_net[i]) / 100.0;
     }},
    {"area_released_km2", "km2", "area released over the run", Storage::kFloat64, Better::kHigher,
     [](const ReplicationState& s, std::size_t i) { return km2(s.released[i]); }},
    {"breach_months", "months", "months past the deadline without completion", Storage::kInt32,
     Better::kLower,
     [](const ReplicationState& s, std::size_t i) {
       return static_cast<double>(s.breach_months[i]);
     }},
    {"first_completion_year", "year",
     "year the State first completed (before the start, or during the run, even if re-opened "
     "later); NaN if it never did",
     Storage::kFloat64, Better::kLower,
     [](const ReplicationState& s, std::size_t i) { return s.first_completion_year[i]; }},
    // Which eligibility rule excluded the State at each yearly call (5.6.3): the first that
    // does, counted only for calls at which it is operable without an active grant.
    {"applied", kCalls, "calls at which the State applied to the fund", Storage::kInt32,
     Better::kNeither, &calls<CallOutcome::kApplied>},
    {"excluded_article7", kCalls, "calls at which it was excluded for no Article 7 report",
     Storage::kInt32, Better::kNeither, &calls<CallOutcome::kArticle7>},
    {"excluded_support", kCalls,
     "calls at which it was excluded for international support not below the threshold",
     Storage::kInt32, Better::kNeither, &calls<CallOutcome::kSupport>},
    {"excluded_ldc", kCalls, "calls at which it was excluded as not an LDC (LDC status required)",
     Storage::kInt32, Better::kNeither, &calls<CallOutcome::kLdc>},
    {"excluded_high_income", kCalls,
     "calls at which it was excluded as high income (exclude_high_income)", Storage::kInt32,
     Better::kNeither, &calls<CallOutcome::kHighIncome>},
    {"excluded_nothing_to_pay", kCalls,
     "calls at which it was excluded with nothing left to pay for", Storage::kInt32,
     Better::kNeither, &calls<CallOutcome::kNothingToPay>},
    {"excluded_own_means", kCalls,
     "calls at which it was excluded as finishing within the grant's time on its own money",
     Storage::kInt32, Better::kNeither, &calls<CallOutcome::kOwnMeans>},
    {"excluded_no_window", kCalls, "calls at which it was in neither window A nor window B",
     Storage::kInt32, Better::kNeither, &calls<CallOutcome::kNoWindow>},
    {"not_applied", kCalls, "calls at which it was eligible but did not apply", Storage::kInt32,
     Better::kNeither, &calls<CallOutcome::kNotApplied>},
    {"intl_crowded_out_usd", "USD",
     "bilateral support the State would have had, at the same shares, had the fund not changed "
     "the envelope, less what it had (crowding out net of crowd-in)",
     Storage::kFloat64, Better::kLower,
     [](const ReplicationState& s, std::size_t i) { return s.intl_crowded_out[i]; }},
};

constexpr TrajectoryRow kTrajectories[] = {
    {"area_remaining_km2", "km2", "remaining area at the end of each year", true,
     &ReplicationState::traj_remaining},
    {"funding_international_usd", "USD/yr", "international support allocated in the year", false,
     &ReplicationState::traj_intl},
    {"funding_national_usd", "USD/yr", "national budget in the year", false,
     &ReplicationState::traj_national},
    {"funding_vtf_usd", "USD/yr", "fund grant money spent in the year", false,
     &ReplicationState::traj_vtf},
    // Summed over States it is the completed_by_* count of that year end, so its paired
    // difference is each State's part of the headline (/contributions).
    {"completed", "1", "1 if the State is completed at the end of the year", false,
     &ReplicationState::traj_completed, false},
    {"intl_crowded_out_usd", "USD/yr",
     "bilateral support crowded out by the fund in the year, net of crowd-in", false,
     &ReplicationState::traj_crowded_out},
};

constexpr FundSeriesRow kFundSeries[] = {
    {"vtf_received_by_year_usd", "USD/yr", "contributions received by the fund in the year",
     &FundBooks::received, false},
    {"vtf_admin_by_year_usd", "USD/yr",
     "fixed administration and programme support paid in the year", &FundBooks::admin_paid, false},
    {"vtf_granted_by_year_usd", "USD/yr", "grants committed in the year", &FundBooks::granted,
     false},
    {"vtf_disbursed_by_year_usd", "USD/yr",
     "grant tranches paid to implementing partners in the year", &FundBooks::disbursed, false},
    {"vtf_returned_by_year_usd", "USD/yr", "unspent grant money returned to the fund in the year",
     &FundBooks::returned, false},
    {"vtf_balance_usd", "USD", "the fund's balance (reserve included) at the end of the year",
     &FundBooks::balance, true},
    // The fund's demand, year by year (MODEL.md 7, v1.2).
    {"vtf_calls_short_by_year", "1",
     "1 if money was refused for lack of money at the year's call (its mean: the share of "
     "futures)",
     &FundBooks::calls_short, false, true},
    {"vtf_eligible_by_year", "States", "States eligible at the year's call", &FundBooks::eligible,
     false, true},
    {"vtf_applications_by_year", "applications", "applications at the year's call",
     &FundBooks::applications, false, true},
    {"vtf_grants_made_by_year", "grants", "grants made (first tranche paid) in the year",
     &FundBooks::grants_made, false, true},
    {"vtf_requested_by_year_usd", "USD/yr", "money asked for by applicants in the year",
     &FundBooks::requested, false},
    {"vtf_refused_by_year_usd", "USD/yr",
     "money asked for and not awarded for lack of money in the year", &FundBooks::refused, false},
};

// Rows whose `key` repeats would write one value twice (or one name over two datasets).
template <class Row, std::size_t N, class Key>
constexpr bool distinct(const Row (&rows)[N], Key Row::*key) {
  for (std::size_t i = 0; i < N; ++i) {
    for (std::size_t j = i + 1; j < N; ++j) {
      if (rows[i].*key == rows[j].*key) return false;
    }
  }
  return true;
}

static_assert(distinct(kOutcomes, &OutcomeRow::name) && distinct(kOutcomes, &OutcomeRow::value));
// Totals holds only doubles, so this says that every member of Totals has exactly one row: a
// member added without a row (or a row dropped) fails to compile.
static_assert(sizeof(Totals) == std::size(kOutcomes) * sizeof(double),
              "every member of Replication::Totals needs exactly one row in kOutcomes");
static_assert(distinct(kStateOutcomes, &StateOutcomeRow::name));
static_assert(distinct(kTrajectories, &TrajectoryRow::name) &&
              distinct(kTrajectories, &TrajectoryRow::rows));
static_assert(distinct(kFundSeries, &FundSeriesRow::name) &&
              distinct(kFundSeries, &FundSeriesRow::books));

sim::OutcomeSpec spec(const auto& row) {
  return sim::OutcomeSpec{std::string(row.name), std::string(row.unit),
                          std::string(row.description), row.storage, row.better};
}

sim::TrajectorySpec trajectory_spec(std::string_view name, std::string_view unit,
                                    std::string_view description, bool quantiles,
                                    bool stored = true) {
  return sim::TrajectorySpec{std::string(name), std::string(unit), std::string(description),
                             quantiles, stored};
}

}  // namespace

std::span<const OutcomeRow> outcome_rows() { return kOutcomes; }
std::span<const StateOutcomeRow> state_outcome_rows() { return kStateOutcomes; }
std::span<const TrajectoryRow> trajectory_rows() { return kTrajectories; }
std::span<const FundSeriesRow> fund_series_rows() { return kFundSeries; }

std::size_t fund_series_index(Cents FundBooks::*books) {
  const auto* row = std::find_if(std::begin(kFundSeries), std::end(kFundSeries),
                                 [&](const FundSeriesRow& r) { return r.books == books; });
  if (row == std::end(kFundSeries)) throw std::logic_error("no fund series for these books");
  return static_cast<std::size_t>(row - std::begin(kFundSeries));
}

void declare_outcomes(sim::ModelSchema& schema) {
  for (const auto& row : kOutcomes)
    schema.outcomes.push_back(spec(row));
  for (const auto& row : kStateOutcomes)
    schema.entity_outcomes.push_back(spec(row));
  for (const auto& row : kTrajectories) {
    schema.trajectories.push_back(
        trajectory_spec(row.name, row.unit, row.description, row.quantiles, row.stored));
  }
  for (const auto& row : kFundSeries)
    schema.series.push_back(trajectory_spec(row.name, row.unit, row.description, false));
}

void declare_contributions(sim::ModelSchema& schema, int first_year, int last_year) {
  schema.decomposition_group = "contributions";
  const std::pair<std::string_view, int> counts[] = {{"completed_by_2030", 2030},
                                                     {"completed_by_2035", 2035},
                                                     {"completed_by_horizon", last_year}};
  for (const auto& [outcome, year] : counts) {
    if (year < first_year || year > last_year) continue;  // the outcome is NaN then
    schema.decompositions.push_back(sim::DecompositionSpec{
        std::string(outcome), "completed", year, std::string(kCompletedIn),
        fmt::format("the State's part of the paired mean of {}: the share of replications in "
                    "which it is completed at the end of {} with the policy, less without",
                    outcome, year)});
  }
}

void collect_outcomes(const Totals& totals, const ReplicationState& state, std::size_t states,
                      std::size_t years, std::size_t policy, sim::ReplicationOutput& out) {
  for (std::size_t k = 0; k < std::size(kOutcomes); ++k)
    out.outcome(policy, k) = totals.*kOutcomes[k].value;
  for (std::size_t k = 0; k < std::size(kStateOutcomes); ++k) {
    for (std::size_t i = 0; i < states; ++i)
      out.entity_outcome(policy, k, i) = kStateOutcomes[k].value(state, i);
  }
  // The model's trajectories are laid out [state][year] like the engine's rows.
  for (std::size_t k = 0; k < std::size(kTrajectories); ++k)
    std::copy_n((state.*kTrajectories[k].rows).data(), states * years, out.trajectory(policy, k));
  // Flows are differences of the books between year ends; a stock is the year-end value.
  for (std::size_t k = 0; k < std::size(kFundSeries); ++k) {
    const Cents* books = state.fund_at_year_end.data() + k * years;
    double* series = out.series(policy, k);
    for (std::size_t y = 0; y < years; ++y) {
      const Cents before = kFundSeries[k].stock || y == 0 ? 0 : books[y - 1];
      series[y] = static_cast<double>(books[y] - before) / (kFundSeries[k].count ? 1.0 : 100.0);
    }
  }
}

}  // namespace vtf
