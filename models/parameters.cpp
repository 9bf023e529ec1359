#include "models/parameters.hpp"

#include <fmt/format.h>

#include <array>

#include "models/income_groups.hpp"
#include "models/outcome_table.hpp"
#include "models/parameter_checks.hpp"
#include "models/parameter_tables/fund.hpp"
#include "models/parameter_tables/funding.hpp"
#include "models/parameter_tables/operations.hpp"
#include "models/parameter_tables/states.hpp"
#include "models/scenario_setup.hpp"
#include "sim/study/field_coverage.hpp"
#include "sim/study/parameter_groups.hpp"

namespace vtf {
namespace {

namespace t = parameter_tables;

// In the order `vtfsim info --parameters` lists them.
constexpr std::array kGroups = {
    sim::bind_group<&ModelParams::calendar, t::kCalendarFields>("calendar"),
    sim::bind_group<&ModelParams::donors, t::kDonorFields>("donors"),
    sim::bind_group<&ModelParams::national, t::kNationalFields>("national"),
    sim::bind_group<&ModelParams::operations, t::kOperationsFields>("operations"),
    sim::bind_group<&ModelParams::security, t::kSecurityFields>("security.level{}"),
    sim::bind_group<&ModelParams::discovery, t::kDiscoveryFields>("discovery"),
    sim::bind_group<&ModelParams::area, t::kAreaFields>("area"),
    sim::bind_group<&ModelParams::extensions, t::kExtensionFields>("extensions"),
    sim::bind_group<&ModelParams::contributors, t::kContributorFields>("contributors"),
    sim::bind_group<&ModelParams::applicants, t::kApplicantFields>("applicants"),
    sim::bind_group<&ModelParams::partners, t::kPartnerFields>("partners"),
    sim::bind_group<&ModelParams::fund, t::kFundFields>("vtf"),
};
using StateTable = sim::EntityTable<t::kStateFields>;
constexpr const char* kStateGroup = "states";

// The fields no table fills: the study gives the dates and the seed, the entity table the States.
constexpr std::array kFromElsewhere = {
    sim::field_id<&ModelParams::start>(), sim::field_id<&ModelParams::horizon>(),
    sim::field_id<&ModelParams::seed>(), sim::field_id<&ModelParams::states>()};
static_assert(sim::covers_each_field_once<ModelParams>(sim::joined(sim::field_ids_of(kGroups),
                                                                   kFromElsewhere)),
              "every group of ModelParams must be bound to its table, or listed in kFromElsewhere");

sim::ParameterRegistry build_registry() {
  sim::ParameterRegistry r;
  for (const auto& g : kGroups)
    g.declare(r, g.prefix);
  const auto& data = reference_states();
  std::vector<std::string> names, iso3;
  for (const auto& s : data) {
    names.push_back(s.name);
    iso3.push_back(s.iso3);
  }
  r.set_entities(kStateGroup, names, iso3);
  // The names people use besides the data's ("Türkiye", "DRC", "Palestine"), matched like the
  // data's in any case and without accents.
  for (std::size_t i = 0; i < data.size(); ++i) {
    r.add_entity_alias(data[i].name, reference_names()[i].name);
    for (const auto& alias : reference_names()[i].aliases)
      r.add_entity_alias(data[i].name, alias);
  }
  r.describe_entities("State Party", fmt::format("`vtfsim info --states` lists the {} names and "
                                                 "ISO3 codes",
                                                 data.size()));
  StateTable::declare(r, data);
  return r;
}

sim::Date ymd(int y, unsigned m, unsigned d) { return sim::Date::from_ymd(y, m, d); }

}  // namespace

const sim::ParameterRegistry& model_registry() {
  static const sim::ParameterRegistry registry = build_registry();
  return registry;
}

sim::DesignContext design_context() {
  sim::DesignContext ctx;
  ctx.registry = &model_registry();
  ctx.baseline.name = "no_fund";
  ctx.baseline_description = "no fund";
  ctx.baseline.values.set("vtf.enabled", false);
  ctx.baseline.values.set("vtf.annual_usd", 0.0);
  ctx.same_as_baseline = [](const sim::ParameterSet& p) {
    return !p.boolean("vtf.enabled") || p.real("vtf.annual_usd") == 0.0;
  };
  ctx.always_policy_columns = {"vtf.annual_usd"};
  ctx.default_start = ymd(2026, 1, 1);
  ctx.default_horizon = ymd(2045, 12, 31);
  ctx.default_seed = 20251201;
  ctx.check_values = check_values;
  ctx.check_start = start_problem;
  ctx.check_horizon = horizon_problem;
  for (const auto& row : outcome_rows())
    ctx.outcomes.emplace_back(row.name);
  return ctx;
}

ModelParams read_params(const sim::ParameterSet& v, const sim::Study& study) {
  ModelParams p{};
  p.start = study.start;
  p.horizon = study.horizon;
  p.seed = study.seed;
  for (const auto& g : kGroups)
    g.read(v, g.prefix, p);
  for (const auto& s : reference_states())
    p.states.push_back(StateTable::read(v, fmt::format("{}.{}", kStateGroup, s.name)));
  check_combinations(p);
  return p;
}

ModelParams default_params() {
  const sim::DesignContext ctx = design_context();
  sim::Study study;
  study.start = ctx.default_start;
  study.horizon = ctx.default_horizon;
  study.seed = ctx.default_seed;
  return read_params(sim::defaults_of(*ctx.registry), study);
}

}  // namespace vtf
