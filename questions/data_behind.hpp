#pragma once
// The data behind an effect (issue 10): each State's part of a paired difference
// (/contributions) beside the quality of its data and its calibration, so the findings can say
// how much of an effect rests on weak data and on which States.
#include <optional>
#include <string>
#include <vector>

#include "sim/results/h5.hpp"

namespace vtf::questions {

struct Contributor {
  std::string state;
  double part = 0;       // in the effect's units
  std::string weakness;  // as data_weakness(); empty if not weak
};

struct DataBehind {
  double effect = 0;                 // the parts summed: the paired mean
  double weak = 0;                   // the parts of the States with weak data, summed
  std::vector<Contributor> largest;  // every State with a positive part, largest first
};

// From each State's part and why its data are weak (data_weakness; all [state]).
DataBehind data_behind(const std::vector<std::string>& states, const std::vector<double>& parts,
                       const std::vector<std::string>& weakness);

// Each State's part of `outcome` for every scenario and policy, and why its data are weak, read
// once from a results file.
class DataBehindTable {
 public:
  // Nothing if the file has no /contributions/<outcome> or /calibration/weak_data. Throws
  // InputError naming `path` if their shapes are not those of `scenarios` x `policies` and the
  // file's States (a damaged file).
  static std::optional<DataBehindTable> read(const sim::h5::Group& root, const std::string& outcome,
                                             const std::string& path, std::size_t scenarios,
                                             std::size_t policies);
  DataBehind at(std::size_t scenario, std::size_t policy) const;

 private:
  std::vector<std::string> states_;
  std::vector<double> parts_;          // [scenario, policy, state]
  std::vector<std::string> weakness_;  // [scenario, state]
  std::size_t policies_ = 0;
};

// "The data behind it: 92% of the +3.06 completions by 2045 (10M a year, declining/lenient)
// comes from States with weak data ...; the largest parts: Peru 31% (C, imputed), ...": the
// sentence alone, as the report shows it; empty when the effect is too small to share out.
std::string data_behind_sentence(const DataBehind& d, const std::string& what);

// "- The data behind it: 92% of the +3.06 completions by 2045 (10M a year, declining/lenient)
// comes from States with weak data ...; the largest parts: Peru 31% (C, imputed), ..." and how to
// test it; nothing when the effect is too small to share out.
std::string data_behind_statement(const DataBehind& d, const std::string& what);

}  // namespace vtf::questions
