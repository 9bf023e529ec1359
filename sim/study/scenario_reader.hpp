#pragma once
// The reader of one scenario file (internal to scenario_file.cpp and its helpers): it walks the
// TOML tables, turns each key into a registered parameter's checked value, and collects what the
// design expansion (design_expansion.hpp) needs.
#include <toml++/toml.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/study/design.hpp"
#include "sim/study/design_expansion.hpp"
#include "sim/study/scenario_errors.hpp"

namespace sim {

// How a TOML value reads in an error message: "the string \"x\"", "a list", ...
std::string type_of(const toml::node& n);

class ScenarioReader {
 public:
  ScenarioReader(std::string path, const DesignContext& ctx) : path_(std::move(path)), ctx_(ctx) {}

  Study read(std::string_view text);

 private:
  // One leaf of a flattened table: its dotted name, node and where its key was written.
  struct Leaf {
    std::string name;
    const toml::node* node;
    toml::source_region where;
  };

  FilePosition position(const toml::source_region& where) const {
    return FilePosition{path_, where.begin.line};
  }
  WrittenKey written(const Leaf& leaf) const { return WrittenKey{position(leaf.where), leaf.name}; }
  // Records where `name` was written in `at`; the same parameter spelt twice in one place (a
  // name and an alias of one entity: "Turkey" and "TUR") is an error, not a silent overwrite.
  void record(std::map<std::string, WrittenKey>& at, const std::string& name,
              const Leaf& leaf) const;
  [[noreturn]] void fail(const toml::source_region& where, const std::string& key,
                         const std::string& what) const {
    fail_at(position(where), key, what);
  }

  // toml_values.cpp: from TOML nodes to checked parameter values.
  // Flattens nested and dotted keys into dotted parameter names; stops at a known parameter so
  // that a table there (a range) stays one leaf.
  void flatten(const toml::table& table, const std::string& prefix, std::vector<Leaf>& out) const;
  const ParameterSpec& spec_for(const Leaf& leaf) const;
  ParamValue scalar_value(const Leaf& leaf, const ParameterSpec& spec,
                          const toml::node& node) const;
  // A key in [uncertainties] or [levers]: one value, or a list of alternatives.
  std::vector<ParamValue> alternatives(const Leaf& leaf, const ParameterSpec& spec) const;
  void require_role(const Leaf& leaf, const ParameterSpec& spec, ParamRole role,
                    const char* section) const;

  // design_tables.cpp: the sections that describe the design.
  // A key in [uncertainties] given as { low = ..., high = ... }: a Latin hypercube range.
  SampledRange range(const Leaf& leaf, const ParameterSpec& spec) const;
  // [latin_hypercube]: points (scenarios) and policy_points (policies), each 0 when not given.
  void read_sample_points(const toml::node& node);
  std::vector<NamedValues> read_named(const toml::node& node, const char* section, ParamRole role,
                                      std::set<std::string>& names) const;
  void read_factors(const toml::node& node, const toml::key& key);
  void read_base(const toml::node& node, const std::string& key, const toml::source_region& at);
  // Mistakes seen only once every section is read.
  void check_design() const;

  // design_checks.cpp: mistakes seen only once the design is expanded.
  // Where the value of `parameter` in scenario s x policy p was written; nullptr if nowhere.
  const WrittenKey* written_at(std::size_t s, std::size_t p, const std::string& parameter) const;
  // A value of the baseline's own written as a base value, in a study with no other policy.
  void check_policies() const;
  // The model's checks (DesignContext::check_values) of each resolved scenario x policy.
  void check_values() const;

  // comparisons_table.cpp: [comparisons] pairs, baseline and targets; the policy names are
  // resolved once the design is expanded.
  struct NamedPair {
    std::string policy, baseline;
    toml::source_region where;
  };
  void read_comparisons(const toml::node& node, const toml::key& key);
  void resolve_comparisons();

  // scenario_file.cpp: [study] and the dispatch of the sections.
  void read_study(const toml::table& t);
  // The start and horizon read, against the model's rules and each other, at the lines given.
  void check_period(const toml::source_region& start_at, const toml::source_region& horizon_at,
                    bool horizon_given) const;
  void read_section(const toml::key& key, const toml::node& node);

  std::string path_;
  const DesignContext& ctx_;
  Study study_;
  DesignInputs inputs_;
  // Where the design's parts were written, for the checks made once everything is read.
  std::optional<toml::source_region> first_range_, points_at_;
  std::optional<toml::source_region> first_lever_range_, policy_points_at_;
  std::map<std::string, toml::source_region> scenario_factor_at_;
  std::map<std::string, WrittenKey> base_at_;  // base tables and fixed uncertainties
  std::vector<NamedPair> named_pairs_;         // [comparisons] pairs, and baseline's (policy "")
};

}  // namespace sim
