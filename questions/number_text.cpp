#include "questions/number_text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace vtf::questions {

std::string signed_number(double x) {
  if (std::isnan(x)) return "n/a";
  const double a = std::fabs(x);
  const int decimals = a >= 100 ? 0 : (a >= 10 ? 1 : 2);
  return fmt::format("{:+.{}f}", x, decimals);
}

std::string money(double usd) {
  if (std::isnan(usd)) return "no gain";
  if (usd == 0) return "$0";  // not "$0k": nothing at all, not a rounded small amount
  if (usd >= 1e9) return fmt::format("${:.2f}B", usd / 1e9);
  if (usd >= 1e6) return fmt::format("${:.1f}M", usd / 1e6);
  return fmt::format("${:.0f}k", usd / 1e3);
}

}  // namespace vtf::questions
