#include "sim/study/scenario_file.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>

#include "sim/engine/errors.hpp"
#include "sim/engine/text_similarity.hpp"
#include "sim/study/latin_hypercube.hpp"

namespace sim {
namespace {

// Everything one reading of a file needs, so helpers report the same path and registry.
class Reader {
 public:
  Reader(std::string path, const DesignContext& ctx) : path_(std::move(path)), ctx_(ctx) {}

  Study read(std::string_view text);

 private:
  [[noreturn]] void fail(const toml::source_region& where, const std::string& key,
                         const std::string& what) const {
    const auto line = where.begin.line;
    const std::string at = line > 0 ? fmt::format("{}:{}", path_, line) : path_;
    if (key.empty()) throw InputError(fmt::format("{}: {}", at, what));
    throw InputError(fmt::format("{}: key '{}': {}", at, key, what));
  }

  // One leaf of a flattened table: its dotted name, node and where its key was written.
  struct Leaf {
    std::string name;
    const toml::node* node;
    toml::source_region where;
  };
  // Flattens nested and dotted keys into dotted parameter names; stops at a known parameter so
  // that a table there (a range, in later designs) stays one leaf.
  void flatten(const toml::table& table, const std::string& prefix, std::vector<Leaf>& out) const;

  const ParameterSpec& spec_for(const Leaf& leaf) const;
  ParamValue scalar_value(const Leaf& leaf, const ParameterSpec& spec,
                          const toml::node& node) const;
  // A key in [uncertainties] or [levers]: one value, or a list of alternatives.
  std::vector<ParamValue> alternatives(const Leaf& leaf, const ParameterSpec& spec) const;
  // A key in [uncertainties] given as { low = ..., high = ... }: a Latin hypercube range.
  SampledRange range(const Leaf& leaf, const ParameterSpec& spec) const;
  std::size_t read_sample_points(const toml::node& node) const;
  void require_role(const Leaf& leaf, const ParameterSpec& spec, ParamRole role,
                    const char* section) const;

  void read_study(const toml::table& t, Study& study) const;
  std::vector<NamedValues> read_named(const toml::node& node, const char* section, ParamRole role,
                                      std::set<std::string>& names) const;
  std::string label(const std::string& name, const ParamValue& v, bool with_key) const;

