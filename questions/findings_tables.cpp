// The findings the report states beside the plain words, for whichever scenario and fund it is
// asked about: its main answer (the no-fund distribution, how the gain grows with the fund's
// size; the spread over the named scenarios is which_sizes') and every State's row
// (questions/state_outcomes.hpp).
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "questions/finding_context.hpp"
#include "questions/state_outcomes.hpp"

namespace vtf::questions {
namespace {

// The q-quantile with linear interpolation between order statistics (numpy's default, so the
// report's numbers are what they were when it computed them itself).
double linear_quantile(std::vector<double> x, double q) {
  if (x.empty()) return NAN;
  std::sort(x.begin(), x.end());
  const double h = q * static_cast<double>(x.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]);
}

FindingColumn column(const char* name, std::vector<std::string> dims, const char* units,
                     const char* long_name) {
  return {name, std::move(dims), {}, {}, units, long_name};
}

// "less than in proportion to its size" and the like, from the gain per dollar of the largest
// fund over that of the smallest.
const char* shape_of(double per_dollar) {
  if (per_dollar < 0.9) return "less than in proportion to its size";
  if (per_dollar > 1.1) return "more than in proportion to its size";
  return "about in proportion to its size";
}

}  // namespace

std::optional<Finding> main_answer(const FindingContext& f) {
  const sim::Comparison& c = f.c;
  if (!f.root.has("outcomes/completed_by_horizon")) return std::nullopt;
  const std::size_t S = c.scenarios.size(), P = c.policies.size();
  const auto done = f.root.open_dataset("outcomes/completed_by_horizon").read<std::int64_t>();
  const std::size_t R = done.size() / (S * P);
  const auto values = [&](std::size_t s, std::size_t p) {
    std::vector<double> x(R);
    for (std::size_t r = 0; r < R; ++r)
      x[r] = static_cast<double>(done[(s * P + p) * R + r]);
    return x;
  };
  const double states = static_cast<double>(f.root.open_dataset("state").size());
  Finding out;
  out.name = "main_answer";
  out.axes = {{"scenario", {}}, {"policy", {}}};
  auto median = column("no_fund_completed_median", {"scenario"}, "States",
                       "States complete at the horizon without a fund: median over the futures");
  auto p05 = column("no_fund_completed_p05", {"scenario"}, "States", "its 5th percentile");
  auto p95 = column("no_fund_completed_p95", {"scenario"}, "States", "its 95th percentile");
  auto small = column("smallest_fund_gain", {"scenario"}, "States",
                      "mean gain in completions by the horizon of the smallest fund");
  auto large = column("largest_fund_gain", {"scenario"}, "States", "the same, largest fund");
  auto ratio = column("gain_per_usd_ratio", {"scenario"}, "1",
                      "the largest fund's gain per dollar over the smallest's (1 when the "
                      "smallest gains nothing; NaN without two sizes of the default rules)");
  auto shape = column("size_shape", {"scenario"}, "", "how the gain grows with the fund's size");
  auto left = column("left_with_largest", {"scenario"}, "States",
                     "States not complete at the horizon with the largest fund, in the median "
                     "future");
  const std::size_t small_p = f.funds.front(), large_p = f.funds.back();
  for (std::size_t s = 0; s < S; ++s) {
    const auto base = values(s, 0);
    median.numbers.push_back(linear_quantile(base, 0.5));
    p05.numbers.push_back(linear_quantile(base, 0.05));
    p95.numbers.push_back(linear_quantile(base, 0.95));
    const double gs = c.at(f.kh, s, small_p).mean, gl = c.at(f.kh, s, large_p).mean;
    // A gain per dollar compares sizes: never two policies of different rules.
    const double per_dollar = !f.sizes_compared() ? NAN
                              : gs > 0            ? (gl / f.size[large_p]) / (gs / f.size[small_p])
                                                  : 1;
    small.numbers.push_back(gs);
    large.numbers.push_back(gl);
    ratio.numbers.push_back(per_dollar);
    shape.texts.emplace_back(std::isnan(per_dollar) ? "" : shape_of(per_dollar));
    left.numbers.push_back(states - linear_quantile(values(s, large_p), 0.5));
  }
  out.notes.emplace_back("smallest_policy", c.policies[small_p]);
  out.notes.emplace_back("largest_policy", c.policies[large_p]);
  for (auto* col : {&median, &p05, &p95, &small, &large, &ratio, &shape, &left})
    out.add_column(std::move(*col));
  return out;
}

// Every State's row for every scenario and policy (policy 0: without a fund), as
// `vtfsim compare --by-state` computes it, and the share of futures in which it is complete at
// the horizon (a later re-opening undoes that).
std::optional<Finding> by_state(const FindingContext& f) {
  const sim::h5::Group& root = f.root;
  if (!root.has("outcomes_by_state/first_completion_year") ||
      !root.has("outcomes_by_state/completion_year"))
    return std::nullopt;
  const std::size_t S = f.c.scenarios.size(), P = f.c.policies.size();
  std::vector<std::size_t> scenarios(S), policies(P);
  for (std::size_t s = 0; s < S; ++s)
    scenarios[s] = s;
  for (std::size_t p = 0; p < P; ++p)
    policies[p] = p;
  const auto rows = state_outcomes(f.path, scenarios, policies);  // [scenario][policy][state]
  const std::vector<std::string> dims{"scenario", "policy", "state"};
  auto median = column("median_completion_year", dims, "year",
                       "first year by which the State has first completed in at least half of "
                       "the futures (the lower median); NaN: not within the run");
  auto by_2030 = column("p_complete_by_2030", dims, "1",
                        "share of futures in which it has first completed by the end of 2030");
  auto at_horizon = column("p_complete_at_horizon", dims, "1",
                           "share of futures in which it is complete at the horizon");
  auto received = column("vtf_received_usd", dims, "USD",
                         "fund money it received (disbursed less returned), mean over futures");
  for (const auto& r : rows) {
    median.numbers.push_back(r.median_year_fund);
    by_2030.numbers.push_back(r.p2030_fund);
    received.numbers.push_back(r.vtf_received_usd);
  }
  auto years = root.open_dataset("outcomes_by_state/completion_year");
  const auto d = years.dims();  // scenario, policy, replication, state
  for (std::size_t s = 0; s < S; ++s) {
    for (std::size_t p = 0; p < P; ++p) {
      const auto x = years.read_block<double>({s, p, 0, 0}, {1, 1, d[2], d[3]});
      for (std::size_t e = 0; e < d[3]; ++e) {
        std::size_t n = 0;
        for (std::size_t r = 0; r < d[2]; ++r)
          if (std::isfinite(x[r * d[3] + e])) ++n;
        at_horizon.numbers.push_back(d[2] > 0 ? static_cast<double>(n) / static_cast<double>(d[2])
                                              : NAN);
      }
    }
  }
  Finding out;
  out.name = "by_state";
  out.axes = {{"scenario", {}}, {"policy", {}}, {"state", {}}};
  for (auto* col : {&median, &by_2030, &at_horizon, &received})
    out.add_column(std::move(*col));
  return out;
}

}  // namespace vtf::questions
