#pragma once
// The checkpoint of a run: a directory beside the results file (`<results>.checkpoint/`) holding
// committed segments (sim/run/piece_file.hpp), each the outcomes and exact Accumulators of a range
// of replications. A segment is written under a temporary name and renamed only once complete and
// on disk, so after a crash, `kill -9` or pre-emption the directory holds exactly the finished
// work; `vtfsim run --resume` reads it back and simulates only what is missing. The directory is
// removed once the results file is in place.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/run/piece_file.hpp"

namespace sim {

struct Interval {
  std::uint64_t first = 0, count = 0;
  std::uint64_t end() const { return first + count; }
  friend bool operator==(const Interval&, const Interval&) = default;
};

class Checkpoint {
 public:
  // The checkpoint of the results file `results_path`.
  explicit Checkpoint(const std::string& results_path);
  ~Checkpoint();
  Checkpoint(const Checkpoint&) = delete;
  Checkpoint& operator=(const Checkpoint&) = delete;
  const std::string& dir() const { return dir_; }
  bool exists() const;
  // Creates the directory if needed and takes it for this process (an advisory lock that ends
  // with the process, however it ends), so a second run writing the same results file at the
  // same time stops with an InputError instead of damaging the first one's files.
  void lock();
  bool locked() const { return lock_fd_ >= 0; }
  bool has_segments() const;  // committed ones
  void clear() const;         // removes everything in the directory; throws RuntimeFailure
  void remove() const;        // removes the directory; throws RuntimeFailure

  // The committed segments, ordered by first replication. Leftover temporary files of writers
  // that were killed are deleted. Throws InputError naming the file if a segment is unreadable
  // or overlaps another, or (with the difference) if it belongs to another study than `expected`.
  std::vector<Piece> segments(const StudyIdentity& expected) const;
  // Where the segment of replications from `first` written for `source` (an MPI rank, 0 without
  // MPI) lives while it is written, and once committed.
  std::string temp_path(int source, std::uint64_t first) const;
  std::string segment_path(std::uint64_t first, std::uint64_t count) const;

 private:
  std::string dir_;
  int lock_fd_ = -1;
};

// The parts of `all` that no piece covers, in order. Throws InputError if pieces overlap or fall
// outside `all`.
std::vector<Interval> missing_intervals(const std::vector<Piece>& pieces, Interval all);

// Part `index` (0-based) of `parts` of the work: contiguous in the order of `work`, sizes differing
// by at most one replication, the larger parts first (as for shards).
std::vector<Interval> split_work(const std::vector<Interval>& work, std::size_t parts,
                                 std::size_t index);

std::uint64_t total_count(const std::vector<Interval>& work);

}  // namespace sim
