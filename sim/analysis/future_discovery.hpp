#pragma once
// Scenario discovery over the futures of a results file: which conditions of a future (its drawn
// inputs, /inputs, and the parameters that vary among its scenarios, /scenarios) make a chosen
// value of one policy's outcome, or of its paired difference against another policy, fall in a
// chosen range. PRIM finds a box of such futures (prim.hpp); extremely randomized trees and the
// standardized rank regression score each input's influence on the value itself.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/analysis/feature_score.hpp"
#include "sim/analysis/prim.hpp"
#include "sim/results/h5.hpp"

namespace sim {

// "VALUE < 1", "VALUE >= 0.5": which futures are the cases of interest.
struct ValueCondition {
  std::string op;  // <, <=, >, >=
  double threshold = 0;
  std::string text;  // as the user wrote it, normalised
  bool holds(double v) const;
};
// InputError for anything but VALUE followed by one of < <= > >= and a finite number.
ValueCondition parse_value_condition(const std::string& text);

struct DiscoveryRequest {
  std::string outcome, policy;
  std::string baseline;  // empty: policy 0; "none": the outcome itself, not a difference
  ValueCondition where;
  PrimOptions prim;
  ExtraTreesOptions trees;
  // false: the box only, without the inputs' scores (the trees take most of the time), for a
  // caller that states the box alone (the run's finding where_it_fails).
  bool scores = true;
  // true: one row per scenario, VALUE its mean over the replications, the inputs the scenario
  // parameters that vary (a Latin hypercube's, say); false: one row per future.
  bool over_scenarios = false;
};
// What a row is: "futures" or "scenarios".
const char* rows_word(const DiscoveryRequest& r);

struct InputDescription {
  std::string name, unit, description, source;  // source: drawn or scenario
  std::string label;                            // what a sentence calls it
};

struct Discovery {
  DiscoveryRequest request;
  std::string baseline_name;  // empty for "none"
  std::string unit;           // the outcome's
  std::vector<InputDescription> inputs;
  std::vector<double> input_min, input_max;  // [input], over the futures selected
  // futures: the rows (futures, or scenarios when over_scenarios), and the cases among them.
  std::size_t futures = 0, cases = 0, scenarios = 0, replications = 0;
  PrimResult box;
  FeatureScore score;
  std::vector<double> srrc;  // [input], the rank regression over futures
  double srrc_r_squared = NAN;
};

// Reads `path` and runs the discovery; InputError (naming the file) for an unknown outcome or
// policy, a file without /inputs, or a selection without futures.
Discovery discover(const std::string& path, const DiscoveryRequest& request);
// The same on a file already open (`path` names it in messages).
Discovery discover(const h5::Group& root, const std::string& path, const DiscoveryRequest& request);

// The discovery's tables, each column over one of the axes input [input names], restriction
// [the chosen box's restricted inputs] or step [0 .. the peeling trajectory's length): written to
// /discovery here and to the finding where_it_fails, so that both carry the same columns.
struct DiscoveryColumn {
  std::string name, dim;
  std::vector<double> numbers;
  std::vector<std::string> texts;
  std::string units, long_name;
  bool is_text = false;  // texts, not numbers
};
struct DiscoveryTables {
  std::vector<std::string> input, restriction;
  std::vector<std::int64_t> step;  // 0, 1, ...: one per box of the peeling trajectory
  std::vector<DiscoveryColumn> columns;
};
DiscoveryTables discovery_tables(const Discovery& d);

// /discovery (replaced if present): attributes for the request and the box's statistics,
// `input` [input] with importance and srrc, the box's restrictions [restriction] and the PRIM
// trajectory [step]; `statement` is the plain-words finding.
void write_discovery(h5::Group& root, const Discovery& d, const std::string& statement);

}  // namespace sim
