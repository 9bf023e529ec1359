#pragma once
// One month of survey and clearance in one State (MODEL.md 5.3). Used by the simulation and by
// the calibration, so the calibrated costs reproduce the data through the very code that runs.
// Areas are integers in dm2 (0.01 m2), which makes area conservation exact: every square
// decimetre removed from SHA or CHA is added to released, never rounded away.
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace vtf {

// Round half away from zero, inline: std::llround is an out-of-line libm call, and this runs
// several times per State-month. Deterministic like any IEEE arithmetic.
inline std::int64_t round_to_int(double x) {
  return static_cast<std::int64_t>(x >= 0 ? x + 0.5 : x - 0.5);
}

inline constexpr double kDm2PerKm2 = 1e8;
inline constexpr double kKm2PerDm2 = 1e-8;
inline double km2(std::int64_t dm2) { return static_cast<double>(dm2) * kKm2PerDm2; }
inline std::int64_t dm2(double km2) { return round_to_int(km2 * kDm2PerKm2); }

struct OpsConstants {
  double cancel_fraction = 0.7;
  double survey_share_min = 0.1, survey_share_max = 0.9;
  double last_mile = 0.5;
  std::int64_t threshold_dm2 = 10000;  // 100 m2
};

struct Ground {
  std::int64_t sha = 0, cha = 0;  // dm2
  double r0_km2 = 0;              // reference area of the last-mile effect
  double clear_usd_per_km2 = 0;   // c_c0 (times the scenario's cost multiplier)
  double survey_usd_per_km2 = 0;  // c_s
  // Reciprocals, so the monthly step multiplies instead of dividing (a division's latency sits
  // on the step's critical path). Set by set_costs() and set_reference().
  double km2_per_survey_usd = 0, km2_per_clear_usd = 0, inv_r0 = 0;

  void set_costs(double clear_usd_per_km2_, double survey_usd_per_km2_) {
    clear_usd_per_km2 = clear_usd_per_km2_;
    survey_usd_per_km2 = survey_usd_per_km2_;
    km2_per_clear_usd = clear_usd_per_km2_ > 0 ? 1.0 / clear_usd_per_km2_ : 0.0;
    km2_per_survey_usd = survey_usd_per_km2_ > 0 ? 1.0 / survey_usd_per_km2_ : 0.0;
  }
  void set_reference(double r0) {
    r0_km2 = r0;
    inv_r0 = r0 > 0 ? 1.0 / r0 : 0.0;
  }
};

struct MonthOutcome {
  std::int64_t cancelled = 0;  // released by survey without clearance
  std::int64_t cleared = 0;    // released by clearance
  std::int64_t residual = 0;   // what was left below the threshold at completion, counted released
  bool completed = false;
  double used_fraction = 1.0;  // share of the month (and of its money) used; < 1 on completion
  std::int64_t released() const { return cancelled + cleared + residual; }
};

// Spends `budget_usd` (this month's money, already limited by capacity and security) with
// clearance productivity `productivity`. Survey comes first (5.3): a share of the budget equal
// to SHA's share of the remaining area, bounded to [min, max], all of it when CHA = 0; survey
// money not needed flows to clearance within the month.
inline MonthOutcome operate_month(Ground& g, double budget_usd, double productivity,
                                  const OpsConstants& k) {
  MonthOutcome out;
  const std::int64_t remaining = g.sha + g.cha;
  if (remaining <= 0 || budget_usd <= 0) return out;
  // Few int <-> double conversions on the critical path: they, not the arithmetic, bound this
  // step. The double values only decide the integer amounts; the books stay in integers.
  const double remaining_km2 = km2(remaining);
  const double sha_km2 = km2(g.sha);

  double survey_km2 = 0;
  std::int64_t surveyed = 0, cancelled = 0;
  if (g.sha > 0) {
    const double share =
        g.cha == 0 ? 1.0
                   : std::clamp(sha_km2 / remaining_km2, k.survey_share_min, k.survey_share_max);
    survey_km2 = std::min(sha_km2, budget_usd * share * g.km2_per_survey_usd);
    surveyed = std::min(g.sha, dm2(survey_km2));
    cancelled = std::min(surveyed, dm2(survey_km2 * k.cancel_fraction));
    g.sha -= surveyed;
    g.cha += surveyed - cancelled;
  }

  const double clear_budget = budget_usd - survey_km2 * g.survey_usd_per_km2;
  const double depletion = std::max(0.0, 1.0 - remaining_km2 * g.inv_r0);
  const double cost_factor = 1.0 + k.last_mile * depletion;  // c_c = c_c0 x cost_factor
  const double potential_clear_km2 =
      std::max(0.0, clear_budget) * g.km2_per_clear_usd * productivity / cost_factor;

  const std::int64_t cleared = std::min(g.cha, dm2(potential_clear_km2));
  g.cha -= cleared;

  out.cancelled = cancelled;
  out.cleared = cleared;
  const std::int64_t left = g.sha + g.cha;
  if (left < k.threshold_dm2) {
    // Release runs evenly through the month; completion is when the remaining area falls below
    // the threshold (5.7).
    const double potential = survey_km2 * k.cancel_fraction + potential_clear_km2;
    out.used_fraction =
        potential > 0 ? std::clamp((remaining_km2 - km2(k.threshold_dm2)) / potential, 0.0, 1.0)
                      : 1.0;
    out.completed = true;
    out.residual = left;
    g.sha = 0;
    g.cha = 0;
  }
  return out;
}

// The cost (USD) to finish what remains of `g`: its confirmed area cleared, and its suspected
// area surveyed with the part survey does not cancel cleared, at the mean clearance cost over the
// rest of the way under the last-mile effect (5.3). What a State asks the fund for (5.6.4) and
// the funding gap (section 7) both rest on it. It ignores the bounds of the monthly survey share
// and new finds (5.4).
inline double cost_to_finish_usd(const Ground& g, double last_mile, double cancel_fraction) {
  const double r = km2(g.sha + g.cha);
  const double depletion = g.r0_km2 > 0 ? std::clamp(1.0 - r / (2.0 * g.r0_km2), 0.0, 1.0) : 0.0;
  const double clear = g.clear_usd_per_km2 * (1.0 + last_mile * depletion);
  return km2(g.cha) * clear + km2(g.sha) * (g.survey_usd_per_km2 + (1.0 - cancel_fraction) * clear);
}

}  // namespace vtf
