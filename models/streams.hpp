#pragma once
// The model's random processes (MODEL.md section 4). A process id is part of every draw's
// address, so these numbers are part of the results' definition: never renumber or reuse one;
// add new processes at the end.
#include <cstdint>

namespace vtf {

enum class Process : std::uint32_t {
  kInitialArea = 1,          // entity: State; period: start year - 1
  kSecurity = 2,             // entity: State; period: year; draw: 3 blocks = 12 monthly uniforms
  kProductivity = 3,         // entity: State; period: year; draw: 3 blocks = 12 monthly normals
  kDiscovery = 4,            // entity: State; period: year; draw 0: count, draw k: k-th find
  kResidualDiscovery = 5,    // entity: State; period: year
  kDonorEnvelope = 6,        // entity: 0; period: year
  kDonorShock = 7,           // entity: 0; period: year
  kAllocationNoise = 8,      // entity: State; period: year
  kNationalBudget = 9,       // entity: State; period: year
  kNationalCut = 10,         // entity: State; period: year
  kArticle7Report = 11,      // entity: State; period: year
  kExtensionDecision = 12,   // entity: State; period: year of the MSP
  kBreachRequest = 13,       // entity: State; period: year
  kVtfApplication = 14,      // entity: State; period: year
  kVtfLottery = 15,          // entity: State; period: year
  kProjectPerformance = 16,  // entity: State; period: year of the award
  // entity: contributor slot; period: year it joins (start year - 1: founders, draw 0); a
  // newcomer's draws 0..count-1 are a fresh set of weights and draw `count` picks one (v1.2)
  kContributorShare = 17,
  kContributorExit = 18,     // entity: contributor slot; period: year
  kContributorReplace = 19,  // entity: contributor slot; period: year
  kPledgePayment = 20,       // entity: contributor slot; period: year of the pledge
};

constexpr std::uint32_t id(Process p) { return static_cast<std::uint32_t>(p); }

}  // namespace vtf
