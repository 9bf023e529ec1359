#include "sim/study/design_expansion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "sim/study/latin_hypercube.hpp"

namespace sim {
namespace {

std::string compact_number(double x) {
  const double a = std::fabs(x);
  if (a >= 1e9) return fmt::format("{:g}B", x / 1e9);
  if (a >= 1e6) return fmt::format("{:g}M", x / 1e6);
  if (a >= 1e4) return fmt::format("{:g}k", x / 1e3);
  return fmt::format("{:g}", x);
}

// A value as it appears in a generated scenario or policy name.
std::string label(const ParameterRegistry& registry, const std::string& name, const ParamValue& v,
                  bool with_key) {
  const auto* spec = registry.find(name);
  if (spec != nullptr && spec->type == ParamType::kChoice) return format_value(v);
  const auto dot = name.rfind('.');
  const std::string leaf = dot == std::string::npos ? name : name.substr(dot + 1);
  std::string value = format_value(v);
  if (const auto* d = std::get_if<double>(&v)) value = compact_number(*d);
  return with_key ? leaf + "=" + value : value;
}

// Odometer over lists of alternatives, the first list varying slowest.
template <class F>
void for_each_combination(const Factors& factors, F&& visit) {
  std::vector<std::size_t> at(factors.size(), 0);
  while (true) {
    std::vector<std::pair<std::string, const ParamValue*>> combo;
    for (std::size_t i = 0; i < factors.size(); ++i)
      combo.emplace_back(factors[i].first, &factors[i].second[at[i]]);
    visit(combo);
    std::size_t i = factors.size();
    while (i > 0) {
      --i;
      if (++at[i] < factors[i].second.size()) break;
      at[i] = 0;
      if (i == 0) return;
    }
    if (factors.empty()) return;
  }
}

void add_sample_points(std::uint64_t seed, const DesignInputs& in, ExperimentDesign& d,
                       std::vector<NamedValues>& scenarios) {
  std::vector<std::string> names;
  for (const auto& r : d.sampled)
    names.push_back(r.parameter);
  const auto unit = latin_hypercube(seed, names, d.sample_points);
  const int width = static_cast<int>(fmt::format("{}", d.sample_points).size());
  for (std::size_t i = 0; i < d.sample_points; ++i) {
    NamedValues point{fmt::format("lhs-{:0{}}", i + 1, width), {}, true, {}};
    for (std::size_t j = 0; j < names.size(); ++j) {
      point.values.set(names[j], d.sampled[j].at(unit[i][j]));
      point.written_at[names[j]] = in.factor_at.at(names[j]);
    }
    scenarios.push_back(std::move(point));
  }
  d.notes.push_back(
      fmt::format("{} Latin hypercube point(s) over {} range(s) (seed {}): scenarios lhs-*",
                  d.sample_points, names.size(), seed));
}

// Every named scenario (or one unnamed, unless the design is only sampled), then every Latin
// hypercube point, each crossed with every list of uncertainties.
void expand_scenarios(DesignInputs& in, const ParameterRegistry& registry, std::uint64_t seed,
                      ExperimentDesign& d) {
  auto& named_scenarios = in.named_scenarios;
  if (named_scenarios.empty() && d.sampled.empty())
    named_scenarios.push_back(NamedValues{"", {}, false, {}});
  if (!d.sampled.empty()) add_sample_points(seed, in, d, named_scenarios);
  for (const auto& named : named_scenarios) {
    for_each_combination(in.scenario_factors, [&](const auto& combo) {
      NamedValues s{named.name, named.values, named.sampled, named.written_at};
      for (const auto& [name, value] : combo) {
        s.values.set(name, *value);
        s.written_at[name] = in.factor_at.at(name);
        if (!s.name.empty()) s.name += '/';
        s.name += label(registry, name, *value, false);
      }
      if (s.name.empty()) s.name = "base";
      d.scenarios.push_back(std::move(s));
    });
  }
}

// The Latin hypercube points of [levers]' ranges, named lhs-p01 ..., each as a policy's values.
// Its dimensions are named "lever:<parameter>", so that they draw points of their own, apart
// from the scenarios' hypercube over the same seed.
std::vector<NamedValues> lever_sample_points(std::uint64_t seed, const DesignInputs& in,
                                             const ExperimentDesign& d) {
  std::vector<NamedValues> points;
  if (d.lever_sampled.empty()) {
    points.emplace_back();  // one point with no values: the grid alone
    return points;
  }
  std::vector<std::string> dims;
  for (const auto& r : d.lever_sampled)
    dims.push_back("lever:" + r.parameter);
  const auto unit = latin_hypercube(seed, dims, d.policy_points);
  const int width = std::max(2, static_cast<int>(fmt::format("{}", d.policy_points).size()));
  for (std::size_t i = 0; i < d.policy_points; ++i) {
    NamedValues point{fmt::format("lhs-p{:0{}}", i + 1, width), {}, false, {}};
    for (std::size_t j = 0; j < d.lever_sampled.size(); ++j) {
      const auto& r = d.lever_sampled[j];
      point.values.set(r.parameter, r.at(unit[i][j]));
      point.written_at[r.parameter] = in.factor_at.at(r.parameter);
    }
    points.push_back(std::move(point));
  }
  return points;
}

// The grid of [levers], crossed with its sampled points when it has ranges, less the points
// equivalent to the baseline.
void expand_lever_grid(DesignInputs& in, const DesignContext& ctx, std::uint64_t seed,
                       ExperimentDesign& d) {
  const auto& factors = in.policy_factors;
  const bool any_list = std::any_of(factors.begin(), factors.end(),
                                    [](const auto& f) { return f.second.size() > 1; });
  std::size_t dropped = 0;
  for (const NamedValues& point : lever_sample_points(seed, in, d)) {
    for_each_combination(factors, [&](const auto& combo) {
      NamedValues p = point;
      for (const auto& [name, value] : combo) {
        p.values.set(name, *value);
        p.written_at[name] = in.factor_at.at(name);
        // A named copy: clang before 16 cannot capture a structured binding (the fuzz build).
        const std::string& parameter = name;
        const bool varies = std::any_of(factors.begin(), factors.end(), [&](const auto& f) {
          return f.first == parameter && f.second.size() > 1;
        });
        if (!varies && (any_list || !point.name.empty())) continue;
        if (!p.name.empty()) p.name += ',';
        p.name += label(*ctx.registry, name, *value, true);
      }
      ParameterSet resolved = d.base;
      resolved.overlay(p.values);
      if (ctx.same_as_baseline && ctx.same_as_baseline(resolved)) {
        ++dropped;
        return;
      }
      if (!in.policy_names.insert(p.name).second) {
        fail_at(in.levers_at, "levers", fmt::format("two policies would be named \"{}\"", p.name));
      }
      d.policies.push_back(std::move(p));
    });
  }
  if (!d.lever_sampled.empty()) {
    d.notes.push_back(
        fmt::format("{} Latin hypercube point(s) over {} lever range(s) (seed {}): policies lhs-p*",
                    d.policy_points, d.lever_sampled.size(), seed));
  }
  if (dropped > 0) {
    d.notes.push_back(
        fmt::format("{} grid point(s) of [levers] equal to \"{}\" ({}) were "
                    "dropped: policy 0 already is that policy",
                    dropped, ctx.baseline.name, ctx.baseline_description));
  }
}

// The parameters each scenario or policy sets become the design's columns, with their units.
void record_columns(const DesignContext& ctx, ExperimentDesign& d) {
  std::set<std::string> scenario_columns;
  for (const auto& s : d.scenarios) {
    for (const auto& [name, value] : s.values.values())
      scenario_columns.insert(name);
  }
  std::set<std::string> policy_columns(ctx.always_policy_columns.begin(),
                                       ctx.always_policy_columns.end());
  for (const auto& p : d.policies) {
    for (const auto& [name, value] : p.values.values())
      policy_columns.insert(name);
  }
  d.scenario_parameters.assign(scenario_columns.begin(), scenario_columns.end());
  d.policy_parameters.assign(policy_columns.begin(), policy_columns.end());
  for (const auto* columns : {&d.scenario_parameters, &d.policy_parameters}) {
    for (const auto& name : *columns) {
      if (const auto* spec = ctx.registry->find(name)) {
        d.units[name] = spec->unit;
        d.descriptions[name] = spec->doc;
      }
    }
  }
}

// The number of combinations of `factors` times `times`, saturating rather than wrapping.
std::uint64_t combinations(const Factors& factors, std::uint64_t times) {
  std::uint64_t n = times;
  for (const auto& f : factors) {
    const std::uint64_t k = std::max<std::uint64_t>(1, f.second.size());
    n = n > UINT64_MAX / k ? UINT64_MAX : n * k;
  }
  return n;
}

// The design's size is known before it is built: refuse one too large to be meant before
// spending minutes (and memory) expanding it.
void check_design_size(const DesignInputs& in, const ExperimentDesign& d) {
  const std::uint64_t scenarios = combinations(
      in.scenario_factors, std::max<std::uint64_t>(1, in.named_scenarios.size()) + d.sample_points);
  const std::uint64_t policies =
      1 +
      (in.has_levers_table
           ? combinations(in.policy_factors, std::max<std::uint64_t>(1, d.policy_points))
           : 0) +
      in.named_policies.size();
  const auto refuse_above = [&](std::uint64_t count, std::uint64_t limit, const Factors& factors,
                                const char* what, const char* made_of) {
    if (count <= limit) return;
    const FilePosition at = factors.empty() ? FilePosition{in.levers_at.path, 0}
                                            : in.factor_at.at(factors.front().first).at;
    fail_at(
        at, "",
        fmt::format("the design would have {} {} ({}); at most {} are allowed",
                    count == UINT64_MAX ? std::string("more than 2^64") : fmt::format("{}", count),
                    what, made_of, limit));
  };
  refuse_above(scenarios, kMaxScenarios, in.scenario_factors, "scenarios",
               "the lists of [uncertainties] crossed with the named and sampled scenarios");
  refuse_above(policies, kMaxPolicies, in.policy_factors, "policies",
               "the grid of [levers], crossed with its sampled points, and the named policies");
}

}  // namespace

void expand_design(DesignInputs in, const DesignContext& ctx, std::uint64_t seed,
                   ExperimentDesign& d) {
  check_design_size(in, d);
  expand_scenarios(in, *ctx.registry, seed, d);
  // Policies: the baseline, then the grid of [levers], then the named [[policy]] tables.
  d.policies.push_back(ctx.baseline);
  if (in.has_levers_table) expand_lever_grid(in, ctx, seed, d);
  for (auto& p : in.named_policies)
    d.policies.push_back(std::move(p));
  record_columns(ctx, d);
}

}  // namespace sim
