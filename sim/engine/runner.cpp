#include "sim/engine/runner.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <future>
#include <limits>
#include <stdexcept>

namespace sim {

Shape Shape::of(const Model& model) {
  const auto& schema = model.schema();
  Shape s;
  s.scenarios = model.scenario_count();
  s.policies = model.policy_count();
  s.entities = schema.entity_names.size();
  s.periods = schema.periods.size();
  s.outcomes = schema.outcomes.size();
  s.entity_outcomes = schema.entity_outcomes.size();
  s.trajectories = schema.trajectories.size();
  s.series = schema.series.size();
  return s;
}

namespace {
constexpr std::size_t kNoSketch = std::numeric_limits<std::size_t>::max();
}

Accumulators::Accumulators(const Shape& shape, const ModelSchema& schema) : shape_(shape) {
  const std::size_t cells = shape.outcomes * shape.scenarios * shape.policies;
  outcome_.resize(cells);
  paired_.resize(cells);
  const std::size_t per_trajectory =
      shape.scenarios * shape.policies * shape.entities * shape.periods;
  trajectory_.resize(shape.trajectories * per_trajectory);
  series_.resize(shape.series * shape.scenarios * shape.policies * shape.periods);
  std::size_t sketches = 0;
  for (const auto& t : schema.trajectories) {
    sketch_offset_.push_back(t.quantiles ? sketches : kNoSketch);
    if (t.quantiles) sketches += per_trajectory;
  }
  sketches_.resize(sketches);
}

const QuantileSketch* Accumulators::trajectory_sketch(std::size_t k, std::size_t cell) const {
  if (sketch_offset_[k] == kNoSketch) return nullptr;
  const std::size_t per_trajectory =
      shape_.scenarios * shape_.policies * shape_.entities * shape_.periods;
  return &sketches_[sketch_offset_[k] + (cell - k * per_trajectory)];
}

void Accumulators::add_block(const BlockResults& block, const ModelSchema& schema) {
  const Shape& sh = shape_;
  for (std::size_t k = 0; k < sh.outcomes; ++k) {
    const Better better = schema.outcomes[k].better;
    for (std::size_t s = 0; s < sh.scenarios; ++s) {
      const double* base = block.outcome_row(sh, k, s, 0);
      for (std::size_t p = 0; p < sh.policies; ++p) {
        const double* row = block.outcome_row(sh, k, s, p);
        auto& level = outcome_[(k * sh.scenarios + s) * sh.policies + p];
        auto& paired = paired_[(k * sh.scenarios + s) * sh.policies + p];
        for (std::size_t b = 0; b < block.count; ++b) {
          if (row[b] == row[b]) level.add(row[b]);
          if (p > 0) paired.add(row[b], base[b], better);
        }
      }
    }
  }
  // Each (trajectory, scenario, policy) folds its own cells, so they run in parallel; integer
  // sums make the result independent of the split. The block holds, per replication, a
  // contiguous row of entities x periods.
  const std::size_t row = sh.entities * sh.periods;
  const std::size_t per_trajectory = sh.scenarios * sh.policies * row;
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, sh.trajectories * sh.scenarios * sh.policies, 1),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t ksp = range.begin(); ksp != range.end(); ++ksp) {
          const std::size_t k = ksp / (sh.scenarios * sh.policies);
          ExactSum* sums = trajectory_.data() + ksp * row;
          QuantileSketch* sketches =
              sketch_offset_[k] == kNoSketch
                  ? nullptr
                  : sketches_.data() + sketch_offset_[k] + ksp * row - k * per_trajectory;
          for (std::size_t b = 0; b < block.count; ++b) {
            const double* values = block.trajectories.data() + (ksp * block.capacity + b) * row;
            for (std::size_t c = 0; c < row; ++c)
              sums[c].add(values[c]);
            if (sketches != nullptr) {
              for (std::size_t c = 0; c < row; ++c)
                sketches[c].add(values[c]);
            }
          }
        }
      });

  // Series: [k][s][p] rows of periods per replication, folded in replication order.
  for (std::size_t ksp = 0; ksp < sh.series * sh.scenarios * sh.policies; ++ksp) {
    ExactSum* sums = series_.data() + ksp * sh.periods;
    for (std::size_t b = 0; b < block.count; ++b) {
      const double* values = block.series.data() + (ksp * block.capacity + b) * sh.periods;
      for (std::size_t y = 0; y < sh.periods; ++y)
        sums[y].add(values[y]);
    }
  }

  replications_ += block.count;
}

void Accumulators::merge(const Accumulators& o) {
  for (std::size_t i = 0; i < outcome_.size(); ++i) {
    outcome_[i].merge(o.outcome_[i]);
    paired_[i].merge(o.paired_[i]);
  }
  for (std::size_t i = 0; i < trajectory_.size(); ++i)
    trajectory_[i].merge(o.trajectory_[i]);
  for (std::size_t i = 0; i < series_.size(); ++i)
    series_[i].merge(o.series_[i]);
  for (std::size_t i = 0; i < sketches_.size(); ++i)
    sketches_[i].merge(o.sketches_[i]);
  replications_ += o.replications_;
}

