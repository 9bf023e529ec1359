// The MPI implementation of sim/run/mpi.hpp (built with -DVTFSIM_WITH_MPI=ON);
// sim/run/mpi_serial.cpp is the one for builds without MPI.
#include "sim/run/mpi.hpp"

#include <fmt/format.h>
#include <mpi.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <limits>
#include <stdexcept>

#include "sim/engine/errors.hpp"
#include "sim/run/accumulator_codec.hpp"

namespace sim::mpi {
namespace {

bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

// Message layout: a header of uint64 words, then the payload.
enum Tag : int { kBlockTag = 101, kSegmentTag = 102 };
constexpr std::size_t kBlockHeader = 2;    // first, count
constexpr std::size_t kSegmentHeader = 5;  // first, count, commit, last message, interrupted

std::size_t outcome_values(const Shape& sh, std::size_t n) {
  return sh.outcomes * sh.scenarios * sh.policies * n;
}
std::size_t entity_values(const Shape& sh, std::size_t n) {
  return sh.entity_outcomes * sh.scenarios * sh.policies * n * sh.entities;
}

void put_words(std::vector<std::uint8_t>& out, std::initializer_list<std::uint64_t> words) {
  const std::size_t at = out.size();
  out.resize(at + words.size() * sizeof(std::uint64_t));
  std::memcpy(out.data() + at, words.begin(), words.size() * sizeof(std::uint64_t));
}

std::uint64_t word(const std::vector<std::uint8_t>& in, std::size_t i) {
  std::uint64_t w = 0;
  std::memcpy(&w, in.data() + i * sizeof w, sizeof w);
  return w;
}

void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) {
    char text[MPI_MAX_ERROR_STRING];
    int len = 0;
    MPI_Error_string(rc, text, &len);
    throw RuntimeFailure(
        fmt::format("MPI: {} failed: {}", what, std::string(text, static_cast<std::size_t>(len))));
  }
}

int byte_count(std::size_t n) {
  if (n > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw RuntimeFailure("MPI: a message over 2 GiB (use more, smaller blocks)");
  return static_cast<int>(n);
}

}  // namespace

bool built_with_mpi() { return true; }

Session::Session() {
  if (launched_by_mpi()) {
    int provided = 0;
    check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided), "MPI_Init_thread");
    initialised_ = true;
    if (provided < MPI_THREAD_SERIALIZED) {
      MPI_Finalize();
      throw RuntimeFailure("MPI: this MPI library does not support MPI_THREAD_SERIALIZED");
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
}

Session::~Session() {
  if (initialised_) MPI_Finalize();
}

void Session::broadcast(std::vector<std::uint8_t>& bytes) const {
  if (size_ == 1) return;
  std::uint64_t n = bytes.size();
  check(MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD), "MPI_Bcast");
  bytes.resize(n);
  check(MPI_Bcast(bytes.data(), byte_count(n), MPI_BYTE, 0, MPI_COMM_WORLD), "MPI_Bcast");
}

int Session::max_over_ranks(int value) const {
  if (size_ == 1) return value;
  int out = value;
  check(MPI_Allreduce(&value, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD), "MPI_Allreduce");
  return out;
}

void Session::abort(int code) const {
  std::fflush(stderr);
  std::fflush(stdout);
  if (initialised_) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

// ---------------------------------------------------------------------------------------------

struct RemoteSegments::Impl {
  Shape shape;
  // Sends in flight, each with its buffer. A few are allowed so the simulation does not wait for
  // rank 0; more would only hold memory while rank 0 catches up.
  static constexpr std::size_t kInFlight = 4;
  std::deque<std::pair<MPI_Request, std::vector<std::uint8_t>>> sends;
  void complete_sends(std::size_t keep) {
    while (sends.size() > keep) {
      check(MPI_Wait(&sends.front().first, MPI_STATUS_IGNORE), "MPI_Wait");
      sends.pop_front();
    }
  }
};

RemoteSegments::RemoteSegments(const Session&, const Shape& shape)
    : impl_(std::make_unique<Impl>()) {
  impl_->shape = shape;
}

RemoteSegments::~RemoteSegments() = default;

void RemoteSegments::block(const BlockResults& block) {
  const Shape& sh = impl_->shape;
  const std::size_t n = block.count;
  std::vector<std::uint8_t> buf;
  buf.reserve(kBlockHeader * 8 + (outcome_values(sh, n) + entity_values(sh, n)) * sizeof(double));
  put_words(buf, {block.first_replication, n});
  // Rows are repacked to the block's count (the runner's buffers have a larger stride).
  const auto append = [&](const double* p, std::size_t values) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(p);
    buf.insert(buf.end(), bytes, bytes + values * sizeof(double));
  };
  for (std::size_t k = 0; k < sh.outcomes; ++k)
    for (std::size_t s = 0; s < sh.scenarios; ++s)
      for (std::size_t p = 0; p < sh.policies; ++p)
        append(block.outcome_row(sh, k, s, p), n);
  for (std::size_t k = 0; k < sh.entity_outcomes; ++k)
    for (std::size_t s = 0; s < sh.scenarios; ++s)
      for (std::size_t p = 0; p < sh.policies; ++p)
        append(block.entity_outcome_rows(sh, k, s, p), n * sh.entities);
  impl_->complete_sends(Impl::kInFlight - 1);
  impl_->sends.emplace_back(MPI_REQUEST_NULL, std::move(buf));
  auto& [request, data] = impl_->sends.back();
  check(MPI_Isend(data.data(), byte_count(data.size()), MPI_BYTE, 0, kBlockTag, MPI_COMM_WORLD,
                  &request),
        "MPI_Isend");
}