  std::string path_;
  const DesignContext& ctx_;
};

std::string type_of(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::string:
      return fmt::format("the string \"{}\"", *n.value<std::string>());
    case toml::node_type::integer:
      return fmt::format("the integer {}", *n.value<std::int64_t>());
    case toml::node_type::floating_point:
      return fmt::format("the number {}", *n.value<double>());
    case toml::node_type::boolean:
      return *n.value<bool>() ? "true" : "false";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

double value_as_double(const ParamValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return static_cast<double>(std::get<std::int64_t>(v));
}

void Reader::flatten(const toml::table& table, const std::string& prefix,
                     std::vector<Leaf>& out) const {
  for (const auto& [key, node] : table) {
    const std::string name =
        prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (node.is_table() && ctx_.registry->find(name) == nullptr) {
      flatten(*node.as_table(), name, out);
    } else {
      out.push_back(Leaf{name, &node, key.source()});
    }
  }
}

const ParameterSpec& Reader::spec_for(const Leaf& leaf) const {
  if (const auto* spec = ctx_.registry->find(leaf.name)) return *spec;
  const std::string near = ctx_.registry->suggest(leaf.name);
  fail(leaf.where, leaf.name,
       near.empty() ? "unknown parameter (see `vtfsim info --parameters` for the list)"
                    : fmt::format("unknown parameter; did you mean '{}'?", near));
}

ParamValue Reader::scalar_value(const Leaf& leaf, const ParameterSpec& spec,
                                const toml::node& node) const {
  ParamValue raw;
  if (const auto* i = node.as_integer()) {
    raw = i->get();
  } else if (const auto* d = node.as_floating_point()) {
    raw = d->get();
  } else if (const auto* b = node.as_boolean()) {
    raw = b->get();
  } else if (const auto* s = node.as_string()) {
    raw = s->get();
  } else if (const auto* a = node.as_array();
             a != nullptr && spec.type == ParamType::kIntegerList) {
    std::vector<std::int64_t> xs;
    for (const auto& e : *a) {
      const auto* element = e.as_integer();
      if (element == nullptr)
        fail(node.source(), leaf.name,
             fmt::format("expected {}, got a list holding {}", expectation(spec), type_of(e)));
      xs.push_back(element->get());
    }
    raw = std::move(xs);
  } else {
    fail(node.source(), leaf.name,
         fmt::format("expected {}, got {}", expectation(spec), type_of(node)));
  }
  try {
    return ctx_.registry->check(spec, raw);
  } catch (const InputError& e) {
    fail(node.source(), leaf.name, e.what());
  }
}

std::vector<ParamValue> Reader::alternatives(const Leaf& leaf, const ParameterSpec& spec) const {
  const toml::node& node = *leaf.node;
  if (node.is_table()) {
    fail(leaf.where, leaf.name,
         "a range { low = ..., high = ... } is sampled by Latin hypercube and belongs in "
         "[uncertainties]; levers take a value or a list of values (a grid)");
  }
  const auto* array = node.as_array();
  const bool is_list_of_alternatives =
      array != nullptr &&
      (spec.type != ParamType::kIntegerList || (!array->empty() && array->front().is_array()));
  if (!is_list_of_alternatives) return {scalar_value(leaf, spec, node)};
  if (array->empty()) fail(node.source(), leaf.name, "an empty list gives no values to try");
  std::vector<ParamValue> values;
  for (const auto& element : *array) {
    ParamValue v = scalar_value(leaf, spec, element);
    if (std::find(values.begin(), values.end(), v) != values.end()) {
      fail(element.source(), leaf.name,
           fmt::format("the value {} is listed twice", format_value(v)));
    }
    values.push_back(std::move(v));
  }
  return values;
}

SampledRange Reader::range(const Leaf& leaf, const ParameterSpec& spec) const {
  const toml::table& t = *leaf.node->as_table();
  if (spec.type != ParamType::kReal && spec.type != ParamType::kInteger) {
    fail(leaf.where, leaf.name,
         fmt::format("a range needs a numeric parameter; this one is {}: give a value or a list",
                     expectation(spec)));
  }
  static const std::vector<std::string> keys = {"low", "high"};
  SampledRange r;
  r.parameter = ctx_.registry->canonical(leaf.name);
  r.integer = spec.type == ParamType::kInteger;
  bool has_low = false, has_high = false;
  for (const auto& [key, node] : t) {
    const std::string k(key.str());
    if (k != "low" && k != "high") {
      const std::string near = closest_name(k, keys);
      fail(key.source(), leaf.name + "." + k,
           fmt::format("unknown key in a range; expected low and high{}",
                       near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)));
    }
    const double v =
        value_as_double(scalar_value(Leaf{leaf.name, &node, key.source()}, spec, node));
    (k == "low" ? r.low : r.high) = v;
    (k == "low" ? has_low : has_high) = true;
  }
  if (!has_low || !has_high) {
    fail(leaf.where, leaf.name,
         fmt::format("a range needs both low and high, e.g. {{ low = {}, high = {} }}",
                     has_low ? format_value(r.low) : "...",
                     has_high ? format_value(r.high) : "..."));
  }
  if (r.low > r.high) {
    fail(leaf.where, leaf.name,
         fmt::format("the lower bound {} is above the upper bound {}", format_value(r.low),
                     format_value(r.high)));
  }
  if (r.low == r.high) {
    fail(leaf.where, leaf.name,
         fmt::format("the range from {} to {} is empty; to fix the value, write {} = {}",
                     format_value(r.low), format_value(r.high), leaf.name, format_value(r.low)));
  }
  return r;
}

std::size_t Reader::read_sample_points(const toml::node& node) const {
  const auto* t = node.as_table();
  if (t == nullptr) fail(node.source(), "latin_hypercube", "expected a table [latin_hypercube]");
  std::size_t points = 0;
  for (const auto& [key, value] : *t) {
    const std::string k(key.str());
    if (k != "points") {
      const std::string near = closest_name(k, {"points"});
      fail(key.source(), "latin_hypercube." + k,
           fmt::format("unknown key in [latin_hypercube]; expected points{}",
                       near.empty() ? "" : " (did you mean 'points'?)"));
    }
    const auto* i = value.as_integer();
    if (i == nullptr || i->get() < 2 || i->get() > kMaxSamplePoints) {
      fail(value.source(), "latin_hypercube.points",
           fmt::format("expected an integer from 2 to {} (each point is a scenario), got {}",
                       kMaxSamplePoints, type_of(value)));
    }
    points = static_cast<std::size_t>(i->get());
  }
  if (points == 0)
    fail(t->source(), "latin_hypercube.points", "[latin_hypercube] needs points = N");
  return points;
}

void Reader::require_role(const Leaf& leaf, const ParameterSpec& spec, ParamRole role,
                          const char* section) const {
  if (spec.role == role) return;
  const char* where_instead = spec.role == ParamRole::kLever ? "[levers] or a [[policy]]"
                              : spec.role == ParamRole::kUncertainty
                                  ? "[uncertainties] or a [[scenario]]"
                                  : "its base table";
  fail(leaf.where, leaf.name,
       fmt::format("this parameter is a{} {}, not a{} {}; set it in {}, not in {}",
                   spec.role == ParamRole::kUncertainty ? "n" : "", role_name(spec.role),
                   role == ParamRole::kUncertainty ? "n" : "", role_name(role), where_instead,
                   section));
}

void Reader::read_study(const toml::table& t, Study& study) const {
  static const std::vector<std::string> keys = {"name", "title", "description", "replications",
                                                "seed", "start", "horizon"};
  // Where start and horizon were written, to point at the right line if they disagree.
  toml::source_region start_at = t.source(), horizon_at = t.source();
  bool horizon_given = false;
  for (const auto& [key, node] : t) {
    const std::string k(key.str());
    const std::string full = "study." + k;
    const auto want_string = [&]() -> std::string {
      if (const auto* s = node.as_string()) return s->get();
      fail(node.source(), full, fmt::format("expected a string, got {}", type_of(node)));
    };
    const auto want_int = [&](std::int64_t lo, std::int64_t hi, const char* what) -> std::int64_t {
      const auto* i = node.as_integer();
      if (i == nullptr || i->get() < lo || i->get() > hi) {
        fail(node.source(), full, fmt::format("expected {}, got {}", what, type_of(node)));
      }
      return i->get();
    };
    const auto want_date = [&]() -> Date {
      const auto* d = node.as_date();
      if (d == nullptr)
        fail(node.source(), full,
             fmt::format("expected a date such as 2026-01-01, got {}", type_of(node)));
      const auto v = d->get();
      return Date::from_ymd(v.year, v.month, v.day);
    };
    if (k == "name") {
      study.name = want_string();
      const bool ok =
          !study.name.empty() && std::all_of(study.name.begin(), study.name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
          });
      if (!ok)
        fail(node.source(), full,
             "expected a name of letters, digits, '_', '-' or '.' (it names the output file)");
    } else if (k == "title") {
      study.title = want_string();
    } else if (k == "description") {
      study.description = want_string();
    } else if (k == "replications") {
      study.replications =
          static_cast<std::uint64_t>(want_int(1, 100'000'000, "an integer from 1 to 100000000"));
    } else if (k == "seed") {
      study.seed = static_cast<std::uint64_t>(want_int(0, INT64_MAX, "a non-negative integer"));
    } else if (k == "start") {
      study.start = want_date();
      start_at = node.source();
    } else if (k == "horizon") {
      study.horizon = want_date();
      horizon_at = node.source();
      horizon_given = true;
    } else {
      const std::string near = closest_name(k, keys);
      fail(key.source(), full,
           fmt::format("unknown key in [study]; expected one of name, title, description, "
                       "replications, seed, start, horizon{}",
                       near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)));
    }
  }
  if (study.horizon <= study.start) {
    fail(horizon_given ? horizon_at : start_at, horizon_given ? "study.horizon" : "study.start",
         fmt::format("the horizon {} must come after the start {}", study.horizon.iso(),
                     study.start.iso()));
  }
}

