// `vtfsim merge SHARD.h5... -o OUT.h5`: joins the shard files of one study into the file a single
// run would have written. The per-replication outcomes are copied; the summaries are computed
// from the shards' exact Accumulators merged (sim/run/accumulator_codec.hpp), through the same code
// as the end of a run (app/run_summaries.hpp), so they are the same bits too.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "app/calibration_report.hpp"
#include "app/commands.hpp"
#include "app/comparison_table.hpp"
#include "app/output_file.hpp"
#include "app/run_summaries.hpp"
#include "app/run_support.hpp"
#include "models/parameters.hpp"
#include "models/vtf_model.hpp"
#include "sim/engine/errors.hpp"
#include "sim/engine/progress.hpp"
#include "sim/results/results_file.hpp"
#include "sim/run/piece_file.hpp"
#include "sim/study/scenario_file.hpp"

extern const char* const vtfsim_git_commit;

namespace vtf::app {
namespace {

// Every shard of one split, each once, each holding the replications its K/N says.
void check_complete_split(const std::vector<sim::Piece>& shards) {
  const sim::Piece& first = shards.front();
  const std::int64_t n = first.identity.shard->second;
  std::map<std::int64_t, const sim::Piece*> by_k;
  for (const auto& p : shards) {
    const auto [k, pn] = *p.identity.shard;
    if (pn != n) {
      throw sim::InputError(fmt::format(
          "cannot merge: {} is shard {}/{} but {} is shard {}/{}; all shards must come from the "
          "same --shard K/N split",
          p.path, k, pn, first.path, first.identity.shard->first, n));
    }
    if (const auto [it, fresh] = by_k.emplace(k, &p); !fresh) {
      throw sim::InputError(fmt::format("cannot merge: shard {}/{} is given twice ({} and {})", k,
                                        n, it->second->path, p.path));
    }
    const ShardRange expected = parse_shard(fmt::format("{}/{}", k, n),
                                            static_cast<std::uint64_t>(p.identity.replications));
    if (p.first != expected.first || p.count != expected.count) {
      throw sim::InputError(fmt::format(
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
    throw sim::InputError(fmt::format("cannot merge: missing shard{} {}; give all {} shard files",
                                      missing.size() > 1 ? "s" : "", fmt::join(missing, ", "), n));
  }
}

}  // namespace

int merge(const MergeOptions& o) {
  if (o.shards.empty()) throw sim::InputError("merge: give the shard files to join");
  std::vector<sim::Piece> shards;
  for (const auto& path : o.shards) {
    if (!std::filesystem::is_regular_file(path))
      throw sim::InputError(fmt::format("{}: no such file", path));
    sim::Piece p = sim::read_piece(path);
    if (!p.identity.shard) {
      throw sim::InputError(
          fmt::format("{}: not a shard file (no 'shard' attribute); merge joins files written by "
                      "vtfsim run --shard K/N",
                      path));
    }
    shards.push_back(std::move(p));
  }
  const sim::Piece& first = shards.front();
  for (const auto& p : shards) {
    const std::string diff =
        sim::identity_difference(p.identity, p.path, first.identity, first.path, false);
    if (!diff.empty()) {
      throw sim::InputError(fmt::format(
          "cannot merge: {}; shards must come from one study (same scenario file, seed, "
          "replications and vtfsim build)",
          diff));
    }
  }
  check_complete_split(shards);
  if (first.identity.vtfsim_version != VTFSIM_VERSION ||
      first.identity.git_commit != vtfsim_git_commit) {
    throw sim::InputError(fmt::format(
        "the shards were simulated by vtfsim {} (commit {}), this is vtfsim {} (commit {}); "
        "merge them with the build that ran them",
        first.identity.vtfsim_version, first.identity.git_commit, VTFSIM_VERSION,
        vtfsim_git_commit));
  }
  std::sort(shards.begin(), shards.end(),
            [](const sim::Piece& a, const sim::Piece& b) { return a.first < b.first; });

  // The study, rebuilt from the text the shards ran, with their seed and replication count.
  const std::string scenario_path = [&] {
    const sim::h5::File f = sim::h5::File::open_read(first.path);
    return f.root().string_attribute("scenario_path").value_or(first.path);
  }();
  // The seed before the design is expanded: a Latin hypercube is drawn from it.
  sim::DesignContext context = design_context();
  context.seed_override = static_cast<std::uint64_t>(first.identity.seed);
  sim::Study study = sim::parse_study(first.identity.scenario_toml, scenario_path, context);
  study.replications = static_cast<std::uint64_t>(first.identity.replications);
  const VtfModel model(study);
  const sim::Shape shape = sim::Shape::of(model);

  OutputFile output(o.output_path, o.force, false);
  const sim::Provenance prov = provenance_now(o.command_line, study.replications);
  sim::ResultsWriter writer(output.temp_path(), model.schema(), study, prov, 0, study.replications);
  write_calibration(writer.root(), model);

  sim::Accumulators totals(shape, model.schema());
  sim::Progress progress("replications", study.replications,
                         o.quiet ? sim::Progress::Mode::kQuiet : sim::Progress::Mode::kAuto);
  for (const auto& p : shards) {
    sim::absorb_piece(p, model.schema(), shape, writer, totals);
    progress.update(totals.replications());
  }
  progress.finish();
  const sim::Comparison comparison = write_run_summaries(writer, totals, model, study);
  writer.close();
  output.commit();
  print_table(stdout, comparison);
  print_plain_summary(stdout, output.final_path(), comparison);
  if (!o.quiet) {
    fmt::print(stderr, "\nmerged {} shards ({} replications) into {}\n", shards.size(),
               study.replications, output.final_path());
  }
  return sim::kExitOk;
}

}  // namespace vtf::app
