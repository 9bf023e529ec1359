// sim::run_monte_carlo and sim::Accumulators on a tiny fake model: blocks, the stop flag, the
// fixed-order reduction, and results independent of threads, block size and sharding.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "sim/engine/runner.hpp"
#include "unit/engine_fakes.hpp"

using sim::Accumulators;
using sim::RunOptions;
using sim::RunResult;
using sim::RunStatus;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

struct Run {
  RunResult result;
  fake::RecordingSink sink;
};

Run run(const fake::Model& model, std::uint64_t first, std::uint64_t replications,
        std::size_t threads, std::size_t block_size) {
  Run r;
  RunOptions o;
  o.first_replication = first;
  o.replications = replications;
  o.threads = threads;
  o.block_size = block_size;
  r.result = sim::run_monte_carlo(model, o, r.sink);
  return r;
}

// Every summary of two accumulators is the same to the bit.
void check_identical(const Accumulators& a, const Accumulators& b, const fake::Model& model) {
  const sim::Shape sh = sim::Shape::of(model);
  const auto& schema = model.schema();
  REQUIRE(a.replications() == b.replications());
  for (std::size_t k = 0; k < sh.outcomes; ++k) {
    for (std::size_t s = 0; s < sh.scenarios; ++s) {
      for (std::size_t p = 0; p < sh.policies; ++p) {
        REQUIRE(a.outcome(k, s, p).n == b.outcome(k, s, p).n);
        REQUIRE(a.outcome(k, s, p).sum.raw() == b.outcome(k, s, p).sum.raw());
        REQUIRE(a.outcome(k, s, p).sum_sq.raw() == b.outcome(k, s, p).sum_sq.raw());
        const auto x = a.paired(k, s, p).summary(schema.outcomes[k].better);
        const auto y = b.paired(k, s, p).summary(schema.outcomes[k].better);
        REQUIRE(x.n == y.n);
        REQUIRE(same_bits(x.mean, y.mean));
        REQUIRE(same_bits(x.std_error, y.std_error));
        REQUIRE(same_bits(x.p_better, y.p_better));
      }
    }
  }
  for (std::size_t k = 0; k < sh.trajectories; ++k) {
    for (std::size_t s = 0; s < sh.scenarios; ++s) {
      for (std::size_t p = 0; p < sh.policies; ++p) {
        for (std::size_t e = 0; e < sh.entities; ++e) {
          for (std::size_t y = 0; y < sh.periods; ++y) {
            const std::size_t cell = a.trajectory_cell(k, s, p, e, y);
            REQUIRE(same_bits(a.trajectory_mean(cell), b.trajectory_mean(cell)));
            const auto* qa = a.trajectory_sketch(k, cell);
            const auto* qb = b.trajectory_sketch(k, cell);
            REQUIRE((qa == nullptr) == (qb == nullptr));
            if (qa != nullptr) {
              for (const double q : {0.05, 0.5, 0.95})
                REQUIRE(same_bits(qa->quantile(q), qb->quantile(q)));
            }
          }
        }
      }
    }
  }
}

// Every raw value the sink received is the same to the bit, in global replication order.
void check_same_blocks(const fake::RecordingSink& a, const fake::RecordingSink& b,
                       const fake::Model& model) {
  const sim::Shape sh = sim::Shape::of(model);
  for (std::size_t k = 0; k < sh.outcomes; ++k) {
    for (std::size_t s = 0; s < sh.scenarios; ++s) {
      for (std::size_t p = 0; p < sh.policies; ++p) {
        const auto x = a.outcome(sh, k, s, p), y = b.outcome(sh, k, s, p);
        REQUIRE(x.size() == y.size());
        for (std::size_t i = 0; i < x.size(); ++i)
          REQUIRE(same_bits(x[i], y[i]));
      }
    }
  }
}

}  // namespace

