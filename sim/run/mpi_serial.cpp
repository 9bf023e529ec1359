// sim/run/mpi.hpp for builds without MPI: one process. It refuses to be one of several tasks
// started by mpirun or srun, which would all simulate the whole study into the same file.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "sim/engine/errors.hpp"
#include "sim/run/mpi.hpp"

namespace sim::mpi {
namespace {

// How many tasks the launcher (mpirun, srun) started, from its environment; 1 if none.
long launched_tasks() {
  for (const char* name :
       {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE", "SLURM_STEP_NUM_TASKS"}) {
    if (const char* v = std::getenv(name)) {
      const long n = std::strtol(v, nullptr, 10);
      if (n > 0) return n;
    }
  }
  return 1;
}

[[noreturn]] void no_mpi() { throw std::logic_error("MPI transport in a build without MPI"); }

}  // namespace

bool built_with_mpi() { return false; }

Session::Session() {
  if (const long n = launched_tasks(); n > 1) {
    throw InputError(fmt::format(
        "started as one of {} tasks (mpirun or srun), but this vtfsim was built without MPI: "
        "every task would run the whole study into the same file. Use the MPI build "
        "(scripts/setup.sh --mpi, then build-mpi/vtfsim), or --shard K/N for independent tasks",
        n));
  }
}

Session::~Session() = default;

void Session::broadcast(std::vector<std::uint8_t>&) const {}

int Session::max_over_ranks(int value) const { return value; }

void Session::abort(int code) const {
  std::fflush(stderr);
  std::fflush(stdout);
  std::exit(code);
}

struct RemoteSegments::Impl {};
RemoteSegments::RemoteSegments(const Session&, const Shape&) { no_mpi(); }
RemoteSegments::~RemoteSegments() = default;
void RemoteSegments::block(const BlockResults&) { no_mpi(); }
void RemoteSegments::end_segment(std::uint64_t, std::uint64_t, const Accumulators&, bool) {
  no_mpi();
}
void RemoteSegments::finish(bool) { no_mpi(); }

struct Receiver::Impl {};
Receiver::Receiver(const Session&, ResultsCollector&, const Shape&) { no_mpi(); }
Receiver::~Receiver() = default;
void Receiver::poll() { no_mpi(); }
void Receiver::wait_all() { no_mpi(); }
bool Receiver::any_interrupted() const { return false; }

}  // namespace sim::mpi
