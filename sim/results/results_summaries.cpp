// The summaries at the end of a run: the paired comparison against the baseline (summarize) and
// what ResultsWriter::write_summaries stores of it and of the trajectories and series.
#include <fmt/format.h>

#include <cmath>
#include <cstdint>

#include "sim/results/better_text.hpp"
#include "sim/results/paired_fields.hpp"
#include "sim/results/results_file.hpp"
#include "sim/results/results_layout.hpp"

namespace sim {
namespace {

std::vector<double> cost_per_effect(const Accumulators& acc, const ModelSchema& schema,
                                    const Comparison& c) {
  const std::size_t kc = schema.outcome_index(schema.cost_per_effect->cost_outcome);
  const std::size_t ke = schema.outcome_index(schema.cost_per_effect->effect_outcome);
  std::vector<double> out;
  for (std::size_t s = 0; s < c.scenarios.size(); ++s) {
    for (std::size_t p = 0; p < c.policies.size(); ++p) {
      const double gain = c.at(ke, s, p).mean;
      const double cost = acc.outcome(kc, s, p).mean();
      out.push_back(p > 0 && gain > 0 ? cost / gain : NAN);
    }
  }
  return out;
}

// Per trajectory: its mean over replications [scenario, policy, entity, period] and, if the
// schema asks, its quantiles [.., quantile].
void write_trajectories(h5::Group& g, const Accumulators& acc, const ModelSchema& schema,
                        const Shape& shape) {
  const std::size_t S = shape.scenarios, P = shape.policies, E = shape.entities, Y = shape.periods,
                    Q = schema.quantiles.size();
  const std::vector<std::string> dims4 = {"scenario", "policy", schema.entity_dim,
                                          schema.period_dim};
  for (std::size_t k = 0; k < schema.trajectories.size(); ++k) {
    const auto& t = schema.trajectories[k];
    if (!t.stored) continue;
    std::vector<double> mean(S * P * E * Y), quantiles;
    if (t.quantiles) quantiles.resize(S * P * E * Y * Q);
    for (std::size_t s = 0; s < S; ++s) {
      for (std::size_t p = 0; p < P; ++p) {
        for (std::size_t e = 0; e < E; ++e) {
          for (std::size_t y = 0; y < Y; ++y) {
            const std::size_t cell = acc.trajectory_cell(k, s, p, e, y);
            const std::size_t out = ((s * P + p) * E + e) * Y + y;
            mean[out] = acc.trajectory_mean(cell);
            if (const QuantileSketch* sketch = acc.trajectory_sketch(k, cell)) {
              for (std::size_t q = 0; q < Q; ++q)
                quantiles[out * Q + q] = sketch->quantile(schema.quantiles[q]);
            }
          }
        }
      }
    }
    if (t.quantiles) {
      auto ds = g.create_dataset<double>(t.name, {S, P, E, Y, Q});
      ds.write(quantiles);
      ds.attach_dimensions(
          {"scenario", "policy", schema.entity_dim, schema.period_dim, "quantile"});
      ds.set_attribute("units", t.unit);
      ds.set_attribute("long_name",
                       t.description + " (quantiles across replications, within 0.4%)");
    }
    auto ds = g.create_dataset<double>(t.quantiles ? t.name + "_mean" : t.name, {S, P, E, Y});
    ds.write(mean);
    ds.attach_dimensions(dims4);
    ds.set_attribute("units", t.unit);
    ds.set_attribute("long_name", t.description + " (mean across replications)");
  }
}

// Per series: its mean over replications [scenario, policy, period].
void write_series(h5::Group& g, const Accumulators& acc, const ModelSchema& schema,
                  const Shape& shape) {
  const std::size_t S = shape.scenarios, P = shape.policies, Y = shape.periods;
  for (std::size_t k = 0; k < schema.series.size(); ++k) {
    const auto& t = schema.series[k];
    std::vector<double> mean(S * P * Y);
    for (std::size_t s = 0; s < S; ++s) {
      for (std::size_t p = 0; p < P; ++p) {
        for (std::size_t y = 0; y < Y; ++y)
          mean[(s * P + p) * Y + y] = acc.series_mean(k, s, p, y);
      }
    }
    auto ds = g.create_dataset<double>(t.name, {S, P, Y});
    ds.write(mean);
    ds.attach_dimensions({"scenario", "policy", schema.period_dim});
    ds.set_attribute("units", t.unit);
    ds.set_attribute("long_name", t.description + " (mean across replications)");
  }
}

// /comparison/<outcome>/{mean, stderr, ci_low, ci_high, p_better, p_worse} [scenario, policy].
void write_outcome_comparison(h5::Group& root, h5::Group& comparison, const ModelSchema& schema,
                              const Comparison& c, std::size_t k) {
  const std::size_t S = c.scenarios.size(), P = c.policies.size();
  h5::Group g = comparison.create_group(c.outcomes[k]);
  g.copy_coordinates(root, {"scenario", "policy"});
  g.set_attribute("better", better_name(c.better[k]));
  g.set_attribute("units", schema.outcomes[k].unit);
  const auto field = [&](const char* name, auto get, const std::string& long_name,
                         const std::string& unit) {
    std::vector<double> xs(S * P);
    for (std::size_t s = 0; s < S; ++s) {
      for (std::size_t p = 0; p < P; ++p)
        xs[s * P + p] = get(c.at(k, s, p));
    }
    auto ds = g.create_dataset<double>(name, {S, P});
    ds.write(xs);
    ds.attach_dimensions({"scenario", "policy"});
    ds.set_attribute("long_name", long_name);
    ds.set_attribute("units", unit);
  };
  const std::string unit = schema.outcomes[k].unit;
  for (const PairedField& f : kPairedFields) {
    field(
        f.name, [&](const PairedSummary& x) { return x.*f.member; },
        paired_long_name(f, "policy", schema.baseline.name, "the policy"),
        f.in_outcome_units ? unit : "1");
  }
}

void write_comparison(h5::Group& root, const ModelSchema& schema, const Comparison& c) {
  h5::Group comparison = root.create_group("comparison");
  comparison.copy_coordinates(root, {"scenario", "policy"});
  comparison.set_attribute("replications", static_cast<std::int64_t>(c.replications));
  comparison.set_attribute(
      "method",
      fmt::format("paired differences (policy - {}) over common-random-number replications; "
                  "95% CI with Student t; p_better = share of replications strictly better",
                  schema.baseline.name));
  for (std::size_t k = 0; k < c.outcomes.size(); ++k)
    write_outcome_comparison(root, comparison, schema, c, k);
  if (!schema.cost_per_effect) return;
  const CostPerEffectSpec& spec = *schema.cost_per_effect;
  auto ds = comparison.create_dataset<double>(c.cost_per_effect_name,
                                              {c.scenarios.size(), c.policies.size()});
  ds.write(c.cost_per_effect);
  ds.attach_dimensions({"scenario", "policy"});
  ds.set_attribute("units", spec.unit);
  ds.set_attribute("long_name", spec.description + " (NaN when there is no gain)");
}

}  // namespace

Comparison summarize(const Accumulators& acc, const ModelSchema& schema, const Study& study) {
  Comparison c;
  for (const auto& s : study.design.scenarios) {
    c.scenarios.push_back(s.name);
    c.sampled.push_back(s.sampled);
  }
  for (const auto& p : study.design.policies)
    c.policies.push_back(p.name);
  for (const auto& o : schema.outcomes) {
    c.outcomes.push_back(o.name);
    c.better.push_back(o.better);
  }
  c.replications = acc.replications();
  const std::size_t S = c.scenarios.size(), P = c.policies.size();
  PairedSummary none;
  none.mean = none.std_error = none.ci_low = none.ci_high = none.p_better = none.p_worse = NAN;
  for (std::size_t k = 0; k < c.outcomes.size(); ++k) {
    for (std::size_t s = 0; s < S; ++s) {
      for (std::size_t p = 0; p < P; ++p) {
        c.cells.push_back(p == 0 ? none : acc.paired(k, s, p).summary(schema.outcomes[k].better));
      }
    }
  }
  if (schema.cost_per_effect) {
    c.cost_per_effect_name = schema.cost_per_effect->name;
    c.cost_per_effect = cost_per_effect(acc, schema, c);
  }
  return c;
}

void ResultsWriter::write_summaries(const Accumulators& acc, const Comparison& c) {
  h5::Group root = file_.root();
  h5::Group trajectories =
      group_with(root, "trajectories",
                 {"scenario", "policy", schema_.entity_dim, schema_.period_dim, "quantile"});
  write_trajectories(trajectories, acc, schema_, shape_);
  write_series(trajectories, acc, schema_, shape_);
  write_comparison(root, schema_, c);
  write_decompositions(root, acc, schema_, shape_.scenarios, shape_.policies);
}

}  // namespace sim