TEST_CASE("The shape of a run comes from the model", "[runner]") {
  const fake::Model model(2, 3);
  const sim::Shape sh = sim::Shape::of(model);
  CHECK(sh.scenarios == 2);
  CHECK(sh.policies == 3);
  CHECK(sh.entities == 3);
  CHECK(sh.periods == 4);
  CHECK(sh.outcomes == 3);
  CHECK(sh.entity_outcomes == 1);
  CHECK(sh.trajectories == 2);
  CHECK(sh.doubles_per_replication() == 2 * 3 * (3 + 1 * 3 + 2 * 3 * 4));
  CHECK(model.schema().outcome_index("spend") == 1);
  CHECK_THROWS_WITH(model.schema().outcome_index("spnd"),
                    "unknown outcome 'spnd'; did you mean 'spend'?");
  CHECK_THROWS_AS(model.schema().outcome_index("nothing"), sim::InputError);
}

TEST_CASE("Default blocks fit the memory budget and never exceed the run", "[runner]") {
  const sim::Shape small = sim::Shape::of(fake::Model(1, 2));
  CHECK(sim::default_block_size(small, 1'000'000) == 256);  // capped
  CHECK(sim::default_block_size(small, 10) == 10);          // no bigger than the run
  CHECK(sim::default_block_size(small, 0) == 1);
  sim::Shape huge = small;
  huge.entities = 100'000;
  huge.periods = 1000;  // 2 x 2 x 100e6 doubles a replication: far over 64 MiB
  CHECK(sim::default_block_size(huge, 1000) == 1);
  sim::Shape medium = small;
  medium.entities = 1000;
  medium.periods = 100;  // 1.6 MB a replication: 40 fit in 64 MiB
  const std::size_t per_rep = medium.doubles_per_replication() * sizeof(double);
  CHECK(sim::default_block_size(medium, 1000) == (std::size_t{64} << 20) / per_rep);
}

TEST_CASE("Blocks arrive in order, cover the run once and report progress", "[runner]") {
  const fake::Model model(2, 3);
  Run r;
  std::vector<std::uint64_t> progress;
  RunOptions o;
  o.first_replication = 5;
  o.replications = 23;
  o.block_size = 7;
  o.threads = 2;
  o.on_block = [&](std::uint64_t done, std::uint64_t total) {
    CHECK(total == 23);
    progress.push_back(done);
  };
  r.result = sim::run_monte_carlo(model, o, r.sink);
  CHECK(r.result.status == RunStatus::kComplete);
  CHECK(r.result.replications_done == 23);
  CHECK(r.result.accumulators.replications() == 23);
  CHECK(progress == std::vector<std::uint64_t>{7, 14, 21, 23});
  REQUIRE(r.sink.blocks().size() == 4);
  std::uint64_t next = 5;
  for (const auto& b : r.sink.blocks()) {
    CHECK(b.first_replication == next);
    CHECK(b.capacity == 7);
    next += b.count;
  }
  CHECK(next == 28);
  CHECK(r.sink.blocks().back().count == 2);
  CHECK_FALSE(r.sink.overlapping());
  CHECK(r.result.seconds.simulate >= 0.0);
  CHECK(r.result.seconds.write >= 0.0);
}