std::vector<NamedValues> Reader::read_named(const toml::node& node, const char* section,
                                            ParamRole role, std::set<std::string>& names) const {
  const auto* array = node.as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    fail(node.source(), section,
         fmt::format("expected an array of tables written [[{}]], got {}", section, type_of(node)));
  }
  std::vector<NamedValues> out;
  for (const auto& element : *array) {
    const toml::table& t = *element.as_table();
    NamedValues nv;
    const auto* name = t.get("name");
    if (name == nullptr || !name->is_string() || name->as_string()->get().empty()) {
      fail(t.source(), std::string(section) + ".name",
           "every [[" + std::string(section) + "]] needs a name = \"...\"");
    }
    nv.name = name->as_string()->get();
    if (!names.insert(nv.name).second) {
      fail(name->source(), std::string(section) + ".name",
           fmt::format("the name \"{}\" is used twice", nv.name));
    }
    std::vector<Leaf> leaves;
    flatten(t, "", leaves);
    for (const auto& leaf : leaves) {
      if (leaf.name == "name" || leaf.name == "description") continue;
      const auto& spec = spec_for(leaf);
      require_role(leaf, spec, role, fmt::format("[[{}]]", section).c_str());
      if (leaf.node->is_array() && spec.type != ParamType::kIntegerList) {
        fail(leaf.where, leaf.name,
             fmt::format(
                 "a [[{}]] sets one value per parameter; lists of alternatives belong in [{}]",
                 section, role == ParamRole::kLever ? "levers" : "uncertainties"));
      }
      nv.values.set(ctx_.registry->canonical(leaf.name), scalar_value(leaf, spec, *leaf.node));
    }
    out.push_back(std::move(nv));
  }
  return out;
}

