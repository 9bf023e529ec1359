#include "sim/study/latin_hypercube.hpp"

#include <algorithm>
#include <numeric>
#include <set>
#include <stdexcept>

#include "sim/engine/random.hpp"

namespace sim {
namespace {

// Reserved address of design draws: no replication has this index and no model process this id.
constexpr std::uint32_t kDesignReplication = 0xFFFFFFFFu;
constexpr std::uint32_t kDesignProcess = kMaxProcess;

}  // namespace

std::uint32_t dimension_key(const std::string& name) {
  std::uint32_t h = 2166136261u;
  for (const char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

std::size_t stratum_of(double unit_value, std::size_t points) {
  const auto k = static_cast<std::size_t>(unit_value * static_cast<double>(points));
  return std::min(k, points - 1);
}

std::vector<std::vector<double>> latin_hypercube(std::uint64_t seed,
                                                 const std::vector<std::string>& dimensions,
                                                 std::size_t points) {
  if (points == 0) throw std::invalid_argument("a Latin hypercube needs at least one point");
  if (std::set<std::string>(dimensions.begin(), dimensions.end()).size() != dimensions.size())
    throw std::invalid_argument("a Latin hypercube dimension is named twice");
  std::vector<std::vector<double>> out(points, std::vector<double>(dimensions.size()));
  std::vector<double> sort_key(points), jitter(points);
  std::vector<std::size_t> order(points);
  for (std::size_t j = 0; j < dimensions.size(); ++j) {
    // One block per point gives two uniforms: a key whose sort order is a uniformly random
    // permutation of the strata, and the position within the stratum.
    const std::uint32_t key = dimension_key(dimensions[j]);
    for (std::size_t i = 0; i < points; ++i) {
      const RandomStream stream(seed, kDesignReplication, 0, kDesignProcess,
                                static_cast<std::uint32_t>(i));
      const auto u = stream.uniform_pair(key);
      sort_key[i] = u[0];
      jitter[i] = u[1];
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return sort_key[a] < sort_key[b] || (sort_key[a] == sort_key[b] && a < b);
    });
    // The point ranked r by its key takes stratum r.
    for (std::size_t r = 0; r < points; ++r) {
      const std::size_t i = order[r];
      double u = (static_cast<double>(r) + jitter[i]) / static_cast<double>(points);
      // Rounding can carry a jitter just below 1 over the stratum's upper edge.
      if (stratum_of(u, points) != r)
        u = (static_cast<double>(r) + 0.5) / static_cast<double>(points);
      out[i][j] = u;
    }
  }
  return out;
}

}  // namespace sim
