#include "sim/analysis/robustness.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sim/analysis/paired_from_arrays.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/better_text.hpp"
#include "sim/results/results_layout.hpp"

namespace sim {
namespace {

// How far `x` falls short of `best` in the outcome's direction (0 or more).
double shortfall(double best, double x, Better better) {
  return better == Better::kHigher ? best - x : x - best;
}

bool beats(double x, double y, Better better) { return better == Better::kHigher ? x > y : x < y; }

OutcomeRobustness outcome_robustness(const OutcomeValues& v, std::size_t k) {
  const std::size_t S = v.scenarios.size(), P = v.policies.size();
  const Better better = v.better[k];
  OutcomeRobustness o;
  o.outcome = k;
  o.mean.resize(S * P);
  o.regret.assign(S * P, NAN);
  o.regret_stderr.assign(S * P, NAN);
  o.max_regret.assign(P, NAN);
  o.mean_regret.assign(P, NAN);
  o.share_best.assign(P, 0.0);
  std::vector<double> regret_sum(P, 0.0);
  std::vector<std::size_t> regret_n(P, 0);
  for (std::size_t s = 0; s < S; ++s) {
    std::size_t best = P, second = P;
    for (std::size_t p = 0; p < P; ++p) {
      const double m = o.mean[s * P + p] = mean_from_arrays(v, k, s, p);
      if (std::isnan(m)) continue;
      if (best == P || beats(m, o.mean[s * P + best], better)) {
        second = best;
        best = p;
      } else if (second == P || beats(m, o.mean[s * P + second], better)) {
        second = p;
      }
    }
    o.best.push_back(best);
    o.runner_up.push_back(second);
    bool clear = false;
    if (best < P && second < P) {
      const PairedSummary d = paired_from_arrays(v, k, s, best, second);
      clear = better == Better::kHigher ? d.ci_low > 0 : d.ci_high < 0;
    }
    o.clearly_best.push_back(clear ? 1 : 0);
    if (best == P) continue;
    for (std::size_t p = 0; p < P; ++p) {
      const double m = o.mean[s * P + p];
      if (std::isnan(m)) continue;
      const double regret = shortfall(o.mean[s * P + best], m, better);
      o.regret[s * P + p] = regret;
      o.regret_stderr[s * P + p] = p == best ? 0.0 : paired_from_arrays(v, k, s, best, p).std_error;
      if (regret == 0) o.share_best[p] += 1.0 / static_cast<double>(S);
      regret_sum[p] += regret;
      ++regret_n[p];
      if (std::isnan(o.max_regret[p]) || regret > o.max_regret[p]) o.max_regret[p] = regret;
    }
  }
  for (std::size_t p = 0; p < P; ++p) {
    if (regret_n[p] > 0) o.mean_regret[p] = regret_sum[p] / static_cast<double>(regret_n[p]);
  }
  return o;
}

Satisficing satisficing(const OutcomeValues& v, const OutcomeTarget& t, std::size_t baseline) {
  const std::size_t S = v.scenarios.size(), P = v.policies.size(), R = v.replications;
  const std::size_t k = v.outcome_index(t.outcome);
  Satisficing out;
  out.target = t;
  out.met.assign(S * P, 0);
  out.share_scenarios.assign(P, 0.0);
  out.share_futures.assign(P, 0.0);
  for (std::size_t s = 0; s < S; ++s) {
    for (std::size_t p = 0; p < P; ++p) {
      const double* x = v.row(k, s, p);
      const double* b = v.row(k, s, baseline);
      std::size_t futures = 0;
      for (std::size_t r = 0; r < R; ++r)
        futures += t.met(t.on_gain ? x[r] - b[r] : x[r]) ? 1u : 0u;
      const double mean =
          t.on_gain ? paired_from_arrays(v, k, s, p, baseline).mean : mean_from_arrays(v, k, s, p);
      const bool met = t.met(mean);
      out.met[s * P + p] = met ? 1 : 0;
      out.share_scenarios[p] += met ? 1.0 / static_cast<double>(S) : 0.0;
      out.share_futures[p] += static_cast<double>(futures) / static_cast<double>(S * R);
    }
  }
  return out;
}

}  // namespace

Robustness compute_robustness(const OutcomeValues& v, const RobustnessRequest& request) {
  Robustness r;
  r.scenarios = v.scenarios;
  r.policies = v.policies;
  r.baseline = request.baseline;
  r.replications = v.replications;
  std::vector<std::size_t> ks;
  for (const auto& name : request.outcomes) {
    const std::size_t k = v.outcome_index(name);
    if (v.better[k] == Better::kNeither) {
      throw InputError(fmt::format(
          "outcome '{}' is neither better higher nor lower, so no policy is best in a scenario: "
          "robustness needs an outcome with a direction",
          name));
    }
    ks.push_back(k);
  }
  if (request.outcomes.empty()) {
    for (std::size_t k = 0; k < v.outcomes.size(); ++k) {
      if (v.better[k] != Better::kNeither) ks.push_back(k);
    }
  }
  for (const auto k : ks) {
    r.outcome_names.push_back(v.outcomes[k]);
    r.units.push_back(v.units[k]);
    r.better.push_back(v.better[k]);
    r.outcomes.push_back(outcome_robustness(v, k));
  }
  for (const auto& t : request.targets)
    r.satisficing.push_back(satisficing(v, t, request.baseline));
  if (!request.cost_outcome.empty()) {
    const std::size_t kc = v.outcome_index(request.cost_outcome);
    r.cost_outcome = request.cost_outcome;
    r.cost_unit = v.units[kc];
    for (std::size_t s = 0; s < v.scenarios.size(); ++s) {
      for (std::size_t p = 0; p < v.policies.size(); ++p)
        r.cost_mean.push_back(mean_from_arrays(v, kc, s, p));
    }
  }
  return r;
}

namespace {

template <class T>
void write_matrix(h5::Group& g, const std::string& name, const std::vector<T>& xs,
                  const std::vector<std::string>& dims, const std::vector<hsize_t>& shape,
                  const std::string& long_name, const std::string& unit) {
  auto ds = g.create_dataset<T>(name, shape);
  ds.write(xs);
  ds.attach_dimensions(dims);
  ds.set_attribute("long_name", long_name);
  ds.set_attribute("units", unit);
}

void write_outcome(h5::Group& root, const Robustness& r, std::size_t j) {
  const OutcomeRobustness& o = r.outcomes[j];
  const std::size_t S = r.scenarios.size(), P = r.policies.size();
  h5::Group g = root.create_group(r.outcome_names[j]);
  g.copy_coordinates(root, {"scenario", "policy"});
  g.set_attribute("better", better_name(r.better[j]));
  g.set_attribute("units", r.units[j]);
  const std::string& unit = r.units[j];
  const std::vector<std::string> sp = {"scenario", "policy"};
  write_matrix(g, "mean", o.mean, sp, {S, P}, "mean over replications", unit);
  write_matrix(g, "regret", o.regret, sp, {S, P},
               "shortfall of the policy's mean from the best policy's mean in the scenario", unit);
  write_matrix(g, "regret_stderr", o.regret_stderr, sp, {S, P},
               "standard error of the paired difference between the best policy and the policy",
               unit);
  write_matrix(g, "max_regret", o.max_regret, {"policy"}, {P}, "largest regret over scenarios",
               unit);
  write_matrix(g, "mean_regret", o.mean_regret, {"policy"}, {P}, "mean regret over scenarios",
               unit);
  write_matrix(g, "share_best", o.share_best, {"policy"}, {P},
               "share of scenarios in which the policy is best (ties count for each)", "1");
  std::vector<std::string> best, second;
  for (std::size_t s = 0; s < S; ++s) {
    best.push_back(o.best[s] < P ? r.policies[o.best[s]] : "");
    second.push_back(o.runner_up[s] < P ? r.policies[o.runner_up[s]] : "");
  }
  auto b = g.create_string_dataset("best_policy", best);
  b.attach_dimensions({"scenario"});
  b.set_attribute("long_name", "the policy with the best mean in the scenario");
  auto ru = g.create_string_dataset("runner_up", second);
  ru.attach_dimensions({"scenario"});
  ru.set_attribute("long_name", "the policy with the second best mean in the scenario");
  write_matrix(g, "clearly_best", o.clearly_best, {"scenario"}, {S},
               "1 if the 95% CI of the paired difference between best_policy and runner_up "
               "excludes 0",
               "1");
}

void write_satisficing(h5::Group& root, const Robustness& r) {
  const std::size_t S = r.scenarios.size(), P = r.policies.size(), T = r.satisficing.size();
  h5::Group g = root.create_group("satisficing");
  g.copy_coordinates(root, {"scenario", "policy"});
  std::vector<std::string> names;
  std::vector<std::uint8_t> met;
  std::vector<double> scenarios, futures;
  for (const auto& x : r.satisficing) {
    names.push_back(x.target.text());
    met.insert(met.end(), x.met.begin(), x.met.end());
    scenarios.insert(scenarios.end(), x.share_scenarios.begin(), x.share_scenarios.end());
    futures.insert(futures.end(), x.share_futures.begin(), x.share_futures.end());
  }
  g.create_coordinate("target", names)
      .set_attribute("long_name",
                     fmt::format("[gain:]OUTCOME >= or <= VALUE; gain: on (policy - {}) in each "
                                 "future",
                                 r.policies[r.baseline]));
  write_matrix(g, "met", met, {"target", "scenario", "policy"}, {T, S, P},
               "1 if the scenario's mean (of the outcome, or of the gain) meets the target", "1");
  write_matrix(g, "share_scenarios", scenarios, {"target", "policy"}, {T, P},
               "share of scenarios whose mean meets the target", "1");
  write_matrix(g, "share_futures", futures, {"target", "policy"}, {T, P},
               "share of all futures (scenario x replication) whose own value meets the target",
               "1");
}

}  // namespace

void write_robustness(h5::Group& root, const Robustness& r) {
  h5::Group g = group_with(root, "robustness", {"scenario", "policy"});
  g.set_attribute("replications", static_cast<std::int64_t>(r.replications));
  g.set_attribute("baseline", r.policies[r.baseline]);
  g.set_attribute("method",
                  "regret = shortfall of a policy's mean from the best policy's mean in each "
                  "scenario (in the outcome's better direction); max and mean over scenarios, "
                  "each scenario weighing the same; satisficing = share of scenarios (their "
                  "mean) and of futures meeting a target");
  for (std::size_t j = 0; j < r.outcomes.size(); ++j)
    write_outcome(g, r, j);
  if (!r.satisficing.empty()) write_satisficing(g, r);
  if (r.cost_outcome.empty()) return;
  auto ds = g.create_dataset<double>("cost_mean", {r.scenarios.size(), r.policies.size()});
  ds.write(r.cost_mean);
  ds.attach_dimensions({"scenario", "policy"});
  ds.set_attribute("long_name", fmt::format("mean {} over replications", r.cost_outcome));
  ds.set_attribute("units", r.cost_unit);
  ds.set_attribute("outcome", r.cost_outcome);
}

}  // namespace sim
