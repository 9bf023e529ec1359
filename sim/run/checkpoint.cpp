#include "sim/run/checkpoint.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <utility>

#include "sim/engine/errors.hpp"
#include "sim/run/checkpoint_statistics.hpp"

namespace sim {
namespace {
namespace fs = std::filesystem;
constexpr const char* kTempSuffix = ".tmp";
constexpr const char* kStatisticsName = "statistics.h5";
}  // namespace

Checkpoint::Checkpoint(const std::string& results_path) : dir_(results_path + ".checkpoint") {}

bool Checkpoint::exists() const {
  std::error_code ec;
  return fs::is_directory(dir_, ec);
}

Checkpoint::~Checkpoint() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void Checkpoint::lock() {
  std::error_code ec;
  fs::create_directory(dir_, ec);  // not its parents: the results file's directory must exist
  if (ec) {
    throw RuntimeFailure(fmt::format("cannot write {}, the checkpoint beside the results file: {}",
                                     dir_, ec.message()));
  }
  if (lock_fd_ >= 0) return;
  lock_fd_ = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (lock_fd_ < 0)
    throw RuntimeFailure(fmt::format("cannot open {}: {}", dir_, std::strerror(errno)));
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(lock_fd_);
    lock_fd_ = -1;
    if (err == EWOULDBLOCK) {
      throw InputError(fmt::format(
          "another vtfsim run is writing the same results file (its checkpoint {} is in use); "
          "wait for it to end, or give this run another -o",
          dir_));
    }
    throw RuntimeFailure(fmt::format("cannot lock {}: {}", dir_, std::strerror(err)));
  }
}

bool Checkpoint::has_segments() const {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.path().extension() == ".h5") return true;
  }
  return false;
}

void Checkpoint::clear() const {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    fs::remove_all(entry.path(), ec);
    if (ec) break;
  }
  if (ec) throw RuntimeFailure(fmt::format("cannot empty {}: {}", dir_, ec.message()));
}

void Checkpoint::remove() const {
  std::error_code ec;
  fs::remove_all(dir_, ec);
  if (ec) throw RuntimeFailure(fmt::format("cannot remove {}: {}", dir_, ec.message()));
}

std::string Checkpoint::temp_path(int source, std::uint64_t first) const {
  return fmt::format("{}/from{:012}.rank{}{}", dir_, first, source, kTempSuffix);
}

std::string Checkpoint::segment_path(std::uint64_t first, std::uint64_t count) const {
  return fmt::format("{}/replications_{:012}-{:012}.h5", dir_, first, first + count);
}

std::string Checkpoint::statistics_path() const { return dir_ + "/" + kStatisticsName; }

void Checkpoint::save_statistics(const StudyIdentity& identity,
                                 const std::vector<Interval>& segments,
                                 std::span<const std::uint8_t> encoded) const {
  write_checkpoint_statistics(statistics_path() + kTempSuffix, statistics_path(), identity,
                              segments, encoded);
}

SavedWork Checkpoint::saved(const StudyIdentity& expected) const {
  SavedWork work;
  if (!exists()) return work;
  std::error_code ec;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir_, ec))
    names.push_back(entry.path().string());
  if (ec) throw RuntimeFailure(fmt::format("cannot list {}: {}", dir_, ec.message()));
  std::sort(names.begin(), names.end());
  const auto refuse_other_study = [&](const StudyIdentity& found, const std::string& name) {
    const std::string diff = identity_difference(found, name, expected, "this command", true);
    if (!diff.empty()) {
      throw InputError(fmt::format(
          "{} holds an interrupted run of another study or command: {}. Run the original "
          "command with --resume, or use --force to discard it and start over",
          dir_, diff));
    }
  };
  std::optional<CheckpointStatistics> statistics;
  std::vector<Piece> pieces;
  for (const auto& name : names) {
    if (name.ends_with(kTempSuffix)) {
      fs::remove(name, ec);  // a file whose writer was killed: its work was never committed
      continue;
    }
    if (!name.ends_with(".h5")) continue;
    if (name == statistics_path()) {
      statistics = read_checkpoint_statistics(name);
      refuse_other_study(statistics->identity, name);
      continue;
    }
    Piece piece = [&] {
      try {
        return read_segment(name);
      } catch (const InputError& e) {
        throw InputError(
            fmt::format("checkpoint segment {}. {}", e.what(), kSegmentCannotBeLeftOut));
      }
    }();
    refuse_other_study(piece.identity, name);
    pieces.push_back(std::move(piece));
  }
  // Every segment the statistics list must be here; any other is not part of the checkpoint.
  std::set<std::pair<std::uint64_t, std::uint64_t>> listed;
  if (statistics) {
    for (const Interval& s : statistics->segments)
      listed.emplace(s.first, s.count);
    work.statistics = statistics_path();
  }
  std::vector<Piece> unlisted;  // committed after the last statistics
  for (auto& piece : pieces)
    (listed.erase({piece.first, piece.count}) > 0 ? work.segments : unlisted)
        .push_back(std::move(piece));
  if (!listed.empty()) {  // refused before anything is deleted
    const auto& [first, count] = *listed.begin();
    throw InputError(fmt::format("checkpoint segment {} is missing. {}", segment_path(first, count),
                                 kSegmentCannotBeLeftOut));
  }
  for (const auto& piece : unlisted) {
    fs::remove(piece.path, ec);
    work.dropped += piece.count;
  }
  std::sort(work.segments.begin(), work.segments.end(),
            [](const Piece& a, const Piece& b) { return a.first < b.first; });
  return work;
}

std::vector<Interval> missing_intervals(const std::vector<Piece>& pieces, Interval all) {
  std::vector<const Piece*> sorted;
  for (const auto& p : pieces)
    sorted.push_back(&p);
  std::sort(sorted.begin(), sorted.end(),
            [](const Piece* a, const Piece* b) { return a->first < b->first; });
  std::vector<Interval> missing;
  std::uint64_t at = all.first;
  const Piece* previous = nullptr;
  for (const Piece* p : sorted) {
    if (p->count == 0) continue;
    if (p->first < at || p->first + p->count > all.end()) {
      throw InputError(
          fmt::format("{} (replications {}-{}) overlaps {} or lies outside replications {}-{}",
                      p->path, p->first, p->first + p->count - 1,
                      previous ? previous->path : "the range", all.first, all.end() - 1));
    }
    if (p->first > at) missing.push_back({at, p->first - at});
    at = p->first + p->count;
    previous = p;
  }
  if (at < all.end()) missing.push_back({at, all.end() - at});
  return missing;
}

std::uint64_t total_count(const std::vector<Interval>& work) {
  std::uint64_t n = 0;
  for (const auto& w : work)
    n += w.count;
  return n;
}

std::vector<Interval> split_work(const std::vector<Interval>& work, std::size_t parts,
                                 std::size_t index) {
  const std::uint64_t total = total_count(work);
  const std::uint64_t base = total / parts, extra = total % parts;
  const std::uint64_t i = index;
  std::uint64_t skip = i * base + std::min<std::uint64_t>(i, extra);
  std::uint64_t take = base + (i < extra ? 1 : 0);
  std::vector<Interval> share;
  for (const auto& w : work) {
    if (take == 0) break;
    if (skip >= w.count) {
      skip -= w.count;
      continue;
    }
    const std::uint64_t n = std::min(w.count - skip, take);
    share.push_back({w.first + skip, n});
    take -= n;
    skip = 0;
  }
  return share;
}

}  // namespace sim
