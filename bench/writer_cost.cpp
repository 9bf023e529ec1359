#include "bench/writer_cost.hpp"

#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "sim/engine/runner.hpp"
#include "sim/results/results_file.hpp"

namespace vtf::bench {
namespace {

// Keeps the one block a run of one block produces.
class KeepBlock : public sim::BlockSink {
 public:
  void write_block(const sim::BlockResults& block) override { block_ = block; }
  const sim::BlockResults& block() const { return block_; }

 private:
  sim::BlockResults block_;
};

// Seconds to write `replications` replications, block after block (copies of `block`), into
// a new results file, in an arena of `threads`.
double write_file(const VtfModel& model, const sim::Study& study, const sim::BlockResults& block,
                  std::uint64_t replications, const std::string& path, int threads) {
  std::filesystem::remove(path);
  sim::Provenance prov;
  prov.vtfsim_version = "bench";
  prov.model_spec_version = kModelSpecVersion;
  prov.replications_total = replications;
  sim::ResultsWriter writer(path, model.schema(), study, prov, 0, replications);
  sim::BlockResults b = block;
  tbb::task_arena arena(threads);
  const auto start = std::chrono::steady_clock::now();
  arena.execute([&] {
    for (std::uint64_t first = 0; first < replications; first += block.count) {
      b.first_replication = first;
      b.count =
          static_cast<std::size_t>(std::min<std::uint64_t>(block.count, replications - first));
      writer.write_block(b);
    }
    writer.flush();  // the rows still being filled
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  writer.close();
  std::filesystem::remove(path);
  return seconds;
}

}  // namespace

WriterMeasurement measure_writer(const VtfModel& model, const sim::Study& study,
                                 std::uint64_t replications, const std::string& dir) {
  const sim::Shape shape = sim::Shape::of(model);
  KeepBlock keep;
  sim::RunOptions o;
  o.replications = std::min<std::uint64_t>(replications, sim::default_block_size(shape, 1000));
  o.block_size = static_cast<std::size_t>(o.replications);
  o.threads = 1;
  const auto run = sim::run_monte_carlo(model, o, keep);
  const double cells = static_cast<double>(shape.scenarios * shape.policies);
  WriterMeasurement m;
  m.simulate = run.seconds.simulate / (cells * static_cast<double>(o.replications));
  const double runs = cells * static_cast<double>(replications);
  const std::string path = dir + "/writer_cost.h5";
  // The better of two tries of each, as the machine's noise only ever adds.
  for (int attempt = 0; attempt < 2; ++attempt) {
    const double one = write_file(model, study, keep.block(), replications, path, 1) / runs;
    const double two = write_file(model, study, keep.block(), replications, path, 2) / runs;
    m.one_thread = attempt == 0 ? one : std::min(m.one_thread, one);
    m.two_threads = attempt == 0 ? two : std::min(m.two_threads, two);
  }
  return m;
}

}  // namespace vtf::bench
