#include "questions/decision_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "questions/findings.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"

namespace vtf::questions {
namespace {

// The columns by name, from whichever source; the same filling for both.
struct Source {
  std::function<std::vector<double>(const std::string&)> numbers;
  std::function<std::vector<std::string>(const std::string&)> texts;
  std::function<std::string(const std::string&)> note;
  std::vector<std::int64_t> years;
};

// The numeric columns, each with its axes: [option], [scenario, option, year] or
// [scenario, option]. Read by fill, checked against the coordinates by check_shapes.
enum class Axes { kOption, kScenarioOptionYear, kScenarioOption };
struct NumberColumn {
  std::vector<double> DecisionTable::*member;
  const char* name;
  Axes axes;
};
constexpr NumberColumn kNumberColumns[] = {
    {&DecisionTable::size_usd_per_year, "size_usd_per_year", Axes::kOption},
    {&DecisionTable::mean, "mean", Axes::kScenarioOptionYear},
    {&DecisionTable::ci_low, "ci_low", Axes::kScenarioOptionYear},
    {&DecisionTable::ci_high, "ci_high", Axes::kScenarioOptionYear},
    {&DecisionTable::p10, "p10", Axes::kScenarioOptionYear},
    {&DecisionTable::p50, "p50", Axes::kScenarioOptionYear},
    {&DecisionTable::p90, "p90", Axes::kScenarioOptionYear},
    {&DecisionTable::share_at_least_one, "share_at_least_one", Axes::kScenarioOptionYear},
    {&DecisionTable::share_none, "share_none", Axes::kScenarioOptionYear},
    {&DecisionTable::received_usd, "received_usd", Axes::kScenarioOption},
    {&DecisionTable::spent_usd, "spent_usd", Axes::kScenarioOption},
    {&DecisionTable::admin_usd, "admin_usd", Axes::kScenarioOption},
    {&DecisionTable::idle_usd, "idle_usd", Axes::kScenarioOption},
    {&DecisionTable::unused_share, "unused_share", Axes::kScenarioOption},
};

DecisionTable fill(const Source& in) {
  DecisionTable t;
  t.scenario = in.note("scenario");
  t.policy = in.note("policy");
  t.policy_reason = in.note("policy_reason");
  t.x_axis = in.note("x_axis");
  t.scenarios = in.texts("scenario");
  t.options = in.texts("option");
  t.labels = in.texts("label");
  t.families = in.texts("family");
  t.years = in.years;
  for (const NumberColumn& c : kNumberColumns)
    t.*c.member = in.numbers(c.name);
  return t;
}

DecisionTable from_file(const sim::h5::Group& g) {
  Source in;
  in.numbers = [&](const std::string& n) { return g.open_dataset(n).read<double>(); };
  in.texts = [&](const std::string& n) { return g.open_dataset(n).read_strings(); };
  in.note = [&](const std::string& n) { return g.string_attribute(n).value_or(""); };
  in.years = g.open_dataset("year").read<std::int64_t>();
  return fill(in);
}

DecisionTable from_finding(const Finding& f, const std::vector<std::string>& scenarios) {
  const auto column = [&](const std::string& n) -> const FindingColumn& {
    for (const auto& c : f.columns)
      if (c.name == n) return c;
    throw std::logic_error("/findings/decision has no " + n);
  };
  const auto axis = [&](const std::string& n) -> const FindingAxis& {
    for (const auto& a : f.axes)
      if (a.name == n) return a;
    throw std::logic_error("/findings/decision has no axis " + n);
  };
  Source in;
  in.numbers = [&](const std::string& n) { return column(n).numbers; };
  in.texts = [&](const std::string& n) {
    if (n == "scenario") return scenarios;
    if (n == "option") return axis(n).labels;
    return column(n).texts;
  };
  in.note = [&](const std::string& n) {
    if (n == "scenario") return f.scenario;
    if (n == "policy") return f.policy;
    for (const auto& [name, text] : f.notes)
      if (name == n) return text;
    return std::string();
  };
  in.years = axis("year").numbers;
  return fill(in);
}

// A table read from a file has what its coordinates imply, or the views would read past it (a
// damaged or hand-edited file: the fuzz target of the results readers found one).
void check_shapes(const DecisionTable& t, const std::string& path) {
  const std::size_t o = t.options.size(), s = t.scenarios.size(), y = t.years.size();
  const auto want = [&](std::size_t size, std::size_t expected, const char* name) {
    if (size != expected) {
      throw sim::InputError(fmt::format(
          "{}: a damaged results file: /findings/decision/{} has {} values, not the {} its "
          "coordinates imply",
          path, name, size, expected));
    }
  };
  if (std::find(t.scenarios.begin(), t.scenarios.end(), t.scenario) == t.scenarios.end()) {
    throw sim::InputError(fmt::format(
        "{}: a damaged results file: /findings/decision speaks of the scenario '{}', which is "
        "not one of its scenarios",
        path, t.scenario));
  }
  want(t.labels.size(), o, "label");
  want(t.families.size(), o, "family");
  for (const NumberColumn& c : kNumberColumns) {
    const std::size_t expected = c.axes == Axes::kOption               ? o
                                 : c.axes == Axes::kScenarioOptionYear ? s * o * y
                                                                       : s * o;
    want((t.*c.member).size(), expected, c.name);
  }
}

}  // namespace

std::size_t DecisionTable::label_of(const std::string& policy_name) const {
  return static_cast<std::size_t>(std::find(options.begin(), options.end(), policy_name) -
                                  options.begin());
}

DecisionTable read_decision(const std::string& path) {
  {
    const sim::h5::File file = sim::h5::File::open_read(path);
    const sim::h5::Group root = file.root();
    sim::require_results_file(root, path);
    if (root.has_group("findings") && root.open_group("findings").has_group("decision")) {
      DecisionTable t = from_file(root.open_group("findings").open_group("decision"));
      check_shapes(t, path);
      return t;
    }
  }
  const sim::Comparison c = sim::read_comparison(path);
  const auto findings = compute_findings(path, c);
  if (findings) {
    for (const auto& item : findings->items) {
      if (item.name != "decision") continue;
      DecisionTable t = from_finding(item, c.scenarios);
      t.recomputed = true;
      return t;
    }
  }
  throw sim::InputError(
      fmt::format("{}: nothing to decide on: the file needs a fund policy and the outcomes "
                  "completed_by_horizon and extension_requests",
                  path));
}

}  // namespace vtf::questions
