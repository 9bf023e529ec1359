// join_outcome_values: policies of several results files of one design, side by side.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "sim/engine/errors.hpp"
#include "sim/results/outcome_values.hpp"

namespace sim {
namespace {

// What two files must share to be compared, as (what, value) in a fixed order.
using Identity = std::vector<std::pair<std::string, std::string>>;

std::string column_text(const h5::Dataset& ds) {
  if (ds.holds_integers()) return fmt::format("{}", fmt::join(ds.read<std::int64_t>(), ", "));
  try {
    return fmt::format("{}", fmt::join(ds.read<double>(), ", "));
  } catch (const h5::Error&) {
    return fmt::format("{}", fmt::join(ds.read_strings(), ", "));
  }
}

Identity identity_of(const h5::Group& root, const OutcomeValues& v) {
  Identity id;
  for (const char* name :
       {"seed", "replications", "model_spec_version", "start_date", "horizon_date"})
    id.emplace_back(name, root.attribute_text(name).value_or("(none)"));
  id.emplace_back("outcomes", fmt::format("{}", fmt::join(v.outcomes, ", ")));
  id.emplace_back("scenarios", fmt::format("{}", fmt::join(v.scenarios, ", ")));
  if (root.has_group("scenarios")) {
    const h5::Group g = root.open_group("scenarios");
    for (const auto& name : g.children()) {
      const h5::Dataset ds = g.open_dataset(name);
      if (!ds.is_dimension_scale() && name != "name")
        id.emplace_back("scenario values of " + name, column_text(ds));
    }
  }
  return id;
}

std::string differences(const Identity& a, const Identity& b) {
  std::map<std::string, std::string> in_b(b.begin(), b.end());
  std::vector<std::string> out;
  for (const auto& [what, value] : a) {
    const auto it = in_b.find(what);
    if (it == in_b.end()) {
      out.push_back(fmt::format("{} only in the first", what));
    } else if (it->second != value) {
      const bool short_values = value.size() + it->second.size() < 80;
      out.push_back(short_values ? fmt::format("{} {} vs {}", what, value, it->second)
                                 : fmt::format("{} differ", what));
    }
    if (it != in_b.end()) in_b.erase(it);
  }
  for (const auto& [what, value] : in_b)
    out.push_back(fmt::format("{} only in the second", what));
  return fmt::format("{}", fmt::join(out, "; "));
}

// Whether policy 0 has the same value in every outcome, scenario and replication (NaN = NaN).
bool same_policy_zero(const OutcomeValues& a, const OutcomeValues& b) {
  for (std::size_t k = 0; k < a.outcomes.size(); ++k) {
    for (std::size_t s = 0; s < a.scenarios.size(); ++s) {
      const double* x = a.row(k, s, 0);
      const double* y = b.row(k, s, 0);
      for (std::size_t r = 0; r < a.replications; ++r) {
        if (x[r] != y[r] && !(x[r] != x[r] && y[r] != y[r])) return false;
      }
    }
  }
  return true;
}

std::string stem_of(const std::string& path) { return std::filesystem::path(path).stem().string(); }

}  // namespace

OutcomeValues join_outcome_values(const std::vector<std::string>& paths) {
  std::vector<OutcomeValues> files;
  Identity first;
  for (const auto& path : paths) {
    h5::File file = [&] {
      try {
        return h5::File::open_read(path);
      } catch (const h5::Error& e) {
        throw InputError(fmt::format("{}: cannot open as an HDF5 file ({})", path, e.what()));
      }
    }();
    const h5::Group root = file.root();
    files.push_back(read_outcome_values(root, path));
    if (root.has_attribute("shard")) {
      throw InputError(fmt::format(
          "{}: a shard holds only part of the replications: merge the shards first", path));
    }
    const Identity id = identity_of(root, files.back());
    if (files.size() == 1) {
      first = id;
      continue;
    }
    if (const std::string diff = differences(first, id); !diff.empty()) {
      throw InputError(fmt::format(
          "{} and {} are not runs of the same futures, so their policies cannot be paired: {}",
          paths.front(), path, diff));
    }
    if (!same_policy_zero(files.front(), files.back())) {
      throw InputError(fmt::format(
          "{} and {} have the same seed and scenarios but their policy 0 (\"{}\" and \"{}\") has "
          "other results, so they did not simulate the same futures (other base parameters or "
          "State data?); their policies cannot be paired",
          paths.front(), path, files.front().policies[0], files.back().policies[0]));
    }
  }
  // Names: policy 0 once, then each file's other policies; a name used twice gets its file's.
  std::map<std::string, int> uses;
  for (const auto& f : files) {
    for (std::size_t p = 1; p < f.policies.size(); ++p)
      ++uses[f.policies[p]];
  }
  ++uses[files.front().policies[0]];
  std::vector<std::string> prefixes;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::string stem = stem_of(paths[i]);
    const bool unique = std::count_if(paths.begin(), paths.end(), [&](const std::string& q) {
                          return stem_of(q) == stem;
                        }) == 1;
    prefixes.push_back(unique ? stem : fmt::format("{}", i + 1));
  }
  OutcomeValues out = files.front();
  out.policies = {files.front().policies[0]};
  const std::size_t S = out.scenarios.size(), R = out.replications;
  std::vector<std::pair<std::size_t, std::size_t>> columns = {{0, 0}};  // (file, policy)
  for (std::size_t i = 0; i < files.size(); ++i) {
    for (std::size_t p = 1; p < files[i].policies.size(); ++p) {
      const std::string& name = files[i].policies[p];
      out.policies.push_back(uses[name] > 1 ? prefixes[i] + ":" + name : name);
      columns.emplace_back(i, p);
    }
  }
  const std::size_t P = out.policies.size();
  for (std::size_t k = 0; k < out.outcomes.size(); ++k) {
    std::vector<double> joined(S * P * R);
    for (std::size_t s = 0; s < S; ++s) {
      for (std::size_t j = 0; j < P; ++j) {
        const double* row = files[columns[j].first].row(k, s, columns[j].second);
        std::copy(row, row + R, joined.begin() + static_cast<std::ptrdiff_t>((s * P + j) * R));
      }
    }
    out.values[k] = std::move(joined);
  }
  return out;
}

}  // namespace sim
