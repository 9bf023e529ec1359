#include "questions/state_outcomes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/engine/errors.hpp"
#include "sim/results/h5.hpp"

namespace vtf::questions {
namespace {

constexpr int kNearYear = 2030;  // MODEL.md 1: "how many States complete Article 5 by 2030"

// The first year by which the State has completed in at least half of the replications (NaN
// if that is not within the run): the lower median, counting "not completed" as after the horizon.
double median_year(std::vector<double> years) {
  if (years.empty()) return NAN;
  for (auto& y : years) {
    if (std::isnan(y)) y = std::numeric_limits<double>::infinity();
  }
  const std::size_t k = (years.size() + 1) / 2 - 1;
  std::nth_element(years.begin(), years.begin() + static_cast<std::ptrdiff_t>(k), years.end());
  return std::isfinite(years[k]) ? years[k] : NAN;
}

double share_by(const std::vector<double>& years, int year) {
  if (years.empty()) return NAN;
  const auto n = std::count_if(years.begin(), years.end(), [&](double y) { return y <= year; });
  return static_cast<double>(n) / static_cast<double>(years.size());
}

}  // namespace

std::vector<StateRow> state_outcomes(const std::string& path,
                                     const std::vector<std::size_t>& scenarios,
                                     const std::vector<std::size_t>& policies) {
  sim::h5::File file = sim::h5::File::open_read(path);
  sim::h5::Group root = file.root();
  if (!root.has("outcomes_by_state/first_completion_year") ||
      !root.has("outcomes_by_state/vtf_received_usd")) {
    throw sim::InputError(
        fmt::format("{}: no per-State outcomes (/outcomes_by_state) in this file", path));
  }
  const auto states = root.open_dataset("state").read_strings();
  const auto iso3 = root.open_dataset("state_iso3").read_strings();
  const auto scenario_names = root.open_dataset("scenario").read_strings();
  const auto policy_names = root.open_dataset("policy").read_strings();
  // When a State first completes: a later re-opening by residual contamination (MODEL.md 5.4)
  // does not undo that it reached completion.
  auto years = root.open_dataset("outcomes_by_state/first_completion_year");
  auto money = root.open_dataset("outcomes_by_state/vtf_received_usd");
  const auto dims = years.dims();  // scenario, policy, replication, state
  const hsize_t reps = dims[2], n = dims[3];
  const auto slice = [&](sim::h5::Dataset& ds, std::size_t s, std::size_t p) {
    return ds.read_block<double>({s, p, 0, 0}, {1, 1, reps, n});
  };
  std::vector<StateRow> rows;
  for (const auto s : scenarios) {
    const auto base = slice(years, s, 0);
    for (const auto p : policies) {
      const auto fund = slice(years, s, p);
      const auto received = slice(money, s, p);
      for (std::size_t e = 0; e < n; ++e) {
        std::vector<double> y0, y1;
        double sum = 0;
        for (std::size_t r = 0; r < reps; ++r) {
          y0.push_back(base[r * n + e]);
          y1.push_back(fund[r * n + e]);
          sum += received[r * n + e];
        }
        StateRow row;
        row.scenario = scenario_names[s];
        row.policy = policy_names[p];
        row.state = states[e];
        row.iso3 = iso3[e];
        row.median_year_no_fund = median_year(y0);
        row.median_year_fund = median_year(y1);
        row.p2030_no_fund = share_by(y0, kNearYear);
        row.p2030_fund = share_by(y1, kNearYear);
        row.vtf_received_usd = reps > 0 ? sum / static_cast<double>(reps) : NAN;
        row.replications = reps;
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

}  // namespace vtf::questions
