#pragma once
// Small formatting rules shared by the tables, CSV and JSON that the commands print.
#include <string>
#include <vector>

namespace vtf::views {

std::string csv_field(const std::string& s);  // quoted only when it must be (RFC 4180)
std::string csv_number(double x);             // empty for NaN/inf: a blank spreadsheet cell
std::string json_string(const std::string& s);
std::string json_number(double x);  // null for NaN/inf
// Display width in terminal columns (code points; the tables use "Δ").
std::size_t display_width(const std::string& s);

}  // namespace vtf::views

namespace vtf::views {

// Rows of cells as aligned text: the first column left-aligned, the others right-aligned.
std::string render_table(const std::vector<std::vector<std::string>>& rows);

// Lines of text wrapped at `width` columns: continuation lines are indented two columns deeper
// than the line's own indentation of spaces and "- " (list items and their sub-items).
std::string wrap_lines(const std::string& text, std::size_t width);

}  // namespace vtf::views
