#include "sim/engine/date.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "sim/engine/errors.hpp"

namespace sim {

namespace chr = std::chrono;
using chr::year_month_day;

Date Date::from_ymd(int y, unsigned m, unsigned d) {
  const year_month_day ymd{chr::year(y), chr::month(m), chr::day(d)};
  if (!ymd.ok()) throw InputError(fmt::format("{:04}-{:02}-{:02} is not a calendar date", y, m, d));
  return from_chrono(ymd);
}

Date Date::plus_months(int n) const {
  const auto date = ymd();
  const auto shifted =
      year_month_day(date.year(), date.month(), chr::day(1)) + std::chrono::months(n);
  const auto last = std::chrono::year_month_day_last(shifted.year(),
                                                     std::chrono::month_day_last(shifted.month()));
  const auto d = std::min(date.day(), last.day());
  return from_chrono(year_month_day(shifted.year(), shifted.month(), d));
}

Date Date::month_start() const {
  const auto date = ymd();
  return from_chrono(year_month_day(date.year(), date.month(), chr::day(1)));
}

int Date::days_in_month() const {
  const auto date = ymd();
  const auto last =
      std::chrono::year_month_day_last(date.year(), std::chrono::month_day_last(date.month()));
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", year(), month(), day()); }

Date MonthDay::in_year(int y) const { return Date::from_ymd(y, month, day); }

std::string MonthDay::text() const { return fmt::format("{:02}-{:02}", month, day); }

MonthDay MonthDay::parse(const std::string& text) {
  unsigned m = 0;
  unsigned d = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%2u-%2u%c", &m, &d, &tail) != 2 || text.size() != 5) {
    throw InputError(
        fmt::format("'{}' is not a day of the year; expected MM-DD, e.g. \"03-12\"", text));
  }
  // Checked against a common year: 02-29 would not exist in most years of a run.
  if (!year_month_day(chr::year(2023), chr::month(m), chr::day(d)).ok()) {
    throw InputError(fmt::format("'{}' is not a day of the year (MM-DD)", text));
  }
  return MonthDay{m, d};
}

}  // namespace sim
