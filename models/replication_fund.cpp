// The fund's side of a replication (MODEL.md 5.6): contributions and costs, the call for
// applications, selection, tranches, monitoring and the end of grants.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/eligibility.hpp"
#include "models/events.hpp"
#include "models/extensions.hpp"
#include "models/replication.hpp"
#include "models/replication_units.hpp"

namespace vtf {

using namespace replication_units;

// --- The fund: contributions (5.6.1) and costs (5.6.2) ----------------------------------------

void Replication::pay_admin() {
  FundBooks& f = s_.fund;
  const Cents pay = std::min(f.admin_arrears, f.balance);
  f.balance -= pay;
  f.admin_paid += pay;
  f.admin_this_year += pay;
  f.admin_arrears -= pay;
}

void Replication::on_pledging(int year, sim::Date today) {
  FundBooks& f = s_.fund;
  const auto& c = p_.contributors;
  const auto t = at(year - setup_.first_year);
  const auto slots = at(w_.slots);
  if (year == p_.fund.start_year) {
    for (std::size_t k = 0; k < slots; ++k) {
      f.weight[k] = w_.initial_weight[k];
      f.active[k] = 1;
    }
  } else {
    for (std::size_t k = 0; k < slots; ++k) {
      if (!f.active[k] || !(w_.u_exit[w_.ky(k, t)] < c.exit_probability)) continue;
      const bool replaced = w_.u_replace[w_.ky(k, t)] < c.replace_probability;
      f.active[k] = replaced ? 1 : 0;
      f.weight[k] = replaced ? w_.newcomer_weight[w_.ky(k, t)] : 0.0;
    }
  }
  double total = 0;
  for (std::size_t k = 0; k < slots; ++k) {
    if (f.active[k]) total += p_.fund.annual_usd * c.pledge_ratio * f.weight[k];
  }
  double factor = 1.0;
  if (c.idle_offset && total > 0) {
    // Contributors pledge less while the fund sits on money it has not used (5.6.1).
    const Cents needed = f.granted_last_year + f.admin_last_year + f.reserve_target + f.commitments;
    const double idle = usd(std::max<Cents>(0, f.balance - needed));
    factor = std::max(0.0, total - idle) / total;
  }
  const sim::Date year_end = sim::Date::from_ymd(year, 12, 31);
  const sim::Date next_year = sim::Date::from_ymd(year + 1, 1, 1);
  const double days_left = sim::days_between(today, year_end) + 1;
  const double days_next = sim::days_between(next_year, sim::Date::from_ymd(year + 2, 1, 1));
  for (std::size_t k = 0; k < slots; ++k) {
    if (!f.active[k]) continue;
    const Cents pledge = cents(p_.fund.annual_usd * c.pledge_ratio * f.weight[k] * factor);
    if (pledge <= 0) continue;
    const double u = w_.u_pay[w_.ky(k, t)];
    const double v = w_.u_pay_date[w_.ky(k, t)];
    sim::Date when;
    if (u < c.pay_in_year_probability) {
      when = today.plus_days(static_cast<std::int32_t>(v * days_left));
    } else if (u < c.pay_in_year_probability + c.pay_late_probability) {
      when = next_year.plus_days(static_cast<std::int32_t>(v * days_next));
    } else {
      continue;  // never paid
    }
    s_.calendar.schedule(sim::Event{when, rank_of(EventKind::kPledgePayment),
                                    code(EventKind::kPledgePayment), static_cast<std::uint32_t>(k),
                                    static_cast<std::uint32_t>(f.payments.size()), 0});
    f.payments.push_back(pledge);
  }
}

void Replication::on_payment(const sim::Event& e) {
  FundBooks& f = s_.fund;
  const Cents amount = f.payments[e.payload];
  const Cents support_cost =
      round_to_int(static_cast<double>(amount) * p_.fund.programme_support_rate);
  f.received += amount;
  f.received_by_year[at(e.date.year() - setup_.first_year)] += amount;
  f.admin_paid += support_cost;
  f.admin_this_year += support_cost;
  f.balance += amount - support_cost;
  pay_admin();
}

// --- The fund: eligibility, applications and selection (5.6.3, 5.6.4) -------------------------

double Replication::cost_to_finish_usd(std::size_t i) const {
  return vtf::cost_to_finish_usd(s_.ground[i], p_.operations.last_mile,
                                 p_.operations.cancel_fraction);
}

namespace {

// Years to spend `cost` with `own` a year, plus `grant` spread over `spend_years` after
// `lag_years`.
double years_to_finish(double cost, double own, double grant, double lag_years,
                       double spend_years) {
  if (cost <= 0) return 0.0;
  if (own * lag_years >= cost) return cost / own;
  const double after_lag = cost - own * lag_years;
  const double rate = own + (spend_years > 0 ? grant / spend_years : 0.0);
  if (rate * spend_years >= after_lag) return lag_years + after_lag / rate;
  if (own <= 0) return kMaxProjectionYears;
  return std::min(kMaxProjectionYears,
                  lag_years + spend_years + (after_lag - rate * spend_years) / own);
}

}  // namespace

CallOutcome Replication::assess_at_call(std::size_t i, std::size_t t, int month,
                                        sim::Date tranche_date, Applicant& a) const {
  const auto& f = p_.fund;
  const double lag = p_.operations.mobilisation_lag_months / 12.0;
  const double spend_years = (f.grant_months - p_.operations.mobilisation_lag_months) / 12.0;
  if (f.require_article7 && !s_.article7[i]) return CallOutcome::kArticle7;
  const double support =
      (s_.intl_history[i * 3] + s_.intl_history[i * 3 + 1] + s_.intl_history[i * 3 + 2]) / 3.0;
  if (!meets_support_rule(f, support)) return CallOutcome::kSupport;
  if (!meets_ldc_rule(f, p_.states[i].ldc)) return CallOutcome::kLdc;
  if (!meets_income_rule(f, p_.states[i].high_income)) return CallOutcome::kHighIncome;
  const double fraction = security_fraction(i, month);
  const double own =
      std::min(s_.capacity[i] * fraction, p_.donors.mine_action_share * s_.intl_usd[i] +
                                              p_.national.mine_action_share * s_.national_usd[i]);
  const double cost = cost_to_finish_usd(i);
  if (cost <= 0) return CallOutcome::kNothingToPay;
  const double absorb = p_.partners.capacity_usd_per_year * spend_years;
  const double grant_years = f.grant_months / 12.0;
  a = Applicant{};
  a.state = static_cast<std::uint32_t>(i);
  a.gap = 1.0 - std::min(1.0, support / std::max(f.support_threshold_usd, 1.0));
  a.ldc = p_.states[i].ldc;
  a.km2_per_usd = km2(s_.ground[i].sha + s_.ground[i].cha) / cost;
  a.lottery = w_.u_lottery[w_.sy(i, t)];
  // Window A: the cost to finish within the grant, less other money expected (5.6.4).
  const double need = cost - own * grant_years;
  if (need <= 0) return CallOutcome::kOwnMeans;  // finishes within the grant's time on its own
  const double request_a = std::min({f.grant_cap_usd, absorb, std::max(need, f.min_grant_usd)});
  const double years_a = years_to_finish(cost, own, request_a * fraction, lag, spend_years);
  if (f.window_a && years_a <= f.window_a_years) {
    a.request_usd = request_a;
    a.years_with_grant = years_a;
  } else if (f.window_b && recent_rate_km2(i, false, tranche_date) > 0) {
    // Window B: acceleration for a State with clear efforts (released land lately) (5.6.3).
    a.request_usd = std::min(f.grant_cap_usd, absorb);
    a.years_with_grant = years_to_finish(cost, own, a.request_usd * fraction, lag, spend_years);
    a.window_b = true;
  } else {
    return CallOutcome::kNoWindow;
  }
  if (!(w_.u_apply[w_.sy(i, t)] < p_.applicants.apply_probability)) return CallOutcome::kNotApplied;
  return CallOutcome::kApplied;
}

void Replication::on_call(int year, sim::Date today) {
  const auto t = at(year - setup_.first_year);
  const int month = month_of(today);
  const sim::Date tranche_date = p_.calendar.first_tranche.in_year(year);
  FundBooks& f = s_.fund;
  auto& applicants = f.applicants;
  applicants.clear();
  ++f.calls;
  for (std::size_t i = 0; i < n_; ++i) {
    // Not eligibility rules, so not counted: a completed State, one active grant per State.
    if (!s_.operable[i] || s_.grant[i].active) continue;
    Applicant a;
    const CallOutcome outcome = assess_at_call(i, t, month, tranche_date, a);
    // The results report, per State, which rule excluded it (5.6.3).
    ++s_.call_outcomes[i * kCallOutcomes + static_cast<std::size_t>(outcome)];
    // The fund's demand (MODEL.md 7): eligible means it passed every rule (it applied or
    // chose not to); what an applicant asks for is its request.
    if (outcome == CallOutcome::kApplied || outcome == CallOutcome::kNotApplied) ++f.eligible;
    if (outcome == CallOutcome::kApplied) {
      applicants.push_back(a);
      ++f.applications;
      f.requested += cents(a.request_usd);
    }
  }
}

void Replication::on_selection(int year) {
  (void)year;
  FundBooks& f = s_.fund;
  const Cents available = f.balance - f.reserve_target - f.commitments;
  f.awards.clear();
  if (available > 0 && !f.applicants.empty()) {
    score_applicants(p_.fund, f.applicants);
    f.awards = allocate(p_.fund, f.applicants, usd(available));
  }
  count_refused();
}

// Money refused for lack of money (docs/model.md, "The fund's demand"): what each applicant
// asked for and was not awarded, when the money (the year's, or window B's share of it) ran
// out. The allocation gives an applicant less than it asks only then, or when the request is
// below the smallest grant, a rule rather than a lack of money, left out here.
void Replication::count_refused() {
  FundBooks& f = s_.fund;
  Cents refused = 0;
  for (const Applicant& a : f.applicants) {
    if (a.request_usd < p_.fund.min_grant_usd) continue;
    const auto award = std::find_if(f.awards.begin(), f.awards.end(),
                                    [&](const Award& w) { return w.state == a.state; });
    refused += cents(a.request_usd) - (award == f.awards.end() ? 0 : cents(award->usd));
  }
  f.refused += refused;
  if (refused > 0) ++f.calls_short;
}

void Replication::on_first_tranche(int year, sim::Date today) {
  FundBooks& f = s_.fund;
  const auto t = at(year - setup_.first_year);
  const int month = month_of(today);
  const int lag = p_.operations.mobilisation_lag_months;
  for (const Award& award : f.awards) {
    const std::size_t i = award.state;
    if (!s_.operable[i]) continue;  // completed since the Committee met
    Grant& g = s_.grant[i];
    g = Grant{};
    g.active = true;
    g.id = s_.next_grant_id++;
    g.amount = cents(award.usd);
    const Cents first = std::min<Cents>(
        f.balance, round_to_int(static_cast<double>(g.amount) * p_.fund.first_tranche_share));
    g.second_tranche = g.amount - first;
    g.second_pending = g.second_tranche > 0;
    g.held = first;
    g.monthly_plan = g.amount / (p_.fund.grant_months - lag);
    g.spend_from_month = month + lag;
    g.end = today.plus_months(p_.fund.grant_months);
    g.window_b = award.window_b;
    g.performance = w_.u_performance[w_.sy(i, t)] < p_.partners.underperformance_probability
                        ? p_.partners.underperformance_factor
                        : 1.0;
    const Ground& ground = s_.ground[i];
    const double cost_per_km2 =
        cost_to_finish_usd(i) / std::max(1e-12, km2(ground.sha + ground.cha));
    g.planned_release_km2 =
        usd(g.monthly_plan) * std::max(0, p_.fund.monitoring_months - lag) / cost_per_km2;
    f.balance -= first;
    f.disbursed += first;
    f.granted += g.amount;
    f.granted_this_year += g.amount;
    ++f.grants_made;
    f.commitments += g.second_tranche;
    s_.vtf_net[i] += first;
    s_.calendar.schedule(sim::Event{today.plus_months(p_.fund.monitoring_months),
                                    rank_of(EventKind::kMonitoring), code(EventKind::kMonitoring),
                                    static_cast<std::uint32_t>(i), g.id, 0});
    s_.calendar.schedule(sim::Event{g.end, rank_of(EventKind::kGrantEnd),
                                    code(EventKind::kGrantEnd), static_cast<std::uint32_t>(i), g.id,
                                    0});
  }
  f.awards.clear();
}

// --- The fund: monitoring and returns (5.6.5) -------------------------------------------------

void Replication::on_monitoring(const sim::Event& e) {
  Grant& g = s_.grant[e.entity];
  if (!g.active || g.id != e.payload || !g.second_pending) return;
  FundBooks& f = s_.fund;
  f.commitments -= g.second_tranche;
  g.second_pending = false;
  if (g.released_km2 < p_.fund.withhold_below * g.planned_release_km2)
    return;  // withheld: stays in the fund
  const Cents pay = std::min(g.second_tranche, std::max<Cents>(0, f.balance));
  f.balance -= pay;
  f.disbursed += pay;
  g.held += pay;
  s_.vtf_net[e.entity] += pay;
}

void Replication::on_grant_end(const sim::Event& e) {
  const Grant& g = s_.grant[e.entity];
  if (g.active && g.id == e.payload) end_grant(e.entity);
}

void Replication::end_grant(std::size_t i) {
  Grant& g = s_.grant[i];
  FundBooks& f = s_.fund;
  if (g.second_pending) f.commitments -= g.second_tranche;
  f.returned += g.held;
  f.balance += g.held;
  s_.vtf_net[i] -= g.held;
  g.held = 0;
  g.active = false;
  g.second_pending = false;
}

}  // namespace vtf
