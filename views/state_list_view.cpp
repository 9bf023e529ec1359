#include "views/state_list_view.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>

#include "models/income_groups.hpp"

namespace vtf::views {

void print_state_list(std::FILE* out, const std::vector<StateListing>& states,
                      const std::string& calibrated_under) {
  fmt::print(out,
             "The {} States Parties with Article 5 (mine clearance) obligations, from "
             "models/data/. A scenario "
             "file names one as [states.<name>], by its name, ISO3 code or another name listed "
             "here, in any case and with or without accents, e.g. [states.TUR] or "
             "[states.\"Türkiye\"].\n",
             states.size());
  fmt::print(out,
             "Quality: A, B or C as graded in the data. Calibration (MODEL.md 5.3): {}; "
             "`vtfsim run` logs the reasons.\n\n",
             calibrated_under);
  const auto row = [&](const auto&... cells) {
    std::string line =
        fmt::format("{:<4}  {:<32}  {:<13}  {:<3}  {:<12}  {:<7}  {:<16}  {}", cells...);
    line.erase(line.find_last_not_of(' ') + 1);  // no padding after the last column
    fmt::print(out, "{}\n", line);
  };
  row("ISO3", "State", "Region", "LDC", "Income group", "Quality", "Calibration", "Also");
  for (const auto& s : states) {
    row(s.iso3, s.name, s.region, s.ldc ? "yes" : "no", income_group_words(s.income_group),
        s.quality, status_name(s.calibration), fmt::format("{}", fmt::join(s.aliases, ", ")));
  }
}

}  // namespace vtf::views
