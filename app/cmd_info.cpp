// `vtfsim info`: a results file's provenance and contents, or the model's parameters.
#include <fmt/format.h>

#include <filesystem>
#include <functional>

#include "app/commands.hpp"
#include "app/study_loader.hpp"
#include "models/parameters.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"
#include "views/state_list_view.hpp"

namespace vtf::app {

using namespace views;  // the text forms of the results (views/)
namespace {

void print_parameters() {
  const auto& r = model_registry();
  fmt::print(
      "Model parameters (MODEL.md v{}); set them in a scenario file's tables, e.g. [donors] "
      "envelope_trend = 0\n\n",
      kModelSpecVersion);
  for (const auto& s : r.parameters()) {
    fmt::print("{:<44} {:<12} {:<11} default {}{}\n    {}\n", s.name, sim::role_name(s.role),
               sim::type_name(s.type), sim::format_value(s.default_value),
               s.unit.empty() ? "" : " " + s.unit, s.doc);
  }
  fmt::print(
      "\nPer State, as [states.<name or ISO3>] <field> = value (defaults from "
      "models/data/states_parties.csv):\n");
  for (const auto& f : r.entity_fields())
    fmt::print("  {:<28} {:<8} {}\n", f.name, f.unit, f.doc);
}

void print_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw sim::InputError(fmt::format("{}: no such file", path));
  sim::h5::File file = [&] {
    try {
      return sim::h5::File::open_read(path);
    } catch (const sim::h5::Error& e) {
      throw sim::InputError(fmt::format("{}: not an HDF5 file ({})", path, e.what()));
    }
  }();
  sim::h5::Group root = file.root();
  sim::require_results_file(root, path);
  fmt::print("{}\n\nProvenance\n", path);
  for (const auto& name : root.attribute_names()) {
    if (name == "scenario_toml") continue;
    fmt::print("  {:<24} {}\n", name, root.attribute_text(name).value_or(""));
  }
  const auto toml = root.string_attribute("scenario_toml").value_or("");
  fmt::print("  {:<24} {} lines (print it with: h5dump -a scenario_toml {})\n", "scenario_toml",
             std::count(toml.begin(), toml.end(), '\n'), path);
  fmt::print("\nDimensions\n");
  for (const char* dim : {"scenario", "policy", "replication", "state", "year", "quantile"}) {
    if (root.has(dim)) fmt::print("  {:<12} {}\n", dim, root.open_dataset(dim).size());
  }
  fmt::print("\nContents\n");
  std::function<void(const sim::h5::Group&, const std::string&)> walk =
      [&](const sim::h5::Group& g, const std::string& prefix) {
        for (const auto& child : g.children()) {
          const std::string full = prefix + "/" + child;
          if (g.has_group(child)) {
            walk(g.open_group(child), full);
          } else {
            const auto ds = g.open_dataset(child);
            if (ds.is_dimension_scale()) continue;
            std::string shape;
            for (const auto n : ds.dims())
              shape += (shape.empty() ? "" : " x ") + std::to_string(n);
            fmt::print("  {:<58} [{}] {}\n", full, shape,
                       ds.string_attribute("units").value_or(""));
          }
        }
      };
  walk(root, "");
}

}  // namespace

int info(const InfoOptions& o) {
  if (o.parameters) {
    print_parameters();
    return 0;
  }
  if (o.states) {
    // Calibrated as the default study's run would calibrate it, so the status is the one its
    // results rest on.
    const sim::Study study = load_study("");
    print_state_list(stdout, list_states(study),
                     fmt::format("the default study's first scenario, \"{}\"",
                                 study.design.scenarios.front().name));
    return 0;
  }
  if (o.path.empty())
    throw sim::InputError(
        "info: give a results file (vtfsim info OUT.h5), --parameters or --states");
  print_file(o.path);
  return 0;
}

}  // namespace vtf::app
