#pragma once
// What identifies a study's results across files (shards, checkpoint segments, a finished
// results file): the root attributes that must agree for pieces to be joined or a run resumed.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"
#include "sim/study/design.hpp"

namespace sim {

// What must agree for pieces to be parts of one study: the scenario text, seed and replication
// count, the build that simulated them and the file format. The shard is compared separately.
struct StudyIdentity {
  std::string scenario_toml;
  std::int64_t seed = 0;
  std::int64_t replications = 0;
  std::string vtfsim_version, git_commit, model_spec_version;
  std::int64_t results_format_version = 0;
  std::optional<std::pair<std::int64_t, std::int64_t>> shard;  // (k, n)

  static StudyIdentity of(const Study& study, const Provenance& provenance);
  // From a file's root attributes; throws InputError naming `path` if one is missing.
  static StudyIdentity read(const h5::Group& root, const std::string& path);
  void write(h5::Group& root) const;
};

// The first way in which `a` (described as `a_name`) and `b` differ, as a phrase such as
// "seed 42 in a.h5, 43 in b.h5"; empty when they agree. Shards are compared if `with_shard`.
std::string identity_difference(const StudyIdentity& a, const std::string& a_name,
                                const StudyIdentity& b, const std::string& b_name, bool with_shard);

}  // namespace sim
