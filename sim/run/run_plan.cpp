#include "sim/run/run_plan.hpp"

#include <fmt/format.h>

#include <cstring>
#include <filesystem>

#include "sim/engine/errors.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"
#include "sim/run/same_file.hpp"

namespace sim {
namespace {

// With --resume and the results file already in place (a job run again after it finished):
// whether that file is this run's complete result. Another study's file is an error.
bool complete_result_of(const std::string& path, const StudyIdentity& identity) {
  try {
    h5::File file = h5::File::open_read(path);
    const h5::Group root = file.root();
    require_results_file(root, path);
    const auto found = StudyIdentity::read(root, path);
    const std::string diff = identity_difference(found, path, identity, "this command", true);
    if (!diff.empty()) {
      throw InputError(fmt::format(
          "output file {} already exists and is not this run's result ({}); use --force to "
          "replace it, or -o for another name",
          path, diff));
    }
    return root.has("comparison");
  } catch (const h5::Error& e) {
    throw InputError(fmt::format(
        "output file {} already exists and cannot be read ({}); use --force to replace it", path,
        e.what()));
  }
}

RunPlan plan_locked(const PlanInputs& in, Checkpoint& checkpoint, bool had_checkpoint,
                    std::optional<OutputFile>& output, OutputLock lock) {
  RunPlan plan;
  if (in.resume && !in.force && std::filesystem::exists(in.out_path) &&
      complete_result_of(in.out_path, in.identity)) {
    plan.already_complete = true;
    checkpoint.remove();  // e.g. left by a run killed between its rename and its clean-up
    return plan;
  }
  if (had_checkpoint && checkpoint.has_segments() && in.resume) {
    SavedWork saved = checkpoint.saved(in.identity);
    plan.restored = std::move(saved.segments);
    plan.restored_statistics = saved.statistics;
    std::vector<std::string> inputs;
    for (const auto& piece : plan.restored)
      inputs.push_back(piece.path);
    refuse_input_as_output(in.out_path, inputs, "the checkpoint segment");
    if (!saved.statistics.empty())
      refuse_input_as_output(in.out_path, {saved.statistics}, "the checkpoint's statistics");
    if (saved.dropped > 0 && in.say) {
      fmt::print(stderr,
                 "vtfsim: {} replications saved after the checkpoint's last statistics are "
                 "simulated again\n",
                 saved.dropped);
    }
  }
  output.emplace(in.out_path, in.force, in.create_directory, std::move(lock));
  if (had_checkpoint && checkpoint.has_segments()) {
    if (in.resume) {
    } else if (in.force) {
      checkpoint.clear();
    } else {
      throw InputError(fmt::format(
          "{} holds the finished work of an interrupted run: add --resume to finish it, or "
          "--force to discard it and start over",
          checkpoint.dir()));
    }
  } else if (in.resume && in.say) {
    fmt::print(stderr, "vtfsim: nothing to resume in {}: starting from the beginning\n",
               checkpoint.dir());
  }
  plan.work = missing_intervals(plan.restored, in.all);
  const std::uint64_t todo = total_count(plan.work);
  const auto ranks = static_cast<std::uint64_t>(in.ranks);
  plan.block_size =
      in.block_size > 0 ? in.block_size : default_block_size(in.shape, (todo + ranks - 1) / ranks);
  return plan;
}

}  // namespace

std::uint64_t RunPlan::restored_count() const {
  std::uint64_t n = 0;
  for (const auto& p : restored)
    n += p.count;
  return n;
}

std::vector<std::uint8_t> RunPlan::encode() const {
  std::vector<std::uint64_t> words = {already_complete ? 1u : 0u, block_size, work.size()};
  for (const auto& w : work) {
    words.push_back(w.first);
    words.push_back(w.count);
  }
  std::vector<std::uint8_t> bytes(words.size() * sizeof(std::uint64_t));
  std::memcpy(bytes.data(), words.data(), bytes.size());
  return bytes;
}

RunPlan RunPlan::decode(const std::vector<std::uint8_t>& bytes) {
  std::vector<std::uint64_t> words(bytes.size() / sizeof(std::uint64_t));
  std::memcpy(words.data(), bytes.data(), words.size() * sizeof(std::uint64_t));
  RunPlan p;
  p.already_complete = words.at(0) != 0;
  p.block_size = words.at(1);
  for (std::size_t i = 0; i < words.at(2); ++i)
    p.work.push_back({words.at(3 + 2 * i), words.at(4 + 2 * i)});
  return p;
}

RunPlan plan_run(const PlanInputs& in, Checkpoint& checkpoint, std::optional<OutputFile>& output) {
  // The checkpoint lives beside the results file, in its directory.
  refuse_input_as_output(in.out_path, {in.scenario_path}, "the scenario file");
  OutputFile::prepare_directory(in.out_path, in.create_directory);
  OutputLock lock(in.out_path);  // before the checkpoint's, so a second writer hears of the output
  const bool had_checkpoint = checkpoint.exists();
  checkpoint.lock();
  try {
    return plan_locked(in, checkpoint, had_checkpoint, output, std::move(lock));
  } catch (...) {
    if (!checkpoint.has_segments()) checkpoint.remove();
    throw;
  }
}

}  // namespace sim
