#pragma once
// The Selection Committee (MODEL.md 5.6.4): scoring applicants and allocating the year's money
// by one of five policies. Pure functions of the applicants, so each policy is testable alone.
#include <cstdint>
#include <vector>

#include "models/parameters.hpp"

namespace vtf {

struct Applicant {
  std::uint32_t state = 0;
  double request_usd = 0;
  double years_with_grant = 0;  // projected completion with the grant
  double gap = 0;               // 1 - min(1, international support / threshold)
  bool ldc = false;
  double km2_per_usd = 0;  // efficiency before scaling among applicants
  bool window_b = false;   // acceleration (window B) rather than completion (window A)
  double lottery = 0;      // uniform draw, for the lottery policy
  double score = 0;        // filled by score_applicants
};

struct Award {
  std::uint32_t state = 0;
  double usd = 0;
  bool window_b = false;
};

// score = w_gap*gap + w_ldc*ldc + w_near*near + w_eff*efficiency (5.6.4), efficiency scaled to
// [0, 1] among the applicants (1 for all when they are equal).
void score_applicants(const FundParams& f, std::vector<Applicant>& applicants);

// Allocates `available_usd` among the applicants; window B grants take at most
// window_b_share of it; grants below min_grant_usd are not made.
std::vector<Award> allocate(const FundParams& f, std::vector<Applicant> applicants,
                            double available_usd);

}  // namespace vtf
