#pragma once
// Which uncertainties drive a policy's effect, across the scenarios of a Latin hypercube:
// standardized rank regression coefficients (SRRC; Saltelli et al., "Sensitivity Analysis in
// Practice", 2004, section 5.2). The response is each sampled scenario's mean paired difference
// (policy - baseline) of an outcome; the factors are the sampled uncertainties and any listed
// uncertainty that varies among the sampled scenarios. Ranks make the method robust to monotone
// non-linear effects; R^2 of the rank regression says how much of the variation across scenarios
// the factors explain (below about 0.7, read the coefficients with care: effects are then
// non-monotone or interact).
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"
#include "sim/study/design.hpp"

namespace sim {

// Ranks 1..n of the values, ties sharing their mean rank.
std::vector<double> ranks(const std::vector<double>& values);

struct RankRegression {
  // Per factor; NaN for a factor that does not vary or that the observations cannot tell apart
  // from the others (the design is rank deficient).
  std::vector<double> coefficients;
  double r_squared = NAN;
};

// Ordinary least squares of the standardized ranks of `response` on the standardized ranks of
// each factor (columns[j][i]: factor j at observation i). NaN throughout when there are too few
// observations for the varying factors (fewer than factors + 3) or the response is constant.
RankRegression standardized_rank_regression(const std::vector<std::vector<double>>& columns,
                                            const std::vector<double>& response);

struct Sensitivity {
  std::vector<std::string> factors;  // parameter names
  std::string ranking_of_values;     // how non-numeric values were ranked, e.g. "a: x < y"
  std::vector<std::string> policies;
  std::vector<std::string> outcomes;
  std::vector<double> srrc;       // [outcome][policy][factor]; NaN for the baseline
  std::vector<double> r_squared;  // [outcome][policy]
  std::size_t scenarios = 0;      // sampled scenarios the regressions used
  double at(std::size_t k, std::size_t p, std::size_t j) const {
    return srrc[(k * policies.size() + p) * factors.size() + j];
  }
  double fit(std::size_t k, std::size_t p) const { return r_squared[k * policies.size() + p]; }
};

// How the coefficients were computed, naming the baseline (policy 0) the differences are taken
// against.
std::string sensitivity_method(const Sensitivity& s);

// Empty when the study has no sampled scenarios.
std::optional<Sensitivity> compute_sensitivity(const Comparison& comparison, const Study& study);

// /sensitivity/<outcome> [policy, uncertainty] and /sensitivity/r_squared/<outcome> [policy];
// ranking_of_values is an attribute of /sensitivity/uncertainty.
void write_sensitivity(h5::Group root, const Sensitivity& s);
// Empty when the file has no /sensitivity group.
std::optional<Sensitivity> read_sensitivity(const h5::Group& root);

}  // namespace sim
