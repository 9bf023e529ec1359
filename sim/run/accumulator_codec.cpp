#include "sim/run/accumulator_codec.hpp"

#include <fmt/format.h>

#include <array>
#include <cstring>
#include <string_view>

namespace sim {
namespace {

constexpr std::string_view kMagic = "vtfsim-accumulators";
constexpr std::uint64_t kFormat = 2;  // 2: per-period series after the trajectories

using Int128 = ExactSum::Raw;
__extension__ typedef unsigned __int128 Uint128;

class Writer {
 public:
  void bytes(std::string_view s) { out_.insert(out_.end(), s.begin(), s.end()); }
  void u(Uint128 x) {
    while (x >= 0x80) {
      out_.push_back(static_cast<std::uint8_t>(x | 0x80));
      x >>= 7;
    }
    out_.push_back(static_cast<std::uint8_t>(x));
  }
  // Zigzag: small magnitudes of either sign stay short.
  void s(Int128 x) {
    const auto ux = static_cast<Uint128>(x);
    u((ux << 1) ^ (x < 0 ? ~Uint128{0} : Uint128{0}));
  }
  void moments(const ExactMoments& m) {
    s(m.n);
    s(m.sum.raw());
    s(m.sum_sq.raw());
  }
  std::vector<std::uint8_t> take() { return std::move(out_); }

 private:
  std::vector<std::uint8_t> out_;
};

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> in) : in_(in) {}
  void expect(std::string_view s) {
    if (in_.size() - at_ < s.size() || std::memcmp(in_.data() + at_, s.data(), s.size()) != 0)
      throw DecodeError("not an accumulator state (wrong magic)");
    at_ += s.size();
  }
  Uint128 u() {
    Uint128 x = 0;
    for (int shift = 0; shift < 128; shift += 7) {
      if (at_ >= in_.size()) throw DecodeError("accumulator state is truncated");
      const std::uint8_t b = in_[at_++];
      x |= static_cast<Uint128>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return x;
    }
    throw DecodeError("accumulator state is corrupt (varint too long)");
  }
  Int128 s() {
    const Uint128 z = u();
    return static_cast<Int128>((z >> 1) ^ (~(z & 1) + 1));
  }
  std::int64_t i64() {
    const Int128 x = s();
    if (x < INT64_MIN || x > INT64_MAX) throw DecodeError("accumulator state is corrupt");
    return static_cast<std::int64_t>(x);
  }
  std::uint64_t u64() {
    const Uint128 x = u();
    if (x > UINT64_MAX) throw DecodeError("accumulator state is corrupt");
    return static_cast<std::uint64_t>(x);
  }
  ExactMoments moments() {
    ExactMoments m;
    m.n = i64();
    m.sum.add_raw(s());
    m.sum_sq.add_raw(s());
    return m;
  }
  bool done() const { return at_ == in_.size(); }

 private:
  std::span<const std::uint8_t> in_;
  std::size_t at_ = 0;
};

std::array<std::uint64_t, 9> shape_words(const Shape& sh, std::size_t sketches) {
  return {sh.scenarios,       sh.policies,     sh.entities, sh.periods, sh.outcomes,
          sh.entity_outcomes, sh.trajectories, sh.series,   sketches};
}

}  // namespace

class AccumulatorCodec {
 public:
  static std::vector<std::uint8_t> encode(const Accumulators& a) {
    Writer w;
    w.bytes(kMagic);
    w.u(kFormat);
    for (const std::uint64_t x : shape_words(a.shape_, a.sketches_.size()))
      w.u(x);
    w.u(a.replications_);
    for (const auto& m : a.outcome_)
      w.moments(m);
    for (const auto& p : a.paired_) {
      w.moments(p.differences());
      const auto c = p.counts();
      w.s(c.better);
      w.s(c.worse);
      w.s(c.undefined);
    }
    Uint128 previous = 0;  // differences wrap modulo 2^128 and unwrap exactly
    for (const auto* sums : {&a.trajectory_, &a.series_}) {
      for (const auto& t : *sums) {
        const auto raw = static_cast<Uint128>(t.raw());
        w.s(static_cast<Int128>(raw - previous));
        previous = raw;
      }
    }
    for (const auto& k : a.sketches_) {
      w.u(k.zeros());
      std::uint64_t nonzero = 0;
      for (std::size_t i = 0; i < k.buckets(); ++i)
        nonzero += k.bucket_count(i) != 0 ? 1u : 0u;
      w.u(nonzero);
      std::int64_t last = 0;
      for (std::size_t i = 0; i < k.buckets(); ++i) {
        const std::uint32_t count = k.bucket_count(i);
        if (count == 0) continue;
        const std::int64_t b = k.first_bucket() + static_cast<std::int64_t>(i);
        w.s(b - last);
        w.u(count);
        last = b;
      }
    }
    return w.take();
  }

  static void merge(Accumulators& a, std::span<const std::uint8_t> bytes) {
    Reader r(bytes);
    r.expect(kMagic);
    if (const auto format = r.u64(); format != kFormat)
      throw DecodeError(
          fmt::format("accumulator state format {}; this vtfsim reads {}", format, kFormat));
    for (const std::uint64_t x : shape_words(a.shape_, a.sketches_.size())) {
      if (r.u64() != x) throw DecodeError("accumulator state is for a study of another shape");
    }
    a.replications_ += r.u64();
    for (auto& m : a.outcome_)
      m.merge(r.moments());
    for (auto& p : a.paired_) {
      const ExactMoments diff = r.moments();
      PairedAccumulator::Counts c;
      c.better = r.i64();
      c.worse = r.i64();
      c.undefined = r.i64();
      p.merge(diff, c);
    }
    Uint128 previous = 0;
    for (auto* sums : {&a.trajectory_, &a.series_}) {
      for (auto& t : *sums) {
        previous += static_cast<Uint128>(r.s());
        t.add_raw(static_cast<Int128>(previous));
      }
    }
    std::vector<std::pair<std::int64_t, std::uint64_t>> buckets;
    for (auto& k : a.sketches_) {
      k.add_zeros(r.u64());
      const std::uint64_t nonzero = r.u64();
      buckets.clear();
      std::int64_t b = 0;
      for (std::uint64_t i = 0; i < nonzero; ++i) {
        const std::int64_t step = r.i64();
        const std::uint64_t n = r.u64();
        // Buckets were written in increasing order: a step that does not advance is damage.
        if (n == 0 || n > UINT32_MAX || (i > 0 && step <= 0)) {
          throw DecodeError("accumulator state is corrupt");
        }
        b += step;
        buckets.emplace_back(b, n);
      }
      k.add_buckets(buckets);
    }
    if (!r.done()) throw DecodeError("accumulator state has trailing bytes");
  }
};

std::vector<std::uint8_t> encode_accumulators(const Accumulators& acc) {
  return AccumulatorCodec::encode(acc);
}

void merge_encoded_accumulators(Accumulators& into, std::span<const std::uint8_t> bytes) {
  AccumulatorCodec::merge(into, bytes);
}

}  // namespace sim
