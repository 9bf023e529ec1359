#include "views/discovery_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "questions/discovery_words.hpp"

namespace vtf::views {

void print_discovery(std::FILE* out, const sim::Discovery& d, const std::string& statement) {
  fmt::print(out, "{}\n\n", statement);
  if (!d.box.found) fmt::print(out, "PRIM: {}.\n\n", d.box.reason);
  if (d.box.found) {
    fmt::print(out,
               "The box ({} restriction(s); p: held-out {}, the box against the box "
               "without that restriction):\n",
               d.box.limits.size(), sim::rows_word(d.request));
    for (const auto& l : d.box.limits) {
      fmt::print(out, "  {}\n      ({}; p = {:.2g})\n", questions::limit_words(d, l), l.name,
                 l.p_value);
    }
    fmt::print(out, "\n");
  }
  fmt::print(out,
             "What moves {} most, over {} {} (importance: {}; SRRC: rank regression, "
             "R2 = {:.2f}):\n",
             questions::value_words(d), d.futures, sim::rows_word(d.request),
             "extremely randomized trees", d.srrc_r_squared);
  const auto order = questions::inputs_by_importance(d);
  for (std::size_t i = 0; i < std::min<std::size_t>(order.size(), 8); ++i) {
    const auto j = order[i];
    // NaN: the futures cannot tell this input apart from others (sim/analysis/sensitivity.hpp).
    const std::string srrc = std::isnan(d.srrc[j]) ? "   --" : fmt::format("{:+5.2f}", d.srrc[j]);
    fmt::print(out, "  {:<30} importance {:5.3f}   SRRC {}   {}\n", d.inputs[j].name,
               d.score.importance[j], srrc, d.inputs[j].description);
  }
}

}  // namespace vtf::views
