#pragma once
// Calendar dates as whole days since 1970-01-01 (proleptic Gregorian), so that date arithmetic
// is integer arithmetic and every event of the simulation carries an exact calendar date.
#include <chrono>
#include <compare>
#include <cstdint>
#include <string>

namespace sim {

class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::int32_t days_since_epoch) : days_(days_since_epoch) {}
  static Date from_ymd(int year, unsigned month, unsigned day);  // throws InputError if invalid
  static constexpr Date from_chrono(std::chrono::year_month_day ymd) {
    return Date(static_cast<std::int32_t>(std::chrono::sys_days(ymd).time_since_epoch().count()));
  }

  constexpr std::int32_t days() const { return days_; }
  std::chrono::year_month_day ymd() const {
    return std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(days_)));
  }
  int year() const { return static_cast<int>(ymd().year()); }
  unsigned month() const { return static_cast<unsigned>(ymd().month()); }
  unsigned day() const { return static_cast<unsigned>(ymd().day()); }

  // Same day of month `n` months later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb).
  Date plus_months(int n) const;
  Date plus_years(int n) const { return plus_months(12 * n); }
  constexpr Date plus_days(std::int32_t n) const { return Date(days_ + n); }
  // First day of this date's month.
  Date month_start() const;
  int days_in_month() const;

  std::string iso() const;  // YYYY-MM-DD

  constexpr auto operator<=>(const Date&) const = default;

 private:
  std::int32_t days_ = 0;
};

constexpr std::int32_t days_between(Date from, Date to) { return to.days() - from.days(); }

// A day of the year ("03-12") for recurring annual events.
struct MonthDay {
  unsigned month = 1;
  unsigned day = 1;
  Date in_year(int year) const;
  std::string text() const;                        // MM-DD
  static MonthDay parse(const std::string& text);  // throws InputError
  constexpr auto operator<=>(const MonthDay&) const = default;
};

}  // namespace sim
