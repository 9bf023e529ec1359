#pragma once
// One policy simulated over one world (MODEL.md sections 2-5): the event loop of the
// Convention's annual cycle, monthly operations in every State, donors, extensions and the fund.
// A pure function of (scenario setup, policy parameters, world): no I/O, no shared state.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/fund_selection.hpp"
#include "models/operations.hpp"
#include "models/scenario_setup.hpp"
#include "models/world.hpp"
#include "sim/engine/calendar.hpp"

namespace vtf {

using Cents = std::int64_t;  // the fund's books are kept in integer cents: conservation is exact

struct Grant {
  bool active = false;
  std::uint32_t id = 0;
  Cents amount = 0, second_tranche = 0, held = 0, monthly_plan = 0;
  bool second_pending = false;
  bool window_b = false;
  int spend_from_month = 0;        // month index when the partner starts work
  sim::Date end;                   // the grant's last day: unspent money returns then
  double performance = 1.0;        // productivity factor of the project (5.6.5)
  double planned_release_km2 = 0;  // what the first monitoring period should release
  double released_km2 = 0;         // release paid for by this grant so far
};

struct FundBooks {
  Cents balance = 0, received = 0, admin_paid = 0, disbursed = 0, returned = 0, granted = 0;
  Cents admin_arrears = 0, commitments = 0, reserve_target = 0;
  Cents granted_this_year = 0, granted_last_year = 0, admin_this_year = 0, admin_last_year = 0;
  // The fund's demand (MODEL.md 7, v1.2), counted from the start: calls held, calls at which
  // money was refused, eligible States, applications and grants made are counts; requested and
  // refused are cents (docs/model.md, "The fund's demand").
  std::int64_t calls = 0, calls_short = 0, eligible = 0, applications = 0, grants_made = 0;
  Cents requested = 0, refused = 0;
  std::vector<double> weight;        // [slot]: share of the target (5.6.1)
  std::vector<std::uint8_t> active;  // [slot]
  std::vector<Cents> payments;       // pledge payments scheduled, by event payload
  std::vector<Cents> received_by_year;
  std::vector<Applicant> applicants;
  std::vector<Award> awards;  // decided at the Selection Committee, paid at the first tranche
};

// What the yearly call for applications (MODEL.md 5.6.3, 5.6.4) made of an operable State
// without an active grant: it applied, or the first eligibility rule that excluded it.
enum class CallOutcome : std::uint8_t {
  kApplied,
  kArticle7,      // no Article 7 report that year
  kSupport,       // international support not below the threshold
  kLdc,           // not an LDC, with LDC status required
  kHighIncome,    // high income, with exclude_high_income
  kNothingToPay,  // nothing left to pay for
  kOwnMeans,      // finishes within the grant's time on its own money
  kNoWindow,      // in neither window A nor window B
  kNotApplied,    // eligible, but did not apply
  kCount
};
inline constexpr std::size_t kCallOutcomes = static_cast<std::size_t>(CallOutcome::kCount);

// Per-thread scratch of a replication: vectors keep their capacity between replications.
struct ReplicationState {
  // [state]
  std::vector<Ground> ground;
  std::vector<std::uint8_t> operable, completed, disengaged, run_completion;
  std::vector<sim::Date> completion_date, deadline, deadline_at_start;
  std::vector<double> completion_year;
  // The latest completion during the run, and the one before it (restored if a completion is
  // undone by a find dated earlier in the same month); NaN if none.
  std::vector<double> last_completion_year, previous_completion_year;
  // The first completion, before the start (Oman) or during the run; NaN if none. Unlike the
  // status at the horizon it survives a later re-opening.
  std::vector<double> first_completion_year;
  // The State's first completion during the run was no later than its deadline at the start
  // (MODEL.md 7, v1.2: completed_on_time; a later re-opening does not undo it).
  std::vector<std::uint8_t> first_on_time;

