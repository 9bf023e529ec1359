#pragma once
// `vtfsim size-fund`'s answer in plain words, after its table: the size, or why there is none
// (out of reach: what the largest size does assure; undecided: the replications that would
// decide), and how uncertain it is.
#include <cstdint>
#include <string>
#include <vector>

#include "questions/fund_sizing.hpp"

namespace vtf::questions {

std::string sizing_conclusion(const std::vector<SizingResult>& results, const SizingOptions& o,
                              std::uint64_t replications);

// "79% [76%, 82%]": a size's share of replications reaching the target, with its 95% interval.
std::string share_text(const SizeEvaluation& e);

// "about 38,000 replications": a count of replications to two significant figures, rounded up.
std::string replications_text(std::uint64_t n);

}  // namespace vtf::questions
