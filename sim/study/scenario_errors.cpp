#include "sim/study/scenario_errors.hpp"

#include <fmt/format.h>

#include "sim/engine/errors.hpp"

namespace sim {

namespace {

// A key or value quoted in a message may hold a newline or another control character (a quoted
// TOML key can): written as an escape, so that the message stays one line and shows what the
// file holds.
std::string one_line(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02X}", u);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void fail_at(const FilePosition& where, const std::string& key, const std::string& what) {
  const std::string at = where.line > 0 ? fmt::format("{}:{}", where.path, where.line) : where.path;
  if (key.empty()) throw InputError(fmt::format("{}: {}", at, one_line(what)));
  throw InputError(fmt::format("{}: key '{}': {}", at, one_line(key), one_line(what)));
}

std::string did_you_mean(const std::string& near) {
  return near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near);
}

}  // namespace sim
