#include "sim/analysis/feature_score.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <bit>
#include <numeric>
#include <random>
#include <stdexcept>

namespace sim {
namespace {

// A node of a tree: a leaf when left is 0 (the root is node 0, so no node's child is).
struct Node {
  std::size_t input = 0;
  double cut = 0;  // rows with x[input] < cut go left
  std::size_t left = 0, right = 0;
  double value = 0;  // mean response of the node's rows
};

struct Tree {
  std::vector<Node> nodes;
  std::vector<double> importance;     // [input]: decrease in squared error / rows of the tree
  std::vector<std::uint64_t> unseen;  // bit i: row i was not drawn for this tree
};

// A tree's rows, one column per input. Growing the tree reorders the rows of every column alike
// so that each node's rows are one contiguous range: the scans of a node then read memory in
// order, which is what makes the forest fast.
struct Sample {
  std::size_t rows = 0, inputs = 0;
  std::vector<double> x;  // [input][row]
  std::vector<double> y;  // [row]
  double* column(std::size_t j) { return x.data() + j * rows; }
};

// What growing one tree reads and writes.
struct Growth {
  Sample& sample;
  const ExtraTreesOptions& options;
  std::size_t tried;  // inputs tried per split
  std::mt19937_64& rng;
  std::vector<std::size_t> inputs;  // a permutation: the first `tried` are the node's
  std::vector<std::size_t> place;   // [row of the node]: its place once partitioned
  std::vector<double> spill;        // a column of the node while it is partitioned
  Tree& tree;
};

// SplitMix64 (Steele et al. 2014): a well-mixed seed for each tree from (seed, tree), so that
// neighbouring trees' generators do not start from neighbouring states.
std::uint64_t tree_seed(std::uint64_t seed, std::size_t tree) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (static_cast<std::uint64_t>(tree) + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// `m` rows drawn without replacement (a partial Fisher-Yates shuffle, written out because
// std::shuffle's draws differ between standard libraries), copied in row order so that the
// columns are read forwards; `unseen` marks the others.
Sample draw_sample(const std::vector<std::vector<double>>& columns,
                   const std::vector<double>& response, std::size_t m, std::mt19937_64& rng,
                   std::vector<std::uint64_t>& unseen) {
  const std::size_t n = response.size();
  std::vector<std::size_t> rows(n);
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  for (std::size_t i = 0; i < m && m < n; ++i)
    std::swap(rows[i], rows[i + static_cast<std::size_t>(rng() % (n - i))]);
  rows.resize(m);
  std::sort(rows.begin(), rows.end());
  Sample s{m, columns.size(), std::vector<double>(m * columns.size()), std::vector<double>(m)};
  for (std::size_t j = 0; j < s.inputs; ++j) {
    double* x = s.column(j);
    for (std::size_t r = 0; r < m; ++r)
      x[r] = columns[j][rows[r]];
  }
  unseen.assign(m < n ? (n + 63) / 64 : 0, ~std::uint64_t{0});
  for (std::size_t r = 0; r < m; ++r) {
    s.y[r] = response[rows[r]];
    if (!unseen.empty()) unseen[rows[r] / 64] &= ~(std::uint64_t{1} << (rows[r] % 64));
  }
  return s;
}

struct Split {
  std::size_t input = 0;
  double cut = 0, decrease = 0;  // decrease in the squared error about the mean
};

// The rows left of `cut` in x[0, n) and the sum of their responses, without branches (a random
// cut makes them unpredictable): each response is masked to +0 or kept bit for bit. Four partial
// sums break the chain of additions; their order is fixed, so the result is too.
std::pair<std::size_t, double> left_of(const double* x, const double* y, std::size_t n,
                                       double cut) {
  std::uint64_t count = 0;
  const auto masked = [&](std::size_t r) {
    const auto left = static_cast<std::uint64_t>(x[r] < cut);
    count += left;
    return std::bit_cast<double>(std::bit_cast<std::uint64_t>(y[r]) & (0 - left));
  };
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t r = 0;
  for (; r + 4 <= n; r += 4) {
    s0 += masked(r);
    s1 += masked(r + 1);
    s2 += masked(r + 2);
    s3 += masked(r + 3);
  }
  for (; r < n; ++r)
    s0 += masked(r);
  return {count, (s0 + s1) + (s2 + s3)};
}

// The smallest and largest of x[0, n), n > 0, in eight independent lanes (a single running
// minimum waits on the one before at every row).
std::pair<double, double> range_of(const double* x, std::size_t n) {
  double l0 = x[0], l1 = x[0], l2 = x[0], l3 = x[0], h0 = x[0], h1 = x[0], h2 = x[0], h3 = x[0];
  std::size_t r = 0;
  for (; r + 4 <= n; r += 4) {
    l0 = std::min(l0, x[r]);
    l1 = std::min(l1, x[r + 1]);
    l2 = std::min(l2, x[r + 2]);
    l3 = std::min(l3, x[r + 3]);
    h0 = std::max(h0, x[r]);
    h1 = std::max(h1, x[r + 1]);
    h2 = std::max(h2, x[r + 2]);
    h3 = std::max(h3, x[r + 3]);
  }
  for (; r < n; ++r) {
    l0 = std::min(l0, x[r]);
    h0 = std::max(h0, x[r]);
  }
  return {std::min(std::min(l0, l1), std::min(l2, l3)),
          std::max(std::max(h0, h1), std::max(h2, h3))};
}

// Extra-trees' split: one cut drawn uniformly between each tried input's smallest and largest
// value in the node, and the cut that most decreases the squared error among those leaving at
// least min_leaf rows on each side. The decrease is n_l n_r / n (mean_l - mean_r)^2, so the scan
// needs only the left side's count and sum.
Split best_split(Growth& g, std::size_t begin, std::size_t end, double sum) {
  Sample& s = g.sample;
  const std::size_t n = end - begin;
  for (std::size_t f = 0; f < g.tried && g.tried < s.inputs; ++f)
    std::swap(g.inputs[f], g.inputs[f + static_cast<std::size_t>(g.rng() % (s.inputs - f))]);
  Split best;
  for (std::size_t f = 0; f < g.tried; ++f) {
    const double* x = s.column(g.inputs[f]) + begin;
    const auto [low, high] = range_of(x, n);
    const double cut = low + uniform(g.rng) * (high - low);
    if (!(high > low)) continue;
    const auto [nl, sum_left] = left_of(x, s.y.data() + begin, n, cut);
    const std::size_t nr = n - nl;
    if (nl < g.options.min_leaf || nr < g.options.min_leaf) continue;
    const double diff =
        sum_left / static_cast<double>(nl) - (sum - sum_left) / static_cast<double>(nr);
    const double decrease =
        static_cast<double>(nl) * static_cast<double>(nr) / static_cast<double>(n) * diff * diff;
    if (decrease > best.decrease) best = Split{g.inputs[f], cut, decrease};
  }
  return best;
}

// Moves the rows of [begin, end) left of the split before the others, in every column and in the
// response alike, keeping their order: each row's place is worked out once, then every column
// is scattered to those places in a buffer and copied back.
std::size_t partition(Growth& g, std::size_t begin, std::size_t end, const Split& split) {
  Sample& s = g.sample;
  const double* key = s.column(split.input);
  const std::size_t n = end - begin;
  std::size_t left = 0;
  for (std::size_t r = begin; r < end; ++r)
    left += key[r] < split.cut ? 1u : 0u;
  std::size_t l = 0, right = left;
  for (std::size_t r = begin; r < end; ++r)
    g.place[r - begin] = key[r] < split.cut ? l++ : right++;
  for (std::size_t j = 0; j <= s.inputs; ++j) {
    double* a = (j < s.inputs ? s.column(j) : s.y.data()) + begin;
    for (std::size_t r = 0; r < n; ++r)
      g.spill[g.place[r]] = a[r];
    std::copy(g.spill.begin(), g.spill.begin() + static_cast<std::ptrdiff_t>(n), a);
  }
  return begin + left;
}

// Grows the subtree of the rows [begin, end) and returns its node's index.
std::size_t grow(Growth& g, std::size_t begin, std::size_t end, std::size_t depth) {
  const std::size_t n = end - begin, node = g.tree.nodes.size();
  double sum = 0, sum_sq = 0;
  for (std::size_t r = begin; r < end; ++r) {
    sum += g.sample.y[r];
    sum_sq += g.sample.y[r] * g.sample.y[r];
  }
  g.tree.nodes.push_back(Node{0, 0, 0, 0, sum / static_cast<double>(n)});
  const double squared_error = sum_sq - sum * sum / static_cast<double>(n);
  // A node whose responses are equal (up to rounding) has nothing left to explain.
  if (depth >= g.options.max_depth || n < 2 * g.options.min_leaf ||
      !(squared_error > 1e-12 * sum_sq))
    return node;
  const Split split = best_split(g, begin, end, sum);
  if (split.decrease <= 0) return node;
  const std::size_t middle = partition(g, begin, end, split);
  g.tree.importance[split.input] += split.decrease;
  const std::size_t left = grow(g, begin, middle, depth + 1);
  const std::size_t right = grow(g, middle, end, depth + 1);
  Node& here = g.tree.nodes[node];
  here.input = split.input;
  here.cut = split.cut;
  here.left = left;
  here.right = right;
  return node;
}

Tree grow_tree(const std::vector<std::vector<double>>& columns, const std::vector<double>& response,
               const ExtraTreesOptions& o, std::size_t m, std::size_t index) {
  Tree tree;
  std::mt19937_64 rng(tree_seed(o.seed, index));
  Sample sample = draw_sample(columns, response, m, rng, tree.unseen);
  tree.importance.assign(columns.size(), 0.0);
  const std::size_t tried =
      o.max_features == 0 ? columns.size() : std::min(o.max_features, columns.size());
  Growth g{sample,
           o,
           tried,
           rng,
           std::vector<std::size_t>(columns.size()),
           std::vector<std::size_t>(m),
           std::vector<double>(m),
           tree};
  std::iota(g.inputs.begin(), g.inputs.end(), std::size_t{0});
  grow(g, 0, m, 0);
  for (auto& v : tree.importance)
    v /= static_cast<double>(m);
  return tree;
}

double predict(const Tree& tree, const std::vector<std::vector<double>>& columns, std::size_t row) {
  std::size_t at = 0;
  while (tree.nodes[at].left != 0) {
    const Node& node = tree.nodes[at];
    at = columns[node.input][row] < node.cut ? node.left : node.right;
  }
  return tree.nodes[at].value;
}

// Each row predicted by the mean of the trees that did not draw it; the sums run over the trees in
// order and the R^2 over the rows in order, so the figure does not depend on the threads. Rows
// go in blocks, each block through one tree after the other, so that the block's values and the
// tree's nodes stay in cache.
void out_of_bag_fit(const std::vector<Tree>& trees, const std::vector<std::vector<double>>& columns,
                    const std::vector<double>& response, FeatureScore& out) {
  const std::size_t n = response.size(), block = 512;
  std::vector<double> prediction(n, NAN);
  tbb::parallel_for(std::size_t{0}, (n + block - 1) / block, [&](std::size_t b) {
    const std::size_t first = b * block, last = std::min(n, first + block);
    std::vector<double> sum(last - first, 0.0);
    std::vector<std::size_t> count(last - first, 0);
    for (const Tree& t : trees) {
      for (std::size_t i = first; i < last; ++i) {
        if (((t.unseen[i / 64] >> (i % 64)) & 1) == 0) continue;
        sum[i - first] += predict(t, columns, i);
        ++count[i - first];
      }
    }
    for (std::size_t i = first; i < last; ++i) {
      if (count[i - first] > 0)
        prediction[i] = sum[i - first] / static_cast<double>(count[i - first]);
    }
  });
  double mean = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(prediction[i])) continue;
    ++out.rows_out_of_bag;
    mean += response[i];
  }
  if (out.rows_out_of_bag == 0) return;
  mean /= static_cast<double>(out.rows_out_of_bag);
  double error = 0, deviation = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(prediction[i])) continue;
    error += (response[i] - prediction[i]) * (response[i] - prediction[i]);
    deviation += (response[i] - mean) * (response[i] - mean);
  }
  if (deviation > 0) out.out_of_bag_r_squared = 1 - error / deviation;
}

