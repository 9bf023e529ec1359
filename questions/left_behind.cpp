#include "questions/left_behind.hpp"

#include <cmath>
#include <cstdint>

namespace vtf::questions {

std::vector<std::string> left_behind_eligible(const sim::h5::Group& root, std::size_t s,
                                              std::size_t p) {
  for (const char* name : {"applied", "not_applied", "completion_year"})
    if (!root.has(std::string("outcomes_by_state/") + name)) return {};
  const sim::h5::Group g = root.open_group("outcomes_by_state");
  const auto dims = g.open_dataset("applied").dims();  // scenario, policy, replication, state
  const hsize_t reps = dims[2], n = dims[3];
  const auto calls = [&](const char* name) {
    return g.open_dataset(name).read_block<std::int64_t>({s, p, 0, 0}, {1, 1, reps, n});
  };
  const auto applied = calls("applied"), not_applied = calls("not_applied");
  const auto year =
      g.open_dataset("completion_year").read_block<double>({s, p, 0, 0}, {1, 1, reps, n});
  const auto names = root.open_dataset("state").read_strings();
  std::vector<std::string> out;
  for (std::size_t e = 0; e < n; ++e) {
    std::size_t eligible = 0, incomplete = 0;
    for (std::size_t r = 0; r < reps; ++r) {
      if (applied[r * n + e] + not_applied[r * n + e] > 0) ++eligible;
      if (std::isnan(year[r * n + e])) ++incomplete;
    }
    if (2 * eligible > reps && 2 * incomplete > reps) out.push_back(names[e]);
  }
  return out;
}

}  // namespace vtf::questions
