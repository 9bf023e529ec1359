#pragma once
// A small RFC 4180 reader (quoted fields, doubled quotes, commas and newlines inside quotes):
// enough for the model's reference data, whose notes are long quoted text.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vtf {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> row_lines;  // 1-based line of each row, for error messages

  std::size_t column(std::string_view name) const;  // throws InputError if missing
};

// Throws sim::InputError naming `source` and the line on malformed input.
CsvTable parse_csv(std::string_view text, const std::string& source);

}  // namespace vtf
