// `vtfsim merge SHARD.h5... -o OUT.h5`: the study rebuilt from the text its shards ran, then
// joined by the engine (sim/run/merge.hpp) into the file a single run would have written.
#include <fmt/format.h>

#include "app/commands.hpp"
#include "app/run_support.hpp"
#include "models/calibration_output.hpp"
#include "models/funding_gap_output.hpp"
#include "models/future_inputs.hpp"
#include "models/parameters.hpp"
#include "models/vtf_model.hpp"
#include "questions/findings.hpp"
#include "sim/engine/errors.hpp"
#include "sim/run/merge.hpp"
#include "sim/study/scenario_file.hpp"
#include "views/comparison_table.hpp"

extern const char* const vtfsim_git_commit;

namespace vtf::app {

using namespace views;  // the text forms of the results (views/)

int merge(const MergeOptions& o) {
  const sim::ShardSet set = sim::read_shards(o.shards, VTFSIM_VERSION, vtfsim_git_commit);
  const sim::StudyIdentity& id = set.identity();
  // The seed before the design is expanded: a Latin hypercube is drawn from it.
  sim::DesignContext context = design_context();
  context.seed_override = static_cast<std::uint64_t>(id.seed);
  sim::Study study = sim::parse_study(id.scenario_toml, set.scenario_path, context);
  study.replications = static_cast<std::uint64_t>(id.replications);
  const VtfModel model(study);

  sim::MergeRequest request;
  request.output_path = o.output_path;
  request.force = o.force;
  request.quiet = o.quiet;
  request.provenance = provenance_now(o.command_line, study.replications);
  request.write_model_groups = [&](sim::h5::Group& root) { write_calibration(root, model); };
  // /funding_gap and /findings, as a run writes them.
  request.write_final_groups = [&](const std::string& path, const sim::Comparison& c) {
    add_future_inputs(path, model);
    add_funding_gap(path, model, study);
    questions::add_findings(path, c);
  };
  const sim::Comparison comparison = sim::merge_shards(model, study, set, request);

  print_table(stdout, comparison);
  print_plain_summary(stdout, o.output_path, comparison);
  if (!o.quiet) {
    fmt::print(stderr, "\nmerged {} shards ({} replications) into {}\n", set.shards.size(),
               study.replications, o.output_path);
  }
  return sim::kExitOk;
}

}  // namespace vtf::app
