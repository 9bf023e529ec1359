#pragma once
// What the model tests share: studies from TOML text, noise switched off, and runs kept in
// memory.
#include <cstdint>
#include <string>
#include <vector>

#include "models/vtf_model.hpp"
#include "sim/engine/runner.hpp"
#include "sim/study/design.hpp"

namespace test {

// A study from scenario-file text (the model's registry and baseline).
sim::Study study_from(const std::string& toml, const std::string& name = "test.toml");

// An [uncertainties] table that switches every source of noise off (MODEL.md 8): the model
// reduces to its mean dynamics. More fixed uncertainties may follow it directly.
std::string noise_off();

// Keeps every block a run produces, in memory, in global replication order.
class MemorySink : public sim::BlockSink {
 public:
  explicit MemorySink(const sim::Shape& shape) : shape_(shape) {}
  void write_block(const sim::BlockResults& block) override;
  // Outcome k of (s, p) for each replication, in order.
  std::vector<double> outcome(std::size_t k, std::size_t s, std::size_t p) const;
  // Per-entity outcome k of (s, p): [replication][entity].
  std::vector<double> entity_outcome(std::size_t k, std::size_t s, std::size_t p) const;
  std::uint64_t first_replication() const { return first_; }
  std::size_t replications() const { return blocks_.size() ? count_ : 0; }

 private:
  sim::Shape shape_;
  std::vector<sim::BlockResults> blocks_;
  std::uint64_t first_ = 0;
  std::size_t count_ = 0;
};

struct RunOutput {
  sim::RunResult result;
  MemorySink sink;
};

// Runs `replications` replications from `first` on `threads` threads, in memory.
RunOutput run(const vtf::VtfModel& model, std::uint64_t first, std::uint64_t replications,
              std::size_t threads = 1, std::size_t block_size = 0);

// The index of a State of the model's data, by name or ISO3 code; throws if there is none.
std::size_t state_index(const vtf::VtfModel& model, const std::string& name_or_iso3);

// True if two doubles are the same bits, or both NaN.
bool same(double a, double b);
bool same(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace test
