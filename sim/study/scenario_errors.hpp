#pragma once
// How a mistake in a scenario file is reported: one InputError naming the file, the line, the
// key and what was expected, so every message has the same shape wherever it is found.
#include <cstdint>
#include <string>

namespace sim {

// Where something was written in a scenario file; line 0 stands for the file as a whole.
struct FilePosition {
  std::string path;
  std::uint32_t line = 0;
};

// A key as the file wrote it ("states.AGO.ldc" for the canonical "states.Angola.ldc") and where.
struct WrittenKey {
  FilePosition at;
  std::string key;
};

// "path:line: key 'k': what", or without the key when `key` is empty; one line, whatever
// `key` and `what` hold (control characters are written as escapes).
[[noreturn]] void fail_at(const FilePosition& at, const std::string& key, const std::string& what);

// " (did you mean 'near'?)", or nothing when no name is close.
std::string did_you_mean(const std::string& near);

}  // namespace sim
