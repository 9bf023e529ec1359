#include "models/state_data.hpp"

#include <fmt/format.h>

#include <charconv>
#include <string_view>

#include "models/csv.hpp"
#include "models/income_groups.hpp"
#include "sim/engine/errors.hpp"

namespace vtfsim_embedded {
extern const std::string_view states_parties_csv;
extern const std::string_view model_additions_csv;
extern const std::string_view income_groups_csv;
}  // namespace vtfsim_embedded

namespace vtf {
namespace {

double number(const std::string& text, const std::string& what, std::size_t line) {
  double x = 0;
  const auto* end = text.data() + text.size();
  const auto r = std::from_chars(text.data(), end, x);
  if (text.empty() || r.ec != std::errc() || r.ptr != end) {
    throw sim::InputError(
        fmt::format("states_parties.csv:{}: {} '{}' is not a number", line, what, text));
  }
  return x;
}

sim::Date iso_date(const std::string& text, const std::string& what, std::size_t line) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (std::sscanf(text.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) {
    throw sim::InputError(
        fmt::format("states_parties.csv:{}: {} '{}' is not a date", line, what, text));
  }
  return sim::Date::from_ymd(y, m, d);
}

// The State of a data file's row, by ISO3 code.
StateData& state_of(std::vector<StateData>& states, const std::string& iso3, const char* file,
                    std::size_t line) {
  for (auto& s : states) {
    if (s.iso3 == iso3) return s;
  }
  throw sim::InputError(fmt::format("{}:{}: no State with ISO3 code '{}'", file, line, iso3));
}

// The World Bank income group of every State (income_groups.csv; 5.6.3), read and checked by the
// one parser of that file (models/income_groups.hpp).
void add_income_groups(const std::string& income_csv, std::vector<StateData>& states) {
  const std::vector<StateNames> names = parse_income_groups(income_csv, states);
  for (std::size_t i = 0; i < states.size(); ++i) {
    states[i].income_group = names[i].income_group;
    states[i].high_income = names[i].income_group == "H";
  }
}

}  // namespace

std::vector<StateData> parse_states(const std::string& states_csv, const std::string& additions_csv,
                                    const std::string& income_csv) {
  const CsvTable t = parse_csv(states_csv, "states_parties.csv");
  const auto col = [&](const char* name) { return t.column(name); };
  const std::size_t c_state = col("state"), c_iso = col("iso3"), c_region = col("region"),
                    c_ldc = col("ldc"), c_deadline = col("article5_deadline"),
                    c_ext = col("extensions_granted"), c_pending = col("pending_request_deadline"),
                    c_low = col("remaining_km2_low"), c_best = col("remaining_km2_best"),
                    c_high = col("remaining_km2_high"), c_conf = col("confirmed_share"),
                    c_release = col("release_km2_per_year"),
                    c_finds = col("new_finds_km2_per_year"),
                    c_intl = col("intl_support_musd_per_year"),
                    c_nat = col("national_support_musd_per_year"), c_insec = col("insecurity"),
                    c_year = col("data_year"), c_quality = col("quality"), c_notes = col("notes"),
                    c_sources = col("sources");
  std::vector<StateData> states;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const std::size_t line = t.row_lines[r];
    StateData s;
    s.name = row[c_state];
    s.iso3 = row[c_iso];
    s.region = row[c_region];
    s.ldc = number(row[c_ldc], "ldc", line) != 0;
    s.deadline = iso_date(row[c_deadline], "article5_deadline", line);
    s.extensions_granted = static_cast<int>(number(row[c_ext], "extensions_granted", line));
    if (!row[c_pending].empty())
      s.pending_request = iso_date(row[c_pending], "pending_request_deadline", line);
    s.area_low_km2 = number(row[c_low], "remaining_km2_low", line);
    s.area_best_km2 = number(row[c_best], "remaining_km2_best", line);
    s.area_high_km2 = number(row[c_high], "remaining_km2_high", line);
    s.confirmed_share = number(row[c_conf], "confirmed_share", line);
    s.release_km2_per_year = number(row[c_release], "release_km2_per_year", line);
    if (!row[c_finds].empty())
      s.new_finds_km2_per_year = number(row[c_finds], "new_finds_km2_per_year", line);
    s.intl_usd_per_year = 1e6 * number(row[c_intl], "intl_support_musd_per_year", line);
    s.national_usd_per_year = 1e6 * number(row[c_nat], "national_support_musd_per_year", line);
    s.insecurity = static_cast<int>(number(row[c_insec], "insecurity", line));
    s.data_year = static_cast<int>(number(row[c_year], "data_year", line));
    s.quality = row[c_quality];
    s.notes = row[c_notes];
    s.sources = row[c_sources];
    if (!(s.area_low_km2 <= s.area_best_km2 && s.area_best_km2 <= s.area_high_km2)) {
      throw sim::InputError(
          fmt::format("states_parties.csv:{}: {}: remaining_km2 low <= best <= high does not hold",
                      line, s.name));
    }
    states.push_back(std::move(s));
  }

  const CsvTable a = parse_csv(additions_csv, "model_additions.csv");
  const std::size_t a_iso = a.column("iso3"), a_access = a.column("access"),
                    a_done = a.column("completed_year"), a_reason = a.column("reason");
  for (std::size_t r = 0; r < a.rows.size(); ++r) {
    const auto& row = a.rows[r];
    StateData* target = &state_of(states, row[a_iso], "model_additions.csv", a.row_lines[r]);
    target->access = number(row[a_access], "access", a.row_lines[r]) != 0;
    if (!row[a_done].empty())
      target->completed_year =
          static_cast<int>(number(row[a_done], "completed_year", a.row_lines[r]));
    target->model_note = row[a_reason];
  }
  add_income_groups(income_csv, states);
  return states;
}

const std::vector<StateData>& reference_states() {
  static const std::vector<StateData> states =
      parse_states(std::string(vtfsim_embedded::states_parties_csv),
                   std::string(vtfsim_embedded::model_additions_csv),
                   std::string(vtfsim_embedded::income_groups_csv));
  return states;
}

}  // namespace vtf
