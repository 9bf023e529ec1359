#pragma once
// Calibration of clearance costs (MODEL.md 5.3): for each State, the cost c_c0 per km2 at which
// the model's first year, at mean parameters and without shocks, releases the data's recent
// annual release. Runs whenever a model is built, for each scenario's parameters.
#include <string>
#include <vector>

#include "models/parameters.hpp"
#include "models/state_data.hpp"

namespace vtf {

enum class CalibrationStatus {
  kCalibrated,       // matched the data's release
  kClippedLow,       // the data's release needs a cost below the lower clip: kept at the clip
  kClippedHigh,      // the data's release needs a cost above the upper clip: kept at the clip
  kRegionalMedian,   // no usable data (no release or no money): the region's median cost
  kImputedNational,  // release recorded but no money: median cost and imputed national spending
  kNoAccess,         // cannot reach its mined areas: no operations
  kCompleted,        // nothing to clear at the start
};

std::string status_name(CalibrationStatus s);

// Why a State's data are weak: quality C ("C"), a cost the data could not give ("clipped cost",
// "median cost", "imputed cost"), or both ("C, imputed cost"); empty if they are not weak. The
// one statement of the rule: the results file records it (/calibration/weak_data) and the
// summary and the report read it from there.
std::string data_weakness(const std::string& quality, CalibrationStatus status);

struct StateCalibration {
  double clear_usd_per_km2 = 0;       // c_c0, before the scenario's cost multiplier
  double national_usd_per_year = 0;   // the data's, or imputed (kImputedNational)
  double first_year_release_km2 = 0;  // simulated at the calibrated cost, for the record and tests
  CalibrationStatus status = CalibrationStatus::kCalibrated;
  std::string reason;
};

// The monthly budget (USD) a State spends in its first year at mean parameters.
double first_year_monthly_budget(const ModelParams& p, std::size_t state,
                                 double national_usd_per_year);
// Area released (km2) in the first year at the given clearance cost: 12 months of the model's
// own monthly operations at mean parameters, best-estimate area, no shocks.
double first_year_release_km2(const ModelParams& p, std::size_t state, double clear_usd_per_km2,
                              double national_usd_per_year);

std::vector<StateCalibration> calibrate(const ModelParams& p, const std::vector<StateData>& data);

}  // namespace vtf
