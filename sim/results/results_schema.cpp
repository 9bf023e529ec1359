#include "sim/results/results_schema.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <optional>
#include <vector>

#include "sim/engine/errors.hpp"
#include "sim/engine/model.hpp"

namespace sim {
namespace {

using Dims = std::vector<hsize_t>;

class LayoutCheck {
 public:
  LayoutCheck(const h5::Group& root, const std::string& path) : root_(root), path_(path) {}

  void run() {
    // A checkpoint segment holds no coordinates (it is not meant for reading); its checksums
    // and its identity are checked when a run resumes from it.
    if (root_.has_attribute("checkpoint_segment")) return;
    integer_attribute("replications");
    // The per-entity group is named after the model's entity dimension (ModelSchema).
    std::string entity_group;
    for (const auto& name : root_.children()) {
      if (name.rfind(kEntityOutcomesPrefix, 0) == 0 && root_.has_group(name)) entity_group = name;
    }
    // A file being written (blocks, no summaries yet) is a results file too: what is present
    // must fit; read_comparison says when what it needs is missing.
    if (!root_.has_group("outcomes") && !root_.has_group("comparison") && entity_group.empty())
      return;
    S_ = coordinate("scenario");
    P_ = coordinate("policy");
    columns("scenarios", S_);
    columns("policies", P_);
    const auto R = per_replication("outcomes", 3);
    if (!entity_group.empty()) {
      entity_ = entity_group.substr(std::string(kEntityOutcomesPrefix).size());
      E_ = coordinate(entity_.c_str());
      for (const auto& name : root_.children()) {
        if (name.rfind(entity_ + "_", 0) == 0 && !root_.has_group(name)) shape(name, {E_});
      }
      const auto R_entity = per_replication(entity_group, 4);
      if (R && R_entity && *R != *R_entity)
        fail(fmt::format("/outcomes has {} replications and /{} {}", *R, entity_group, *R_entity));
    }
    if (root_.has_group("comparison")) comparison();
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(fmt::format("{}: a damaged results file: {}", path_, what));
  }

  // Every dataset of /<group> is a column of a table with one row per coordinate value.
  void columns(const std::string& group, hsize_t rows) const {
    if (!root_.has_group(group)) return;
    for (const auto& name : root_.open_group(group).children()) {
      const std::string full = fmt::format("{}/{}", group, name);
      if (!root_.has_group(full)) shape(full, {rows});
    }
  }

  void integer_attribute(const char* name) const {
    try {
      static_cast<void>(root_.int_attribute(name));
    } catch (const h5::Error&) {
      fail(fmt::format("the attribute {} is not a single integer", name));
    }
  }

  Dims dims_of(const std::string& name) const {
    try {
      return root_.open_dataset(name).dims();
    } catch (const h5::Error&) {
      fail(fmt::format("/{} is not a dataset", name));
    }
  }

  hsize_t coordinate(const char* name) const {
    if (!root_.has(name)) fail(fmt::format("no /{} (the {} coordinate)", name, name));
    const Dims d = dims_of(name);
    if (d.size() != 1) fail(fmt::format("/{} is not one-dimensional", name));
    return d[0];
  }

  void shape(const std::string& name, const Dims& want) const {
    const Dims d = dims_of(name);
    if (d != want) {
      fail(fmt::format("/{} has shape {}, but the coordinates give {} (scenario {}, policy {}{})",
                       name, text(d), text(want), S_, P_,
                       entity_.empty() ? "" : fmt::format(", {} {}", entity_, E_)));
    }
  }

  static std::string text(const Dims& d) {
    return d.empty() ? "a scalar" : fmt::format("{}", fmt::join(d, " x "));
  }

  // Every dataset of /<group> is [scenario, policy, replication(, entity)], all with the same
  // number of replications, which is returned (nothing if the group is absent or empty).
  std::optional<hsize_t> per_replication(const std::string& group, std::size_t rank) const {
    if (!root_.has_group(group)) return std::nullopt;
    const h5::Group g = root_.open_group(group);
    std::optional<hsize_t> R;
    for (const auto& name : g.children()) {
      if (g.has_group(name)) continue;
      const std::string full = fmt::format("{}/{}", group, name);
      if (root_.open_dataset(full).is_dimension_scale()) continue;  // the group's coordinates
      const Dims d = dims_of(full);
      if (d.size() != rank)
        fail(fmt::format("/{} has {} dimensions, not {}", full, d.size(), rank));
      Dims want = {S_, P_, R.value_or(d[2])};
      if (rank == 4) want.push_back(E_);
      shape(full, want);
      R = d[2];
    }
    return R;
  }

  void comparison() const {
    const h5::Group g = root_.open_group("comparison");
    for (const auto& name : g.children()) {
      if (!g.has_group(name)) {
        const std::string full = "comparison/" + name;
        if (!root_.open_dataset(full).is_dimension_scale()) shape(full, {S_, P_});
        continue;
      }
      for (const char* statistic : {"mean", "stderr", "ci_low", "ci_high", "p_better", "p_worse"}) {
        const std::string full = fmt::format("comparison/{}/{}", name, statistic);
        if (!root_.has(full)) fail(fmt::format("no /{}", full));
        shape(full, {S_, P_});
      }
    }
  }

  const h5::Group& root_;
  const std::string& path_;
  hsize_t S_ = 0, P_ = 0, E_ = 0;
  std::string entity_;  // the entity dimension's name, once known
};

}  // namespace

void require_results_layout(const h5::Group& root, const std::string& path) {
  LayoutCheck(root, path).run();
}

}  // namespace sim
