// A replication's results (MODEL.md 7) and its conservation laws (MODEL.md 8), from the state
// the event loop leaves.
#include <algorithm>
#include <cmath>

#include "models/replication.hpp"
#include "models/replication_units.hpp"

namespace vtf {

using namespace replication_units;

// --- Results ------------------------------------------------------------------------------------

Replication::Totals Replication::totals() const {
  Totals r{};
  const auto count_at = [&](int year) {
    const int t = year - setup_.first_year;
    return t >= 0 && t < years_ ? static_cast<double>(s_.completed_at_year_end[at(t)]) : NAN;
  };
  r.completed_by_2030 = count_at(2030);
  r.completed_by_2035 = count_at(2035);
  r.completed_by_horizon = count_at(setup_.last_year);
  r.left_behind = static_cast<double>(n_) - r.completed_by_horizon;
  r.last_completion_year = NAN;
  std::int64_t released = 0, remaining = 0;
  for (std::size_t i = 0; i < n_; ++i) {
    r.completed_on_time += s_.first_on_time[i];
    r.extension_requests += s_.requests[i];
    r.extension_years_granted += s_.years_granted[i];
    r.breach_state_years += s_.breach_months[i] / 12.0;
    r.reopenings += s_.reopenings[i];
    if (!std::isnan(s_.last_completion_year[i])) {
      r.last_completion_year = std::isnan(r.last_completion_year)
                                   ? s_.last_completion_year[i]
                                   : std::max(r.last_completion_year, s_.last_completion_year[i]);
    }
    released += s_.released[i];
    remaining += s_.ground[i].sha + s_.ground[i].cha;
  }
  r.area_released_km2 = km2(released);
  r.area_remaining_km2 = km2(remaining);
  const FundBooks& f = s_.fund;
  r.vtf_received_usd = usd(f.received);
  r.vtf_admin_usd = usd(f.admin_paid);
  r.vtf_granted_usd = usd(f.granted);
  r.vtf_disbursed_usd = usd(f.disbursed);
  r.vtf_returned_usd = usd(f.returned);
  r.vtf_idle_usd = usd(f.balance);
  r.intl_support_usd = s_.intl_support_total;
  r.vtf_calls = static_cast<double>(f.calls);
  r.vtf_calls_short = static_cast<double>(f.calls_short);
  r.vtf_eligible_state_years = static_cast<double>(f.eligible);
  r.vtf_applications = static_cast<double>(f.applications);
  r.vtf_grants_made = static_cast<double>(f.grants_made);
  r.vtf_requested_usd = usd(f.requested);
  r.vtf_refused_usd = usd(f.refused);
  Cents spent = 0;
  for (std::size_t i = 0; i < n_; ++i) {
    spent += s_.vtf_spent[i];
    r.intl_crowded_out_usd += s_.intl_crowded_out[i];
  }
  r.vtf_spent_usd = usd(spent);
  return r;
}

bool Replication::area_conserved() const {
  for (std::size_t i = 0; i < n_; ++i) {
    const Ground& g = s_.ground[i];
    if (s_.initial[i] + s_.discovered[i] != s_.released[i] + g.sha + g.cha) return false;
  }
  return true;
}

bool Replication::money_conserved() const {
  const FundBooks& f = s_.fund;
  if (f.received + f.returned != f.admin_paid + f.disbursed + f.balance) return false;
  // Money that left the fund and did not come back was spent by States or is held by a grant.
  Cents spent_or_held = 0;
  for (std::size_t i = 0; i < n_; ++i)
    spent_or_held += s_.vtf_spent[i] + s_.grant[i].held;
  return spent_or_held == f.disbursed - f.returned && f.balance >= 0 && f.commitments >= 0;
}

}  // namespace vtf
