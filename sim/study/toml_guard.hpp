#pragma once
// Checks a scenario file's text before the TOML library sees it, for what that library (toml++
// 3.3.0, Debian 12) handles badly: a key of thousands of dotted parts (its tables nest that deep
// and their destruction overflows the stack), a byte outside ASCII in a bare key (undefined
// behaviour in its Unicode tables, fixed upstream after 3.3.0; TOML 1.0 allows only A-Za-z0-9_-
// there anyway), and a file in UTF-16 (reported as an invalid UTF-8 sequence on line 1).
#include <cstddef>
#include <string>
#include <string_view>

namespace sim {

// More dotted parts than any parameter of vtfsim has, by far ("vtf.eligibility.ldc" has three).
inline constexpr std::size_t kMaxKeyParts = 32;

// The text with a UTF-8 byte-order mark removed (what Windows editors write); throws InputError
// "path:line: ..." for a UTF-16 or UTF-32 file, a NUL byte, a bare key with a byte outside
// ASCII, or a key of more than kMaxKeyParts dotted parts.
std::string_view checked_toml_text(std::string_view text, const std::string& path);

}  // namespace sim
