#include "models/csv.hpp"

#include <fmt/format.h>

#include "sim/engine/errors.hpp"

namespace vtf {

std::size_t CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  throw sim::InputError(fmt::format("reference data: no column '{}'", name));
}

CsvTable parse_csv(std::string_view text, const std::string& source) {
  CsvTable table;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  std::size_t line = 1;
  std::size_t row_line = 1;
  const auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  const auto end_row = [&] {
    end_field();
    if (table.header.empty()) {
      table.header = std::move(row);
    } else if (row.size() != 1 || !row[0].empty()) {
      if (row.size() != table.header.size()) {
        throw sim::InputError(fmt::format("{}:{}: expected {} fields, found {}", source, row_line,
                                          table.header.size(), row.size()));
      }
      table.rows.push_back(std::move(row));
      table.row_lines.push_back(row_line);
    }
    row.clear();
    row_line = line;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_row();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted)
    throw sim::InputError(fmt::format("{}:{}: unterminated quoted field", source, row_line));
  if (field_started || !row.empty()) end_row();
  return table;
}

}  // namespace vtf
