// sim::EventCalendar: events in a fixed order whatever the order they were inserted in.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "sim/engine/calendar.hpp"

using sim::Date;
using sim::Event;
using sim::EventCalendar;

namespace {

Event event(int day, std::uint16_t rank, std::uint32_t entity, std::uint16_t kind,
            std::uint32_t payload = 0) {
  Event e;
  e.date = Date(20454 + day);
  e.rank = rank;
  e.entity = entity;
  e.kind = kind;
  e.payload = payload;
  return e;
}

std::vector<Event> drain(EventCalendar& c) {
  std::vector<Event> out;
  while (!c.empty()) {
    REQUIRE(c.next().date == c.next().date);  // next() does not consume
    const Event peeked = c.next();
    const Event e = c.pop();
    REQUIRE(e.payload == peeked.payload);
    out.push_back(e);
  }
  return out;
}

}  // namespace

TEST_CASE("Events come out by date, then rank, entity and kind", "[calendar]") {
  EventCalendar c;
  c.schedule(event(2, 0, 0, 0, 1));
  c.schedule(event(1, 5, 0, 0, 2));
  c.schedule(event(1, 1, 9, 0, 3));
  c.schedule(event(1, 1, 3, 7, 4));
  c.schedule(event(1, 1, 3, 2, 5));
  REQUIRE(c.size() == 5);
  std::vector<std::uint32_t> order;
  for (const auto& e : drain(c))
    order.push_back(e.payload);
  CHECK(order == std::vector<std::uint32_t>{5, 4, 3, 2, 1});
  CHECK(c.size() == 0);
}

TEST_CASE("Events tied on every key come out in the order they were scheduled", "[calendar]") {
  EventCalendar c;
  for (std::uint32_t i = 0; i < 50; ++i)
    c.schedule(event(3, 1, 2, 4, i));
  std::uint32_t expected = 0;
  for (const auto& e : drain(c))
    CHECK(e.payload == expected++);
}

TEST_CASE("The order does not depend on the insertion order", "[calendar]") {
  std::mt19937 rng(12345);
  std::vector<Event> events;
  for (std::uint32_t i = 0; i < 2000; ++i) {
    events.push_back(event(static_cast<int>(rng() % 40), static_cast<std::uint16_t>(rng() % 3),
                           static_cast<std::uint32_t>(rng() % 5),
                           static_cast<std::uint16_t>(rng() % 4), i));
  }
  // Distinct keys (date, rank, entity, kind) only, so the order is fully defined by them.
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a < b; });
  events.erase(std::unique(events.begin(), events.end(),
                           [](const Event& a, const Event& b) { return !(a < b) && !(b < a); }),
               events.end());
  std::vector<std::uint32_t> reference;
  for (const auto& e : events)
    reference.push_back(e.payload);

  for (int trial = 0; trial < 5; ++trial) {
    std::shuffle(events.begin(), events.end(), rng);
    EventCalendar c;
    for (const auto& e : events)
      c.schedule(e);
    std::vector<std::uint32_t> got;
    for (const auto& e : drain(c))
      got.push_back(e.payload);
    CHECK(got == reference);
  }
}

TEST_CASE("Fixed events merge with scheduled ones, fixed first on full ties", "[calendar]") {
  const std::vector<Event> fixed = {event(1, 0, 0, 0, 100), event(2, 0, 0, 0, 101),
                                    event(5, 0, 0, 0, 102)};
  EventCalendar c;
  c.set_fixed(fixed.data(), fixed.size());
  c.schedule(event(2, 0, 0, 0, 200));  // full tie with fixed 101: after it
  c.schedule(event(0, 0, 0, 0, 201));  // before everything
  c.schedule(event(3, 0, 0, 0, 202));
  CHECK(c.size() == 6);
  std::vector<std::uint32_t> order;
  while (!c.empty()) {
    const Event e = c.pop();
    order.push_back(e.payload);
    // Events scheduled while processing go into their place.
    if (e.payload == 202) c.schedule(event(4, 0, 0, 0, 203));
    if (e.payload == 203) c.schedule(event(4, 1, 0, 0, 204));  // same day, later rank
  }
  CHECK(order == std::vector<std::uint32_t>{201, 100, 101, 200, 202, 203, 204, 102});
}

TEST_CASE("clear() empties the calendar and forgets the fixed events", "[calendar]") {
  const std::vector<Event> fixed = {event(1, 0, 0, 0, 1)};
  EventCalendar c;
  c.reserve(16);
  c.set_fixed(fixed.data(), fixed.size());
  c.schedule(event(0, 0, 0, 0, 2));
  c.clear();
  CHECK(c.empty());
  CHECK(c.size() == 0);
  c.schedule(event(0, 0, 0, 0, 3));
  c.schedule(event(0, 0, 0, 0, 4));
  CHECK(c.pop().payload == 3);
  CHECK(c.pop().payload == 4);
  CHECK(c.empty());
}
