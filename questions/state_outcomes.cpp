#include "questions/state_outcomes.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <optional>
#include <sstream>

#include "models/parameters.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/h5.hpp"

namespace vtf::questions {
namespace {

constexpr int kNearYear = 2030;  // MODEL.md 1: "how many States complete Article 5 by 2030"
constexpr int kMidYear = 2035;   // MODEL.md 7: completed_by_2035

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

double mean(const std::vector<double>& x) {
  if (x.empty()) return NAN;
  double sum = 0;
  for (const double v : x)
    sum += v;
  return sum / static_cast<double>(x.size());
}

// What the file says of each State besides its outcomes.
struct StateFacts {
  std::vector<std::string> names, iso3, quality, income;
  std::vector<std::uint8_t> ldc;
  std::vector<std::string> status;  // [scenario][state]: the calibration status' name
  int horizon_year = 0;
};

StateFacts read_facts(const sim::h5::Group& root) {
  StateFacts f;
  f.names = root.open_dataset("state").read_strings();
  const std::size_t E = f.names.size();
  const auto labels = [&](const char* name) {
    return root.has(name) ? root.open_dataset(name).read_strings() : std::vector<std::string>(E);
  };
  f.iso3 = labels("state_iso3");
  f.quality = labels("state_data_quality");
  f.income = labels("state_income_group");
  f.ldc = root.has("state_ldc") ? root.open_dataset("state_ldc").read<std::uint8_t>()
                                : std::vector<std::uint8_t>(E, 0);
  if (root.has("calibration/status")) {
    const auto ds = root.open_dataset("calibration/status");
    std::istringstream words(ds.string_attribute("flag_meanings").value_or(""));
    const std::vector<std::string> meanings{std::istream_iterator<std::string>(words), {}};
    for (const auto code : ds.read<std::int32_t>()) {
      const auto c = static_cast<std::size_t>(code);
      f.status.push_back(code >= 0 && c < meanings.size() ? meanings[c] : "");
    }
  }
  const auto horizon = root.string_attribute("horizon_date").value_or("");
  f.horizon_year = horizon.size() >= 4 ? std::stoi(horizon.substr(0, 4)) : 0;
  return f;
}

// A damaged or hand-edited file whose per-State arrays do not match its coordinates would be
// read past their ends: refuse it instead.
void require_state_shapes(const std::string& path, const StateFacts& facts,
                          const std::vector<hsize_t>& dims, std::size_t S, std::size_t P,
                          const std::vector<sim::h5::Dataset*>& datasets) {
  const std::size_t E = facts.names.size();
  const auto damaged = [&](const std::string& what) {
    throw sim::InputError(fmt::format("{}: a damaged results file: {}", path, what));
  };
  if (dims.size() != 4 || dims[0] != S || dims[1] != P || dims[3] != E) {
    damaged(
        fmt::format("/outcomes_by_state has shape {}, but the file has {} scenario(s), {} "
                    "policy(ies) and {} State(s)",
                    fmt::join(dims, " x "), S, P, E));
  }
  for (const auto* ds : datasets) {
    if (ds->dims() != dims) damaged("the datasets of /outcomes_by_state differ in shape");
  }
  if (facts.iso3.size() != E || facts.quality.size() != E || facts.income.size() != E ||
      facts.ldc.size() != E) {
    damaged("the State coordinates (/state, /state_iso3, ...) differ in length");
  }
  if (!facts.status.empty() && facts.status.size() != S * E)
    damaged("/calibration/status does not have one value per scenario and State");
}

}  // namespace

std::vector<StateRow> state_outcomes(const std::string& path,
                                     const std::vector<std::size_t>& scenarios,
                                     const std::vector<std::size_t>& policies,
                                     const std::vector<std::size_t>& states) {
  sim::h5::File file = sim::h5::File::open_read(path);
  sim::h5::Group root = file.root();
  if (!root.has("outcomes_by_state/first_completion_year") ||
      !root.has("outcomes_by_state/vtf_received_usd")) {
    throw sim::InputError(
        fmt::format("{}: no per-State outcomes (/outcomes_by_state) in this file", path));
  }
  const StateFacts facts = read_facts(root);
  const auto scenario_names = root.open_dataset("scenario").read_strings();
  const auto policy_names = root.open_dataset("policy").read_strings();
  // When a State first completes: a later re-opening by residual contamination (MODEL.md 5.4)
  // does not undo that it reached completion.
  auto years = root.open_dataset("outcomes_by_state/first_completion_year");
  auto money = root.open_dataset("outcomes_by_state/vtf_received_usd");
  // Another part of the model adds the bilateral aid the fund crowds out, per State: read when
  // the file has it, else the column stays empty.
  std::optional<sim::h5::Dataset> crowded;
  if (root.has("outcomes_by_state/intl_crowded_out_usd"))
    crowded = root.open_dataset("outcomes_by_state/intl_crowded_out_usd");
  const auto dims = years.dims();  // scenario, policy, replication, state
  std::vector<sim::h5::Dataset*> same_shape = {&money};
  if (crowded) same_shape.push_back(&*crowded);
  require_state_shapes(path, facts, dims, scenario_names.size(), policy_names.size(), same_shape);
  const hsize_t reps = dims[2], n = dims[3];
  const auto slice = [&](sim::h5::Dataset& ds, std::size_t s, std::size_t p) {
    return ds.read_block<double>({s, p, 0, 0}, {1, 1, reps, n});
  };
  // State e's values in a slice [replication][state].
  const auto column = [&](const std::vector<double>& x, std::size_t e) {
    std::vector<double> out(reps);
    for (std::size_t r = 0; r < reps; ++r)
      out[r] = x[r * n + e];
    return out;
  };
  std::vector<std::size_t> chosen = states;
  if (chosen.empty()) {
    for (std::size_t e = 0; e < n; ++e)
      chosen.push_back(e);
  }
  std::vector<StateRow> rows;
  for (const auto s : scenarios) {
    const auto base = slice(years, s, 0);
    for (const auto p : policies) {
      const auto fund = slice(years, s, p), received = slice(money, s, p);
      const auto lost = crowded ? slice(*crowded, s, p) : std::vector<double>{};
      for (const auto e : chosen) {
        const auto y0 = column(base, e), y1 = column(fund, e);
        StateRow row;
        row.scenario = scenario_names[s];
        row.policy = policy_names[p];
        row.state = facts.names[e];
        row.iso3 = facts.iso3[e];
        row.ldc = facts.ldc[e] != 0;
        row.income_group = facts.income[e];
        row.data_quality = facts.quality[e];
        row.calibration_status = facts.status.empty() ? "" : facts.status[s * n + e];
        row.median_year_no_fund = median_year(y0);
        row.median_year_fund = median_year(y1);
        row.p2030_no_fund = share_by(y0, kNearYear);
        row.p2030_fund = share_by(y1, kNearYear);
        row.p2035_no_fund = share_by(y0, kMidYear);
        row.p2035_fund = share_by(y1, kMidYear);
        row.p_horizon_no_fund = share_by(y0, facts.horizon_year);
        row.p_horizon_fund = share_by(y1, facts.horizon_year);
        row.vtf_received_usd = mean(column(received, e));
        row.intl_crowded_out_usd = crowded ? mean(column(lost, e)) : NAN;
        row.horizon_year = facts.horizon_year;
        row.replications = reps;
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

std::vector<std::size_t> pick_states(const std::string& path,
                                     const std::vector<std::string>& typed) {
  const auto names = sim::h5::File::open_read(path).root().open_dataset("state").read_strings();
  const auto& registry = model_registry();
  std::vector<std::size_t> out;
  for (const auto& t : typed) {
    const std::string name = registry.entity(t);
    const auto it = std::find(names.begin(), names.end(), name);
    if (name.empty() || it == names.end()) {
      const std::string near = name.empty() ? registry.closest_entity(t) : "";
      throw sim::InputError(fmt::format(
          "--state '{}': {}{}; `vtfsim info --states` lists every name", t,
          name.empty() ? "unknown State Party" : "a State Party this file does not hold",
          near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)));
    }
    const auto e = static_cast<std::size_t>(it - names.begin());
    if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace vtf::questions
