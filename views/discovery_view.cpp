#include "views/discovery_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace vtf::views {
namespace {

std::string number(double x) { return fmt::format("{:.3g}", x); }
std::string percent(double share) { return fmt::format("{:.0f}%", 100 * share); }

std::string value_words(const sim::Discovery& d) {
  if (d.baseline_name.empty())
    return fmt::format("{} under {}", d.request.outcome, d.request.policy);
  return fmt::format("{} under {} minus under {}", d.request.outcome, d.request.policy,
                     d.baseline_name);
}

std::string where_words(const sim::Discovery& d) {
  return fmt::format("{} {} {}", value_words(d), d.request.where.op,
                     number(d.request.where.threshold));
}

std::string limit_words(const sim::PrimLimit& l) {
  if (l.restricts_low && l.restricts_high)
    return fmt::format("{} is between {} and {}", l.name, number(l.low), number(l.high));
  if (l.restricts_high) return fmt::format("{} is at most {}", l.name, number(l.high));
  return fmt::format("{} is at least {}", l.name, number(l.low));
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  return out;
}

// Inputs by importance, most important first.
std::vector<std::size_t> by_importance(const sim::Discovery& d) {
  std::vector<std::size_t> order(d.inputs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return d.score.importance[a] > d.score.importance[b];
  });
  return order;
}

}  // namespace

std::string discovery_statement(const sim::Discovery& d) {
  const std::string share =
      fmt::format("{} of {} futures ({})", d.cases, d.futures,
                  percent(static_cast<double>(d.cases) / static_cast<double>(d.futures)));
  if (!d.box.found) {
    return fmt::format("{} in {}. No simple set of conditions singles these futures out: {}.",
                       where_words(d), share, d.box.reason);
  }
  std::vector<std::string> limits;
  for (const auto& l : d.box.limits)
    limits.push_back(limit_words(l));
  return fmt::format(
      "{} in {}. It happens mainly when {}: in {} of such futures, which are {} of all futures "
      "and hold {} of the cases (held-out futures: {} and {}).",
      where_words(d), share, joined(limits), percent(d.box.density), percent(d.box.mass),
      percent(d.box.coverage), percent(d.box.density_test), percent(d.box.coverage_test));
}

void print_discovery(std::FILE* out, const sim::Discovery& d, const std::string& statement) {
  fmt::print(out, "{}\n\n", statement);
  if (d.box.found) {
    fmt::print(out,
               "The box ({} restrictions; p: held-out futures, the box against the box "
               "without that restriction):\n",
               d.box.limits.size());
    for (const auto& l : d.box.limits) {
      const auto it = std::find_if(d.inputs.begin(), d.inputs.end(),
                                   [&](const auto& in) { return in.name == l.name; });
      fmt::print(out, "  {:<42} p = {:.2g}   {}\n", limit_words(l), l.p_value,
                 it == d.inputs.end() ? "" : it->description);
    }
    fmt::print(out, "\n");
  }
  fmt::print(out,
             "What moves {} most, over {} futures (importance: {}; SRRC: rank regression, "
             "R2 = {:.2f}):\n",
             value_words(d), d.futures, "extremely randomized trees", d.srrc_r_squared);
  const auto order = by_importance(d);
  for (std::size_t i = 0; i < std::min<std::size_t>(order.size(), 8); ++i) {
    const auto j = order[i];
    fmt::print(out, "  {:<30} importance {:5.3f}   SRRC {:+5.2f}   {}\n", d.inputs[j].name,
               d.score.importance[j], d.srrc[j], d.inputs[j].description);
  }
}

}  // namespace vtf::views
