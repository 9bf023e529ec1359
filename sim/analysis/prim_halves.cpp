#include "sim/analysis/prim_halves.hpp"

#include <algorithm>
#include <numeric>
#include <random>

namespace sim::prim_detail {

// A fixed pseudo-random permutation of the groups of rows (each row its own group when there are
// none), alternately dealt to training and test: the split depends on the seed only. The
// Fisher-Yates loop is written out (std::shuffle's draws differ between standard libraries);
// each half lists its rows in order so that reading a column follows memory.
std::pair<Half, Half> split(const DiscoveryData& d, std::uint64_t seed) {
  std::vector<std::uint64_t> groups = d.groups;
  if (groups.empty()) {
    groups.resize(d.rows);
    std::iota(groups.begin(), groups.end(), std::uint64_t{0});
  }
  std::vector<std::uint64_t> order(groups);
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end()), order.end());
  std::mt19937_64 rng(seed);
  for (std::size_t i = order.size(); i > 1; --i)
    std::swap(order[i - 1], order[static_cast<std::size_t>(rng() % i)]);
  std::vector<std::uint64_t> in_train;  // the groups dealt to training, sorted
  for (std::size_t p = 0; p < order.size(); p += 2)
    in_train.push_back(order[p]);
  std::sort(in_train.begin(), in_train.end());
  Half train, test;
  for (std::size_t i = 0; i < d.rows; ++i) {
    const bool training = std::binary_search(in_train.begin(), in_train.end(), groups[i]);
    Half& h = training ? train : test;
    h.rows.push_back(i);
    h.cases += d.cases[i];
  }
  return {std::move(train), std::move(test)};
}

std::size_t group_count(const DiscoveryData& d) {
  if (d.groups.empty()) return d.rows;
  std::vector<std::uint64_t> g(d.groups);
  std::sort(g.begin(), g.end());
  return static_cast<std::size_t>(std::unique(g.begin(), g.end()) - g.begin());
}

}  // namespace sim::prim_detail
