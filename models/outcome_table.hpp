#pragma once
// Every outcome of the model stated once (MODEL.md section 7): each row names a dataset,
// describes it and says how its value is collected from a replication. The schema the results
// file is labelled with and the copying into the engine's buffers are both generated from these
// rows, so a name cannot end up on another outcome's values.
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "models/replication.hpp"
#include "sim/engine/model.hpp"

namespace vtf {

using Totals = Replication::Totals;

struct OutcomeRow {
  std::string_view name, unit, description;
  sim::Storage storage;
  sim::Better better;
  double Totals::*value;
};

struct StateOutcomeRow {
  std::string_view name, unit, description;
  sim::Storage storage;
  sim::Better better;
  double (*value)(const ReplicationState& state, std::size_t i);
};

struct TrajectoryRow {
  std::string_view name, unit, description;
  bool quantiles;
  std::vector<double> ReplicationState::*rows;  // [state * years + year]
  bool stored = true;                           // false: only behind the contributions
};

// The fund's books recorded at each year end (MODEL.md 3.3); the results give their yearly
// changes, or the year-end value itself for a stock. Books are cents, or counts (`count`).
struct FundSeriesRow {
  std::string_view name, unit, description;
  Cents FundBooks::*books;
  bool stock;
  bool count = false;
};

std::span<const OutcomeRow> outcome_rows();
std::span<const StateOutcomeRow> state_outcome_rows();
std::span<const TrajectoryRow> trajectory_rows();
std::span<const FundSeriesRow> fund_series_rows();

// The row of `books` in fund_series_rows(), which is also its place in
// ReplicationState::fund_at_year_end.
std::size_t fund_series_index(Cents FundBooks::*books);

// Declares the outcomes, per-State outcomes, trajectories and series of the rows above.
void declare_outcomes(sim::ModelSchema& schema);

// Declares each State's contribution to the completions by 2030, 2035 and the horizon (those of
// the years from first_year to last_year): the paired differences the findings speak of.
void declare_contributions(sim::ModelSchema& schema, int first_year, int last_year);

// Copies one policy's results into the engine's buffers, in the order declare_outcomes declared.
void collect_outcomes(const Totals& totals, const ReplicationState& state, std::size_t states,
                      std::size_t years, std::size_t policy, sim::ReplicationOutput& out);

}  // namespace vtf
