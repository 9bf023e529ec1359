#pragma once
// Four Philox 4x32-10 blocks at once (each with its own key and counter), for the random world
// of a replication, which draws thousands of blocks. On x86-64 the four run in the lanes of
// SSE2 registers: SSE2 is part of every x86-64 CPU, so no -march is needed, and the arithmetic is
// exact 32-bit integer multiplication, addition and xor, so the bits are Random123's scalar ones
// on any CPU (tests/unit/test_philox_x4.cpp checks them against it). Elsewhere Random123 runs
// four times.
#include <Random123/philox.h>

#include <array>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sim {

using Philox = r123::Philox4x32;
using RandomBlock = std::array<std::uint32_t, 4>;

// One block, Random123's way: the scalar computation, and what the lanes must reproduce.
inline RandomBlock philox_block(const Philox::ctr_type& counter, const Philox::key_type& key) {
  const Philox::ctr_type r = Philox()(counter, key);
  return {r.v[0], r.v[1], r.v[2], r.v[3]};
}

#if defined(__SSE2__)
namespace philox_detail {

// The low 32 bits of each 64-bit half: lanes 0 and 2.
inline __m128i even_lanes() { return _mm_set_epi32(0, -1, 0, -1); }

// Lane-wise 32 x 32 -> 64-bit products of x and the constant m, split into their high and low
// words. SSE2 multiplies lanes 0 and 2 only; lanes 1 and 3 are shifted down to be multiplied.
inline void mulhilo(__m128i m, __m128i x, __m128i& hi, __m128i& lo) {
  const __m128i p02 = _mm_mul_epu32(x, m);
  const __m128i p13 = _mm_mul_epu32(_mm_srli_epi64(x, 32), m);
  lo = _mm_or_si128(_mm_and_si128(p02, even_lanes()), _mm_slli_epi64(p13, 32));
  hi = _mm_or_si128(_mm_srli_epi64(p02, 32), _mm_andnot_si128(even_lanes(), p13));
}

// Rows a..d become columns: in place, the 4 x 4 transposition of 32-bit words (lanes of one
// word each -> one block each).
inline void transpose(__m128i& a, __m128i& b, __m128i& c, __m128i& d) {
  const __m128i t0 = _mm_unpacklo_epi32(a, b), t1 = _mm_unpacklo_epi32(c, d);
  const __m128i t2 = _mm_unpackhi_epi32(a, b), t3 = _mm_unpackhi_epi32(c, d);
  a = _mm_unpacklo_epi64(t0, t1);
  b = _mm_unpackhi_epi64(t0, t1);
  c = _mm_unpacklo_epi64(t2, t3);
  d = _mm_unpackhi_epi64(t2, t3);
}

// Word w of each of four arrays, lane j from array j. Built from scalars, not loaded as 128
// bits: the arrays were just written word by word, and a wide load of narrow stores stalls.
template <class Array>
inline __m128i lanes(const std::array<Array, 4>& a, std::size_t w) {
  return _mm_set_epi32(static_cast<int>(a[3].v[w]), static_cast<int>(a[2].v[w]),
                       static_cast<int>(a[1].v[w]), static_cast<int>(a[0].v[w]));
}

}  // namespace philox_detail
#endif

// Block j is Philox()(counters[j], keys[j]).
inline std::array<RandomBlock, 4> philox_x4(const std::array<Philox::ctr_type, 4>& counters,
                                            const std::array<Philox::key_type, 4>& keys) {
  std::array<RandomBlock, 4> out;
#if defined(__SSE2__)
  using namespace philox_detail;
  // Word w of every counter in one register, lane j for counter j.
  __m128i x0 = lanes(counters, 0), x1 = lanes(counters, 1);
  __m128i x2 = lanes(counters, 2), x3 = lanes(counters, 3);
  __m128i k0 = lanes(keys, 0), k1 = lanes(keys, 1);
  // Random123's constants (philox.h): the multipliers and the Weyl sequence of the key.
  const __m128i m0 = _mm_set1_epi32(static_cast<int>(PHILOX_M4x32_0));
  const __m128i m1 = _mm_set1_epi32(static_cast<int>(PHILOX_M4x32_1));
  const __m128i w0 = _mm_set1_epi32(static_cast<int>(PHILOX_W32_0));
  const __m128i w1 = _mm_set1_epi32(static_cast<int>(PHILOX_W32_1));
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 = _mm_add_epi32(k0, w0);
      k1 = _mm_add_epi32(k1, w1);
    }
    __m128i hi0, lo0, hi1, lo1;
    mulhilo(m0, x0, hi0, lo0);
    mulhilo(m1, x2, hi1, lo1);
    x0 = _mm_xor_si128(_mm_xor_si128(hi1, x1), k0);
    x1 = lo1;
    x2 = _mm_xor_si128(_mm_xor_si128(hi0, x3), k1);
    x3 = lo0;
  }
  transpose(x0, x1, x2, x3);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out[0].data()), x0);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out[1].data()), x1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out[2].data()), x2);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out[3].data()), x3);
#else
  for (std::size_t j = 0; j < 4; ++j)
    out[j] = philox_block(counters[j], keys[j]);
#endif
  return out;
}

}  // namespace sim
