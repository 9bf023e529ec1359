#pragma once
// Event kinds of the simulation and their order among events of the same day.
#include <cstdint>

namespace vtf {

enum class EventKind : std::uint16_t {
  kDonorYear,
  kPledgingConference,
  kExtensionRequests,
  kArticle7Reports,
  kCallCloses,
  kSelectionCommittee,
  kFirstTranche,
  kMsp,
  kYearEnd,
  kMonthStart,
  kDiscovery,
  kPledgePayment,
  kMonitoring,
  kGrantEnd,
};

// Same-day order: the year's books first, then endings before beginnings (a grant ends before a
// new one starts), decisions before operations, and the year-end snapshot last.
constexpr std::uint16_t rank_of(EventKind k) {
  switch (k) {
    case EventKind::kDonorYear:
      return 10;
    case EventKind::kGrantEnd:
      return 15;
    case EventKind::kFirstTranche:
      return 20;
    case EventKind::kMonitoring:
      return 30;
    case EventKind::kPledgingConference:
    case EventKind::kExtensionRequests:
    case EventKind::kArticle7Reports:
    case EventKind::kCallCloses:
    case EventKind::kSelectionCommittee:
    case EventKind::kMsp:
      return 40;
    case EventKind::kDiscovery:
      return 50;
    case EventKind::kPledgePayment:
      return 60;
    case EventKind::kMonthStart:
      return 100;
    case EventKind::kYearEnd:
      return 250;
  }
  return 0;
}

constexpr std::uint16_t code(EventKind k) { return static_cast<std::uint16_t>(k); }

}  // namespace vtf
