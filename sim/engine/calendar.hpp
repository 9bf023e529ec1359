#pragma once
// An event calendar for discrete events with calendar dates. Events on the same day are
// processed in a fixed order (rank, then entity, then kind, then scheduling sequence), so the
// trajectory of a replication never depends on how or when events were inserted: this is what
// keeps replications pure functions of their random streams.
// Most events of a simulation are known in advance (a yearly cycle, month starts, random
// events drawn up front); they come as one sorted list that is merged with a small heap of
// events scheduled on the way, so the heap stays short. Storage is kept across clear(), so a
// replication allocates nothing once its workspace has warmed up.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/engine/date.hpp"

namespace sim {

struct Event {
  Date date;
  std::uint16_t rank = 0;      // order among events of the same day (lower first)
  std::uint16_t kind = 0;      // model-defined event type
  std::uint32_t entity = 0;    // model-defined subject (an entity, an agent, ...)
  std::uint32_t payload = 0;   // model-defined extra datum (a year, a grant id, ...)
  std::uint32_t sequence = 0;  // assigned by the calendar; last tie-breaker

  friend bool operator<(const Event& a, const Event& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.entity != b.entity) return a.entity < b.entity;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.sequence < b.sequence;
  }
};

class EventCalendar {
 public:
  void clear() {
    heap_.clear();
    fixed_ = nullptr;
    fixed_size_ = fixed_next_ = 0;
    sequence_ = 0;
  }
  void reserve(std::size_t n) { heap_.reserve(n); }
  // Events known in advance, sorted by operator<; must outlive the calendar's use of them.
  void set_fixed(const Event* sorted, std::size_t n) {
    fixed_ = sorted;
    fixed_size_ = n;
    fixed_next_ = 0;
    sequence_ = 0x80000000u;  // scheduled events rank after fixed ones on full ties
  }
  void schedule(Event e) {
    e.sequence = sequence_++;
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), later);
  }
  bool empty() const { return heap_.empty() && fixed_next_ == fixed_size_; }
  std::size_t size() const { return heap_.size() + fixed_size_ - fixed_next_; }
  const Event& next() const { return take_fixed() ? fixed_[fixed_next_] : heap_.front(); }
  Event pop() {
    if (take_fixed()) return fixed_[fixed_next_++];
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const Event e = heap_.back();
    heap_.pop_back();
    return e;
  }

 private:
  static bool later(const Event& a, const Event& b) { return b < a; }
  bool take_fixed() const {
    return fixed_next_ < fixed_size_ && (heap_.empty() || fixed_[fixed_next_] < heap_.front());
  }
  std::vector<Event> heap_;
  const Event* fixed_ = nullptr;
  std::size_t fixed_size_ = 0;
  std::size_t fixed_next_ = 0;
  std::uint32_t sequence_ = 0;
};

}  // namespace sim