  std::vector<int> pending_years, requests, years_granted, breach_months, reopenings;
  // [state * kCallOutcomes + outcome]: the calls (years) with each CallOutcome
  std::vector<int> call_outcomes;
  std::vector<double> capacity, regular_month_usd, intl_usd, national_usd;
  std::vector<std::int64_t> released, discovered, initial;
  std::vector<Cents> vtf_net;  // disbursed to the State less returned by it
  std::vector<Cents> vtf_spent, vtf_spent_year;
  // Bilateral support the State would have had that year, at the same shares, had the fund not
  // changed the envelope (crowding out net of crowd-in, 5.6.1), less what it had; summed.
  std::vector<double> intl_crowded_out;
  std::vector<double> share_weight;  // scratch of the yearly allocation
  std::vector<std::uint8_t> article7;
  std::vector<Grant> grant;
  // [state * kHistoryMonths + m % kHistoryMonths]: monthly release and the part paid by grants
  std::vector<double> release_ring, vtf_release_ring;
  std::vector<double> intl_history;  // [state * 3 + year % 3]
  // [years]
  std::vector<int> completed_at_year_end;
  // [state * years + year]; traj_completed is 1 while the State is completed at the year end
  std::vector<double> traj_remaining, traj_intl, traj_national, traj_vtf, traj_completed;
  std::vector<double> traj_crowded_out;
  // [row * years + year]: the fund's books at each year end (rows of fund_series_rows())
  std::vector<Cents> fund_at_year_end;
  FundBooks fund;
  sim::EventCalendar calendar;
  double intl_support_total = 0;
  std::uint32_t next_grant_id = 1;
};

inline constexpr int kHistoryYears = 3;  // projections average the last three years (5.5)
inline constexpr int kHistoryMonths = 12 * kHistoryYears;

class Replication {
 public:
  Replication(const ScenarioSetup& setup, const ModelParams& policy, const World& world,
              ReplicationState& state);
  void run();

  // Results (valid after run()).
  struct Totals {
    double completed_by_2030, completed_by_2035, completed_by_horizon, completed_on_time;
    double extension_requests, extension_years_granted, breach_state_years, reopenings;
    double left_behind, last_completion_year, area_released_km2, area_remaining_km2;
    double vtf_received_usd, vtf_admin_usd, vtf_granted_usd, vtf_disbursed_usd, vtf_returned_usd,
        vtf_idle_usd, intl_support_usd;
    // The fund's demand and the money that works (MODEL.md 7, v1.2).
    double vtf_calls, vtf_calls_short, vtf_eligible_state_years, vtf_applications, vtf_grants_made,
        vtf_requested_usd, vtf_refused_usd, vtf_spent_usd, intl_crowded_out_usd;
  };
  Totals totals() const;
  const ReplicationState& state() const { return s_; }
  // Conservation laws (MODEL.md 8), exact in integer units.
  bool area_conserved() const;
  bool money_conserved() const;

 private:
  void on_donor_year(int y);
  void on_month(int m);
  void on_extension_requests(int y, sim::Date today);
  void on_msp(int y, sim::Date today);
  void on_article7(int y);
  void on_discovery(const sim::Event& e);
  void on_pledging(int y, sim::Date today);
  void on_payment(const sim::Event& e);
  void on_call(int y, sim::Date today);
  // The first eligibility rule that excludes State i at the call of year index t, or kApplied
  // (with `a` filled in) if it applies (5.6.3, 5.6.4).
  CallOutcome assess_at_call(std::size_t i, std::size_t t, int month, sim::Date tranche_date,
                             Applicant& a) const;
  void on_selection(int y);
  void count_refused();
  void on_first_tranche(int y, sim::Date today);
  void on_monitoring(const sim::Event& e);
  void on_grant_end(const sim::Event& e);
  void on_year_end(int y);

  void complete(std::size_t i, sim::Date when);
  void end_grant(std::size_t i);
  void pay_admin();
  bool fund_open(int year) const;
  // Mean release a year over the last three years (km2/yr).
  double recent_rate_km2(std::size_t i, bool exclude_grants_ending_before,
                         sim::Date deadline) const;
  double cost_to_finish_usd(std::size_t i) const;
  double security_fraction(std::size_t i, int month) const;
  int month_of(sim::Date d) const;

  const ScenarioSetup& setup_;
  const ModelParams& p_;
  const World& w_;
  ReplicationState& s_;
  std::size_t n_;
  int years_;
};

}  // namespace vtf