TEST_CASE("The summaries equal a direct computation from the raw values", "[runner]") {
  const fake::Model model(2, 3);
  const sim::Shape sh = sim::Shape::of(model);
  const Run r = run(model, 0, 77, 2, 10);
  const Accumulators& acc = r.result.accumulators;
  for (std::size_t s = 0; s < sh.scenarios; ++s) {
    for (std::size_t k = 0; k < sh.outcomes; ++k) {
      const auto base = r.sink.outcome(sh, k, s, 0);
      for (std::size_t p = 0; p < sh.policies; ++p) {
        const auto xs = r.sink.outcome(sh, k, s, p);
        double sum = 0, diff_sum = 0;
        std::int64_t n = 0, pairs = 0, better = 0;
        for (std::size_t i = 0; i < xs.size(); ++i) {
          if (std::isnan(xs[i])) continue;
          sum += xs[i];
          ++n;
          if (std::isnan(base[i])) continue;
          diff_sum += xs[i] - base[i];
          ++pairs;
          const auto b = model.schema().outcomes[k].better;
          const double d = xs[i] - base[i];
          better += (b == sim::Better::kHigher && d > 0) || (b == sim::Better::kLower && d < 0);
        }
        INFO("outcome " << k << " scenario " << s << " policy " << p);
        CHECK(acc.outcome(k, s, p).n == n);
        CHECK(acc.outcome(k, s, p).mean() == Approx(sum / static_cast<double>(n)).epsilon(1e-12));
        if (p == 0) {
          CHECK(acc.paired(k, s, p).differences().n == 0);  // the baseline is not paired
          continue;
        }
        const auto summary = acc.paired(k, s, p).summary(model.schema().outcomes[k].better);
        CHECK(summary.n == pairs);
        CHECK(summary.mean ==
              Approx(diff_sum / static_cast<double>(pairs)).epsilon(1e-12).margin(0x1p-32));
        if (model.schema().outcomes[k].better != sim::Better::kNeither)
          CHECK(summary.p_better ==
                Approx(static_cast<double>(better) / static_cast<double>(pairs)));
      }
    }
  }
  // The NaN-able outcome: replications 0, 7, ..., 70 (11) are NaN in every policy, and
  // 0, 11, ..., 66 (7) also in policy 1.
  CHECK(acc.outcome(2, 0, 0).n == 77 - 11);
  CHECK(acc.outcome(2, 0, 1).n == 77 - 11 - 7 + 1);  // replication 0 is in both
  // Paired: the policy's known shifts are recovered exactly (common random numbers).
  CHECK(acc.paired(0, 1, 2).summary(sim::Better::kHigher).mean == 2.0);
  CHECK(acc.paired(0, 1, 2).summary(sim::Better::kHigher).std_error == 0.0);
  CHECK(acc.paired(1, 0, 1).summary(sim::Better::kNeither).mean == Approx(1000.0).epsilon(1e-9));
}

TEST_CASE("Trajectory means and quantiles across replications", "[runner]") {
  const fake::Model model(1, 2);
  const sim::Shape sh = sim::Shape::of(model);
  const Run r = run(model, 0, 200, 2, 64);
  const Accumulators& acc = r.result.accumulators;
  // Trajectory 1 ("funding") is 1e5 (p + 1) + y in every replication; it keeps no quantiles.
  for (std::size_t p = 0; p < sh.policies; ++p) {
    for (std::size_t y = 0; y < sh.periods; ++y) {
      const std::size_t cell = acc.trajectory_cell(1, 0, p, 2, y);
      CHECK(acc.trajectory_mean(cell) == 1e5 * static_cast<double>(p + 1) + static_cast<double>(y));
      CHECK(acc.trajectory_sketch(1, cell) == nullptr);
    }
  }
  // Trajectory 0 ("remaining") keeps quantiles: compare with the raw values.
  for (std::size_t e = 0; e < sh.entities; ++e) {
    for (std::size_t y = 0; y < sh.periods; ++y) {
      std::vector<double> xs;
      for (const auto& b : r.sink.blocks()) {
        for (std::size_t i = 0; i < b.count; ++i) {
          const std::size_t ksp = (0 * sh.scenarios + 0) * sh.policies + 1;  // policy 1
          xs.push_back(b.trajectories[(ksp * b.capacity + i) * sh.entities * sh.periods +
                                      e * sh.periods + y]);
        }
      }
      REQUIRE(xs.size() == 200);
      double mean = 0;
      for (const double x : xs)
        mean += x / 200.0;
      const std::size_t cell = acc.trajectory_cell(0, 0, 1, e, y);
      CHECK(acc.trajectory_mean(cell) ==
            Approx(mean).epsilon(1e-14).margin(0x1p-32));  // truncation
      std::sort(xs.begin(), xs.end());
      const auto* sketch = acc.trajectory_sketch(0, cell);
      REQUIRE(sketch != nullptr);
      const double median = xs[static_cast<std::size_t>(std::llround(0.5 * 199))];
      CHECK(std::fabs(sketch->quantile(0.5) - median) <= 0x1p-8 * median);
    }
  }
  CHECK(acc.bytes() > 0);
}

