#pragma once
// A tiny registry, design context and model for testing the engine (sim/) on its own, without
// the mine model: the engine must not depend on models/.
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/engine/errors.hpp"
#include "sim/engine/model.hpp"
#include "sim/engine/random.hpp"
#include "sim/engine/runner.hpp"
#include "sim/study/design.hpp"
#include "sim/study/parameters.hpp"
#include "sim/study/scenario_file.hpp"

namespace fake {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

// Parameters of every type and role, and two entities with an alias each.
inline const sim::ParameterRegistry& registry() {
  static const sim::ParameterRegistry r = [] {
    using sim::ParameterSpec, sim::ParamType, sim::ParamRole;
    sim::ParameterRegistry reg;
    reg.add({"donors.trend",
             ParamType::kReal,
             ParamRole::kUncertainty,
             -0.02,
             -1,
             1,
             {},
             "1/yr",
             "drift"});
    reg.add({"donors.shock_probability",
             ParamType::kReal,
             ParamRole::kUncertainty,
             0.05,
             0,
             1,
             {},
             "1/yr",
             "probability"});
    reg.add({"donors.count",
             ParamType::kInteger,
             ParamRole::kUncertainty,
             std::int64_t{8},
             1,
             64,
             {},
             "",
             "count"});
    reg.add({"donors.shock_years",
             ParamType::kIntegerList,
             ParamRole::kUncertainty,
             std::vector<std::int64_t>{},
             1900,
             2200,
             {},
             "year",
             "forced shocks"});
    reg.add({"regime",
             ParamType::kChoice,
             ParamRole::kUncertainty,
             std::string("lenient"),
             -kInf,
             kInf,
             {"lenient", "strict"},
             "",
             "extension regime"});
    reg.add({"fund.enabled",
             ParamType::kBoolean,
             ParamRole::kLever,
             true,
             -kInf,
             kInf,
             {},
             "",
             "a fund exists"});
    reg.add({"fund.annual_usd",
             ParamType::kReal,
             ParamRole::kLever,
             5e6,
             0,
             1e10,
             {},
             "USD/yr",
             "fund size"});
    reg.add({"fund.allocation",
             ParamType::kChoice,
             ParamRole::kLever,
             std::string("score"),
             -kInf,
             kInf,
             {"score", "lottery", "equal_share"},
             "",
             "allocation policy"});
    reg.add({"fund.grant_cap_usd",
             ParamType::kReal,
             ParamRole::kLever,
             2e6,
             0,
             kInf,
             {},
             "USD",
             "largest grant"});
    reg.add({"calendar.msp",
             ParamType::kMonthDay,
             ParamRole::kSetting,
             std::string("12-01"),
             -kInf,
             kInf,
             {},
             "",
             "meeting"});
    reg.add({"operations.threshold",
             ParamType::kReal,
             ParamRole::kSetting,
             100.0,
             -kInf,
             1e6,
             {},
             "m2",
             "completion threshold"});
    reg.set_entities("states", {"Angola", "Chad"}, {"AGO", "TCD"});
    reg.add_entity_field({"ldc",
                          ParamType::kBoolean,
                          ParamRole::kSetting,
                          false,
                          -kInf,
                          kInf,
                          {},
                          "",
                          "least developed"},
                         {true, true});
    reg.add_entity_field(
        {"area_km2", ParamType::kReal, ParamRole::kSetting, 0.0, 0, kInf, {}, "km2", "area"},
        {100.0, 20.0});
    return reg;
  }();
  return r;
}

// Policy 0 is "none" (no fund); a grid point with no fund or a zero fund is the same policy.
inline sim::DesignContext context() {
  sim::DesignContext ctx;
  ctx.registry = &registry();
  ctx.baseline.name = "none";
  ctx.baseline.values.set("fund.enabled", false);
  ctx.baseline.values.set("fund.annual_usd", 0.0);
  ctx.same_as_baseline = [](const sim::ParameterSet& p) {
    return !p.boolean("fund.enabled") || p.real("fund.annual_usd") == 0.0;
  };
  ctx.always_policy_columns = {"fund.annual_usd"};
  ctx.default_start = sim::Date::from_ymd(2026, 1, 1);
  ctx.default_horizon = sim::Date::from_ymd(2045, 12, 31);
  ctx.default_seed = 7;
  return ctx;
}

// Outcomes that are pure functions of (seed, scenario, replication, policy), drawn from the
// engine's random streams; policy p raises "gain" by p and "spend" by 1000 p. Outcome "sometimes"
// is NaN in one replication out of 7 (in every policy) and in policy 1 of one more out of 11,
// to test that NaN is left out of levels and pairs.
class Model : public sim::Model {
 public:
  Model(std::size_t scenarios, std::size_t policies, std::uint64_t seed = 42)
      : scenarios_(scenarios), policies_(policies), seed_(seed) {
    schema_.entity_dim = "state";
    schema_.entity_names = {"Angola", "Chad", "Peru"};
    schema_.entity_labels = {{"state_iso3", {"AGO", "TCD", "PER"}}};
    schema_.period_dim = "year";
    schema_.periods = {2026, 2027, 2028, 2029};
    schema_.outcomes = {
        {"gain", "States", "completions", sim::Storage::kInt32, sim::Better::kHigher},
        {"spend", "USD", "money spent", sim::Storage::kFloat64, sim::Better::kNeither},
        {"sometimes", "year", "NaN-able", sim::Storage::kFloat64, sim::Better::kLower},
    };
    schema_.entity_outcomes = {
        {"area", "km2", "area released", sim::Storage::kFloat64, sim::Better::kHigher}};
    schema_.trajectories = {{"remaining", "km2", "remaining area", true},
                            {"funding", "USD", "funding", false}};
    schema_.baseline = {"none", "nothing spent"};
    schema_.cost_per_effect =
        sim::CostPerEffectSpec{"spend", "gain", "spend_per_gain", "USD", "mean spend / mean gain"};
  }
  const sim::ModelSchema& schema() const override { return schema_; }
  std::size_t scenario_count() const override { return scenarios_; }
  std::size_t policy_count() const override { return policies_; }
  std::unique_ptr<sim::Workspace> make_workspace() const override {
    return std::make_unique<sim::Workspace>();
  }
  void simulate(std::size_t scenario, std::uint64_t replication, sim::Workspace&,
                sim::ReplicationOutput& out) const override {
    const auto rep = static_cast<std::uint32_t>(replication);
    const auto s = static_cast<std::uint32_t>(scenario);
    const sim::RandomStream world(seed_, rep, 0, s, 0);  // shared by all policies (CRN)
    const double base = std::floor(10 * world.uniform(0));
    const double money = 1e6 * world.uniform(1) + 0.1;
    for (std::size_t p = 0; p < policies_; ++p) {
      const double dp = static_cast<double>(p);
      out.outcome(p, 0) = base + dp;
      out.outcome(p, 1) = money + 1000 * dp;
      const bool missing = rep % 7 == 0 || (p == 1 && rep % 11 == 0);
      out.outcome(p, 2) = missing ? std::nan("") : 2030 + world.normal(2) - 0.25 * dp;
      for (std::size_t e = 0; e < schema_.entity_names.size(); ++e) {
        const sim::RandomStream local(seed_, rep, static_cast<std::uint32_t>(e + 1), s, 0);
        out.entity_outcome(p, 0, e) = 50 * local.uniform(0) + dp;
        double* remaining = out.trajectory(p, 0) + e * schema_.periods.size();
        double* funding = out.trajectory(p, 1) + e * schema_.periods.size();
        for (std::size_t y = 0; y < schema_.periods.size(); ++y) {
          const double left = 100.0 * local.uniform(static_cast<std::uint32_t>(y + 1)) - dp;
          remaining[y] = left > 0 ? left : 0.0;
          funding[y] = 1e5 * (dp + 1) + static_cast<double>(y);
        }
      }
    }
  }

