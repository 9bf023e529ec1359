#pragma once
// Entity names as people type them: "Türkiye", "turkiye" and "TURKIYE" are one name, and so are
// "Guinea-Bissau", "guinea_bissau" and "Guinea Bissau" (a TOML bare key cannot hold a space).
#include <string>
#include <string_view>

namespace sim {

// Lower case, Latin accents removed (UTF-8 letters of U+00C0-U+017F to their base letter),
// '-', '_' and runs of spaces as one space, apostrophes and full stops dropped. Other bytes are
// kept, so folding never merges two names that differ in a script it does not know.
std::string fold_name(std::string_view name);

// Whether `word` (folded) is one or more whole words of `text` (folded): "congo" in
// "democratic republic of the congo", not "niger" in "nigeria".
bool contains_words(std::string_view text, std::string_view word);

}  // namespace sim
