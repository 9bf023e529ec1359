#include "views/text_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace vtf::views {

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

std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
}

}  // namespace vtf::views

namespace vtf::views {

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

std::string wrap_lines(const std::string& text, std::size_t width) {
  std::string wrapped;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t stop = text.find('\n', start);
    if (stop == std::string::npos) stop = text.size();
    const std::string line = text.substr(start, stop - start);
    start = stop + 1;
    std::size_t lead = line.find_first_not_of(" -");
    if (lead == std::string::npos) lead = line.size();
    const std::string indent(std::min<std::size_t>(lead, 4) + 2, ' ');
    std::string current = line.substr(0, lead);
    bool empty = true;  // no word on the current output line yet
    std::size_t pos = lead;
    while (pos < line.size()) {
      std::size_t end = line.find(' ', pos);
      if (end == std::string::npos) end = line.size();
      const std::string word = line.substr(pos, end - pos);
      pos = end + 1;
      if (!empty && display_width(current) + 1 + display_width(word) > width) {
        wrapped += current + '\n';
        current = indent;
        empty = true;
      }
      current += (empty ? "" : " ") + word;
      empty = false;
    }
    wrapped += current + '\n';
  }
  return wrapped;
}

}  // namespace vtf::views
