#include "models/parameter_checks.hpp"

#include <fmt/format.h>

#include <iterator>
#include <string>

#include "models/state_data.hpp"
#include "sim/engine/errors.hpp"

namespace vtf {
namespace {

[[noreturn]] void invalid(const std::string& what) { throw sim::InputError(what); }

void check_calendar(const CalendarParams& c) {
  const sim::MonthDay order[] = {c.donor_fiscal_year, c.pledging_conference, c.vtf_call_closes,
                                 c.selection_committee, c.first_tranche};
  for (std::size_t i = 1; i < std::size(order); ++i) {
    if (!(order[i - 1] < order[i])) {
      invalid(
          "calendar: the donor fiscal year, pledging conference, VTF call, Selection Committee "
          "and first tranche must fall in that order within the year");
    }
  }
  if (!(c.extension_requests < c.msp))
    invalid("calendar: extension requests must be due before the MSP");
}

void check_operations(const OperationsParams& o) {
  if (o.survey_share_min > o.survey_share_max)
    invalid("operations.survey_share_min must not exceed operations.survey_share_max");
  if (o.cost_min_usd_per_m2 >= o.cost_max_usd_per_m2)
    invalid("operations.cost_min_usd_per_m2 must be below operations.cost_max_usd_per_m2");
}

void check_contributors(const ContributorParams& k) {
  if (k.pay_in_year_probability + k.pay_late_probability > 1.0 + 1e-12) {
    invalid(
        fmt::format("contributors.pay_in_year_probability + contributors.pay_late_probability = {} "
                    "exceeds 1: they are shares of the same pledges",
                    k.pay_in_year_probability + k.pay_late_probability));
  }
}

void check_fund(const ModelParams& p) {
  const auto& f = p.fund;
  if (f.monitoring_months >= f.grant_months)
    invalid("vtf.monitoring_months must be shorter than vtf.grant_months");
  if (p.operations.mobilisation_lag_months >= f.grant_months)
    invalid("operations.mobilisation_lag_months must be shorter than vtf.grant_months");
  if (f.enabled && f.start_year > p.horizon.year())
    invalid(
        fmt::format("vtf.start_year {} is after the horizon {}", f.start_year, p.horizon.iso()));
}

void check_areas(const std::vector<StateInputs>& states) {
  const auto& data = reference_states();
  for (std::size_t i = 0; i < states.size(); ++i) {
    const auto& in = states[i];
    if (!(in.area_low_km2 <= in.area_best_km2 && in.area_best_km2 <= in.area_high_km2)) {
      invalid(
          fmt::format("states.{}: remaining_km2_low ({}) <= remaining_km2_best ({}) <= "
                      "remaining_km2_high ({}) does not hold",
                      data[i].name, in.area_low_km2, in.area_best_km2, in.area_high_km2));
    }
  }
}

using Problems = std::vector<sim::ParameterProblem>;

// What a USD amount was likely meant to be, written in millions (2 for 2e6) or thousands (5000
// for 5e6) by mistake; nothing for an amount that is plausible in USD.
std::string unit_hint(double usd) {
  if (usd <= 0 || usd >= 1e5) return "";
  return fmt::format(": amounts are in USD, did you mean {}{}?", usd, usd < 1000 ? "e6" : "e3");
}

// Below `floor`, `name` leaves the fund nothing it could grant. The value the file wrote is the
// one blamed: a small one is a likely unit mistake, a large floor is an odd cost or minimum.
void check_floor(const sim::ParameterSet& v, const sim::WrittenPredicate& written, const char* name,
                 const char* floor, const char* floor_words, Problems& out) {
  const double x = v.real(name), f = v.real(floor);
  if (x >= f) return;
  if (written(name) || !written(floor)) {
    out.push_back({name, fmt::format("{} = {} is below {} ({} = {}), so the fund could never make "
                                     "a grant{}",
                                     name, x, floor_words, floor, f, unit_hint(x))});
  } else {
    out.push_back({floor, fmt::format("{} = {} is above {} = {}, so the fund could never make a "
                                      "grant: lower it, or raise {} too",
                                      floor, f, name, x, name)});
  }
}

// low <= best <= high for one pair of a State's bounds, blaming the bound the file changed and
// naming the other one to change with it.
void check_bound_pair(const sim::ParameterSet& v, const sim::WrittenPredicate& written,
                      const std::string& lower, const std::string& upper, Problems& out) {
  const double lo = v.real(lower), hi = v.real(upper);
  if (lo <= hi) return;
  const bool lower_written = written(lower), upper_written = written(upper);
  if (lower_written && !upper_written) {
    out.push_back({lower, fmt::format("{} = {} is above {} = {} (the data's): lower it, or set {} "
                                      "too (to at least {})",
                                      lower, lo, upper, hi, upper, lo)});
  } else if (upper_written && !lower_written) {
    out.push_back({upper, fmt::format("{} = {} is below {} = {} (the data's): raise it, or set {} "
                                      "too (to at most {})",
                                      upper, hi, lower, lo, lower, hi)});
  } else {
    out.push_back({upper, fmt::format("{} = {} is above {} = {}: a State's remaining area must "
                                      "keep low <= best <= high",
                                      lower, lo, upper, hi)});
  }
}

}  // namespace

Problems check_values(const sim::ParameterSet& v, const sim::WrittenPredicate& written) {
  Problems out;
  if (v.boolean("vtf.enabled") && v.real("vtf.annual_usd") > 0) {
    check_floor(v, written, "vtf.annual_usd", "vtf.admin_fixed_usd",
                "the fund's yearly fixed administration cost", out);
    check_floor(v, written, "vtf.grant_cap_usd", "vtf.min_grant_usd", "the smallest grant", out);
  }
  for (const auto& state : reference_states()) {
    const std::string prefix = "states." + state.name + ".remaining_km2_";
    check_bound_pair(v, written, prefix + "low", prefix + "best", out);
    check_bound_pair(v, written, prefix + "best", prefix + "high", out);
  }
  return out;
}

void check_combinations(const ModelParams& p) {
  check_calendar(p.calendar);
  check_operations(p.operations);
  check_contributors(p.contributors);
  check_fund(p);
  check_areas(p.states);
}

}  // namespace vtf
