#pragma once
// The two kinds of failure a user can meet, mapped to the exit codes of INTERFACE.md:
// bad usage or bad input (2) and runtime failures such as I/O (1).
#include <stdexcept>
#include <string>

namespace sim {

// Something the user gave us is wrong; the message says where and what was expected.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The input was fine but the run could not be carried out (I/O, resources, internal error).
class RuntimeFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeFailure = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInterrupted = 75;  // EX_TEMPFAIL: stopped by a signal; run again

}  // namespace sim
