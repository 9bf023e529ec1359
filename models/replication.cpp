#include "models/replication.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/events.hpp"
#include "models/extensions.hpp"
#include "models/outcome_table.hpp"
#include "models/replication_units.hpp"

namespace vtf {

using namespace replication_units;

namespace {

template <class T>
void reset(std::vector<T>& v, std::size_t n, const T& value) {
  v.assign(n, value);
}

}  // namespace

Replication::Replication(const ScenarioSetup& setup, const ModelParams& policy, const World& world,
                         ReplicationState& state)
    : setup_(setup),
      p_(policy),
      w_(world),
      s_(state),
      n_(policy.states.size()),
      years_(setup.years) {
  const std::size_t n = n_;
  const auto years = at(years_);
  s_.ground = w_.ground;
  s_.operable = w_.operable;
  s_.completed = w_.completed;
  s_.disengaged = w_.disengaged;
  s_.deadline = w_.deadline;
  s_.deadline_at_start = w_.deadline;
  s_.completion_year = w_.completion_year;
  reset(s_.last_completion_year, n, static_cast<double>(NAN));
  reset(s_.previous_completion_year, n, static_cast<double>(NAN));
  s_.first_completion_year = w_.completion_year;
  reset(s_.run_completion, n, std::uint8_t{0});
  reset(s_.first_on_time, n, std::uint8_t{0});
  reset(s_.completion_date, n, p_.start.plus_days(-1));
  for (auto* v :
       {&s_.pending_years, &s_.requests, &s_.years_granted, &s_.breach_months, &s_.reopenings})
    reset(*v, n, 0);
  reset(s_.call_outcomes, n * kCallOutcomes, 0);
  for (auto* v : {&s_.capacity, &s_.regular_month_usd, &s_.intl_usd, &s_.national_usd})
    reset(*v, n, 0.0);
  reset(s_.released, n, std::int64_t{0});
  reset(s_.discovered, n, std::int64_t{0});
  s_.initial.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    s_.initial[i] = w_.ground[i].sha + w_.ground[i].cha;
  reset(s_.vtf_net, n, Cents{0});
  reset(s_.vtf_spent, n, Cents{0});
  reset(s_.share_weight, n, 0.0);
  reset(s_.vtf_spent_year, n, Cents{0});
  reset(s_.intl_crowded_out, n, 0.0);
  reset(s_.article7, n, std::uint8_t{0});
  reset(s_.grant, n, Grant{});
  // Before the start, the release history is the data's recent release (5.5: "the last three
  // years").
  s_.release_ring.resize(n * kHistoryMonths);
  reset(s_.vtf_release_ring, n * kHistoryMonths, 0.0);
  s_.intl_history.resize(n * 3);
  for (std::size_t i = 0; i < n; ++i) {
    std::fill_n(s_.release_ring.begin() + static_cast<std::ptrdiff_t>(i * kHistoryMonths),
                kHistoryMonths, p_.states[i].release_km2_per_year / 12.0);
    std::fill_n(s_.intl_history.begin() + static_cast<std::ptrdiff_t>(i * 3), 3,
                p_.states[i].intl_usd_per_year);
    // Capacity starts at a multiple of the initial spending (5.3).
    s_.capacity[i] = p_.operations.capacity_initial_factor *
                     (p_.donors.mine_action_share * p_.states[i].intl_usd_per_year +
                      p_.national.mine_action_share * setup_.national_usd[i]);
  }
  reset(s_.completed_at_year_end, years, 0);
  for (auto* v : {&s_.traj_remaining, &s_.traj_intl, &s_.traj_national, &s_.traj_vtf,
                  &s_.traj_completed, &s_.traj_crowded_out})
    reset(*v, n * years, 0.0);
  reset(s_.fund_at_year_end, fund_series_rows().size() * years, Cents{0});

  FundBooks& f = s_.fund;
  f.balance = f.received = f.admin_paid = f.disbursed = f.returned = f.granted = 0;
  f.admin_arrears = f.commitments = 0;
  f.granted_this_year = f.granted_last_year = f.admin_this_year = f.admin_last_year = 0;
  f.calls = f.calls_short = f.eligible = f.applications = f.grants_made = 0;
  f.requested = f.refused = 0;
  f.reserve_target = cents(p_.fund.reserve_share * p_.fund.annual_usd);
  reset(f.weight, at(w_.slots), 0.0);
  reset(f.active, at(w_.slots), std::uint8_t{0});
  f.payments.clear();
  reset(f.received_by_year, years, Cents{0});
  f.applicants.clear();
  f.awards.clear();

  s_.intl_support_total = 0;
  s_.next_grant_id = 1;
  s_.calendar.clear();
  s_.calendar.set_fixed(w_.fixed_events.data(), w_.fixed_events.size());
}

bool Replication::fund_open(int year) const {
  return p_.fund.enabled && year >= p_.fund.start_year;
}

int Replication::month_of(sim::Date d) const {
  return 12 * (d.year() - setup_.first_year) + static_cast<int>(d.month()) - 1;
}

double Replication::security_fraction(std::size_t i, int month) const {
  return w_.capacity_fraction[w_.sm(i, at(std::clamp(month, 0, setup_.months - 1)))];
}

void Replication::run() {
  while (!s_.calendar.empty()) {
    const sim::Event e = s_.calendar.pop();
    if (e.date > p_.horizon) break;
    const int y = static_cast<int>(e.payload);
    switch (static_cast<EventKind>(e.kind)) {
      case EventKind::kMonthStart:
        on_month(static_cast<int>(e.payload));
        break;
      case EventKind::kDonorYear:
        on_donor_year(y);
        break;
      case EventKind::kExtensionRequests:
        on_extension_requests(y, e.date);
        break;
      case EventKind::kArticle7Reports:
        on_article7(y);
        break;
      case EventKind::kMsp:
        on_msp(y, e.date);
        break;
      case EventKind::kDiscovery:
        on_discovery(e);
        break;
      case EventKind::kYearEnd:
        on_year_end(y);
        break;
      case EventKind::kPledgingConference:
        if (fund_open(y)) on_pledging(y, e.date);
        break;
      case EventKind::kCallCloses:
        if (fund_open(y)) on_call(y, e.date);
        break;
      case EventKind::kSelectionCommittee:
        if (fund_open(y)) on_selection(y);
        break;
      case EventKind::kFirstTranche:
        if (fund_open(y)) on_first_tranche(y, e.date);
        break;
      case EventKind::kPledgePayment:
        on_payment(e);
        break;
      case EventKind::kMonitoring:
        on_monitoring(e);
        break;
      case EventKind::kGrantEnd:
        on_grant_end(e);
        break;
    }
  }
}

// --- Donors and national budgets (5.1, 5.2) ------------------------------------------------

void Replication::on_donor_year(int year) {
  const auto t = at(year - setup_.first_year);
  const auto& d = p_.donors;
  const double without_fund = w_.envelope_usd[t];
  double envelope = without_fund;
  const bool fund_exists = fund_open(year) && p_.fund.annual_usd > 0;
  if (fund_exists) envelope *= 1.0 + d.crowd_in;
  // Crowding out: bilateral budgets of a fiscal year are set from the previous year's giving,
  // so each dollar received by the fund removes (1 - additionality) dollars a year later.
  if (t > 0) envelope -= (1.0 - d.additionality) * usd(s_.fund.received_by_year[t - 1]);
  envelope = std::max(0.0, envelope);

  double total_weight = 0, active_weight = 0;
  std::vector<double>& weight = s_.share_weight;
  for (std::size_t i = 0; i < n_; ++i) {
    const int level = p_.states[i].insecurity;
    const bool emergency_now = level >= 1 && w_.disrupted[w_.sm(i, 12 * t)];
    const bool emergency_start = level >= 1 && w_.disrupted[w_.sm(i, 0)];
    double wi = setup_.support_share[i] * w_.share_noise[w_.sy(i, t)] *
                (1.0 + d.emergency_bias * (emergency_now ? 1 : 0)) /
                (1.0 + d.emergency_bias * (emergency_start ? 1 : 0));
    if (d.extension_fatigue > 0) wi *= std::pow(1.0 - d.extension_fatigue, s_.requests[i]);
    weight[i] = wi;
    total_weight += wi;
    if (!s_.completed[i]) active_weight += wi;
  }
  // A completed State's share leaves it; `retention` of it is reallocated to the others (5.1):
  // an active State receives its weight times this, per dollar of weight.
  const auto per_weight = [&](double e) {
    const double freed = total_weight > 0 ? e * (total_weight - active_weight) / total_weight : 0.0;
    const double pool = total_weight > 0 ? e / total_weight : 0.0;
    const double bonus = active_weight > 0 ? d.retention * freed / active_weight : 0.0;
    return pool + bonus;
  };
  const double per = per_weight(envelope);
  // What the same shares would have given had the fund left the envelope alone: the difference
  // is the bilateral support the fund crowded out, net of crowd-in (MODEL.md 5.6.1).
  const double per_without_fund = per_weight(without_fund);
  for (std::size_t i = 0; i < n_; ++i) {
    const double intl = s_.completed[i] ? 0.0 : weight[i] * per;
    const double crowded_out = s_.completed[i] ? 0.0 : weight[i] * per_without_fund - intl;
    s_.intl_crowded_out[i] += crowded_out;
    s_.traj_crowded_out[i * at(years_) + t] = crowded_out;
    const double national =
        s_.completed[i] ? 0.0 : setup_.national_usd[i] * w_.national_multiplier[w_.sy(i, t)];
    s_.intl_usd[i] = intl;
    s_.national_usd[i] = national;
    s_.intl_history[i * 3 + t % 3] = intl;
    s_.intl_support_total += intl;
    const double money = d.mine_action_share * intl + p_.national.mine_action_share * national;
    // Capacity grows towards the money, by at most capacity_growth a year, and does not shrink.
    if (t > 0)
      s_.capacity[i] = std::min(s_.capacity[i] * (1.0 + p_.operations.capacity_growth),
                                std::max(s_.capacity[i], money));
    s_.regular_month_usd[i] = money / 12.0;
    s_.traj_intl[i * at(years_) + t] = intl;
    s_.traj_national[i * at(years_) + t] = national;
  }
}

// --- Operations (5.3), breaches (5.5) and the fund's administration (5.6.2) -------------------

void Replication::on_month(int m) {
  const sim::Date today = setup_.month_starts[at(m)];
  const int year = today.year();
  if (fund_open(year)) {
    s_.fund.admin_arrears += cents(p_.fund.admin_fixed_usd / 12.0);
    pay_admin();
  }
  const int days = today.days_in_month();
  const auto ring_slot = at((m % kHistoryMonths + kHistoryMonths) % kHistoryMonths);
  for (std::size_t i = 0; i < n_; ++i) {
    if (!s_.completed[i] && today > s_.deadline[i]) ++s_.breach_months[i];
    if (!s_.operable[i]) {
      // The history advances every month for every State (5.5, v1.2): a month without
      // operations releases nothing, so a re-opened State does not project from release it
      // made years before.
      s_.release_ring[i * kHistoryMonths + ring_slot] = 0.0;
      s_.vtf_release_ring[i * kHistoryMonths + ring_slot] = 0.0;
      continue;
    }
    const double fraction = security_fraction(i, m);
    const double regular = std::min(s_.capacity[i] * fraction / 12.0, s_.regular_month_usd[i]);
    Grant& g = s_.grant[i];
    Cents grant_spend = 0;
    if (g.active && m >= g.spend_from_month) {
      grant_spend =
          std::min<Cents>(g.held, round_to_int(static_cast<double>(g.monthly_plan) * fraction));
    }
    const double grant_effective = usd(grant_spend) * g.performance;
    const double budget = regular + grant_effective;
    const MonthOutcome o =
        operate_month(s_.ground[i], budget, w_.productivity[w_.sm(i, at(m))], setup_.ops);
    const double released_km2 = km2(o.released());
    double by_grant = 0;
    if (grant_spend > 0) {
      // The grant's share of the month's release is its share of the money at work.
      by_grant = budget > 0 ? released_km2 * grant_effective / budget : 0.0;

      const Cents spent = round_to_int(static_cast<double>(grant_spend) * o.used_fraction);
      g.held -= spent;
      g.released_km2 += by_grant;
      s_.vtf_spent[i] += spent;
      s_.vtf_spent_year[i] += spent;
    }
    s_.released[i] += o.released();
    s_.release_ring[i * kHistoryMonths + ring_slot] = released_km2;
    s_.vtf_release_ring[i * kHistoryMonths + ring_slot] = by_grant;

    if (o.completed) {
      // The completion date is the day during which the remaining area falls below the
      // threshold: used_fraction of the month's days have passed when it does.
      const auto day = std::min(days - 1, static_cast<int>(std::floor(o.used_fraction * days)));
      complete(i, today.plus_days(day));
    }
  }
}

void Replication::complete(std::size_t i, sim::Date when) {
  s_.completed[i] = 1;
  s_.operable[i] = 0;
  s_.run_completion[i] = 1;
  s_.completion_date[i] = when;
  s_.completion_year[i] = when.year();
  s_.previous_completion_year[i] = s_.last_completion_year[i];
  s_.last_completion_year[i] = when.year();
  if (std::isnan(s_.first_completion_year[i])) {
    s_.first_completion_year[i] = when.year();
    s_.first_on_time[i] = when <= s_.deadline_at_start[i] ? 1 : 0;
  }
  if (s_.grant[i].active) end_grant(i);  // money not needed returns to the fund (5.6.5)
}

void Replication::on_discovery(const sim::Event& e) {
  const Find& find = w_.finds[e.payload];
  const std::size_t i = find.state;
  if (!find.residual) {
    if (s_.completed[i]) {
      // A find dated before this month's completion means the State had not completed after all.
      if (!(s_.run_completion[i] && s_.completion_date[i] > e.date)) return;
      s_.completed[i] = 0;
      s_.operable[i] = 1;
      s_.completion_year[i] = NAN;
      s_.run_completion[i] = 0;
      s_.last_completion_year[i] = s_.previous_completion_year[i];
      if (std::isnan(s_.previous_completion_year[i])) {
        s_.first_completion_year[i] = NAN;
        s_.first_on_time[i] = 0;
      }
    }
    s_.ground[i].sha += find.size_dm2;
    s_.discovered[i] += find.size_dm2;
    return;
  }
  if (!s_.completed[i] || s_.completion_date[i] > e.date) return;
  // Residual contamination re-opens a completed State with a new deadline (5.4).
  Ground& g = s_.ground[i];
  g.sha += find.size_dm2;
  g.set_reference(km2(g.sha + g.cha));
  s_.discovered[i] += find.size_dm2;
  s_.completed[i] = 0;
  s_.operable[i] = 1;
  s_.completion_year[i] = NAN;
  s_.disengaged[i] = 0;
  s_.deadline[i] = e.date.plus_years(p_.discovery.reopened_deadline_years);
  ++s_.reopenings[i];
  // Its national budget resumes at once (5.2, v1.2), not at the next 1 January; international
  // donors allocate again at the next fiscal year.
  const auto t = at(e.date.year() - setup_.first_year);
  s_.national_usd[i] = setup_.national_usd[i] * w_.national_multiplier[w_.sy(i, t)];
  s_.regular_month_usd[i] = (p_.donors.mine_action_share * s_.intl_usd[i] +
                             p_.national.mine_action_share * s_.national_usd[i]) /
                            12.0;
  s_.traj_national[i * at(years_) + t] = s_.national_usd[i];
}

// --- Extensions (5.5) -----------------------------------------------------------------------

double Replication::recent_rate_km2(std::size_t i, bool exclude_grants, sim::Date deadline) const {
  const auto first = s_.release_ring.begin() + static_cast<std::ptrdiff_t>(i * kHistoryMonths);
  double total = std::accumulate(first, first + kHistoryMonths, 0.0);
  if (exclude_grants) {
    // A State cannot count on money it has not been promised: release paid by grants that end
    // before the deadline does not count towards the projection.
    const auto v = s_.vtf_release_ring.begin() + static_cast<std::ptrdiff_t>(i * kHistoryMonths);
    double by_grants = std::accumulate(v, v + kHistoryMonths, 0.0);
    const Grant& g = s_.grant[i];
    if (g.active && g.end > deadline) by_grants = std::max(0.0, by_grants - g.released_km2);
    total -= by_grants;
  }
  return std::max(0.0, total) / kHistoryYears;
}

void Replication::on_extension_requests(int year, sim::Date today) {
  const auto t = at(year - setup_.first_year);
  const sim::Date msp_now = p_.calendar.msp.in_year(year);
  const sim::Date msp_next = p_.calendar.msp.in_year(year + 1);
  const auto& e = p_.extensions;
  for (std::size_t i = 0; i < n_; ++i) {
    if (s_.completed[i]) continue;
    const bool in_breach = today > s_.deadline[i];
    const bool due = s_.deadline[i] > msp_now && s_.deadline[i] <= msp_next;
    if (!in_breach && !due) continue;
    if (in_breach && s_.disengaged[i]) {
      if (!(w_.u_breach_request[w_.sy(i, t)] < e.disengaged_request_probability)) continue;
      s_.disengaged[i] = 0;
    }
    const Ground& g = s_.ground[i];
    const std::int64_t remaining = g.sha + g.cha;
    const double rate = recent_rate_km2(i, true, s_.deadline[i]);
    const double years_needed = projected_years(km2(remaining), rate);
    const bool no_access = !p_.states[i].access;
    if (!in_breach && !no_access && !needs_extension(e, today, years_needed, s_.deadline[i]))
      continue;
    s_.pending_years[i] = requested_years(e, years_needed, g.sha * 2 > remaining, no_access);
    ++s_.requests[i];
  }
}

void Replication::on_msp(int year, sim::Date today) {
  const auto t = at(year - setup_.first_year);
  for (std::size_t i = 0; i < n_; ++i) {
    if (s_.pending_years[i] == 0) continue;
    const Decision d =
        decide_request(p_.extensions, s_.pending_years[i], w_.u_decision[w_.sy(i, t)]);
    if (d.granted) {
      s_.deadline[i] = extended_deadline(s_.deadline[i], today, d.years);
      s_.years_granted[i] += d.years;
    }
    s_.pending_years[i] = 0;
  }
}

void Replication::on_article7(int year) {
  const auto t = at(year - setup_.first_year);
  for (std::size_t i = 0; i < n_; ++i) {
    s_.article7[i] = w_.u_article7[w_.sy(i, t)] < p_.applicants.article7_probability ? 1 : 0;
  }
}

// --- Year end: trajectories -------------------------------------------------------------------

void Replication::on_year_end(int year) {
  const auto t = at(year - setup_.first_year);
  int completed = 0;
  for (std::size_t i = 0; i < n_; ++i) {
    const Ground& g = s_.ground[i];
    s_.traj_remaining[i * at(years_) + t] = km2(g.sha + g.cha);
    s_.traj_vtf[i * at(years_) + t] = usd(s_.vtf_spent_year[i]);
    s_.vtf_spent_year[i] = 0;
    s_.traj_completed[i * at(years_) + t] = s_.completed[i];
    completed += s_.completed[i];
  }
  s_.completed_at_year_end[t] = completed;
  FundBooks& f = s_.fund;
  const auto rows = fund_series_rows();
  for (std::size_t k = 0; k < rows.size(); ++k)
    s_.fund_at_year_end[k * at(years_) + t] = f.*rows[k].books;
  f.granted_last_year = f.granted_this_year;
  f.admin_last_year = f.admin_this_year;
  f.granted_this_year = f.admin_this_year = 0;
}

}  // namespace vtf
