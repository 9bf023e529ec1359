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

}  // namespace

void check_combinations(const ModelParams& p) {
  check_calendar(p.calendar);
  check_operations(p.operations);
  check_contributors(p.contributors);
  check_fund(p);
  check_areas(p.states);
}

}  // namespace vtf
