#include "sim/run/merge.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "sim/engine/errors.hpp"
#include "sim/engine/progress.hpp"
#include "sim/run/interrupt.hpp"
#include "sim/run/output_file.hpp"
#include "sim/run/run_summaries.hpp"
#include "sim/run/same_file.hpp"
#include "sim/run/shard.hpp"

namespace sim {
namespace {

void check_same_study(const std::vector<Piece>& shards) {
  const Piece& first = shards.front();
  for (const auto& p : shards) {
    const std::string diff =
        identity_difference(p.identity, p.path, first.identity, first.path, false);
    if (!diff.empty()) {
      throw InputError(fmt::format(
          "cannot merge: {}; shards must come from one study (same scenario file, seed, "
          "replications and vtfsim build)",
          diff));
    }
  }
}

// Every shard of one split, each once, each holding the replications its K/N says.
void check_complete_split(const std::vector<Piece>& shards) {
  const Piece& first = shards.front();
  const std::int64_t n = first.identity.shard->second;
  std::map<std::int64_t, const Piece*> by_k;
  for (const auto& p : shards) {
    const auto [k, pn] = *p.identity.shard;
    if (pn != n) {
      throw InputError(fmt::format(
          "cannot merge: {} is shard {}/{} but {} is shard {}/{}; all shards must come from the "
          "same --shard K/N split",
          p.path, k, pn, first.path, first.identity.shard->first, n));
    }
    if (const auto [it, fresh] = by_k.emplace(k, &p); !fresh) {
      throw InputError(fmt::format("cannot merge: shard {}/{} is given twice ({} and {})", k, n,
                                   it->second->path, p.path));
    }
    const ShardRange expected = parse_shard(fmt::format("{}/{}", k, n),
                                            static_cast<std::uint64_t>(p.identity.replications));
    if (p.first != expected.first || p.count != expected.count) {
      throw InputError(fmt::format(
          "cannot merge: {} holds replications {}-{}, but shard {}/{} of {} replications is {}-{}",
          p.path, p.first, p.first + p.count - 1, k, n, p.identity.replications, expected.first,
          expected.first + expected.count - 1));
    }
  }
  std::vector<std::string> missing;
  for (std::int64_t k = 1; k <= n; ++k) {
    if (!by_k.contains(k)) missing.push_back(fmt::format("{}/{}", k, n));
  }
  if (!missing.empty()) {
    throw InputError(fmt::format("cannot merge: missing shard{} {}; give all {} shard files",
                                 missing.size() > 1 ? "s" : "", fmt::join(missing, ", "), n));
  }
}

Piece read_shard(const std::string& path) {
  if (!std::filesystem::is_regular_file(path))
    throw InputError(fmt::format("{}: no such file", path));
  Piece p = read_piece(path);
  if (!p.identity.shard) {
    throw InputError(
        fmt::format("{}: not a shard file (no 'shard' attribute); merge joins files written by "
                    "vtfsim run --shard K/N",
                    path));
  }
  return p;
}

}  // namespace

ShardSet read_shards(const std::vector<std::string>& paths, const std::string& version,
                     const std::string& git_commit) {
  if (paths.empty()) throw InputError("merge: give the shard files to join");
  ShardSet set;
  for (const auto& path : paths)
    set.shards.push_back(read_shard(path));
  check_same_study(set.shards);
  check_complete_split(set.shards);
  const StudyIdentity& id = set.identity();
  if (id.vtfsim_version != version || id.git_commit != git_commit) {
    throw InputError(fmt::format(
        "the shards were simulated by vtfsim {} (commit {}), this is vtfsim {} (commit {}); "
        "merge them with the build that ran them",
        id.vtfsim_version, id.git_commit, version, git_commit));
  }
  std::sort(set.shards.begin(), set.shards.end(),
            [](const Piece& a, const Piece& b) { return a.first < b.first; });
  const h5::File f = h5::File::open_read(set.shards.front().path);
  set.scenario_path = f.root().string_attribute("scenario_path").value_or(set.shards.front().path);
  return set;
}

Comparison merge_shards(const Model& model, const Study& study, const ShardSet& set,
                        const MergeRequest& request) {
  const Shape shape = Shape::of(model);
  std::vector<std::string> inputs;
  for (const auto& p : set.shards)
    inputs.push_back(p.path);
  refuse_input_as_output(request.output_path, inputs, "the shard");
  OutputFile output(request.output_path, request.force, false, OutputLock(request.output_path));
  ResultsWriter writer(output.temp_path(), model.schema(), study, request.provenance, 0,
                       study.replications);
  if (request.write_model_groups) {
    h5::Group root = writer.root();
    request.write_model_groups(root);
  }

  Accumulators totals(shape, model.schema());
  Progress progress("replications", study.replications,
                    request.quiet ? Progress::Mode::kQuiet : Progress::Mode::kAuto);
  for (const auto& p : set.shards) {
    absorb_piece(p, model.schema(), shape, writer, totals);
    progress.update(totals.replications());
  }
  progress.finish();
  Comparison comparison = write_run_summaries(writer, totals, model.schema(), study);
  hold_for_test("final-write");
  writer.close();
  if (request.write_final_groups) request.write_final_groups(output.temp_path(), comparison);
  output.commit();
  return comparison;
}

}  // namespace sim
