#pragma once
// The fund's demand and the money that works (MODEL.md 7, v1.2; docs/model.md, "The fund's
// demand"): for each scenario and fund policy of a results file, how oversubscribed the fund is,
// where its receipts go, what an extra completion costs on money received and on money spent by
// States, the bilateral aid it crowds out; and, among policies that differ only in size, the size
// above which extra money mostly sits idle. Read from the per-replication outcomes (/outcomes)
// and the paired comparison (/comparison) of the file.
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace vtf::questions {

// A ratio of means over the replications with the half-width of its 95% interval (delta method,
// normal approximation); NaN where the denominator's mean is 0.
struct Ratio {
  double value = NAN, half_width = NAN;
};

struct DemandRow {
  std::size_t scenario = 0, policy = 0;  // indices in the file
  double annual_usd = NAN;               // the policy's target (/policies/vtf_annual_usd)
  // Means over the replications, totals over the run.
  double calls = 0, calls_short = 0, eligible = 0, applications = 0, grants_made = 0;
  double requested_usd = 0, granted_usd = 0, refused_usd = 0;
  double received_usd = 0, admin_usd = 0, idle_usd = 0, spent_usd = 0, crowded_out_usd = 0;
  // The largest relative 95% half-width of the money means above (their precision, in one).
  double money_relative_half_width = NAN;
  Ratio oversubscription;                                         // requested / granted
  Ratio refused_share;                                            // refused / requested
  Ratio short_calls;                                              // calls short of money / calls
  Ratio admin_share, idle_share, spent_share, crowded_out_share;  // each / received
  // The paired gain in completed_by_horizon (/comparison) and the cost per extra completion:
  // mean money / mean gain (NaN without a gain), and its range over the gain's 95% CI
  // (high is NaN, unbounded, when the CI reaches 0).
  double gain = NAN, gain_low = NAN, gain_high = NAN;
  double cost_received = NAN, cost_received_low = NAN, cost_received_high = NAN;
  double cost_spent = NAN, cost_spent_low = NAN, cost_spent_high = NAN;
  double crowded_out_per_completion = NAN;
};

// One step between consecutive sizes of a family of policies with the same other levers: the
// share of the extra money received that sat idle at the horizon or paid administration,
// Δ(idle + admin) / Δ received over paired replications. `from` is empty for the step from no
// fund to the family's smallest size.
struct IdleStep {
  std::optional<std::size_t> from;
  std::size_t to = 0;
  double extra_received_usd = NAN;
  Ratio unused_share;
};

struct IdleThreshold {
  std::size_t scenario = 0;
  std::string family;  // the other levers, "name = value, ..."; empty when only the size varies
  std::vector<IdleStep> steps;  // by size
  // The first step whose extra money is more than half idle or administration; none: not found
  // in the sizes run.
  std::optional<std::size_t> first_mostly_idle;
};

struct Demand {
  std::vector<std::string> scenarios, policies;
  std::vector<double> annual_usd;  // [policy]: the target, NaN if the file has none
  std::vector<bool> sampled;
  std::size_t replications = 0;
  std::string horizon;  // its year
  std::vector<DemandRow> rows;
  std::vector<IdleThreshold> thresholds;
};

// The rows for the given scenarios and fund policies (indices, policies > 0), and the idle-money
// thresholds of those scenarios over every family of at least one fund size. Throws
// sim::InputError when the file has no demand outcomes (written by an older vtfsim).
Demand fund_demand(const std::string& path, const std::vector<std::size_t>& scenarios,
                   const std::vector<std::size_t>& policies);

// Half the money is the line: extra money "mostly" sits idle above it.
inline constexpr double kMostlyIdle = 0.5;

}  // namespace vtf::questions
