#include "sim/study/name_folding.hpp"

#include <string_view>

namespace sim {
namespace {

using namespace std::string_view_literals;

// The base letter of each code point U+00C0-U+017F, lower case; '\0' where there is none (the
// signs x and ÷, thorn), so the character is kept as written.
constexpr std::string_view kLatin1 =
    "aaaaaaaceeeeiiii"
    "dnooooo\0ouuuuy\0s"
    "aaaaaaaceeeeiiii"
    "dnooooo\0ouuuuy\0y"sv;
constexpr std::string_view kExtendedA =
    "aaaaaaccccccccdd"
    "ddeeeeeeeeeegggg"
    "gggghhhhiiiiiiii"
    "iiiijjkkklllllll"
    "lllnnnnnnnnnoooo"
    "oooorrrrrrssssss"
    "ssttttttuuuuuuuu"
    "uuuuwwyyyzzzzzzs"sv;
static_assert(kLatin1.size() == 64 && kExtendedA.size() == 128);

// The folded letter of a two-byte UTF-8 sequence, or '\0' if it is not a Latin letter.
char latin_base(unsigned char lead, unsigned char next) {
  if ((next & 0xC0) != 0x80) return '\0';
  const unsigned code = ((lead & 0x1Fu) << 6) | (next & 0x3Fu);
  if (code >= 0xC0 && code < 0x100) return kLatin1[code - 0xC0];
  if (code >= 0x100 && code < 0x180) return kExtendedA[code - 0x100];
  return '\0';
}

void push_space(std::string& out) {
  if (!out.empty() && out.back() != ' ') out.push_back(' ');
}

}  // namespace

std::string fold_name(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c == ' ' || c == '-' || c == '_' || c == '\t') {
      push_space(out);
    } else if (c == '\'' || c == '.') {
      continue;
    } else if (c == 0xE2 && name.substr(i, 3) == "\xE2\x80\x99") {  // the typographic apostrophe
      i += 2;
    } else if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (c >= 0xC3 && c <= 0xC5 && i + 1 < name.size()) {
      const char base = latin_base(c, static_cast<unsigned char>(name[i + 1]));
      if (base == '\0') {
        out.push_back(name[i]);
        continue;
      }
      out.push_back(base);
      ++i;
    } else {
      out.push_back(name[i]);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool contains_words(std::string_view text, std::string_view word) {
  // Padded with spaces so that a match at either end is a whole word too; appended rather than
  // concatenated, which GCC 12 misreads as an overlapping copy (-Wrestrict).
  const auto padded = [](std::string_view s) {
    std::string out(1, ' ');
    out.append(fold_name(s)).push_back(' ');
    return out;
  };
  return !fold_name(word).empty() && padded(text).find(padded(word)) != std::string::npos;
}

}  // namespace sim
