#include "models/fund_selection.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace vtf {

void score_applicants(const FundParams& f, std::vector<Applicant>& applicants) {
  if (applicants.empty()) return;
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (const auto& a : applicants) {
    lo = std::min(lo, a.km2_per_usd);
    hi = std::max(hi, a.km2_per_usd);
  }
  for (auto& a : applicants) {
    const double efficiency = hi > lo ? (a.km2_per_usd - lo) / (hi - lo) : 1.0;
    const double near = std::max(0.0, 1.0 - a.years_with_grant / f.window_a_years);
    const double ldc = f.ldc == LdcRule::kIgnored ? 0.0 : (a.ldc ? 1.0 : 0.0);
    a.score = f.score_gap * a.gap + f.score_ldc * ldc + f.score_near * near +
              f.score_efficiency * efficiency;
  }
}

namespace {

// Greedy: in the given order, each applicant gets what it asks or what is left.
std::vector<Award> greedy(const FundParams& f, const std::vector<Applicant>& ordered,
                          double available) {
  double left = available;
  double b_left = f.window_b_share * available;
  std::vector<Award> awards;
  for (const auto& a : ordered) {
    double usd = std::min(a.request_usd, left);
    if (a.window_b) usd = std::min(usd, b_left);
    if (usd < f.min_grant_usd || usd <= 0) continue;
    left -= usd;
    if (a.window_b) b_left -= usd;
    awards.push_back(Award{a.state, usd, a.window_b});
  }
  return awards;
}

// Shares (already within the requests) trimmed so window B stays within its cap; small ones
// dropped.
std::vector<Award> finish_shares(const FundParams& f, const std::vector<Applicant>& applicants,
                                 std::vector<double> shares, double available) {
  double b_total = 0;
  for (std::size_t i = 0; i < applicants.size(); ++i) {
    if (applicants[i].window_b) b_total += shares[i];
  }
  const double b_cap = f.window_b_share * available;
  if (b_total > b_cap && b_total > 0) {
    for (std::size_t i = 0; i < applicants.size(); ++i) {
      if (applicants[i].window_b) shares[i] *= b_cap / b_total;
    }
  }
  std::vector<Award> awards;
  for (std::size_t i = 0; i < applicants.size(); ++i) {
    if (shares[i] >= f.min_grant_usd && shares[i] > 0)
      awards.push_back(Award{applicants[i].state, shares[i], applicants[i].window_b});
  }
  return awards;
}

}  // namespace

std::vector<Award> allocate(const FundParams& f, std::vector<Applicant> applicants,
                            double available) {
  if (applicants.empty() || !(available > 0)) return {};
  const auto by_state = [](const Applicant& a, const Applicant& b) { return a.state < b.state; };
  std::sort(applicants.begin(), applicants.end(), by_state);  // a fixed order for ties
  switch (f.allocation) {
    case Allocation::kScore:
      std::stable_sort(applicants.begin(), applicants.end(),
                       [](const Applicant& a, const Applicant& b) { return a.score > b.score; });
      return greedy(f, applicants, available);
    case Allocation::kNearestCompletion:
      std::stable_sort(applicants.begin(), applicants.end(),
                       [](const Applicant& a, const Applicant& b) {
                         return a.years_with_grant < b.years_with_grant;
                       });
      return greedy(f, applicants, available);
    case Allocation::kLottery:
      std::stable_sort(
          applicants.begin(), applicants.end(),
          [](const Applicant& a, const Applicant& b) { return a.lottery < b.lottery; });
      return greedy(f, applicants, available);
    case Allocation::kEqualShare: {
      // Water-filling: equal shares, and what a modest request does not use goes to the others.
      std::vector<double> shares(applicants.size(), 0.0);
      std::vector<bool> open(applicants.size(), true);
      double left = available;
      std::size_t n_open = applicants.size();
      bool changed = true;
      while (changed && n_open > 0) {
        changed = false;
        const double share = left / static_cast<double>(n_open);
        for (std::size_t i = 0; i < applicants.size(); ++i) {
          if (open[i] && applicants[i].request_usd <= share) {
            shares[i] = applicants[i].request_usd;
            left -= shares[i];
            open[i] = false;
            --n_open;
            changed = true;
          }
        }
      }
      for (std::size_t i = 0; i < applicants.size(); ++i) {
        if (open[i]) shares[i] = left / static_cast<double>(n_open);
      }
      return finish_shares(f, applicants, shares, available);
    }
    case Allocation::kProportionalNeed: {
      const double need =
          std::accumulate(applicants.begin(), applicants.end(), 0.0,
                          [](double s, const Applicant& a) { return s + a.request_usd; });
      std::vector<double> shares;
      for (const auto& a : applicants)
        shares.push_back(need <= available ? a.request_usd : available * a.request_usd / need);
      return finish_shares(f, applicants, shares, available);
    }
  }
  return {};
}

}  // namespace vtf