std::string compact_number(double x) {
  const double a = std::fabs(x);
  if (a >= 1e9) return fmt::format("{:g}B", x / 1e9);
  if (a >= 1e6) return fmt::format("{:g}M", x / 1e6);
  if (a >= 1e4) return fmt::format("{:g}k", x / 1e3);
  return fmt::format("{:g}", x);
}

std::string Reader::label(const std::string& name, const ParamValue& v, bool with_key) const {
  const auto* spec = ctx_.registry->find(name);
  if (spec != nullptr && spec->type == ParamType::kChoice) return format_value(v);
  const auto dot = name.rfind('.');
  const std::string leaf = dot == std::string::npos ? name : name.substr(dot + 1);
  std::string value = format_value(v);
  if (const auto* d = std::get_if<double>(&v)) value = compact_number(*d);
  return with_key ? leaf + "=" + value : value;
}

// Odometer over lists of alternatives, the first list varying slowest.
template <class F>
void for_each_combination(
    const std::vector<std::pair<std::string, std::vector<ParamValue>>>& factors, F&& visit) {
  std::vector<std::size_t> at(factors.size(), 0);
  while (true) {
    std::vector<std::pair<std::string, const ParamValue*>> combo;
    for (std::size_t i = 0; i < factors.size(); ++i)
      combo.emplace_back(factors[i].first, &factors[i].second[at[i]]);
    visit(combo);
    std::size_t i = factors.size();
    while (i > 0) {
      --i;
      if (++at[i] < factors[i].second.size()) break;
      at[i] = 0;
      if (i == 0) return;
    }
    if (factors.empty()) return;
  }
}

