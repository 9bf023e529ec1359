#include "app/text_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace vtf::app {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s)
    out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string csv_number(double x) { return std::isfinite(x) ? fmt::format("{}", x) : ""; }

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(ch));
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string json_number(double x) { return std::isfinite(x) ? fmt::format("{}", x) : "null"; }

std::string signed_number(double x) {
  if (std::isnan(x)) return "n/a";
  const double a = std::fabs(x);
  const int decimals = a >= 100 ? 0 : (a >= 10 ? 1 : 2);
  return fmt::format("{:+.{}f}", x, decimals);
}

std::string money(double usd) {
  if (std::isnan(usd)) return "no gain";
  if (usd >= 1e9) return fmt::format("${:.2f}B", usd / 1e9);
  if (usd >= 1e6) return fmt::format("${:.1f}M", usd / 1e6);
  return fmt::format("${:.0f}k", usd / 1e3);
}

std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
}

}  // namespace vtf::app

namespace vtf::app {

std::string render_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (std::size_t j = 0; j < row.size(); ++j)
      width[j] = std::max(width[j], display_width(row[j]));
  }
  std::string text;
  for (const auto& row : rows) {
    for (std::size_t j = 0; j < row.size(); ++j) {
      const std::string pad(width[j] - display_width(row[j]), ' ');
      text += j == 0 ? row[j] + pad : "  " + pad + row[j];
    }
    text += '\n';
  }
  return text;
}

}  // namespace vtf::app