void check(const std::vector<std::vector<double>>& columns, const std::vector<double>& response,
           const ExtraTreesOptions& o) {
  if (response.empty()) throw std::invalid_argument("feature score: no rows");
  if (o.trees == 0) throw std::invalid_argument("feature score: at least one tree is needed");
  if (!std::all_of(response.begin(), response.end(), [](double v) { return std::isfinite(v); }))
    throw std::invalid_argument("feature score: a response is not finite");
  for (const auto& c : columns) {
    if (c.size() != response.size())
      throw std::invalid_argument("feature score: every input needs one value per row");
    if (!std::all_of(c.begin(), c.end(), [](double v) { return std::isfinite(v); }))
      throw std::invalid_argument("feature score: an input value is not finite");
  }
}

}  // namespace

FeatureScore extra_trees_importance(const std::vector<std::vector<double>>& columns,
                                    const std::vector<double>& response,
                                    const ExtraTreesOptions& o) {
  check(columns, response, o);
  const std::size_t m = std::min(response.size(), std::max<std::size_t>(o.rows_per_tree, 1));
  std::vector<Tree> trees(o.trees);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, o.trees, 1),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t t = r.begin(); t < r.end(); ++t)
                        trees[t] = grow_tree(columns, response, o, m, t);
                    });
  FeatureScore out;
  out.importance.assign(columns.size(), 0.0);
  for (const Tree& t : trees) {
    for (std::size_t j = 0; j < columns.size(); ++j)
      out.importance[j] += t.importance[j];
  }
  const double total = std::accumulate(out.importance.begin(), out.importance.end(), 0.0);
  for (auto& v : out.importance)
    v = total > 0 ? v / total : 0.0;
  if (o.out_of_bag && m < response.size()) out_of_bag_fit(trees, columns, response, out);
  out.method = fmt::format(
      "extremely randomized trees (Geurts, Ernst and Wehenkel 2006): {} regression trees, each "
      "grown on {} of the {} rows drawn without replacement, {} of the {} inputs tried at each "
      "split (one random cut each), leaves of at least {} rows, depth at most {}; importance = "
      "mean decrease in the response's variance, weighted by the share of rows split, averaged "
      "over the trees and normalized to sum 1",
      o.trees, m, response.size(),
      std::min(o.max_features == 0 ? columns.size() : o.max_features, columns.size()),
      columns.size(), o.min_leaf, o.max_depth);
  return out;
}

FeatureScore extra_trees_importance(const DiscoveryData& data, const ExtraTreesOptions& o) {
  return extra_trees_importance(data.columns,
                                std::vector<double>(data.cases.begin(), data.cases.end()), o);
}

}  // namespace sim