Study Reader::read(std::string_view text) {
  toml::table root;
  try {
    root = toml::parse(text, path_);
  } catch (const toml::parse_error& e) {
    fail(e.source(), "", fmt::format("TOML syntax error: {}", e.description()));
  }

  Study study;
  study.source_path = path_;
  study.source_text = std::string(text);
  study.start = ctx_.default_start;
  study.horizon = ctx_.default_horizon;
  study.seed = ctx_.default_seed;
  ExperimentDesign& d = study.design;
  d.base = defaults_of(*ctx_.registry);

  std::vector<std::pair<std::string, std::vector<ParamValue>>> scenario_factors;
  std::vector<std::pair<std::string, std::vector<ParamValue>>> policy_factors;
  std::vector<NamedValues> named_scenarios;
  std::vector<NamedValues> named_policies;
  std::set<std::string> scenario_names;
  std::set<std::string> policy_names{ctx_.baseline.name};
  bool has_levers_table = false;
  std::optional<toml::source_region> first_range, points_at;
  // Where the design's lists were written, for errors found once everything is read.
  std::map<std::string, toml::source_region> scenario_factor_at;
  toml::source_region levers_at = root.source();

  for (const auto& [key, node] : root) {
    const std::string k(key.str());
    if (k == "study") {
      if (!node.is_table()) fail(key.source(), k, "expected a table [study]");
      read_study(*node.as_table(), study);
    } else if (k == "uncertainties" || k == "levers") {
      if (!node.is_table()) fail(key.source(), k, fmt::format("expected a table [{}]", k));
      const bool levers = k == "levers";
      has_levers_table = has_levers_table || levers;
      if (levers) levers_at = key.source();
      std::vector<Leaf> leaves;
      flatten(*node.as_table(), "", leaves);
      for (const auto& leaf : leaves) {
        const auto& spec = spec_for(leaf);
        require_role(leaf, spec, levers ? ParamRole::kLever : ParamRole::kUncertainty,
                     levers ? "[levers]" : "[uncertainties]");
        if (!levers && leaf.node->is_table()) {
          d.sampled.push_back(range(leaf, spec));
          if (!first_range) first_range = leaf.where;
          continue;
        }
        auto values = alternatives(leaf, spec);
        const std::string name = ctx_.registry->canonical(leaf.name);
        if (levers) {
          policy_factors.emplace_back(name, std::move(values));
        } else if (values.size() == 1) {
          d.base.set(name, values.front());  // a fixed uncertainty holds in every scenario
        } else {
          scenario_factors.emplace_back(name, std::move(values));
          scenario_factor_at[name] = leaf.where;
        }
      }
    } else if (k == "latin_hypercube") {
      d.sample_points = read_sample_points(node);
      points_at = key.source();
    } else if (k == "scenario") {
      named_scenarios = read_named(node, "scenario", ParamRole::kUncertainty, scenario_names);
    } else if (k == "policy") {
      named_policies = read_named(node, "policy", ParamRole::kLever, policy_names);
    } else if (k == "lhs" || k == "latin-hypercube" || k == "sampling") {
      fail(key.source(), k, "unknown section; did you mean [latin_hypercube]?");
    } else if (k == "scenarios" || k == "policies") {
      fail(key.source(), k,
           fmt::format("unknown section; did you mean [[{}]] (one table per named {})?",
                       k == "scenarios" ? "scenario" : "policy",
                       k == "scenarios" ? "scenario" : "policy"));
    } else {
      // A base table: [donors], [vtf], [states.Angola], ... or a top-level dotted key.
      std::vector<Leaf> leaves;
      if (const auto* t = node.as_table()) {
        flatten(*t, k, leaves);
      } else {
        leaves.push_back(Leaf{k, &node, key.source()});
      }
      for (const auto& leaf : leaves) {
        const auto& spec = spec_for(leaf);
        d.base.set(ctx_.registry->canonical(leaf.name), scalar_value(leaf, spec, *leaf.node));
      }
    }
  }
  if (study.name.empty()) {
    const auto slash = path_.find_last_of('/');
    std::string stem = slash == std::string::npos ? path_ : path_.substr(slash + 1);
    if (const auto dot = stem.rfind('.'); dot != std::string::npos) stem.resize(dot);
    study.name = stem.empty() ? "study" : stem;
  }
  // A parameter fixed in a base table and varied by a design would be ambiguous: say so.
  for (const auto& [name, values] : scenario_factors) {
    for (const auto& s : named_scenarios) {
      if (s.values.contains(name)) {
        fail(scenario_factor_at.at(name), name,
             fmt::format(
                 "set both in [[scenario]] \"{}\" and as a list in [uncertainties]; choose one",
                 s.name));
      }
    }
  }

  if (ctx_.seed_override) study.seed = *ctx_.seed_override;
  if (first_range && d.sample_points == 0) {
    fail(*first_range, d.sampled.front().parameter,
         "a range is sampled by Latin hypercube: add a table [latin_hypercube] with points = N "
         "(the number of sampled scenarios)");
  }
  if (points_at && d.sampled.empty()) {
    fail(*points_at, "latin_hypercube",
         "nothing to sample: give at least one range in [uncertainties], e.g. "
         "donors.additionality = { low = 0.5, high = 1.0 }");
  }
  std::sort(d.sampled.begin(), d.sampled.end(),
            [](const SampledRange& a, const SampledRange& b) { return a.parameter < b.parameter; });

  // Scenarios: every named scenario (or one unnamed, unless the design is only sampled), then
  // every Latin hypercube point, each crossed with every list of uncertainties.
  if (named_scenarios.empty() && d.sampled.empty()) named_scenarios.push_back(NamedValues{"", {}});
  if (!d.sampled.empty()) {
    std::vector<std::string> names;
    for (const auto& r : d.sampled)
      names.push_back(r.parameter);
    const auto unit = latin_hypercube(study.seed, names, d.sample_points);
    const int width = static_cast<int>(fmt::format("{}", d.sample_points).size());
    for (std::size_t i = 0; i < d.sample_points; ++i) {
      NamedValues point{fmt::format("lhs-{:0{}}", i + 1, width), {}, true};
      for (std::size_t j = 0; j < names.size(); ++j)
        point.values.set(names[j], d.sampled[j].at(unit[i][j]));
      named_scenarios.push_back(std::move(point));
    }
    d.notes.push_back(
        fmt::format("{} Latin hypercube point(s) over {} range(s) (seed {}): scenarios lhs-*",
                    d.sample_points, names.size(), study.seed));
  }
  for (const auto& named : named_scenarios) {
    for_each_combination(scenario_factors, [&](const auto& combo) {
      NamedValues s{named.name, named.values, named.sampled};
      for (const auto& [name, value] : combo) {
        s.values.set(name, *value);
        s.name += (s.name.empty() ? "" : "/") + label(name, *value, false);
      }
      if (s.name.empty()) s.name = "base";
      d.scenarios.push_back(std::move(s));
    });
  }

  // Policies: the baseline, then the grid of [levers], then the named [[policy]] tables.
  d.policies.push_back(ctx_.baseline);
  if (has_levers_table) {
    const bool any_list = std::any_of(policy_factors.begin(), policy_factors.end(),
                                      [](const auto& f) { return f.second.size() > 1; });
    std::size_t dropped = 0;
    for_each_combination(policy_factors, [&](const auto& combo) {
      NamedValues p;
      for (const auto& [name, value] : combo) {
        p.values.set(name, *value);
        const bool varies =
            std::any_of(policy_factors.begin(), policy_factors.end(),
                        [&](const auto& f) { return f.first == name && f.second.size() > 1; });
        if (varies || !any_list) p.name += (p.name.empty() ? "" : ",") + label(name, *value, true);
      }
      ParameterSet resolved = d.base;
      resolved.overlay(p.values);
      if (ctx_.same_as_baseline && ctx_.same_as_baseline(resolved)) {
        ++dropped;
        return;
      }
      if (!policy_names.insert(p.name).second) {
        fail(levers_at, "levers", fmt::format("two policies would be named \"{}\"", p.name));
      }
      d.policies.push_back(std::move(p));
    });
    if (dropped > 0) {
      d.notes.push_back(
          fmt::format("{} grid point(s) of [levers] equal to \"{}\" (no fund) were "
                      "dropped: policy 0 already is that policy",
                      dropped, ctx_.baseline.name));
    }
  }
  for (auto& p : named_policies)
    d.policies.push_back(std::move(p));

  std::set<std::string> scenario_columns;
  for (const auto& s : d.scenarios) {
    for (const auto& [name, value] : s.values.values())
      scenario_columns.insert(name);
  }
  std::set<std::string> policy_columns(ctx_.always_policy_columns.begin(),
                                       ctx_.always_policy_columns.end());
  for (const auto& p : d.policies) {
    for (const auto& [name, value] : p.values.values())
      policy_columns.insert(name);
  }
  d.scenario_parameters.assign(scenario_columns.begin(), scenario_columns.end());
  d.policy_parameters.assign(policy_columns.begin(), policy_columns.end());
  for (const auto* columns : {&d.scenario_parameters, &d.policy_parameters}) {
    for (const auto& name : *columns) {
      if (const auto* spec = ctx_.registry->find(name)) d.units[name] = spec->unit;
    }
  }
  return study;
}

}  // namespace

