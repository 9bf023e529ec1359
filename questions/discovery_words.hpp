#pragma once
// Scenario discovery (sim/analysis/future_discovery) in plain words: where a value falls in the
// range asked for, and under which conditions of the futures. `vtfsim discover` prints these
// words and stores them in /discovery; the finding where_it_fails says them of the chosen fund.
#include <string>
#include <vector>

#include "sim/analysis/future_discovery.hpp"

namespace vtf::questions {

// A box is sharp, and "it happens mainly when" its conditions hold, when its density on held-out
// futures closes at least this share of the way from the share of all futures to 100% (from 42%,
// at least 71%); a significant box short of that is reported as conditions that raise the share
// only a little.
inline constexpr double kSharpShare = 0.5;
bool box_is_sharp(const sim::Discovery& d);

// "completed_by_2030 under annual_usd=10M minus under no_fund": what VALUE is.
std::string value_words(const sim::Discovery& d);
// "the share of pledges paid within their year is at most 0.62", by the input's label (its name
// when it has none).
std::string limit_words(const sim::Discovery& d, const sim::PrimLimit& limit);
// The inputs, most important first (extremely randomized trees); empty without scores.
std::vector<std::size_t> inputs_by_importance(const sim::Discovery& d);

// "... < 1 in 120 of 400 futures (30%). It happens mainly when ...: in 84% of such futures, ...".
// `what` says what the cases are in words ("a $10.0M a year fund adds no State by 2030"); empty:
// the value and the condition as asked.
std::string discovery_statement(const sim::Discovery& d, const std::string& what = "");

}  // namespace vtf::questions
