// sim::Date and sim::MonthDay: exact calendar arithmetic (MODEL.md section 2).
#include <catch2/catch.hpp>

#include "sim/engine/date.hpp"
#include "sim/engine/errors.hpp"

using sim::Date;
using sim::MonthDay;

TEST_CASE("Dates count days from 1970-01-01 in the proleptic Gregorian calendar", "[date]") {
  // Day numbers computed independently (Python's datetime.date subtraction).
  CHECK(Date::from_ymd(1970, 1, 1).days() == 0);
  CHECK(Date::from_ymd(1969, 12, 31).days() == -1);
  CHECK(Date::from_ymd(2000, 3, 1).days() == 11017);
  CHECK(Date::from_ymd(2026, 1, 1).days() == 20454);
  CHECK(Date::from_ymd(2100, 2, 28).days() == 47540);
  CHECK(Date::from_ymd(1900, 1, 1).days() == -25567);
}

TEST_CASE("Every day from 1900 to 2200 converts to year, month, day and back", "[date]") {
  const int first = Date::from_ymd(1900, 1, 1).days();
  const int last = Date::from_ymd(2200, 12, 31).days();
  Date previous(first - 1);
  for (int d = first; d <= last; ++d) {
    const Date date(d);
    REQUIRE(Date::from_ymd(date.year(), date.month(), date.day()) == date);
    REQUIRE(previous < date);
    REQUIRE(date.day() >= 1);
    REQUIRE(static_cast<int>(date.day()) <= date.days_in_month());
    previous = date;
  }
}

TEST_CASE("Dates that do not exist are input errors", "[date][errors]") {
  CHECK_THROWS_AS(Date::from_ymd(2023, 2, 29), sim::InputError);
  CHECK_THROWS_AS(Date::from_ymd(2100, 2, 29), sim::InputError);  // not a leap year
  CHECK_THROWS_AS(Date::from_ymd(2026, 13, 1), sim::InputError);
  CHECK_THROWS_AS(Date::from_ymd(2026, 4, 31), sim::InputError);
  CHECK_THROWS_AS(Date::from_ymd(2026, 1, 0), sim::InputError);
  CHECK_THROWS_WITH(Date::from_ymd(2023, 2, 29), Catch::Contains("2023-02-29"));
  CHECK_NOTHROW(Date::from_ymd(2024, 2, 29));
  CHECK_NOTHROW(Date::from_ymd(2000, 2, 29));
}

TEST_CASE("Adding months keeps the day of the month, clamped to the month's last day", "[date]") {
  CHECK(Date::from_ymd(2024, 1, 31).plus_months(1) == Date::from_ymd(2024, 2, 29));
  CHECK(Date::from_ymd(2023, 1, 31).plus_months(1) == Date::from_ymd(2023, 2, 28));
  CHECK(Date::from_ymd(2024, 3, 31).plus_months(-1) == Date::from_ymd(2024, 2, 29));
  CHECK(Date::from_ymd(2026, 1, 15).plus_months(-1) == Date::from_ymd(2025, 12, 15));
  CHECK(Date::from_ymd(2026, 11, 30).plus_months(3) == Date::from_ymd(2027, 2, 28));
  CHECK(Date::from_ymd(2026, 5, 10).plus_months(0) == Date::from_ymd(2026, 5, 10));
  CHECK(Date::from_ymd(2024, 2, 29).plus_years(1) == Date::from_ymd(2025, 2, 28));
  CHECK(Date::from_ymd(2024, 2, 29).plus_years(4) == Date::from_ymd(2028, 2, 29));
  CHECK(Date::from_ymd(2026, 7, 4).plus_years(-20) == Date::from_ymd(2006, 7, 4));
  CHECK(Date::from_ymd(2026, 7, 4).plus_days(31) == Date::from_ymd(2026, 8, 4));
  CHECK(sim::days_between(Date::from_ymd(2026, 1, 1), Date::from_ymd(2027, 1, 1)) == 365);
  CHECK(sim::days_between(Date::from_ymd(2028, 1, 1), Date::from_ymd(2027, 1, 1)) == -365);
}

TEST_CASE("Month starts and month lengths", "[date]") {
  CHECK(Date::from_ymd(2026, 3, 17).month_start() == Date::from_ymd(2026, 3, 1));
  CHECK(Date::from_ymd(2026, 3, 1).month_start() == Date::from_ymd(2026, 3, 1));
  CHECK(Date::from_ymd(2024, 2, 10).days_in_month() == 29);
  CHECK(Date::from_ymd(2000, 2, 10).days_in_month() == 29);
  CHECK(Date::from_ymd(2100, 2, 10).days_in_month() == 28);
  CHECK(Date::from_ymd(2026, 4, 10).days_in_month() == 30);
  CHECK(Date::from_ymd(2026, 12, 31).days_in_month() == 31);
  CHECK(Date::from_ymd(2026, 1, 5).iso() == "2026-01-05");
  CHECK(Date::from_ymd(987, 11, 5).iso() == "0987-11-05");
}

TEST_CASE("Days of the year parse as MM-DD and fall on their date in any year", "[date]") {
  const MonthDay msp = MonthDay::parse("12-01");
  CHECK(msp.month == 12);
  CHECK(msp.day == 1);
  CHECK(msp.text() == "12-01");
  CHECK(msp.in_year(2027) == Date::from_ymd(2027, 12, 1));
  CHECK(MonthDay::parse("03-12") < MonthDay::parse("03-31"));
  CHECK(MonthDay::parse("01-01").in_year(2026).days() == 20454);
}

TEST_CASE("Malformed or impossible days of the year are input errors", "[date][errors]") {
  for (const char* bad : {"3-12", "03-1", "03/12", "0312", "13-01", "00-10", "04-31", "02-30",
                          "02-29", "03-12x", "", "march"}) {
    INFO(bad);
    CHECK_THROWS_AS(MonthDay::parse(bad), sim::InputError);
  }
  CHECK_THROWS_WITH(MonthDay::parse("03/12"), Catch::Contains("MM-DD"));
}