ParamValue SampledRange::at(double unit_value) const {
  if (!integer) return low + (high - low) * unit_value;
  // Whole values low..high, each with probability 1 / (high - low + 1).
  const double span = high - low + 1;
  return static_cast<std::int64_t>(std::min(high, low + std::floor(unit_value * span)));
}

ParameterSet ExperimentDesign::resolve(std::size_t s, std::size_t p) const {
  ParameterSet out = base;
  out.overlay(scenarios.at(s).values);
  out.overlay(policies.at(p).values);
  return out;
}

const ParamValue& ExperimentDesign::scenario_value(std::size_t s, const std::string& name) const {
  if (const auto* v = scenarios.at(s).values.find(name)) return *v;
  return *base.find(name);
}

const ParamValue& ExperimentDesign::policy_value(std::size_t p, const std::string& name) const {
  if (const auto* v = policies.at(p).values.find(name)) return *v;
  return *base.find(name);
}

Study parse_study(std::string_view text, const std::string& path, const DesignContext& context) {
  return Reader(path, context).read(text);
}

Study load_study(const std::string& path, const DesignContext& context) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError(fmt::format("{}: cannot read the scenario file: it is a directory", path));
  }
  // stdio rather than iostreams: a stream copy (`out << in.rdbuf()`) reports a failed read as
  // the end of the file, so an unreadable file would pass as an empty, valid study.
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    throw InputError(
        fmt::format("{}: cannot read the scenario file: {}", path, std::strerror(errno)));
  }
  std::string text;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0)
    text.append(buffer, n);
  const bool failed = std::ferror(file) != 0;
  const int read_error = errno;
  std::fclose(file);
  if (failed) {
    throw InputError(
        fmt::format("{}: cannot read the scenario file: {}", path, std::strerror(read_error)));
  }
  return parse_study(text, path, context);
}

}  // namespace sim
