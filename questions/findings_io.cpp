// /findings in the results file: written by a run and a merge once the comparison is complete,
// read back for printing (docs/results-format.md, "/findings").
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "questions/findings.hpp"
#include "sim/engine/errors.hpp"

namespace vtf::questions {
namespace {

void describe(sim::h5::Object& o, const std::string& units, const std::string& long_name) {
  if (!units.empty()) o.set_attribute("units", units);
  if (!long_name.empty()) o.set_attribute("long_name", long_name);
}

// One finding's group: its sentence and what it speaks of as attributes, its numbers as scalar
// datasets, its tables over its own coordinates or copies of the file's.
void write_finding(sim::h5::Group& findings, const sim::h5::Group& root, const Finding& f) {
  sim::h5::Group g = findings.create_group(f.name);
  g.set_attribute("statement", f.statement);
  g.set_attribute("scenario", f.scenario);
  g.set_attribute("policy", f.policy);
  for (const auto& [name, text] : f.notes)
    g.set_attribute(name, text);
  for (const auto& [name, texts] : f.lists)
    g.set_attribute(name, texts);
  for (const auto& v : f.values) {
    auto ds = g.create_dataset<double>(v.name, {});
    ds.write(std::vector<double>{v.value});
    describe(ds, v.units, v.long_name);
  }
  std::vector<std::pair<std::string, hsize_t>> extent;
  for (const auto& axis : f.axes) {
    if (!axis.numbers.empty()) {
      g.create_coordinate(axis.name, axis.numbers);
      extent.emplace_back(axis.name, axis.numbers.size());
    } else if (axis.labels.empty()) {
      g.copy_coordinates(root, {axis.name});
      extent.emplace_back(axis.name, root.open_dataset(axis.name).size());
    } else {
      g.create_coordinate(axis.name, axis.labels);
      extent.emplace_back(axis.name, axis.labels.size());
    }
  }
  for (const auto& col : f.columns) {
    std::vector<hsize_t> shape;
    for (const auto& dim : col.dims) {
      const auto it =
          std::find_if(extent.begin(), extent.end(), [&](const auto& e) { return e.first == dim; });
      if (it == extent.end())
        throw std::logic_error(fmt::format("finding {}: {} is not one of its axes", f.name, dim));
      shape.push_back(it->second);
    }
    sim::h5::Dataset ds;
    if (!col.texts.empty()) {
      ds = g.create_string_dataset(col.name, col.texts, shape);
    } else if (col.flag) {
      ds = g.create_dataset<std::uint8_t>(col.name, shape);
      std::vector<std::uint8_t> flags;
      for (const double x : col.numbers)
        flags.push_back(x != 0 ? 1 : 0);
      ds.write(flags);
    } else if (col.integer) {
      ds = g.create_dataset<std::int64_t>(col.name, shape);
      std::vector<std::int64_t> counts;
      for (const double x : col.numbers)
        counts.push_back(static_cast<std::int64_t>(x));
      ds.write(counts);
    } else {
      ds = g.create_dataset<double>(col.name, shape);
      ds.write(col.numbers);
    }
    ds.attach_dimensions(col.dims);
    describe(ds, col.units, col.long_name);
  }
}

}  // namespace

void write_findings(sim::h5::Group& root, const Findings& f) {
  sim::h5::Group g = root.create_group("findings");
  g.set_attribute("heading", f.heading);
  g.set_attribute("description",
                  "the numbers and sentences the plain words and the report state, computed once "
                  "(questions/findings.cpp); statement[finding] is what vtfsim prints, in order");
  if (f.items.empty()) return;
  std::vector<std::string> names, statements;
  for (const auto& item : f.items) {
    names.push_back(item.name);
    statements.push_back(item.statement);
  }
  g.create_coordinate("finding", names);
  g.create_string_dataset("statement", statements).attach_dimensions({"finding"});
  for (const auto& item : f.items)
    write_finding(g, root, item);
}

std::optional<Findings> read_findings(const sim::h5::Group& root) {
  if (!root.has_group("findings")) return std::nullopt;
  const sim::h5::Group g = root.open_group("findings");
  Findings f;
  f.heading = g.string_attribute("heading").value_or("");
  if (!g.has("finding")) return f;
  const auto names = g.open_dataset("finding").read_strings();
  const auto statements = g.open_dataset("statement").read_strings();
  for (std::size_t i = 0; i < names.size() && i < statements.size(); ++i) {
    Finding item;
    item.name = names[i];
    item.statement = statements[i];
    f.items.push_back(std::move(item));
  }
  return f;
}

void add_findings(const std::string& path, const sim::Comparison& c) {
  try {
    Findings findings;
    if (auto computed = compute_findings(path, c)) findings = std::move(*computed);
    sim::h5::File file = sim::h5::File::open_rw(path);
    sim::h5::Group root = file.root();
    write_findings(root, findings);
    file.close();
  } catch (const sim::h5::Error& e) {
    throw sim::RuntimeFailure(fmt::format("cannot write /findings in {}: {}", path, e.what()));
  }
}

}  // namespace vtf::questions
