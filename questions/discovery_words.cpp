#include "questions/discovery_words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "questions/number_text.hpp"

namespace vtf::questions {
namespace {

// Limits as a reader writes them: 620,000 or 1.2 million rather than 6.2e+05.
std::string limit_number(double x) {
  const double a = std::fabs(x);
  if (a >= 1e6) return fmt::format("{:.3g} million", x / 1e6);
  if (a >= 1e3) {
    const auto whole = static_cast<long long>(std::llround(x / 1e3));
    return fmt::format("{},000", whole);
  }
  return fmt::format("{:.3g}", x);
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

}  // namespace

std::string value_words(const sim::Discovery& d) {
  if (d.baseline_name.empty())
    return fmt::format("{} under {}", d.request.outcome, d.request.policy);
  return fmt::format("{} under {} minus under {}", d.request.outcome, d.request.policy,
                     d.baseline_name);
}

bool box_is_sharp(const sim::Discovery& d) {
  return d.box.found &&
         d.box.density_test >= d.box.base_density + kSharpShare * (1 - d.box.base_density);
}

std::string limit_words(const sim::Discovery& d, const sim::PrimLimit& l) {
  const std::string& label = l.input < d.inputs.size() && !d.inputs[l.input].label.empty()
                                 ? d.inputs[l.input].label
                                 : l.name;
  if (l.restricts_low && l.restricts_high && limit_number(l.low) == limit_number(l.high))
    return fmt::format("{} is {}", label, limit_number(l.low));  // a count: "is 1"
  if (l.restricts_low && l.restricts_high)
    return fmt::format("{} is between {} and {}", label, limit_number(l.low), limit_number(l.high));
  if (l.restricts_high) return fmt::format("{} is at most {}", label, limit_number(l.high));
  return fmt::format("{} is at least {}", label, limit_number(l.low));
}

std::vector<std::size_t> inputs_by_importance(const sim::Discovery& d) {
  std::vector<std::size_t> order(d.score.importance.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return d.score.importance[a] > d.score.importance[b];
  });
  return order;
}

namespace {

// " What moves the value most, over every future: A, B and C (...)." when the inputs were scored:
// with no box, what the reader can still be told of the conditions.
std::string what_moves_it(const sim::Discovery& d) {
  const auto order = inputs_by_importance(d);
  if (order.empty()) return "";
  std::vector<std::string> top;
  for (std::size_t i = 0; i < std::min<std::size_t>(3, order.size()); ++i) {
    const auto& in = d.inputs[order[i]];
    top.push_back(in.label.empty() ? in.name : in.label);
  }
  return fmt::format(
      " What moves the value most, over every one of the {}: {} (extremely randomized trees' "
      "importance).",
      sim::rows_word(d.request), joined(top));
}

}  // namespace

std::string discovery_statement(const sim::Discovery& d, const std::string& what) {
  const std::string rows = sim::rows_word(d.request);  // futures, or scenarios
  const std::string cases =
      what.empty()
          ? fmt::format("{} {} {:g}", value_words(d), d.request.where.op, d.request.where.threshold)
          : what;
  const std::string share =
      fmt::format("{} of {} {} ({})", d.cases, d.futures, rows,
                  percent(static_cast<double>(d.cases) / static_cast<double>(d.futures)));
  if (!d.box.found) {
    // The reader needs what the absence means; the method's own reason is printed beside it
    // (views/discovery_view) and kept in /discovery as box_reason.
    const std::string why =
        d.box.rows_test == 0
            ? d.box.reason
            : fmt::format("no box of conditions found on half of the {} holds on the other half",
                          d.request.over_scenarios ? "scenarios" : "replications");
    return fmt::format("{} in {}. No simple set of conditions singles these {} out: {}.{}", cases,
                       share, rows, why, what_moves_it(d));
  }
  std::vector<std::string> limits;
  for (const auto& l : d.box.limits)
    limits.push_back(limit_words(d, l));
  if (!box_is_sharp(d)) {
    return fmt::format(
        "{0} in {1}. No simple set of conditions singles these {2} out well: the box that does "
        "best ({3}) holds {4} of them, but raises their share only from {5} of all {2} to {6} of "
        "its own (on held-out {2}: {7}); they depend on many conditions at once.",
        cases, share, rows, joined(limits), percent(d.box.coverage), percent(d.box.base_density),
        percent(d.box.density), percent(d.box.density_test));
  }
  return fmt::format(
      "{0} in {1}. It happens mainly when {3}: in {4} of such {2}, which are {5} of all {2} "
      "and hold {6} of the cases (on held-out {2}: {7} and {8}).",
      cases, share, rows, joined(limits), percent(d.box.density), percent(d.box.mass),
      percent(d.box.coverage), percent(d.box.density_test), percent(d.box.coverage_test));
}

}  // namespace vtf::questions
