#pragma once
// The findings of a study, computed once: the numbers the terminal's plain words and the HTML
// report state (the main answer, diminishing returns, for whom, the data behind it, how sure),
// each with the sentence the terminal prints. A run and a merge store them in the results file
// under /findings (docs/results-format.md); `vtfsim compare` prints them from there and
// scripts/report.py reads them, so the terminal, the report and a script show the same numbers.
//
// One more finding is one more entry of kFindings (questions/findings.cpp): a function from the
// FindingContext (questions/finding_context.hpp) to a Finding.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"

namespace vtf::questions {

// A number of a finding: /findings/<finding>/<name>, a scalar dataset.
struct FindingValue {
  std::string name;
  double value = 0;
  std::string units;  // "1" for a share or a count, "States", "USD", ...
  std::string long_name;
};

// An axis of a finding's table: its own coordinate (e.g. the funds it ranks), or, with no labels,
// a copy of the results file's coordinate of that name (scenario, policy, state).
struct FindingAxis {
  std::string name;
  std::vector<std::string> labels;
  std::vector<std::int64_t> numbers = {};  // an integer coordinate (years) when labels is empty
};

// A column of a finding's table over some of its axes, row-major: numbers or texts.
struct FindingColumn {
  std::string name;
  std::vector<std::string> dims;
  std::vector<double> numbers;
  std::vector<std::string> texts;  // a text column when not empty
  std::string units;
  std::string long_name;
  bool integer = false;  // numbers that are counts, stored as int64
  bool flag = false;     // numbers that are 0 or 1, stored as uint8
};

struct Finding {
  std::string name;       // its group: /findings/<name>
  std::string statement;  // as the terminal prints it ("- " items, "  " sub-lines); may be empty
  std::string scenario;   // the scenario it speaks of; empty when it spans several
  std::string policy;     // the policy it speaks of; empty when it spans several
  std::vector<FindingValue> values;
  std::vector<std::pair<std::string, std::string>> notes;  // text attributes: name, value
  std::vector<std::pair<std::string, std::vector<std::string>>> lists;  // string-list attributes
  std::vector<FindingAxis> axes;
  std::vector<FindingColumn> columns;

  void add_value(std::string value_name, double x, std::string units, std::string long_name) {
    values.push_back({std::move(value_name), x, std::move(units), std::move(long_name)});
  }
  void add_column(FindingColumn c) { columns.push_back(std::move(c)); }
};

struct Findings {
  std::string heading;             // "In plain words (6 named scenarios, 40 sampled):"
  std::vector<Finding> items;      // in the order printed
  std::string statements() const;  // every statement, in order
};

// Every finding of the complete results file at `path` whose comparison is `c`; nothing when the
// comparison lacks the outcomes the findings speak of or has no fund policy.
std::optional<Findings> compute_findings(const std::string& path, const sim::Comparison& c);

// /findings in `root` (which must not have one).
void write_findings(sim::h5::Group& root, const Findings& f);

// The heading and statements of /findings (its numbers stay in the file); nothing when the file
// has no /findings (written by a vtfsim before it) or, having one, no statement.
std::optional<Findings> read_findings(const sim::h5::Group& root);

// The hook of a run and a merge, once the summaries are written and before the file takes its
// final name: computes the findings of the closed file at `path` and adds /findings to it.
void add_findings(const std::string& path, const sim::Comparison& c);

}  // namespace vtf::questions
