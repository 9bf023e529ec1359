#include "models/calibration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "models/operations.hpp"

namespace vtf {

std::string status_name(CalibrationStatus s) {
  switch (s) {
    case CalibrationStatus::kCalibrated:
      return "calibrated";
    case CalibrationStatus::kClippedLow:
      return "clipped_low";
    case CalibrationStatus::kClippedHigh:
      return "clipped_high";
    case CalibrationStatus::kRegionalMedian:
      return "regional_median";
    case CalibrationStatus::kImputedNational:
      return "imputed_national";
    case CalibrationStatus::kNoAccess:
      return "no_access";
    case CalibrationStatus::kCompleted:
      return "completed";
  }
  return "?";
}

std::string data_weakness(const std::string& quality, CalibrationStatus status) {
  std::string cost;
  switch (status) {
    case CalibrationStatus::kClippedLow:
    case CalibrationStatus::kClippedHigh:
      cost = "clipped cost";
      break;
    case CalibrationStatus::kRegionalMedian:
      cost = "median cost";
      break;
    case CalibrationStatus::kImputedNational:
      cost = "imputed cost";
      break;
    default:
      break;
  }
  if (quality != "C") return cost;
  return cost.empty() ? "C" : "C, " + cost;
}

namespace {

constexpr double kUsdPerM2ToPerKm2 = 1e6;

bool starts_disrupted(int insecurity) { return insecurity >= 2; }

double median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  const std::size_t n = xs.size();
  return n % 2 == 1 ? xs[n / 2] : 0.5 * (xs[n / 2 - 1] + xs[n / 2]);
}

// Smallest argument in [lo, hi] (log scale) where decreasing `f` falls to `target`.
template <class F>
double solve_decreasing(F f, double target, double lo, double hi) {
  double a = std::log(lo), b = std::log(hi);
  for (int i = 0; i < 200 && b - a > 1e-13; ++i) {
    const double mid = 0.5 * (a + b);
    (f(std::exp(mid)) > target ? a : b) = mid;
  }
  return std::exp(0.5 * (a + b));
}

}  // namespace

double first_year_monthly_budget(const ModelParams& p, std::size_t i, double national) {
  const auto& s = p.states[i];
  const double money =
      p.donors.mine_action_share * s.intl_usd_per_year + p.national.mine_action_share * national;
  double capacity = p.operations.capacity_initial_factor * money;
  if (starts_disrupted(s.insecurity))
    capacity *= p.security.capacity_fraction[static_cast<std::size_t>(s.insecurity)];
  return std::min(capacity, money) / 12.0;
}

double first_year_release_km2(const ModelParams& p, std::size_t i, double clear_usd_per_km2,
                              double national) {
  const auto& s = p.states[i];
  const OpsConstants k{p.operations.cancel_fraction, p.operations.survey_share_min,
                       p.operations.survey_share_max, p.operations.last_mile,
                       dm2(p.operations.completion_threshold_m2 * 1e-6)};
  Ground g;
  g.cha = dm2(s.area_best_km2 * s.confirmed_share);
  g.sha = dm2(s.area_best_km2) - g.cha;
  g.set_reference(s.area_best_km2);
  g.set_costs(clear_usd_per_km2, clear_usd_per_km2 * p.operations.survey_cost_ratio);

  const double budget = first_year_monthly_budget(p, i, national);
  std::int64_t released = 0;
  for (int month = 0; month < 12; ++month) {
    const MonthOutcome m = operate_month(g, budget, 1.0, k);
    released += m.released();
    if (m.completed) break;
  }
  return km2(released);
}

