#pragma once
// Article 5 deadlines and extension requests (MODEL.md 5.5), as pure functions shared by the
// simulated 22MSP and every later MSP.
#include <algorithm>
#include <cmath>

#include "models/parameters.hpp"
#include "sim/engine/date.hpp"

namespace vtf {

inline constexpr double kMaxProjectionYears = 100.0;

// Years to finish `remaining_km2` at `rate_km2_per_year`; a near-zero rate projects the maximum.
inline double projected_years(double remaining_km2, double rate_km2_per_year) {
  if (remaining_km2 <= 0) return 0.0;
  if (!(rate_km2_per_year > 1e-12)) return kMaxProjectionYears;
  return std::min(kMaxProjectionYears, remaining_km2 / rate_km2_per_year);
}

inline sim::Date after_years(sim::Date from, double years) {
  return from.plus_days(static_cast<std::int32_t>(std::llround(years * 365.2425)));
}

// Does a State whose projected completion is `years` from `today` request an extension of
// `deadline`? Also when completion falls within the prudent margin of the deadline.
inline bool needs_extension(const ExtensionParams& e, sim::Date today, double years,
                            sim::Date deadline) {
  return after_years(today, years + e.request_margin_years) > deadline;
}

// Requested length in whole years: ceil(years x (1 + buffer)) clamped to [1, max]; an interim
// request (to finish survey) where more than half of what remains is SHA, or where the State
// cannot reach its areas.
inline int requested_years(const ExtensionParams& e, double years, bool mostly_sha,
                           bool no_access) {
  if (mostly_sha || no_access) return e.interim_years;
  return std::clamp(static_cast<int>(std::ceil(years * (1.0 + e.buffer) - 1e-9)), 1,
                    e.max_request_years);
}

struct Decision {
  bool granted = false;
  int years = 0;
};

// The MSP's decision on a request of `asked` years, given the request's uniform draw.
inline Decision decide_request(const ExtensionParams& e, int asked, double u) {
  const bool strict = e.regime == ExtensionRegime::kStrict;
  const double p = strict ? e.strict_grant_probability : e.grant_probability;
  if (!(u < p)) return {};
  return {true, strict ? std::min(asked, e.strict_max_years) : asked};
}

// The new deadline after `years` granted at an MSP on `msp_date`: an extension extends the
// deadline in force, or, for a State already in breach, runs from the decision.
inline sim::Date extended_deadline(sim::Date deadline, sim::Date msp_date, int years) {
  return std::max(deadline, msp_date).plus_years(years);
}

}  // namespace vtf