void RemoteSegments::end_segment(std::uint64_t first, std::uint64_t count, const Accumulators& acc,
                                 bool commit) {
  std::vector<std::uint8_t> buf;
  put_words(buf, {first, count, commit ? 1u : 0u, 0, 0});
  const auto encoded = encode_accumulators(acc);
  buf.insert(buf.end(), encoded.begin(), encoded.end());
  check(MPI_Send(buf.data(), byte_count(buf.size()), MPI_BYTE, 0, kSegmentTag, MPI_COMM_WORLD),
        "MPI_Send");
}

void RemoteSegments::finish(bool interrupted) {
  impl_->complete_sends(0);
  std::vector<std::uint8_t> buf;
  put_words(buf, {0, 0, 0, 1, interrupted ? 1u : 0u});
  check(MPI_Send(buf.data(), byte_count(buf.size()), MPI_BYTE, 0, kSegmentTag, MPI_COMM_WORLD),
        "MPI_Send");
}

// ---------------------------------------------------------------------------------------------

struct Receiver::Impl {
  const Session* session = nullptr;
  ResultsCollector* collector = nullptr;
  Shape shape;
  int finished = 0;
  bool interrupted = false;

  // Takes one matched message; MPI_Mprobe/MPI_Mrecv keep probe and receive paired even if several
  // messages are pending.
  void take(MPI_Message message, const MPI_Status& status) {
    int n = 0;
    check(MPI_Get_count(&status, MPI_BYTE, &n), "MPI_Get_count");
    std::vector<std::uint8_t> buf(static_cast<std::size_t>(n));
    MPI_Status received;
    check(MPI_Mrecv(buf.data(), n, MPI_BYTE, &message, &received), "MPI_Mrecv");
    const int source = status.MPI_SOURCE;
    if (status.MPI_TAG == kBlockTag) {
      BlockResults block;
      block.first_replication = word(buf, 0);
      block.count = static_cast<std::size_t>(word(buf, 1));
      block.capacity = block.count;
      const std::size_t no = outcome_values(shape, block.count);
      const std::size_t ne = entity_values(shape, block.count);
      if (buf.size() != kBlockHeader * 8 + (no + ne) * sizeof(double))
        throw RuntimeFailure(fmt::format("MPI: a block from rank {} has the wrong size", source));
      const auto* values = reinterpret_cast<const double*>(buf.data() + kBlockHeader * 8);
      block.outcomes.assign(values, values + no);
      block.entity_outcomes.assign(values + no, values + no + ne);
      collector->block(source, block);
    } else {
      const std::uint64_t first = word(buf, 0), count = word(buf, 1);
      const bool commit = word(buf, 2) != 0, last = word(buf, 3) != 0;
      if (last) {
        ++finished;
        interrupted = interrupted || word(buf, 4) != 0;
        return;
      }
      const std::span<const std::uint8_t> encoded(buf.data() + kSegmentHeader * 8,
                                                  buf.size() - kSegmentHeader * 8);
      collector->end_segment(source, first, count, nullptr, encoded, commit);
    }
  }
};

Receiver::Receiver(const Session& session, ResultsCollector& collector, const Shape& shape)
    : impl_(std::make_unique<Impl>()) {
  impl_->session = &session;
  impl_->collector = &collector;
  impl_->shape = shape;
}

Receiver::~Receiver() = default;

void Receiver::poll() {
  for (;;) {
    int flag = 0;
    MPI_Message message;
    MPI_Status status;
    check(MPI_Improbe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &message, &status),
          "MPI_Improbe");
    if (!flag) return;
    impl_->take(message, status);
  }
}

void Receiver::wait_all() {
  while (impl_->finished < impl_->session->size() - 1) {
    MPI_Message message;
    MPI_Status status;
    check(MPI_Mprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &message, &status), "MPI_Mprobe");
    impl_->take(message, status);
  }
}

bool Receiver::any_interrupted() const { return impl_->interrupted; }

}  // namespace sim::mpi
