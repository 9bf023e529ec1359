#include "sim/results/future_inputs.hpp"

#include <stdexcept>

namespace sim {

void write_future_inputs(h5::Group& root, const FutureInputs& in) {
  h5::Group g = root.create_group(kFutureInputsGroup);
  g.set_attribute("long_name", "the drawn conditions of each future (scenario x replication)");
  const std::vector<hsize_t> dims = {in.scenarios, in.replications};
  for (const FutureInput& x : in.inputs) {
    if (x.values.size() != in.scenarios * in.replications)
      throw std::logic_error("future input '" + x.name + "' has the wrong number of values");
    h5::Dataset ds = g.create_dataset<double>(x.name, dims);
    ds.write(x.values);
    ds.attach_dimensions({"scenario", "replication"});
    ds.set_attribute("units", x.unit);
    ds.set_attribute("long_name", x.description);
    ds.set_attribute("source", x.source);
    ds.set_attribute("label", x.label.empty() ? x.name : x.label);
  }
}

std::optional<FutureInputs> read_future_inputs(const h5::Group& root) {
  if (!root.has_group(kFutureInputsGroup)) return std::nullopt;
  const h5::Group g = root.open_group(kFutureInputsGroup);
  FutureInputs out;
  for (const std::string& name : g.children()) {
    const h5::Dataset ds = g.open_dataset(name);
    const auto dims = ds.dims();
    if (dims.size() != 2) throw h5::Error("/inputs/" + name + " is not [scenario, replication]");
    if (out.inputs.empty()) {
      out.scenarios = dims[0];
      out.replications = dims[1];
    } else if (dims[0] != out.scenarios || dims[1] != out.replications) {
      throw h5::Error("/inputs/" + name + " does not have the shape of the other inputs");
    }
    out.inputs.push_back({name, ds.string_attribute("units").value_or(""),
                          ds.string_attribute("long_name").value_or(name),
                          ds.string_attribute("source").value_or(""), ds.read<double>(),
                          ds.string_attribute("label").value_or(name)});
  }
  return out;
}

}  // namespace sim
