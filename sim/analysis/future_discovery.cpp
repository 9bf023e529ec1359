#include "sim/analysis/future_discovery.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "sim/analysis/sensitivity.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/future_inputs.hpp"
#include "sim/results/outcome_values.hpp"

namespace sim {
namespace {

// A parameter's doc without the source it ends with: "what an implementing partner can spend in a
// year (5.6.4; model assumption)" -> "what an implementing partner can spend in a year".
std::string without_source(std::string doc) {
  if (!doc.empty() && doc.back() == ')') {
    const auto open = doc.rfind(" (");
    if (open != std::string::npos) doc.resize(open);
  }
  return doc;
}

// A parameter column of /scenarios broadcast to every replication of its scenario, if it varies
// among the scenarios: numbers as they are, a text parameter of two values as 0/1.
std::optional<std::pair<InputDescription, std::vector<double>>> scenario_column(
    const h5::Dataset& ds, const std::string& name) {
  std::vector<double> v;
  std::optional<std::string> level;  // a text parameter: the level coded as 1
  if (ds.holds_integers()) {
    for (auto x : ds.read<std::int64_t>())
      v.push_back(static_cast<double>(x));
  } else {
    try {
      v = ds.read<double>();
    } catch (const h5::Error&) {
      const auto text = ds.read_strings();
      const std::set<std::string> levels(text.begin(), text.end());
      if (levels.size() != 2) return std::nullopt;
      level.emplace(*levels.rbegin());
      for (const auto& t : text)
        v.push_back(t == *level ? 1.0 : 0.0);
    }
  }
  if (std::set<double>(v.begin(), v.end()).size() < 2) return std::nullopt;
  for (double x : v)
    if (!std::isfinite(x)) return std::nullopt;
  const std::string unit = level ? std::string("1") : ds.string_attribute("units").value_or("");
  const std::string label = level ? fmt::format("{}={}", name, *level) : name;
  const std::string doc = without_source(ds.string_attribute("long_name").value_or(""));
  return std::make_pair(
      InputDescription{label, unit, fmt::format("the scenario's {} ({})", name, unit), "scenario",
                       doc.empty() ? fmt::format("the scenario's {}", label)
                                   : fmt::format("{} ({})", label, doc)},
      v);
}

struct Table {
  std::vector<InputDescription> inputs;
  std::vector<std::vector<double>> columns;  // [input][scenario * replications + replication]
};

void read_drawn_inputs(const h5::Group& root, const std::string& path, std::size_t scenarios,
                       std::size_t replications, Table& t) {
  const auto drawn = read_future_inputs(root);
  if (!drawn) {
    throw InputError(
        fmt::format("{}: has no /inputs (the conditions of each future): it was "
                    "written by an earlier vtfsim; run the study again",
                    path));
  }
  if (drawn->scenarios != scenarios || drawn->replications != replications)
    throw InputError(fmt::format("{}: /inputs does not have the shape of /outcomes", path));
  for (const auto& x : drawn->inputs) {
    if (std::any_of(x.values.begin(), x.values.end(), [](double v) { return !std::isfinite(v); }))
      continue;  // e.g. a growth to 2030 in a study that ends before 2030
    t.inputs.push_back({x.name, x.unit, x.description, x.source, x.label});
    t.columns.push_back(x.values);
  }
}

// The inputs of every future: its drawn ones (/inputs) and its scenario's parameters that vary;
// with `drawn` false, the scenario parameters alone, one row per scenario (replications = 1).
Table read_inputs(const h5::Group& root, const std::string& path, std::size_t scenarios,
                  std::size_t replications, bool drawn_too) {
  Table t;
  if (drawn_too) read_drawn_inputs(root, path, scenarios, replications, t);
  const h5::Group design = root.open_group("scenarios");
  for (const std::string& name : design.children()) {
    if (name == "name" || name == "sampled") continue;
    auto c = scenario_column(design.open_dataset(name), name);
    if (!c) continue;
    std::vector<double> wide(scenarios * replications);
    for (std::size_t f = 0; f < wide.size(); ++f)
      wide[f] = c->second[f / replications];
    t.inputs.push_back(c->first);
    t.columns.push_back(std::move(wide));
  }
  if (t.inputs.empty()) {
    throw InputError(fmt::format(
        "{}: no parameter varies among its scenarios: there is nothing to discover over "
        "scenarios (use the futures, without --over scenarios)",
        path));
  }
  return t;
}

// The comparison operator that `s` starts with, or "".
std::string comparison_at_start(const std::string& s) {
  for (std::string op : {"<=", ">=", "<", ">"})
    if (s.rfind(op, 0) == 0) return op;
  return {};
}

}  // namespace

const char* rows_word(const DiscoveryRequest& r) {
  return r.over_scenarios ? "scenarios" : "futures";
}

bool ValueCondition::holds(double v) const {
  if (op == "<") return v < threshold;
  if (op == "<=") return v <= threshold;
  if (op == ">") return v > threshold;
  return v >= threshold;
}

ValueCondition parse_value_condition(const std::string& text) {
  std::string s;
  for (char c : text)
    if (c != ' ' && c != '\t') s += c;
  const std::string bad = fmt::format(
      "--where '{}': expected VALUE, one of < <= > >= and a number, e.g. 'VALUE < 1'", text);
  if (s.rfind("VALUE", 0) != 0) throw InputError(bad);
  s = s.substr(5);
  const std::string op = comparison_at_start(s);
  if (op.empty()) throw InputError(bad);
  ValueCondition c;
  c.op = op;
  const std::string number = s.substr(c.op.size());
  std::size_t used = 0;
  try {
    c.threshold = std::stod(number, &used);
  } catch (const std::exception&) {
    throw InputError(bad);
  }
  if (used != number.size() || !std::isfinite(c.threshold)) throw InputError(bad);
  c.text = fmt::format("VALUE {} {:g}", c.op, c.threshold);
  return c;
}

Discovery discover(const std::string& path, const DiscoveryRequest& r) {
  const h5::File file = h5::File::open_read(path);
  return discover(file.root(), path, r);
}

Discovery discover(const h5::Group& root, const std::string& path, const DiscoveryRequest& r) {
  const OutcomeValues v = read_outcome_values(root, path, {r.outcome});
  const std::size_t k = v.outcome_index(r.outcome);
  const std::size_t p = v.policy_index(r.policy);
  Discovery d;
  d.request = r;
  d.unit = v.units[k];
  d.scenarios = v.scenarios.size();
  d.replications = v.replications;
  std::optional<std::size_t> q;
  if (r.baseline != "none") {
    q = r.baseline.empty() ? 0 : v.policy_index(r.baseline);
    if (*q == p) throw InputError("--policy and --baseline are the same policy: nothing to pair");
    d.baseline_name = v.policies[*q];
  }
  const std::size_t per_scenario = r.over_scenarios ? 1 : d.replications;
  Table t = read_inputs(root, path, d.scenarios, per_scenario, !r.over_scenarios);
  DiscoveryData data;
  data.names.reserve(t.inputs.size());
  for (const auto& in : t.inputs)
    data.names.push_back(in.name);
  data.columns.assign(t.inputs.size(), {});
  std::vector<double> response;
  const auto add_row = [&](double value, std::size_t s, std::size_t i) {
    response.push_back(value);
    data.cases.push_back(r.where.holds(value) ? 1 : 0);
    for (std::size_t j = 0; j < t.columns.size(); ++j)
      data.columns[j].push_back(t.columns[j][s * per_scenario + i]);
  };
  for (std::size_t s = 0; s < d.scenarios; ++s) {
    const double* a = v.row(k, s, p);
    const double* b = q ? v.row(k, s, *q) : nullptr;
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < d.replications; ++i) {
      const double value = b ? a[i] - b[i] : a[i];
      if (!std::isfinite(value)) continue;
      if (r.over_scenarios) {
        sum += value;
        ++n;
        continue;
      }
      add_row(value, s, i);
      data.groups.push_back(i);  // a replication's futures share their draws across scenarios
    }
    if (r.over_scenarios && n > 0) add_row(sum / static_cast<double>(n), s, 0);
  }
  data.rows = response.size();
  if (data.rows == 0)
    throw InputError(fmt::format("{}: no {} has a value of {}", path,
                                 r.over_scenarios ? "scenario" : "future", r.outcome));
  d.inputs = std::move(t.inputs);
  for (const auto& column : data.columns) {
    const auto [lo, hi] = std::minmax_element(column.begin(), column.end());
    d.input_min.push_back(*lo);
    d.input_max.push_back(*hi);
  }
  d.futures = data.rows;
  d.cases = static_cast<std::size_t>(std::count(data.cases.begin(), data.cases.end(), 1));
  if (d.cases == 0 || d.cases == d.futures) {
    const auto [lo, hi] = std::minmax_element(response.begin(), response.end());
    throw InputError(fmt::format(
        "--where '{}' holds in {} of the {} {} (VALUE runs from {:g} to {:g}): there is "
        "nothing to tell apart; choose a threshold inside that range",
        r.where.text, d.cases == 0 ? "none" : "all", d.futures, rows_word(r), *lo, *hi));
  }
  d.box = prim(data, r.prim);
  if (!r.scores) return d;
  d.score = extra_trees_importance(data.columns, response, r.trees);
  const RankRegression rr = standardized_rank_regression(data.columns, response);
  d.srrc = rr.coefficients;
  d.srrc_r_squared = rr.r_squared;
  return d;
}

}  // namespace sim
