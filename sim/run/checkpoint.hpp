#pragma once
// The checkpoint of a run: a directory beside the results file (`<results>.checkpoint/`) holding
// committed segments (sim/run/piece_file.hpp), each the outcomes of a range of replications, and
// one file of statistics, the exact Accumulators of every segment it lists
// (sim/run/checkpoint_statistics.hpp). Each is written under a temporary name and renamed only
// once complete and on disk, the segment first, so after a crash, `kill -9` or pre-emption the
// directory holds exactly the finished work; `vtfsim run --resume` reads it back and simulates
// only what is missing. The directory is removed once the results file is in place.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/run/interval.hpp"
#include "sim/run/piece_file.hpp"

namespace sim {

// What to do when a segment the statistics include is unreadable or missing: they cannot be
// separated, so the run can only start over.
inline constexpr const char* kSegmentCannotBeLeftOut =
    "The checkpoint's statistics include its replications, so the run cannot be resumed without "
    "it: run the same command with --force to start over";

// What a checkpoint holds that a run can take in.
struct SavedWork {
  std::vector<Piece> segments;  // ordered by first replication
  std::string statistics;       // their Accumulators' file; empty when there are no segments
  // Replications of segments committed after the last statistics (a kill between the two
  // renames), whose files were deleted: they run again.
  std::uint64_t dropped = 0;
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

  // The committed segments that the statistics cover, and the statistics. Leftover temporary
  // files of writers that were killed, and segments the statistics do not cover, are deleted.
  // Throws InputError naming the file if a segment or the statistics are unreadable, if a
  // segment they list is missing, or (with the difference) if a file belongs to another study
  // than `expected`; nothing is deleted then.
  SavedWork saved(const StudyIdentity& expected) const;
  // Replaces the statistics by those of `segments` (every committed segment), durably.
  void save_statistics(const StudyIdentity& identity, const std::vector<Interval>& segments,
                       std::span<const std::uint8_t> encoded) const;
  // Where the segment of replications from `first` written for `source` (an MPI rank, 0 without
  // MPI) lives while it is written, and once committed.
  std::string temp_path(int source, std::uint64_t first) const;
  std::string segment_path(std::uint64_t first, std::uint64_t count) const;
  std::string statistics_path() const;

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