namespace {

bool records_release_without_money(const ModelParams& p, std::size_t i) {
  const auto& s = p.states[i];
  return s.release_km2_per_year > 0 && s.intl_usd_per_year + s.national_usd_per_year <= 0;
}

// Pass 1 for State i: its cost from its recorded release and money, where the data allow.
StateCalibration calibrate_to_data(const ModelParams& p, std::size_t i, double lo, double hi) {
  const auto& s = p.states[i];
  StateCalibration c;
  c.national_usd_per_year = s.national_usd_per_year;
  const double money = s.intl_usd_per_year + s.national_usd_per_year;
  if (!s.access) {
    c.status = CalibrationStatus::kNoAccess;
    c.reason = "no access to its mined areas (models/data/model_additions.csv)";
  } else if (s.area_best_km2 <= 0) {
    c.status = CalibrationStatus::kCompleted;
    c.reason = "best estimate of remaining area is 0";
  } else if (s.release_km2_per_year <= 0 || money <= 0) {
    c.status = records_release_without_money(p, i) ? CalibrationStatus::kImputedNational
                                                   : CalibrationStatus::kRegionalMedian;
  } else {
    const auto release = [&](double cost) {
      return first_year_release_km2(p, i, cost, s.national_usd_per_year);
    };
    const double target = s.release_km2_per_year;
    if (release(lo) < target) {
      c.clear_usd_per_km2 = lo;
      c.status = CalibrationStatus::kClippedLow;
      c.reason = fmt::format(
          "its recorded release ({} km2/yr) exceeds what its money buys even at {} USD/m2: "
          "mostly one-off cancellation, or spending not reported",
          target, p.operations.cost_min_usd_per_m2);
    } else if (release(hi) > target) {
      c.clear_usd_per_km2 = hi;
      c.status = CalibrationStatus::kClippedHigh;
      c.reason = fmt::format(
          "its recorded release ({} km2/yr) is below what its money buys even at {} USD/m2", target,
          p.operations.cost_max_usd_per_m2);
    } else {
      c.clear_usd_per_km2 = solve_decreasing(release, target, lo, hi);
      c.status = CalibrationStatus::kCalibrated;
    }
  }
  return c;
}

bool needs_median_cost(CalibrationStatus status) {
  return status == CalibrationStatus::kRegionalMedian ||
         status == CalibrationStatus::kImputedNational || status == CalibrationStatus::kNoAccess ||
         status == CalibrationStatus::kCompleted;
}

// Release is recorded but no money is: the programme is nationally run and unreported
// (SOURCES.md: "national_support is 0 where no national contribution is reported"), so the
// national money is the amount that buys the recorded release at the State's cost.
// Where less area remains than a year's recorded release (Oman, which starts completed), no
// money can make the first year release it: the national money is the recorded release at the
// State's cost (5.2, v1.2), which is what a re-opened State spends.
double imputed_national_usd(const ModelParams& p, std::size_t i, double cost) {
  const double target = p.states[i].release_km2_per_year;
  if (p.states[i].area_best_km2 < target) return target * cost;
  const auto release = [&](double national) {
    return first_year_release_km2(p, i, cost, national);
  };
  double top = 1e3;
  while (release(top) < target && top < 1e12)
    top *= 10;
  double a = 0, b = top;
  for (int it = 0; it < 200 && b - a > 1e-6; ++it) {
    const double mid = 0.5 * (a + b);
    (release(mid) < target ? a : b) = mid;
  }
  return 0.5 * (a + b);
}

// Pass 2 for State i: the median cost of the calibrated States of its region that lie inside
// the clip, or of all of them where the region has fewer than three.
void take_median_cost(const ModelParams& p, const std::vector<StateData>& data,
                      const std::vector<double>& all, std::size_t i, double lo, double hi,
                      std::vector<StateCalibration>& out) {
  auto& c = out[i];
  std::vector<double> region;
  for (std::size_t j = 0; j < out.size(); ++j) {
    if (out[j].status == CalibrationStatus::kCalibrated && data[j].region == data[i].region) {
      region.push_back(out[j].clear_usd_per_km2);
    }
  }
  const bool regional = region.size() >= 3;
  c.clear_usd_per_km2 = all.empty() ? std::sqrt(lo * hi) : median(regional ? region : all);
  const std::string whose =
      regional
          ? fmt::format("median of the {} calibrated States of {}", region.size(), data[i].region)
          : fmt::format("median of all {} calibrated States ({} has fewer than 3)", all.size(),
                        data[i].region);
  if (c.status == CalibrationStatus::kRegionalMedian) {
    c.reason = fmt::format(
        "no usable data (release {} km2/yr, money {} USD/yr): {}", p.states[i].release_km2_per_year,
        p.states[i].intl_usd_per_year + p.states[i].national_usd_per_year, whose);
  } else if (c.status == CalibrationStatus::kImputedNational) {
    c.national_usd_per_year = imputed_national_usd(p, i, c.clear_usd_per_km2);
    c.reason = fmt::format(
        "release recorded but no money reported: {}; national spending imputed at {:.0f} USD/yr",
        whose, c.national_usd_per_year);
  } else if (c.status == CalibrationStatus::kCompleted && records_release_without_money(p, i)) {
    // A State that starts completed is not a State without means once it re-opens (5.2, v1.2).
    c.national_usd_per_year = imputed_national_usd(p, i, c.clear_usd_per_km2);
    c.reason += fmt::format(
        "; release recorded ({} km2/yr) but no money reported: national spending imputed at "
        "{:.0f} USD/yr ({}), spent if it re-opens",
        p.states[i].release_km2_per_year, c.national_usd_per_year, whose);
  }
}

}  // namespace

std::vector<StateCalibration> calibrate(const ModelParams& p, const std::vector<StateData>& data) {
  const double lo = p.operations.cost_min_usd_per_m2 * kUsdPerM2ToPerKm2;
  const double hi = p.operations.cost_max_usd_per_m2 * kUsdPerM2ToPerKm2;
  const std::size_t n = p.states.size();
  std::vector<StateCalibration> out(n);
  for (std::size_t i = 0; i < n; ++i)
    out[i] = calibrate_to_data(p, i, lo, hi);
  std::vector<double> all;
  for (std::size_t i = 0; i < n; ++i) {
    if (out[i].status == CalibrationStatus::kCalibrated) all.push_back(out[i].clear_usd_per_km2);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (needs_median_cost(out[i].status)) take_median_cost(p, data, all, i, lo, hi, out);
  }
  for (std::size_t i = 0; i < n; ++i) {
    out[i].first_year_release_km2 =
        first_year_release_km2(p, i, out[i].clear_usd_per_km2, out[i].national_usd_per_year);
  }
  return out;
}

}  // namespace vtf
