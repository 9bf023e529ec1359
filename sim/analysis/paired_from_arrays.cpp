#include "sim/analysis/paired_from_arrays.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sim/results/better_text.hpp"
#include "sim/results/paired_fields.hpp"
#include "sim/results/results_layout.hpp"
#include "sim/stats/exact_sum.hpp"

namespace sim {

PairedSummary paired_from_arrays(const OutcomeValues& v, std::size_t k, std::size_t s,
                                 std::size_t policy, std::size_t baseline) {
  const double* a = v.row(k, s, policy);
  const double* b = v.row(k, s, baseline);
  PairedAccumulator acc;
  for (std::size_t r = 0; r < v.replications; ++r)
    acc.add(a[r], b[r], v.better[k]);
  return acc.summary(v.better[k]);
}

double mean_from_arrays(const OutcomeValues& v, std::size_t k, std::size_t s, std::size_t p) {
  const double* a = v.row(k, s, p);
  ExactMoments m;
  for (std::size_t r = 0; r < v.replications; ++r) {
    if (a[r] == a[r]) m.add(a[r]);
  }
  return m.mean();
}

double cost_per_effect_from_arrays(const OutcomeValues& v, const CostPerEffectSpec& spec,
                                   std::size_t s, std::size_t policy, std::size_t baseline) {
  const std::size_t kc = v.outcome_index(spec.cost_outcome);
  const std::size_t ke = v.outcome_index(spec.effect_outcome);
  const double gain = paired_from_arrays(v, ke, s, policy, baseline).mean;
  const double cost = mean_from_arrays(v, kc, s, policy) - mean_from_arrays(v, kc, s, baseline);
  return policy != baseline && gain > 0 ? cost / gain : NAN;
}

Comparison compare_against(const OutcomeValues& v, std::size_t baseline,
                           const std::optional<CostPerEffectSpec>& cost) {
  Comparison c;
  c.scenarios = v.scenarios;
  c.sampled = v.sampled;
  c.outcomes = v.outcomes;
  c.better = v.better;
  c.replications = v.replications;
  std::vector<std::size_t> order = {baseline};
  for (std::size_t p = 0; p < v.policies.size(); ++p) {
    if (p != baseline) order.push_back(p);
  }
  for (const auto p : order)
    c.policies.push_back(v.policies[p]);
  PairedSummary none;
  none.mean = none.std_error = none.ci_low = none.ci_high = none.p_better = none.p_worse = NAN;
  for (std::size_t k = 0; k < v.outcomes.size(); ++k) {
    for (std::size_t s = 0; s < v.scenarios.size(); ++s) {
      for (const auto p : order)
        c.cells.push_back(p == baseline ? none : paired_from_arrays(v, k, s, p, baseline));
    }
  }
  if (cost) {
    c.cost_per_effect_name = cost->name;
    for (std::size_t s = 0; s < v.scenarios.size(); ++s) {
      for (const auto p : order)
        c.cost_per_effect.push_back(cost_per_effect_from_arrays(v, *cost, s, p, baseline));
    }
  }
  return c;
}

PairComparison compare_pairs(const OutcomeValues& v, const std::vector<PolicyPair>& pairs,
                             const std::optional<CostPerEffectSpec>& cost) {
  PairComparison c;
  c.scenarios = v.scenarios;
  c.policies = v.policies;
  c.outcomes = v.outcomes;
  c.units = v.units;
  c.better = v.better;
  c.pairs = pairs;
  c.cost = cost;
  c.replications = v.replications;
  for (std::size_t k = 0; k < v.outcomes.size(); ++k) {
    for (std::size_t s = 0; s < v.scenarios.size(); ++s) {
      for (const auto& pair : pairs)
        c.cells.push_back(paired_from_arrays(v, k, s, pair.policy, pair.baseline));
    }
  }
  if (cost) {
    const std::size_t kc = v.outcome_index(cost->cost_outcome);
    for (std::size_t s = 0; s < v.scenarios.size(); ++s) {
      for (const auto& pair : pairs) {
        c.cost_difference.push_back(mean_from_arrays(v, kc, s, pair.policy) -
                                    mean_from_arrays(v, kc, s, pair.baseline));
        c.cost_per_effect.push_back(
            cost_per_effect_from_arrays(v, *cost, s, pair.policy, pair.baseline));
      }
    }
  }
  return c;
}

namespace {

void write_dataset(h5::Group& g, const std::string& name, const std::vector<double>& xs,
                   std::size_t scenarios, std::size_t pairs, const std::string& long_name,
                   const std::string& unit) {
  auto ds = g.create_dataset<double>(name, {scenarios, pairs});
  ds.write(xs);
  ds.attach_dimensions({"scenario", "pair"});
  ds.set_attribute("long_name", long_name);
  ds.set_attribute("units", unit);
}

void write_pair_outcome(h5::Group& pairs, const PairComparison& c, std::size_t k) {
  const std::size_t S = c.scenarios.size(), J = c.pairs.size();
  h5::Group g = pairs.create_group(c.outcomes[k]);
  g.copy_coordinates(pairs, {"scenario", "pair"});
  g.set_attribute("better", better_name(c.better[k]));
  g.set_attribute("units", c.units[k]);
  const auto field = [&](const char* name, auto get, const std::string& long_name,
                         const std::string& unit) {
    std::vector<double> xs(S * J);
    for (std::size_t s = 0; s < S; ++s) {
      for (std::size_t j = 0; j < J; ++j)
        xs[s * J + j] = get(c.at(k, s, j));
    }
    write_dataset(g, name, xs, S, J, long_name, unit);
  };
  const std::string& unit = c.units[k];
  for (const PairedField& f : kPairedFields) {
    field(
        f.name, [&](const PairedSummary& x) { return x.*f.member; },
        paired_long_name(f, "pair_policy", "pair_baseline", "pair_policy"),
        f.in_outcome_units ? unit : "1");
  }
}

}  // namespace

void write_pairs(h5::Group& root, const PairComparison& c) {
  h5::Group g = group_with(root, "pairs", {"scenario"});
  std::vector<std::string> names, policy, baseline;
  for (std::size_t j = 0; j < c.pairs.size(); ++j) {
    names.push_back(c.pair_name(j));
    policy.push_back(c.policies[c.pairs[j].policy]);
    baseline.push_back(c.policies[c.pairs[j].baseline]);
  }
  g.create_coordinate("pair", names).set_attribute("long_name", "POLICY vs BASELINE");
  auto pp = g.create_string_dataset("pair_policy", policy);
  pp.attach_dimensions({"pair"});
  pp.set_attribute("long_name", "the policy of each pair");
  auto pb = g.create_string_dataset("pair_baseline", baseline);
  pb.attach_dimensions({"pair"});
  pb.set_attribute("long_name", "the policy it is paired with");
  g.set_attribute("replications", static_cast<std::int64_t>(c.replications));
  g.set_attribute("method",
                  "paired differences (pair_policy - pair_baseline) over common-random-number "
                  "replications; 95% CI with Student t; p_better = share of replications "
                  "strictly better");
  for (std::size_t k = 0; k < c.outcomes.size(); ++k)
    write_pair_outcome(g, c, k);
  if (!c.cost) return;
  const std::size_t S = c.scenarios.size(), J = c.pairs.size();
  write_dataset(g, c.cost->cost_outcome + "_difference", c.cost_difference, S, J,
                fmt::format("mean {} of pair_policy - mean of pair_baseline", c.cost->cost_outcome),
                c.units[find_outcome(c.outcomes, c.cost->cost_outcome)]);
  write_dataset(g, c.cost->name, c.cost_per_effect, S, J,
                fmt::format("mean {} difference / mean paired gain in {} (NaN when there is "
                            "no gain; 0 at no extra cost; negative when pair_policy costs less)",
                            c.cost->cost_outcome, c.cost->effect_outcome),
                c.cost->unit);
}

}  // namespace sim
