#pragma once
// The inputs of every future: what was drawn for each (scenario, replication), shared by all the
// policies of that future, so that any per-replication outcome can be related to the conditions
// it arose in (scenario discovery). /inputs/<name> [scenario, replication], float64, with units
// and a description; the model decides which quantities summarise a future.
#include <optional>
#include <string>
#include <vector>

#include "sim/results/h5.hpp"

namespace sim {

struct FutureInput {
  std::string name, unit, description;
  // Where the value comes from: "drawn" (this replication's random draws) or "scenario" (the
  // scenario's parameter, the same in each of its replications).
  std::string source;
  std::vector<double> values;  // [scenario * replications + replication]
  // A short noun phrase for sentences ("Ukraine's initial area over its best estimate").
  std::string label = {};
};

struct FutureInputs {
  std::size_t scenarios = 0, replications = 0;
  std::vector<FutureInput> inputs;
};

inline constexpr const char* kFutureInputsGroup = "inputs";

// Writes /inputs under `root`, whose coordinates scenario and replication label the axes.
void write_future_inputs(h5::Group& root, const FutureInputs& inputs);
// Empty when the file has no /inputs; h5::Error when it is malformed.
std::optional<FutureInputs> read_future_inputs(const h5::Group& root);

}  // namespace sim
