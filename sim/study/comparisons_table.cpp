// [comparisons]: which pairs of policies a run compares besides every policy against the
// baseline (written to /pairs), and the targets whose satisficing it writes to /robustness.
//   [comparisons]
//   pairs = [["ldc_required_10M", "default_10M"]]   # [policy, baseline]
//   baseline = "default_10M"     # every other policy but policy 0 against it
//   targets = ["gain:completed_by_2030 >= 1"]
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sim/engine/errors.hpp"
#include "sim/engine/text_similarity.hpp"
#include "sim/study/scenario_reader.hpp"

namespace sim {

void ScenarioReader::read_comparisons(const toml::node& node, const toml::key& key) {
  const auto* table = node.as_table();
  if (table == nullptr) fail(key.source(), "comparisons", "expected a table [comparisons]");
  const auto string_of = [&](const toml::node& n, const std::string& full) {
    if (const auto* s = n.as_string()) return s->get();
    fail(n.source(), full, fmt::format("expected a policy name (a string), got {}", type_of(n)));
  };
  for (const auto& [k, value] : *table) {
    const std::string name(k.str());
    const std::string full = "comparisons." + name;
    if (name == "pairs") {
      const auto* list = value.as_array();
      if (list == nullptr) {
        fail(value.source(), full,
             fmt::format("expected a list of [policy, baseline] pairs, got {}", type_of(value)));
      }
      for (const auto& item : *list) {
        const auto* pair = item.as_array();
        if (pair == nullptr || pair->size() != 2) {
          fail(item.source(), full,
               fmt::format("expected a pair [\"POLICY\", \"BASELINE\"], got {}", type_of(item)));
        }
        named_pairs_.push_back(
            {string_of(*pair->get(0), full), string_of(*pair->get(1), full), item.source()});
      }
    } else if (name == "baseline") {
      named_pairs_.push_back({"", string_of(value, full), value.source()});
    } else if (name == "targets") {
      const auto* list = value.as_array();
      if (list == nullptr) {
        fail(value.source(), full,
             fmt::format("expected a list of targets such as [\"gain:OUTCOME >= 1\"], got {}",
                         type_of(value)));
      }
      for (const auto& item : *list) {
        const auto* text = item.as_string();
        if (text == nullptr) {
          fail(item.source(), full,
               fmt::format("expected a target (a string), got {}", type_of(item)));
        }
        try {
          study_.targets.push_back(parse_outcome_target(text->get(), ctx_.outcomes));
        } catch (const InputError& e) {
          fail(item.source(), full, e.what());
        }
      }
    } else {
      fail(k.source(), full,
           fmt::format("unknown key in [comparisons]; expected one of pairs, baseline, "
                       "targets{}",
                       did_you_mean(closest_name(name, {"pairs", "baseline", "targets"}))));
    }
  }
}

void ScenarioReader::resolve_comparisons() {
  std::vector<std::string> names;
  for (const auto& p : study_.design.policies)
    names.push_back(p.name);
  const auto index = [&](const std::string& name, const NamedPair& np) {
    const toml::source_region& where = np.where;
    const auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
    const std::string near = closest_name(name, names);
    fail(where, np.policy.empty() ? "comparisons.baseline" : "comparisons.pairs",
         fmt::format("no policy named \"{}\" in this study{}", name,
                     near.empty() ? fmt::format("; it has: {}", fmt::join(names, ", "))
                                  : fmt::format(" (did you mean \"{}\"?)", near)));
  };
  auto& pairs = study_.pairs;
  const auto add = [&](std::size_t policy, std::size_t baseline) {
    const std::pair<std::size_t, std::size_t> pair{policy, baseline};
    if (std::find(pairs.begin(), pairs.end(), pair) == pairs.end()) pairs.push_back(pair);
  };
  for (const auto& np : named_pairs_) {
    const std::size_t baseline = index(np.baseline, np);
    if (!np.policy.empty()) {
      const std::size_t policy = index(np.policy, np);
      if (policy == baseline) {
        fail(np.where, "comparisons.pairs",
             fmt::format("\"{}\" is paired with itself: a pair needs two policies", np.policy));
      }
      add(policy, baseline);
      continue;
    }
    if (baseline == 0) {
      fail(np.where, "comparisons.baseline",
           fmt::format("\"{}\" is policy 0, against which every policy is already compared "
                       "(/comparison): name another policy",
                       names[0]));
    }
    for (std::size_t p = 1; p < names.size(); ++p) {
      if (p != baseline) add(p, baseline);
    }
  }
}

}  // namespace sim
