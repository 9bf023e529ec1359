#pragma once
// The results file (INTERFACE.md "The results file"): HDF5, netCDF-4 compatible, every axis a
// dimension scale so xarray opens each group with named coordinates. Written by one thread:
// the layout at creation, each block of replications as it finishes, and the summaries at the
// end. The format is versioned (kResultsFormatVersion) and documented in docs/results-format.md.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/engine/runner.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/outcome_arrays.hpp"
#include "sim/stats/paired_stats.hpp"
#include "sim/study/design.hpp"

namespace sim {

// Version 2: the `scenario` coordinate holds the scenario names (version 1: their indices, with
// the names in /scenario_name). `vtfsim upgrade` converts a version-1 file.
inline constexpr std::int64_t kResultsFormatVersion = 2;
// The oldest version upgrade_results_file converts.
inline constexpr std::int64_t kOldestUpgradableVersion = 1;
// The `long_name` of the scenario coordinate in every group.
inline constexpr const char* kScenarioLongName = "scenario name";

struct Provenance {
  std::string vtfsim_version;
  std::string git_commit;
  std::string created_utc;
  std::string command_line;
  std::string model_spec_version;
  std::uint64_t replications_total = 0;  // of the study; a shard holds a block of them
  std::optional<std::pair<std::int64_t, std::int64_t>> shard;  // (k, n)
};

// Paired statistics of every policy against the baseline, per outcome, scenario and policy; as
// computed at the end of a run or read back from a file. The baseline's own row is NaN.
struct Comparison {
  std::vector<std::string> scenarios, policies, outcomes;
  std::vector<bool> sampled;            // [scenario]: a Latin hypercube point
  std::vector<Better> better;           // [outcome]
  std::vector<PairedSummary> cells;     // [outcome][scenario][policy]
  std::vector<double> cost_per_effect;  // [scenario][policy], NaN where no gain
  std::string cost_per_effect_name;
  std::uint64_t replications = 0;
  const PairedSummary& at(std::size_t k, std::size_t s, std::size_t p) const {
    return cells[(k * scenarios.size() + s) * policies.size() + p];
  }
  std::size_t outcome_index(const std::string& name) const;  // throws InputError
};

// Pairs every policy with the baseline, and computes the schema's cost per unit of effect (if
// it declares one): mean of the policy's cost outcome over its mean paired gain in the effect
// outcome, NaN when there is no gain.
Comparison summarize(const Accumulators& acc, const ModelSchema& schema, const Study& study);

// Each entity's part of the paired mean of `spec.outcome` (ModelSchema::decompositions),
// [scenario][policy][entity]: NaN for the baseline's own row. Throws std::logic_error if the spec
// names no trajectory or period of the schema.
std::vector<double> entity_parts(const Accumulators& acc, const ModelSchema& schema,
                                 const DecompositionSpec& spec, std::size_t scenarios,
                                 std::size_t policies);

class ResultsWriter : public BlockSink {
 public:
  // Creates `path` (which must not exist) with the full layout for replications
  // [first_replication, first_replication + replications). A `growing` file's replication axis
  // is unlimited, so a run that keeps adding replications (precision control) can extend it.
  ResultsWriter(const std::string& path, const ModelSchema& schema, const Study& study,
                const Provenance& provenance, std::uint64_t first_replication,
                std::uint64_t replications, bool growing = false);
  void write_block(const BlockResults& block) override;
  // Extends a growing file to `replications` in all (and the root attribute `replications`).
  void grow_to(std::uint64_t replications);
  // Reads back replications [first, first + count) of the per-replication outcomes written so
  // far, in the layout of a block (capacity = count), e.g. to save them in a checkpoint.
  BlockResults read_block(std::uint64_t first, std::size_t count) const;
  // Writes the comparison and trajectory summaries.
  void write_summaries(const Accumulators& acc, const Comparison& comparison);
  // Writes out the outcome arrays' rows of chunks still being filled (OutcomeArrays::flush).
  void flush() { arrays_.flush(); }
  // The root group, for a model's own extra groups (e.g. its calibration). Flushes first, so
  // that whatever reads the outcome arrays through the root sees every block written.
  h5::Group root() {
    flush();
    return file_.root();
  }
  // Closes the datasets, then the file. In that order: if closing the file fails (a full disk
  // at its final flush), no handle is left to close afterwards, which HDF5 1.10 would crash on.
  void close() {
    arrays_.close();
    replication_scales_.clear();
    file_.close();
  }

 private:
  h5::File file_;
  const ModelSchema& schema_;
  Shape shape_;
  std::uint64_t first_replication_;
  std::uint64_t replications_;
  OutcomeArrays arrays_;
  std::vector<h5::Dataset> replication_scales_;  // the root's and each group's copy (growing)
};

// Throws InputError unless `root` is that of a vtfsim results file of this format version, with
// the layout its coordinates imply (sim/results/results_schema.hpp).
void require_results_file(const h5::Group& root, const std::string& path);

// Converts the results file `input`, of an older format version, into this version's, written
// as `output` (through `<output>.partial`, renamed when complete; an existing `output` is
// replaced, so the caller decides whether it may be). `input` is only read, unless it is
// `output`. Throws InputError for a file that is not a results file, already of this version or
// too old to convert. Returns the version converted from.
std::int64_t upgrade_results_file(const std::string& input, const std::string& output);

// Reads the comparison back from a results file; throws InputError if it is not a vtfsim
// results file of this format version.
Comparison read_comparison(const std::string& path);

}  // namespace sim