std::size_t Accumulators::bytes() const {
  std::size_t n = outcome_.size() * sizeof(ExactMoments) +
                  paired_.size() * sizeof(PairedAccumulator) +
                  trajectory_.size() * sizeof(ExactSum) + series_.size() * sizeof(ExactSum) +
                  sketches_.size() * sizeof(QuantileSketch);
  for (const auto& s : sketches_)
    n += s.bytes();
  return n;
}

std::size_t default_block_size(const Shape& shape, std::uint64_t replications) {
  constexpr std::size_t kBudgetBytes = std::size_t{64} << 20;
  const std::size_t per_rep =
      std::max<std::size_t>(1, shape.doubles_per_replication() * sizeof(double));
  const std::size_t fit = std::clamp<std::size_t>(kBudgetBytes / per_rep, 1, 256);
  return static_cast<std::size_t>(
      std::min<std::uint64_t>(fit, std::max<std::uint64_t>(replications, 1)));
}

RunResult run_monte_carlo(const Model& model, const RunOptions& options, BlockSink& sink) {
  const Shape sh = Shape::of(model);
  const ModelSchema& schema = model.schema();
  const std::size_t block_size =
      options.block_size > 0 ? options.block_size : default_block_size(sh, options.replications);

  RunResult result;
  result.accumulators = Accumulators(sh, schema);

  const int threads =
      options.threads > 0 ? static_cast<int>(options.threads) : tbb::task_arena::automatic;
  tbb::task_arena arena(threads);
  tbb::enumerable_thread_specific<std::unique_ptr<Workspace>> workspaces(
      [&] { return model.make_workspace(); });

  // Two block buffers: while one is written to the sink on a helper thread, the next block is
  // simulated into the other. Only one write is in flight, so the sink (HDF5, which must not be
  // called concurrently) is only ever called by one thread at a time.
  std::array<BlockResults, 2> buffers;
  for (auto& b : buffers) {
    b.capacity = block_size;
    b.outcomes.assign(sh.outcomes * sh.scenarios * sh.policies * block_size, 0.0);
    b.entity_outcomes.assign(
        sh.entity_outcomes * sh.scenarios * sh.policies * block_size * sh.entities, 0.0);
    b.trajectories.assign(
        sh.trajectories * sh.scenarios * sh.policies * sh.entities * sh.periods * block_size, 0.0);
    b.series.assign(sh.series * sh.scenarios * sh.policies * sh.periods * block_size, 0.0);
  }
  std::future<double> writing;  // the write in flight; yields its duration
  const auto finish_write = [&] {
    if (writing.valid()) result.seconds.write += writing.get();  // rethrows the sink's errors
  };

  using seconds = std::chrono::duration<double>;
  const std::uint64_t end = options.first_replication + options.replications;
  std::size_t index = 0;
  for (std::uint64_t first = options.first_replication; first < end; first += block_size, ++index) {
    if (options.stop != nullptr && options.stop->load()) {
      finish_write();
      result.status = RunStatus::kStopped;
      return result;
    }
    BlockResults& block = buffers[index % 2];
    block.first_replication = first;
    block.count = static_cast<std::size_t>(std::min<std::uint64_t>(block_size, end - first));
    const std::size_t tasks = sh.scenarios * block.count;
    const auto t0 = std::chrono::steady_clock::now();
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, tasks, 1),
                        [&](const tbb::blocked_range<std::size_t>& r) {
                          Workspace& ws = *workspaces.local();
                          for (std::size_t task = r.begin(); task != r.end(); ++task) {
                            // Replication-major: a thread's consecutive tasks share a
                            // replication, so a model can reuse per-replication work across
                            // scenarios (results cannot depend on it: replications are pure).
                            const std::size_t slot = task / sh.scenarios;
                            const std::size_t s = task % sh.scenarios;
                            ReplicationOutput out(
                                block.outcomes.data(), block.entity_outcomes.data(),
                                block.trajectories.data(), block.series.data(), sh.scenarios,
                                sh.policies, sh.entities, sh.periods, block.capacity, s, slot);
                            model.simulate(s, first + slot, ws, out);
                          }
                        });
      result.accumulators.add_block(block, schema);
    });
    const auto t1 = std::chrono::steady_clock::now();
    result.seconds.simulate += seconds(t1 - t0).count();
    finish_write();  // the previous block, so at most one write is in flight
    writing = std::async(std::launch::async, [&sink, &block, &arena] {
      const auto start = std::chrono::steady_clock::now();
      // In the run's arena, so that a sink that compresses on worker threads uses the run's
      // threads and no more.
      arena.execute([&] { sink.write_block(block); });
      return seconds(std::chrono::steady_clock::now() - start).count();
    });
    result.replications_done += block.count;
    if (options.on_block) options.on_block(result.replications_done, options.replications);
  }
  finish_write();
  return result;
}

}  // namespace sim
