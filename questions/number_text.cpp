#include "questions/number_text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace vtf::questions {

std::string signed_number(double x) {
  if (std::isnan(x)) return "n/a";
  const double a = std::fabs(x);
  const int decimals = a >= 100 ? 0 : (a >= 10 ? 1 : 2);
  // A value that rounds to zero has no sign: "-0.00" would read as a loss.
  if (a < 0.5 * std::pow(10.0, -decimals)) return fmt::format("{:.{}f}", 0.0, decimals);
  return fmt::format("{:+.{}f}", x, decimals);
}

std::string money(double usd) {
  if (std::isnan(usd)) return "no gain";
  if (usd == 0) return "$0";  // not "$0k": nothing at all, not a rounded small amount
  if (usd >= 1e9) return fmt::format("${:.2f}B", usd / 1e9);
  if (usd >= 1e6) return fmt::format("${:.1f}M", usd / 1e6);
  return fmt::format("${:.0f}k", usd / 1e3);
}

std::string signed_whole(double x) {
  if (std::isnan(x)) return "n/a";
  const double r = std::round(x);
  return r == 0 ? "0" : fmt::format("{:+.0f}", r);
}

std::string whole_range(double lo, double hi) {
  return signed_whole(lo) == signed_whole(hi)
             ? signed_whole(lo)
             : fmt::format("{} to {}", signed_whole(lo), signed_whole(hi));
}

std::string percent(double share) {
  return std::isnan(share) ? "n/a" : fmt::format("{:.0f}%", 100 * share);
}

}  // namespace vtf::questions
