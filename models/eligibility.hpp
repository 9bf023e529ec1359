#pragma once
// The fund's eligibility rules (MODEL.md 5.6.3), each a pure test of one State under one
// policy's levers: the call for proposals (replication_fund.cpp) applies them in its order, and
// the funding gap (funding_gap.hpp) reports which of them each State meets at the start.
#include "models/parameters.hpp"

namespace vtf {

// Little or no international support: the trailing three-year mean `support_usd` is below the
// threshold (when the rule is on).
inline bool meets_support_rule(const FundParams& f, double support_usd) {
  return !f.require_low_support || support_usd < f.support_threshold_usd;
}

// Limited national means by LDC status: only `required` excludes a State that is not an LDC
// (`priority` weighs LDC status in the score, `ignored` does neither).
inline bool meets_ldc_rule(const FundParams& f, bool ldc) {
  return f.ldc != LdcRule::kRequired || ldc;
}

// Limited national means by income group: a high-income State is not eligible with
// exclude_high_income, whatever its international support.
inline bool meets_income_rule(const FundParams& f, bool high_income) {
  return !f.exclude_high_income || !high_income;
}

}  // namespace vtf
