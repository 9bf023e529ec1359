#include "models/scenario_setup.hpp"

#include <algorithm>

#include "models/events.hpp"
#include "sim/engine/errors.hpp"

namespace vtf {

std::string start_problem(const sim::Date& start) {
  return start.month() == 1 && start.day() == 1
             ? ""
             : "must be a 1 January: the model runs whole years of the Convention's cycle";
}

std::string horizon_problem(const sim::Date& horizon) {
  return horizon.month() == 12 && horizon.day() == 31
             ? ""
             : "must be a 31 December: the model runs whole years";
}

ScenarioSetup make_scenario_setup(ModelParams params, const std::vector<StateData>& data) {
  ScenarioSetup s;
  const auto& p = params;
  if (const auto problem = start_problem(p.start); !problem.empty())
    throw sim::InputError("study.start " + problem);
  if (const auto problem = horizon_problem(p.horizon); !problem.empty())
    throw sim::InputError("study.horizon " + problem);
  s.first_year = p.start.year();
  s.last_year = p.horizon.year();
  s.years = s.last_year - s.first_year + 1;
  s.months = 12 * s.years;
  s.calibration = calibrate(p, data);
  s.ops = OpsConstants{p.operations.cancel_fraction, p.operations.survey_share_min,
                       p.operations.survey_share_max, p.operations.last_mile,
                       dm2(p.operations.completion_threshold_m2 * 1e-6)};
  for (std::size_t i = 0; i < p.states.size(); ++i) {
    s.envelope_2026_usd += p.states[i].intl_usd_per_year;
    s.national_usd.push_back(s.calibration[i].national_usd_per_year);
  }
  for (const auto& st : p.states) {
    s.support_share.push_back(s.envelope_2026_usd > 0 ? st.intl_usd_per_year / s.envelope_2026_usd
                                                      : 0.0);
  }
  for (int m = 0; m < s.months; ++m)
    s.month_starts.push_back(p.start.plus_months(m));
  for (int y = s.first_year; y <= s.last_year; ++y)
    s.year_ends.push_back(sim::Date::from_ymd(y, 12, 31));

  const auto& c = p.calendar;
  const std::pair<EventKind, sim::MonthDay> cycle[] = {
      {EventKind::kDonorYear, c.donor_fiscal_year},
      {EventKind::kPledgingConference, c.pledging_conference},
      {EventKind::kExtensionRequests, c.extension_requests},
      {EventKind::kArticle7Reports, c.article7_reports},
      {EventKind::kCallCloses, c.vtf_call_closes},
      {EventKind::kSelectionCommittee, c.selection_committee},
      {EventKind::kFirstTranche, c.first_tranche},
      {EventKind::kMsp, c.msp}};
  for (int y = s.first_year; y <= s.last_year; ++y) {
    const auto payload = static_cast<std::uint32_t>(y);
    for (const auto& [kind, day] : cycle) {
      s.annual_events.push_back(
          sim::Event{day.in_year(y), rank_of(kind), code(kind), 0, payload, 0});
    }
    s.annual_events.push_back(sim::Event{sim::Date::from_ymd(y, 12, 31),
                                         rank_of(EventKind::kYearEnd), code(EventKind::kYearEnd), 0,
                                         payload, 0});
  }
  for (int m = 0; m < s.months; ++m) {
    s.annual_events.push_back(
        sim::Event{s.month_starts[static_cast<std::size_t>(m)], rank_of(EventKind::kMonthStart),
                   code(EventKind::kMonthStart), 0, static_cast<std::uint32_t>(m), 0});
  }
  std::sort(s.annual_events.begin(), s.annual_events.end());
  s.params = std::move(params);
  return s;
}

}  // namespace vtf
