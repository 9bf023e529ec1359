#pragma once
// Keeping the ranks of an MPI run together when something fails before the simulation: every
// rank stops, with one message. (With one process these are plain calls.)
#include <cstdio>
#include <exception>

#include "sim/engine/errors.hpp"
#include "sim/run/mpi.hpp"

namespace sim {

// Another rank failed and said why; this one stops with the same exit code and no message.
struct QuietExit {
  int code;
};

// Runs `step` on this rank; if it fails on any rank every rank stops. One message: rank 0's if
// it failed (the others most likely failed the same way), else each failing rank's. With one
// process, the error is simply thrown.
template <class Step>
void on_all_ranks(const mpi::Session& mpi, Step&& step) {
  int code = 0;
  std::exception_ptr error;
  try {
    step();
  } catch (const InputError&) {
    code = kExitBadInput;
    error = std::current_exception();
  } catch (...) {
    code = kExitRuntimeFailure;
    error = std::current_exception();
  }
  if (mpi.size() == 1) {
    if (error) std::rethrow_exception(error);
    return;
  }
  const int worst = mpi.max_over_ranks(code);
  const int root_code = mpi.max_over_ranks(mpi.rank() == 0 ? code : 0);
  if (error && (mpi.rank() == 0 || root_code == 0)) {
    // Printed here, before every rank exits: mpirun kills the remaining ranks as soon as one
    // exits with an error, which could be before the rank with the message printed it.
    try {
      std::rethrow_exception(error);
    } catch (const InputError& e) {
      std::fprintf(stderr, "vtfsim: error: %s\n", e.what());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "vtfsim: failed: %s\n", e.what());
    }
    std::fflush(stderr);
  }
  mpi.max_over_ranks(0);  // a barrier: every message is out
  if (worst != 0) throw QuietExit{worst};
}

}  // namespace sim