TEST_CASE("Results do not depend on threads or block size", "[runner]") {
  const fake::Model model(2, 3);
  const Run reference = run(model, 0, 100, 1, 1);
  for (const auto& [threads, block] :
       {std::pair<std::size_t, std::size_t>{2, 1}, {1, 100}, {2, 7}, {2, 0}, {2, 33}}) {
    INFO(threads << " threads, blocks of " << block);
    const Run other = run(model, 0, 100, threads, block);
    check_identical(reference.result.accumulators, other.result.accumulators, model);
    check_same_blocks(reference.sink, other.sink, model);
  }
}

TEST_CASE("Shards merge into exactly the whole run", "[runner]") {
  const fake::Model model(2, 3);
  const Run whole = run(model, 0, 90, 2, 16);
  // Three shards of different sizes, merged in a scrambled order.
  const Run a = run(model, 0, 31, 1, 5), b = run(model, 31, 30, 2, 64),
            c = run(model, 61, 29, 2, 3);
  Accumulators merged(sim::Shape::of(model), model.schema());
  merged.merge(c.result.accumulators);
  merged.merge(a.result.accumulators);
  merged.merge(b.result.accumulators);
  check_identical(whole.result.accumulators, merged, model);
  // Replication r is the same in a run of 10 and in a run of 90.
  const Run ten = run(model, 0, 10, 1, 4);
  const sim::Shape sh = sim::Shape::of(model);
  const auto x = ten.sink.outcome(sh, 1, 1, 2), y = whole.sink.outcome(sh, 1, 1, 2);
  for (std::size_t i = 0; i < x.size(); ++i)
    CHECK(same_bits(x[i], y[i]));
}

TEST_CASE("A stop requested before the run does nothing", "[runner]") {
  const fake::Model model(1, 2);
  std::atomic<bool> stop{true};
  fake::RecordingSink sink;
  RunOptions o;
  o.replications = 50;
  o.block_size = 10;
  o.stop = &stop;
  const RunResult r = sim::run_monte_carlo(model, o, sink);
  CHECK(r.status == RunStatus::kStopped);
  CHECK(r.replications_done == 0);
  CHECK(sink.blocks().empty());
}

TEST_CASE("A stop during the run ends it between blocks, every write finished", "[runner]") {
  const fake::Model model(1, 2);
  std::atomic<bool> stop{false};
  fake::RecordingSink sink;
  RunOptions o;
  o.replications = 100;
  o.block_size = 10;
  o.threads = 2;
  o.stop = &stop;
  o.on_block = [&](std::uint64_t done, std::uint64_t) {
    if (done == 30) stop = true;  // as a signal handler would
  };
  const RunResult r = sim::run_monte_carlo(model, o, sink);
  CHECK(r.status == RunStatus::kStopped);
  CHECK(r.replications_done == 30);
  REQUIRE(sink.blocks().size() == 3);  // the block in flight was written before returning
  CHECK(sink.blocks().back().first_replication == 20);
}

TEST_CASE("A failing sink fails the run", "[runner]") {
  const fake::Model model(1, 2);
  fake::RecordingSink sink;
  sink.throw_at(2);
  RunOptions o;
  o.replications = 100;
  o.block_size = 10;
  CHECK_THROWS_WITH(sim::run_monte_carlo(model, o, sink), "disk full");
  CHECK(sink.blocks().size() == 2);
}
