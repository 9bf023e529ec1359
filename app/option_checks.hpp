#pragma once
// Checks of command-line values that CLI11's own conversions let through: an unsigned integer
// written with a minus sign or beyond 64 bits (converted with wrap-around), a NaN (which every
// range comparison lets pass), an empty text for an option that needs one.
#include <CLI/CLI.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

namespace vtf::app {

// A seed: decimal digits only, at most 2^63 - 1, the largest a scenario file (a TOML integer)
// and the results file's int64 `seed` attribute hold, so the seed a run uses is the one stored.
inline const CLI::Validator kSeedCheck(
    [](std::string& text) -> std::string {
      std::int64_t value = 0;
      const char* end = text.data() + text.size();
      const auto [ptr, ec] = std::from_chars(text.data(), end, value);
      if (text.empty() || text[0] == '-' || ec != std::errc() || ptr != end)
        return "expected a whole number from 0 to 9223372036854775807, got '" + text + "'";
      return "";
    },
    "UINT64");

inline const CLI::Validator kFiniteCheck(
    [](std::string& text) -> std::string {
      try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size() && std::isfinite(value)) return "";
      } catch (const std::exception&) {
      }
      return "expected a finite number, got '" + text + "'";
    },
    "FINITE");

inline const CLI::Validator kNotEmptyCheck(
    [](std::string& text) -> std::string { return text.empty() ? "expected a value, got ''" : ""; },
    "TEXT");

}  // namespace vtf::app
