#include "sim/study/toml_guard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "sim/study/scenario_errors.hpp"

namespace sim {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool starts_with_bytes(std::string_view text, std::string_view bytes) {
  return text.substr(0, bytes.size()) == bytes;
}

// A left-to-right scan that knows where strings and comments are, so that what it checks is
// only what the TOML library reads as keys and structure.
class Scanner {
 public:
  Scanner(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  void run() {
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (c == '\n') {
        new_line();
      } else if (c == '#') {
        skip_comment();
        continue;
      } else if (c == '"' || c == '\'') {
        skip_string(c);
        continue;
      } else if (in_key_) {
        key_byte(c);
      } else {
        value_byte(c);
      }
      if (c != ' ' && c != '\t' && c != '\n') line_start_ = false;
      ++i_;
    }
  }

 private:
  // A key is read at the start of a line outside a value, in a table header, and after '{' or
  // ',' inside an inline table; it ends at '=' (or at the header's ']').
  void key_byte(char c) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      fail_at({path_, line_}, "",
              "a key may be written only with the letters A-Z and a-z, digits, '_' and '-' "
              "(TOML 1.0); put a key with other letters in quotes");
    }
    if (c == '.' && ++parts_ > kMaxKeyParts) {
      fail_at({path_, line_}, "",
              fmt::format("a key of more than {} dotted parts; no parameter of vtfsim has "
                          "more than a few",
                          kMaxKeyParts));
    }
    if (c == '[' && line_start_ && open_.empty()) {
      header_ = true;
    } else if (c == '=' || (c == ']' && header_) || (c == '}' && inside_inline_table())) {
      if (c == '}') open_.pop_back();
      in_key_ = false;
      header_ = false;
    }
  }

  void value_byte(char c) {
    if (c == '[' || c == '{') {
      open_.push_back(c);
    } else if ((c == ']' || c == '}') && !open_.empty()) {
      open_.pop_back();
    }
    if ((c == '{' || c == ',') && inside_inline_table()) start_key();
  }

  bool inside_inline_table() const { return !open_.empty() && open_.back() == '{'; }

  void start_key() {
    in_key_ = true;
    parts_ = 1;
  }

  void new_line() {
    ++line_;
    line_start_ = true;
    header_ = false;
    // Inside an array continued on the next line, a line holds values.
    if (open_.empty()) start_key();
  }

  void skip_comment() {
    while (i_ < text_.size() && text_[i_] != '\n')
      ++i_;
  }

  void skip_string(char quote) {
    const std::string triple(3, quote);
    const bool multi_line = text_.substr(i_, 3) == triple;
    const std::size_t open = multi_line ? 3 : 1;
    i_ += open;
    line_start_ = false;
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (c == '\\' && quote == '"') {
        if (i_ + 1 < text_.size() && text_[i_ + 1] == '\n') ++line_;
        i_ += 2;
        continue;
      }
      if (c == '\n') {
        if (!multi_line) return;  // the library reports the unterminated string
        ++line_;
      }
      if (c == quote && (!multi_line || text_.substr(i_, 3) == triple)) {
        i_ += open;
        return;
      }
      ++i_;
    }
  }

  std::string_view text_;
  const std::string& path_;
  std::size_t i_ = 0;
  std::uint32_t line_ = 1;
  std::string open_;  // the arrays and inline tables open in a value, innermost last
  std::size_t parts_ = 1;
  bool in_key_ = true;
  bool header_ = false;
  bool line_start_ = true;
};

}  // namespace

std::string_view checked_toml_text(std::string_view text, const std::string& path) {
  if (starts_with_bytes(text, "\xFF\xFE") || starts_with_bytes(text, "\xFE\xFF") ||
      starts_with_bytes(text, std::string_view("\0\0\xFE\xFF", 4))) {
    fail_at({path, 0}, "",
            "the file is in UTF-16 or UTF-32; save it as UTF-8 (in most editors: Save as, "
            "Encoding UTF-8)");
  }
  if (starts_with_bytes(text, kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    const auto line = static_cast<std::uint32_t>(
        1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n'));
    fail_at({path, line}, "",
            "a NUL byte: this is not a text file in UTF-8 (a UTF-16 file without a byte-order "
            "mark, or a binary file?)");
  }
  Scanner(text, path).run();
  return text;
}

}  // namespace sim
