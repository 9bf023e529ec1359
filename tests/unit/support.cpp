#include "support.hpp"

#include <cmath>
#include <cstring>
#include <stdexcept>

#include "models/parameters.hpp"
#include "sim/study/scenario_file.hpp"

namespace test {

sim::Study study_from(const std::string& toml, const std::string& name) {
  return sim::parse_study(toml, name, vtf::design_context());
}

std::string noise_off() {
  // Fixed values in [uncertainties] hold in every scenario; written as one table so tests stay
  // free to use the base tables ([operations], [states.X], ...) and to add lines after it.
  return R"(
[uncertainties]
"area.initial_uncertainty" = false
"donors.envelope_trend" = 0.0
"donors.envelope_volatility" = 0.0
"donors.shock_probability" = 0.0
"donors.allocation_volatility" = 0.0
"national.volatility" = 0.0
"national.priority_cut_probability" = 0.0
"operations.productivity_volatility" = 0.0
"security.level0.onset" = 0.0
"security.level0.recovery" = 0.0
"security.level1.onset" = 0.0
"security.level1.recovery" = 0.0
"security.level2.onset" = 0.0
"security.level2.recovery" = 0.0
"discovery.rate_per_year" = 0.0
"discovery.residual_rate_per_year" = 0.0
"extensions.grant_probability" = 1.0
"extensions.strict_grant_probability" = 1.0
)";
}

void MemorySink::write_block(const sim::BlockResults& block) {
  if (blocks_.empty()) first_ = block.first_replication;
  blocks_.push_back(block);
  count_ += block.count;
}

std::vector<double> MemorySink::outcome(std::size_t k, std::size_t s, std::size_t p) const {
  std::vector<double> out;
  for (const auto& b : blocks_) {
    const double* row = b.outcome_row(shape_, k, s, p);
    out.insert(out.end(), row, row + b.count);
  }
  return out;
}

std::vector<double> MemorySink::entity_outcome(std::size_t k, std::size_t s, std::size_t p) const {
  std::vector<double> out;
  for (const auto& b : blocks_) {
    const double* rows = b.entity_outcome_rows(shape_, k, s, p);
    out.insert(out.end(), rows, rows + b.count * shape_.entities);
  }
  return out;
}

RunOutput run(const vtf::VtfModel& model, std::uint64_t first, std::uint64_t replications,
              std::size_t threads, std::size_t block_size) {
  RunOutput out{sim::RunResult{}, MemorySink(sim::Shape::of(model))};
  sim::RunOptions o;
  o.first_replication = first;
  o.replications = replications;
  o.threads = threads;
  o.block_size = block_size;
  out.result = sim::run_monte_carlo(model, o, out.sink);
  return out;
}

bool same(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}

bool same(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i], b[i])) return false;
  }
  return true;
}

std::size_t state_index(const vtf::VtfModel& model, const std::string& name_or_iso3) {
  for (std::size_t i = 0; i < model.data().size(); ++i) {
    const auto& s = model.data()[i];
    if (s.name == name_or_iso3 || s.iso3 == name_or_iso3) return i;
  }
  throw std::logic_error("no State " + name_or_iso3);
}

}  // namespace test
