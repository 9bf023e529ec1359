#include "sim/run/shard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <string_view>

#include "sim/engine/errors.hpp"

namespace sim {

ShardRange parse_shard(const std::string& spec, std::uint64_t replications) {
  ShardRange r;
  r.count = replications;
  if (spec.empty()) return r;
  const auto slash = spec.find('/');
  const auto number = [&](std::string_view text, std::int64_t& out) {
    const auto res = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && res.ec == std::errc() && res.ptr == text.data() + text.size();
  };
  if (slash == std::string::npos || !number(std::string_view(spec).substr(0, slash), r.k) ||
      !number(std::string_view(spec).substr(slash + 1), r.shards) || r.shards < 1 || r.k < 1 ||
      r.k > r.shards) {
    throw InputError(
        fmt::format("--shard '{}': expected K/N with 1 <= K <= N, e.g. --shard 2/8", spec));
  }
  const auto n = static_cast<std::uint64_t>(r.shards);
  if (n > replications) {
    throw InputError(fmt::format("--shard {}: {} shards for {} replications would leave some empty",
                                 spec, n, replications));
  }
  const std::uint64_t base = replications / n, extra = replications % n;
  const auto k0 = static_cast<std::uint64_t>(r.k - 1);
  r.first = k0 * base + std::min(k0, extra);
  r.count = base + (k0 < extra ? 1 : 0);
  return r;
}

}  // namespace sim
