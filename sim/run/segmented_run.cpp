#include "sim/run/segmented_run.hpp"

#include <chrono>

namespace sim {
namespace {

class Forward : public BlockSink {
 public:
  explicit Forward(SegmentSink& sink) : sink_(sink) {}
  void write_block(const BlockResults& block) override { sink_.block(block); }

 private:
  SegmentSink& sink_;
};

}  // namespace

SegmentedRunResult run_in_segments(const Model& model, const SegmentedRunOptions& options,
                                   SegmentSink& sink) {
  using clock = std::chrono::steady_clock;
  SegmentedRunResult result;
  const auto interrupted = [&] {
    return options.interrupt != nullptr && options.interrupt->load();
  };
  const double every = options.checkpoint_every;
  bool told_slow = false;
  for (const Interval& interval : options.work) {
    std::uint64_t next = interval.first;
    while (next < interval.end()) {
      if (interrupted()) {
        result.status = RunStatus::kStopped;
        return result;
      }
      const auto started = clock::now();
      std::atomic<bool> stop{false};
      bool due = false;  // the checkpoint interval has elapsed
      RunOptions ro;
      ro.first_replication = next;
      ro.replications = interval.end() - next;
      ro.threads = options.threads;
      ro.block_size = options.block_size;
      ro.stop = &stop;
      const std::uint64_t before = result.replications_done;
      ro.on_block = [&](std::uint64_t done, std::uint64_t) {
        if (options.on_progress) options.on_progress(before + done);
        const double age = std::chrono::duration<double>(clock::now() - started).count();
        due = every >= 0 && age >= every;
        if (due || interrupted()) stop.store(true);
      };
      Forward forward(sink);
      RunResult r = run_monte_carlo(model, ro, forward);
      result.seconds.simulate += r.seconds.simulate;
      result.seconds.write += r.seconds.write;
      result.replications_done += r.replications_done;
      const bool finished = next + r.replications_done == interval.end();
      const bool last = finished && &interval == &options.work.back();
      // The last segment is saved only if its interval elapsed (or others may follow): once the
      // work is done, the results file follows at once, and a crash while writing it costs at
      // most that interval. Every other one is saved, so the checkpoint's statistics can be the
      // run's totals.
      const bool commit = r.replications_done > 0 && (due || !last || options.save_last);
      const auto saving = clock::now();
      sink.end_segment(next, r.replications_done, r.accumulators, commit);
      // The interval is kept even when a save outlasts it (a kill must never lose more than
      // was promised); the user is told once, so a too-short interval can be chosen longer.
      const double cost = std::chrono::duration<double>(clock::now() - saving).count();
      if (commit && every > 0 && cost > every && !told_slow && options.on_slow_save) {
        options.on_slow_save(cost);
        told_slow = true;
      }
      next += r.replications_done;
      if (interrupted() && !last) {
        result.status = RunStatus::kStopped;
        return result;
      }
    }
  }
  return result;
}

}  // namespace sim