 private:
  sim::ModelSchema schema_;
  std::size_t scenarios_, policies_;
  std::uint64_t seed_;
};

// Keeps every block in memory, in order, and checks the runner's promise that the sink is
// never called concurrently.
class RecordingSink : public sim::BlockSink {
 public:
  RecordingSink() = default;
  RecordingSink(RecordingSink&& o) noexcept
      : blocks_(std::move(o.blocks_)), overlapping_(o.overlapping_), throw_at_(o.throw_at_) {}

  void write_block(const sim::BlockResults& block) override {
    if (busy_.exchange(true)) overlapping_ = true;
    blocks_.push_back(block);
    if (throw_at_ >= 0 && static_cast<int>(blocks_.size()) == throw_at_) {
      busy_ = false;
      throw std::runtime_error("disk full");
    }
    busy_ = false;
  }
  const std::vector<sim::BlockResults>& blocks() const { return blocks_; }
  bool overlapping() const { return overlapping_; }
  void throw_at(int block) { throw_at_ = block; }

  // Outcome k of (s, p) of every recorded replication, in order.
  std::vector<double> outcome(const sim::Shape& sh, std::size_t k, std::size_t s,
                              std::size_t p) const {
    std::vector<double> out;
    for (const auto& b : blocks_) {
      const double* row = b.outcome_row(sh, k, s, p);
      out.insert(out.end(), row, row + b.count);
    }
    return out;
  }

 private:
  std::vector<sim::BlockResults> blocks_;
  std::atomic<bool> busy_{false};
  bool overlapping_ = false;
  int throw_at_ = -1;
};

// Two scenarios x three policies (none and two fund sizes) x 40 replications of the fake model.
inline constexpr const char* kTwoScenarioStudy = R"([study]
name = "unit"
replications = 40
seed = 42

[[scenario]]
name = "calm"
donors.trend = 0.0

[[scenario]]
name = "rough"
donors.trend = -0.05

[levers]
fund.annual_usd = [5e6, 20e6]
)";

// The scenario file `text` (read as `path`) with the fake registry.
inline sim::Study parse(const std::string& text, const std::string& path) {
  return sim::parse_study(text, path, context());
}

// The message of the InputError that reading `text` raises; "" when it raises none, which no
// expected message matches.
inline std::string input_error_of(const std::string& text, const std::string& path) {
  try {
    parse(text, path);
  } catch (const sim::InputError& e) {
    return e.what();
  }
  return {};
}

}  // namespace fake
