#pragma once
// The inverse question (`vtfsim size-fund`): the smallest annual fund size that reaches a target
// on an outcome with a given confidence. Fund sizes are searched as policies of ordinary runs
// with the study's seed and replications, so every size sees the same random futures (common
// random numbers): a size evaluated in two search rounds gives the same answer in both, and
// differences between sizes are effects of size, not of noise.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/study/design.hpp"

namespace vtf::questions {

// "completed_by_2030 >= 3": at least 3 more States than with no fund;
// "extension_requests <= -20%": at least 20% fewer than the no-fund mean.
struct Target {
  std::string outcome;
  bool at_least = true;   // >=; false: <=
  double value = 0;       // on the paired difference (policy - no fund)
  bool relative = false;  // value is a fraction of the no-fund mean
  std::string text() const;
  // Throws sim::InputError for bad syntax, an unknown outcome (with a suggestion), a target in
  // the direction that makes an outcome worse, or one that no fund is needed for.
  static Target parse(const std::string& text, const sim::ModelSchema& schema);
};

// How sure: the mean difference reaches the target, the cautious end of its 95% CI does, or at
// least a share of the replications reach it on their own, the share's sampling error taken
// into account (the low end of its 95% Wilson interval reaches the required share). The other
// kinds are not choices for users: they bound the answer's uncertainty (kHopefulEnd, the
// favourable end of the CI; kSharePoint, the observed share; kShareHopeful, the high end of the
// share's interval).
struct Confidence {
  enum class Kind { kMean, kConfidenceInterval, kShare, kHopefulEnd, kSharePoint, kShareHopeful };
  Kind kind = Kind::kConfidenceInterval;
  double share = 0.8;
  std::string text() const;
  static Confidence parse(const std::string& text);  // "mean", "ci" or "80%"; throws InputError
};

// One fund size's standing against the target, in the target's terms (relative targets as a
// fraction of the no-fund mean).
struct SizeEvaluation {
  double annual_usd = 0;
  double mean = 0, ci_low = 0, ci_high = 0;  // paired difference and its 95% CI
  double share = 0;                          // share of replications reaching the target
  double share_low = 0, share_high = 0;      // its 95% Wilson interval over the replications
  std::size_t replications = 0;
  // What is assured at the requested confidence: the largest target (the smallest, for <=) this
  // size meets, in the target's terms; NaN when nothing is (too few replications for the share).
  double assured = 0;
};

// A size against the target at a confidence: reached, not reached, or (with a share of
// replications) undecided: the share's 95% interval holds the required share, so more
// replications are needed to tell.
enum class Verdict { kReached, kUndecided, kShort };
Verdict verdict(const SizeEvaluation& e, const Target& t, const Confidence& c);

struct SizingResult {
  std::string scenario;
  double baseline_mean = 0;  // the outcome's no-fund mean
  // Smallest evaluated size reaching the target at the requested confidence, and the largest
  // evaluated size below it (which does not reach it): the answer lies between them.
  std::optional<double> required_usd;
  double below_usd = 0;
  // The same with the mean and with the optimistic end of the 95% CI: the spread of these sizes
  // is the answer's uncertainty.
  std::optional<double> mean_usd, optimistic_usd, cautious_usd;
  // With a share of replications: the smallest sizes at which the observed share and the high
  // end of its interval reach the required share (the answer's uncertainty).
  std::optional<double> share_point_usd, share_hopeful_usd;
  // With no sure answer, the size the answer hangs on when a share is within its sampling error
  // of the required share: the smallest undecided size whose observed share is above it, else
  // the largest size if it is undecided; and the replications that would decide it at its
  // observed share (0: none would). (With a sure answer, the sizes from share_hopeful_usd up to
  // it are undecided: a smaller fund may be enough.)
  std::optional<double> undecided_usd;
  std::uint64_t replications_to_decide = 0;
  bool monotone = true;  // false when a larger size fell short after a smaller one reached it
  std::vector<SizeEvaluation> evaluated;  // every size tried, by size
  const SizeEvaluation* at(double usd) const;
  // No size surely reaches the target, but one is within the share's sampling error of it.
  bool undecided() const { return !required_usd && undecided_usd.has_value(); }
};

struct SizingOptions {
  Target target;
  Confidence confidence;
  double max_usd = 100e6;
  std::size_t policy = 0;  // the study's policy whose levers the fund uses (0: the base levers)
  std::vector<std::size_t> scenarios;
  std::size_t threads = 0;
  bool quiet = false;
};

// Whether an evaluation reaches the target at a confidence (verdict kReached).
bool reaches(const SizeEvaluation& e, const Target& t, const Confidence& c);

// Searches each of the options' scenarios. Throws sim::InputError when the outcome is undefined
// in this study (e.g. completions by 2030 when the run ends before 2030).
std::vector<SizingResult> size_fund(const sim::Study& study, const SizingOptions& options);

}  // namespace vtf::questions
