#include "sim/analysis/precision.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sim/engine/errors.hpp"

namespace sim {

PrecisionTarget PrecisionTarget::parse(const std::string& text, const ModelSchema& schema) {
  const auto eq = text.find('=');
  PrecisionTarget t;
  t.outcome = text.substr(0, eq);
  const std::string width = eq == std::string::npos ? "" : text.substr(eq + 1);
  if (eq == std::string::npos || t.outcome.empty() || width.empty()) {
    throw InputError(fmt::format(
        "--target-ci '{}': expected OUTCOME=WIDTH, e.g. --target-ci {}=0.05 (the largest 95% CI "
        "half-width of the paired difference, in the outcome's unit)",
        text, schema.outcomes.empty() ? "OUTCOME" : schema.outcomes.front().name));
  }
  try {
    schema.outcome_index(t.outcome);
  } catch (const InputError& e) {
    throw InputError(fmt::format("--target-ci: {}", e.what()));
  }
  const auto res = std::from_chars(width.data(), width.data() + width.size(), t.half_width);
  if (res.ec != std::errc() || res.ptr != width.data() + width.size() || !(t.half_width > 0) ||
      !std::isfinite(t.half_width)) {
    throw InputError(
        fmt::format("--target-ci {}: the width '{}' must be a positive number", text, width));
  }
  return t;
}

std::string PrecisionTarget::text() const { return fmt::format("{}={}", outcome, half_width); }

double widest_half_width(const Accumulators& acc, const ModelSchema& schema, std::size_t outcome,
                         std::size_t scenarios, std::size_t policies) {
  double widest = 0;
  for (std::size_t s = 0; s < scenarios; ++s) {
    for (std::size_t p = 1; p < policies; ++p) {
      const PairedSummary x = acc.paired(outcome, s, p).summary(schema.outcomes[outcome].better);
      const double half = (x.ci_high - x.ci_low) / 2;
      if (std::isnan(half)) return NAN;
      widest = std::max(widest, half);
    }
  }
  return widest;
}

std::uint64_t next_round(std::uint64_t done, double widest, const PrecisionTarget& target) {
  if (done >= target.max_replications) return 0;
  const std::uint64_t room = target.max_replications - done;
  // No half-width yet: fewer than two replications, or the outcome is undefined (NaN) in some
  // scenario, which more replications would not change.
  if (std::isnan(widest)) return done >= 2 ? 0 : std::min(room, std::uint64_t{2} - done);
  if (widest <= target.half_width) return 0;
  const double ratio = widest / target.half_width;
  const double needed = std::ceil(static_cast<double>(done) * ratio * ratio * 1.1);
  const double more = std::clamp(needed - static_cast<double>(done), 1.0,
                                 static_cast<double>(std::max<std::uint64_t>(done, 1)));
  return std::min(room, static_cast<std::uint64_t>(more));
}

}  // namespace sim
