#pragma once
// Which inputs a response depends on, without assuming a form: the feature score of scenario
// discovery (Kwakkel, "The Exploratory Modeling Workbench", 2017), here the importances of a
// forest of extremely randomized regression trees (Geurts, Ernst and Wehenkel, "Extremely
// randomized trees", 2006). Each split of a tree cuts one input at a random point between its
// smallest and largest value in the node (the best of such cuts over the inputs tried); an input's
// importance is the decrease in the response's variance its splits bring, weighted by the share of
// rows they split, averaged over the trees and normalized to sum 1. Unlike rank regression
// (sim/analysis/sensitivity.hpp) it sees thresholds, non-monotone effects and interactions; a
// binary case indicator passed as 0/1 is a response like any other.
//
// Each tree draws from its own generator, seeded from (seed, tree), and the importances are summed
// in tree order, so the result is the same for any number of threads.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/analysis/discovery_data.hpp"

namespace sim {

struct ExtraTreesOptions {
  std::size_t trees = 100;
  std::size_t min_leaf = 20;           // rows in a leaf at least: a split leaving fewer is not made
  std::size_t max_depth = 12;          // splits from the root to a leaf at most
  std::size_t max_features = 0;        // inputs tried per split; 0: all (extra-trees regression)
  std::size_t rows_per_tree = 20'000;  // each tree's rows, drawn without replacement; at most all
  std::uint64_t seed = 20060401;
  bool out_of_bag = true;  // also predict each row from the trees that did not see it
};

struct FeatureScore {
  std::vector<double> importance;  // [input], sums to 1; all 0 when the response is constant
  // 1 - (squared error of the out-of-bag predictions) / (squared deviation from the mean), over the
  // rows some tree did not see: how much of the response the forest explains on rows it was not fit
  // to. NaN when every tree saw every row or out_of_bag is off.
  double out_of_bag_r_squared = NAN;
  std::size_t rows_out_of_bag = 0;  // rows with at least one tree that did not see them
  std::string method;               // the method and its options in words
};

// columns[j][i]: input j at row i, each as long as the response; finite values. Throws
// std::invalid_argument otherwise, or when there are no rows.
FeatureScore extra_trees_importance(const std::vector<std::vector<double>>& columns,
                                    const std::vector<double>& response,
                                    const ExtraTreesOptions& options = {});

// The same with the case indicator (0/1) as the response.
FeatureScore extra_trees_importance(const DiscoveryData& data,
                                    const ExtraTreesOptions& options = {});

}  // namespace sim
