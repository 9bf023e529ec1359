#include "sim/engine/text_similarity.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace sim {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view last_component(std::string_view s) {
  const auto dot = s.rfind('.');
  return dot == std::string_view::npos ? s : s.substr(dot + 1);
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string closest_name(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string w = lower(word);
  const std::string w_last = lower(last_component(word));
  std::string best;
  std::size_t best_score = static_cast<std::size_t>(-1);
  for (const auto& c : candidates) {
    const std::string lc = lower(c);
    // A right leaf under the wrong table ("envelope_trend" for "donors.envelope_trend") is a
    // near miss too, one step further than the same distance on the full name.
    const std::size_t score =
        std::min(edit_distance(w, lc), edit_distance(w_last, lower(last_component(c))) + 1);
    if (score < best_score) {
      best_score = score;
      best = c;
    }
  }
  const std::size_t tolerance = std::max<std::size_t>(2, w_last.size() / 3);
  return best_score <= tolerance ? best : std::string{};
}

}  // namespace sim
