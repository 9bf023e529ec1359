#include "views/discovery_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "questions/discovery_words.hpp"

namespace vtf::views {
namespace {

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
      fmt::print(out, "  {:<42} p = {:.2g}   {}\n", questions::limit_words(l), l.p_value,
                 it == d.inputs.end() ? "" : it->description);
    }
    fmt::print(out, "\n");
  }
  fmt::print(out,
             "What moves {} most, over {} futures (importance: {}; SRRC: rank regression, "
             "R2 = {:.2f}):\n",
             questions::value_words(d), d.futures, "extremely randomized trees", d.srrc_r_squared);
  const auto order = by_importance(d);
  for (std::size_t i = 0; i < std::min<std::size_t>(order.size(), 8); ++i) {
    const auto j = order[i];
    fmt::print(out, "  {:<30} importance {:5.3f}   SRRC {:+5.2f}   {}\n", d.inputs[j].name,
               d.score.importance[j], d.srrc[j], d.inputs[j].description);
  }
}

}  // namespace vtf::views
