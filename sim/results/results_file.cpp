#include "sim/results/results_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <variant>

#include "sim/engine/errors.hpp"
#include "sim/engine/text_similarity.hpp"

namespace sim {
namespace {

const char* better_name(Better b) {
  switch (b) {
    case Better::kHigher:
      return "higher";
    case Better::kLower:
      return "lower";
    case Better::kNeither:
      return "neither";
  }
  return "neither";
}

Better better_from(const std::string& s) {
  if (s == "higher") return Better::kHigher;
  if (s == "lower") return Better::kLower;
  return Better::kNeither;
}

// "vtf.annual_usd" -> "vtf_annual_usd": a parameter's dataset name.
std::string column_name(const std::string& parameter) {
  std::string out = parameter;
  for (char& c : out) {
    if (c == '.' || c == '/' || c == ' ') c = '_';
  }
  return out;
}

// One column of the scenario or policy table, typed after its parameter's values.
void write_column(h5::Group& g, const std::string& name,
                  const std::vector<const ParamValue*>& values, const std::string& dim,
                  const std::string& unit) {
  h5::Dataset ds;
  if (std::holds_alternative<double>(*values.front())) {
    std::vector<double> xs;
    for (const auto* v : values)
      xs.push_back(std::get<double>(*v));
    ds = g.create_dataset<double>(name, {xs.size()});
    ds.write(xs);
  } else if (std::holds_alternative<std::int64_t>(*values.front())) {
    std::vector<std::int64_t> xs;
    for (const auto* v : values)
      xs.push_back(std::get<std::int64_t>(*v));
    ds = g.create_dataset<std::int64_t>(name, {xs.size()});
    ds.write(xs);
  } else if (std::holds_alternative<bool>(*values.front())) {
    std::vector<std::uint8_t> xs;
    for (const auto* v : values)
      xs.push_back(std::get<bool>(*v) ? 1 : 0);
    ds = g.create_dataset<std::uint8_t>(name, {xs.size()});
    ds.write(xs);
  } else {
    std::vector<std::string> xs;
    for (const auto* v : values)
      xs.push_back(format_value(*v));
    ds = g.create_string_dataset(name, xs);
  }
  ds.attach_dimensions({dim});
  // CF practice: numbers carry units ("1" for pure numbers); text does not.
  if (!std::holds_alternative<std::string>(*values.front()))
    ds.set_attribute("units", unit.empty() ? "1" : unit);
}

}  // namespace

std::size_t Comparison::outcome_index(const std::string& name) const {
  for (std::size_t k = 0; k < outcomes.size(); ++k) {
    if (outcomes[k] == name) return k;
  }
  const std::string near = closest_name(name, outcomes);
  throw InputError(fmt::format("unknown outcome '{}'{}", name,
                               near.empty() ? "" : fmt::format("; did you mean '{}'?", near)));
}

Comparison summarize(const Accumulators& acc, const ModelSchema& schema, const Study& study,
                     const std::string& cost_outcome, const std::string& effect_outcome,
                     const std::string& cost_per_effect_name) {
  Comparison c;
  for (const auto& s : study.design.scenarios) {
    c.scenarios.push_back(s.name);
    c.sampled.push_back(s.sampled);
  }
  for (const auto& p : study.design.policies)
    c.policies.push_back(p.name);
  for (const auto& o : schema.outcomes) {
    c.outcomes.push_back(o.name);
    c.better.push_back(o.better);
  }
  c.replications = acc.replications();
  c.cost_per_effect_name = cost_per_effect_name;
  const std::size_t S = c.scenarios.size(), P = c.policies.size();
  PairedSummary none;
  none.mean = none.std_error = none.ci_low = none.ci_high = none.p_better = none.p_worse = NAN;
  for (std::size_t k = 0; k < c.outcomes.size(); ++k) {
    for (std::size_t s = 0; s < S; ++s) {
      for (std::size_t p = 0; p < P; ++p) {
        c.cells.push_back(p == 0 ? none : acc.paired(k, s, p).summary(schema.outcomes[k].better));
      }
    }
  }
  const std::size_t kc = schema.outcome_index(cost_outcome);
  const std::size_t ke = schema.outcome_index(effect_outcome);
  for (std::size_t s = 0; s < S; ++s) {
    for (std::size_t p = 0; p < P; ++p) {
      const double gain = c.at(ke, s, p).mean;
      const double cost = acc.outcome(kc, s, p).mean();
      c.cost_per_effect.push_back(p > 0 && gain > 0 ? cost / gain : NAN);
    }
  }
  return c;
}

ResultsWriter::ResultsWriter(const std::string& path, const ModelSchema& schema, const Study& study,
                             const Provenance& prov, std::uint64_t first_replication,
                             std::uint64_t replications, bool growing)
    : file_(h5::File::create(path)),
      schema_(schema),
      first_replication_(first_replication),
      replications_(replications) {
  const auto& d = study.design;
  shape_.scenarios = d.scenarios.size();
  shape_.policies = d.policies.size();
  shape_.entities = schema.entity_names.size();
  shape_.periods = schema.periods.size();
  shape_.outcomes = schema.outcomes.size();
  shape_.entity_outcomes = schema.entity_outcomes.size();
  shape_.trajectories = schema.trajectories.size();

  h5::Group root = file_.root();
  root.set_attribute("vtfsim_version", prov.vtfsim_version);
  root.set_attribute("git_commit", prov.git_commit);
  root.set_attribute("created_utc", prov.created_utc);
  root.set_attribute("command_line", prov.command_line);
  root.set_attribute("seed", static_cast<std::int64_t>(study.seed));
  root.set_attribute("replications", static_cast<std::int64_t>(prov.replications_total));
  root.set_attribute("scenario_toml", study.source_text);
  root.set_attribute("scenario_path", study.source_path);
  root.set_attribute("study_name", study.name);
  root.set_attribute("study_title", study.title);
  root.set_attribute("model_spec_version", prov.model_spec_version);
  root.set_attribute("results_format_version", kResultsFormatVersion);
  root.set_attribute("start_date", study.start.iso());
  root.set_attribute("horizon_date", study.horizon.iso());
  if (prov.shard) {
    root.set_attribute("shard", prov.shard->first);
    root.set_attribute("shards", prov.shard->second);
  }

  std::vector<std::int64_t> scenario_index(shape_.scenarios), replication_index(replications);
  for (std::size_t s = 0; s < shape_.scenarios; ++s)
    scenario_index[s] = static_cast<std::int64_t>(s);
  for (std::size_t r = 0; r < replications; ++r)
    replication_index[r] = static_cast<std::int64_t>(first_replication + r);
  std::vector<std::string> policy_names;
  for (const auto& p : d.policies)
    policy_names.push_back(p.name);
  auto scenario_scale = root.create_coordinate<std::int64_t>("scenario", scenario_index);
  scenario_scale.set_attribute("long_name", "scenario index");
  scenario_scale.set_attribute("units", "1");
  root.create_coordinate("policy", policy_names)
      .set_attribute("long_name", "policy; 0 is the baseline (no fund)");
  auto replication_scale =
      growing ? root.create_growing_coordinate<std::int64_t>("replication", replication_index)
              : root.create_coordinate<std::int64_t>("replication", replication_index);
  replication_scale.set_attribute("long_name", "global replication index");
  replication_scale.set_attribute("units", "1");
  root.create_coordinate(schema.entity_dim, schema.entity_names);
  root.create_coordinate<std::int32_t>(schema.period_dim, schema.periods)
      .set_attribute("units", "calendar year");
  auto quantile_scale = root.create_coordinate<double>("quantile", schema.quantiles);
  quantile_scale.set_attribute("long_name",
                               "probability level of the quantile across replications");
  quantile_scale.set_attribute("units", "1");
  for (const auto& [label, values] : schema.entity_labels) {
    root.create_string_dataset(label, values).attach_dimensions({schema.entity_dim});
  }
  for (const auto& flag : schema.entity_flags) {
    auto ds = root.create_dataset<std::uint8_t>(flag.name, {flag.values.size()});
    ds.write(flag.values);
    ds.attach_dimensions({schema.entity_dim});
    ds.set_attribute("units", "1");
    ds.set_attribute("long_name", flag.description);
  }
  std::vector<std::string> scenario_names;
  for (const auto& s : d.scenarios)
    scenario_names.push_back(s.name);
  root.create_string_dataset("scenario_name", scenario_names).attach_dimensions({"scenario"});

  // The design: which values of each uncertainty and lever made each scenario and policy.
  h5::Group scenarios = group_with("scenarios", {"scenario"});
  scenarios.create_string_dataset("name", scenario_names).attach_dimensions({"scenario"});
  for (const auto& name : d.scenario_parameters) {
    std::vector<const ParamValue*> values;
    for (std::size_t s = 0; s < shape_.scenarios; ++s)
      values.push_back(&d.scenario_value(s, name));
    write_column(scenarios, column_name(name), values, "scenario", d.unit_of(name));
  }
  std::vector<std::uint8_t> sampled(shape_.scenarios);
  for (std::size_t s = 0; s < shape_.scenarios; ++s)
    sampled[s] = d.scenarios[s].sampled ? 1 : 0;
  auto sampled_ds = scenarios.create_dataset<std::uint8_t>("sampled", {shape_.scenarios});
  sampled_ds.write(sampled);
  sampled_ds.attach_dimensions({"scenario"});
  sampled_ds.set_attribute("units", "1");
  sampled_ds.set_attribute("long_name", "1 for a Latin hypercube point, 0 for a named scenario");
  scenarios.set_attribute("latin_hypercube_points", static_cast<std::int64_t>(d.sample_points));
  std::string ranges;
  for (const auto& r : d.sampled) {
    ranges += fmt::format("{}{} in [{}, {}]", ranges.empty() ? "" : "; ", r.parameter,
                          format_value(r.low), format_value(r.high));
  }
  scenarios.set_attribute("latin_hypercube_ranges", ranges);
  h5::Group policies = group_with("policies", {"policy"});
  policies.create_string_dataset("name", policy_names).attach_dimensions({"policy"});
  for (const auto& name : d.policy_parameters) {
    std::vector<const ParamValue*> values;
    for (std::size_t p = 0; p < shape_.policies; ++p)
      values.push_back(&d.policy_value(p, name));
    write_column(policies, column_name(name), values, "policy", d.unit_of(name));
  }

  const std::vector<std::string> dims3 = {"scenario", "policy", "replication"};
  const std::vector<std::string> dims4 = {"scenario", "policy", "replication", schema.entity_dim};
  h5::Group outcomes = group_with("outcomes", dims3);
  h5::Group by_state = group_with("outcomes_by_state", dims4);
  const auto create = [&](h5::Group& g, const OutcomeSpec& o, std::vector<hsize_t> dims,
                          const std::vector<std::string>& names) {
    // Chunks hold one (scenario, policy) and a run of replications, and the cache holds a whole
    // row of them (every scenario and policy), so blocks of replications fill chunks in place
    // and each chunk is compressed once. The run of replications keeps that row near 4 MiB.
    const std::size_t element = o.storage == Storage::kInt32 ? 4 : 8;
    const std::size_t per_replication = dims.size() == 4 ? dims[3] * element : element;
    const std::size_t row_budget = std::size_t{4} << 20;
    const std::size_t cells = static_cast<std::size_t>(dims[0] * dims[1]);
    const hsize_t run = std::clamp<hsize_t>(
        row_budget / std::max<std::size_t>(1, cells * per_replication), 64, 65536);
    h5::DatasetOptions opts;
    opts.chunk = dims;
    opts.chunk[0] = 1;
    opts.chunk[1] = 1;
    opts.chunk[2] = std::max<hsize_t>(1, std::min<hsize_t>(dims[2], run));
    opts.deflate = 1;  // the fast level: outcome arrays compress nearly as well as at level 4
    opts.chunk_cache_bytes =
        cells * static_cast<std::size_t>(opts.chunk[2]) * per_replication + (std::size_t{1} << 20);
    if (growing) opts.unlimited_axis = 2;
    h5::Dataset ds = o.storage == Storage::kInt32
                         ? g.create_dataset<std::int32_t>(o.name, dims, opts)
                         : g.create_dataset<double>(o.name, dims, opts);
    ds.attach_dimensions(names);
    ds.set_attribute("units", o.unit);
    ds.set_attribute("long_name", o.description);
    ds.set_attribute("better", better_name(o.better));
    return ds;
  };
  for (const auto& o : schema.outcomes) {
    outcomes_.push_back(
        create(outcomes, o, {shape_.scenarios, shape_.policies, replications}, dims3));
  }
  for (const auto& o : schema.entity_outcomes) {
    entity_outcomes_.push_back(create(
        by_state, o, {shape_.scenarios, shape_.policies, replications, shape_.entities}, dims4));
  }
  if (growing) {
    replication_scales_.push_back(std::move(replication_scale));
    replication_scales_.push_back(outcomes.open_dataset("replication"));
    replication_scales_.push_back(by_state.open_dataset("replication"));
  }
}

void ResultsWriter::grow_to(std::uint64_t replications) {
  if (replication_scales_.empty()) throw std::logic_error("grow_to on a file that cannot grow");
  const std::uint64_t old = replications_;
  if (replications < old) throw std::logic_error("grow_to cannot shrink a results file");
  replications_ = replications;
  std::vector<std::int64_t> added(replications - old);
  for (std::size_t r = 0; r < added.size(); ++r)
    added[r] = static_cast<std::int64_t>(first_replication_ + old + r);
  for (auto& scale : replication_scales_) {
    scale.set_extent({replications});
    scale.write_block<std::int64_t>({old}, {added.size()}, added);
  }
  for (auto& ds : outcomes_)
    ds.set_extent({shape_.scenarios, shape_.policies, replications});
  for (auto& ds : entity_outcomes_)
    ds.set_extent({shape_.scenarios, shape_.policies, replications, shape_.entities});
  file_.root().set_attribute("replications", static_cast<std::int64_t>(replications));
}

h5::Group ResultsWriter::group_with(const std::string& name, const std::vector<std::string>& dims) {
  h5::Group root = file_.root();
  h5::Group g = root.create_group(name);
  g.copy_coordinates(root, dims);
  return g;
}

void ResultsWriter::write_block(const BlockResults& block) {
  const hsize_t offset = block.first_replication - first_replication_;
  const hsize_t count = block.count;
  std::vector<double> values;
  std::vector<std::int32_t> counts;
  for (std::size_t k = 0; k < shape_.outcomes; ++k) {
    values.clear();
    for (std::size_t s = 0; s < shape_.scenarios; ++s) {
      for (std::size_t p = 0; p < shape_.policies; ++p) {
        const double* row = block.outcome_row(shape_, k, s, p);
        values.insert(values.end(), row, row + block.count);
      }
    }
    const std::vector<hsize_t> off = {0, 0, offset};
    const std::vector<hsize_t> cnt = {shape_.scenarios, shape_.policies, count};
    if (schema_.outcomes[k].storage == Storage::kInt32) {
      counts.assign(values.begin(), values.end());
      for (std::size_t j = 0; j < values.size(); ++j)
        counts[j] = static_cast<std::int32_t>(std::lround(values[j]));
      outcomes_[k].write_block<std::int32_t>(off, cnt, counts);
    } else {
      outcomes_[k].write_block<double>(off, cnt, values);
    }
  }
  for (std::size_t k = 0; k < shape_.entity_outcomes; ++k) {
    values.clear();
    for (std::size_t s = 0; s < shape_.scenarios; ++s) {
      for (std::size_t p = 0; p < shape_.policies; ++p) {
        const double* rows = block.entity_outcome_rows(shape_, k, s, p);
        values.insert(values.end(), rows, rows + block.count * shape_.entities);
      }
    }
    const std::vector<hsize_t> off = {0, 0, offset, 0};
    const std::vector<hsize_t> cnt = {shape_.scenarios, shape_.policies, count, shape_.entities};
    if (schema_.entity_outcomes[k].storage == Storage::kInt32) {
      counts.resize(values.size());
      for (std::size_t j = 0; j < values.size(); ++j)
        counts[j] = static_cast<std::int32_t>(std::lround(values[j]));
      entity_outcomes_[k].write_block<std::int32_t>(off, cnt, counts);
    } else {
      entity_outcomes_[k].write_block<double>(off, cnt, values);
    }
  }
}

BlockResults ResultsWriter::read_block(std::uint64_t first, std::size_t count) const {
  BlockResults block;
  block.first_replication = first;
  block.count = count;
  block.capacity = count;
  const hsize_t offset = first - first_replication_;
  const auto read = [&](const h5::Dataset& ds, Storage storage, std::vector<hsize_t> off,
                        std::vector<hsize_t> cnt, std::vector<double>& out) {
    if (storage == Storage::kInt32) {
      const auto ints = ds.read_block<std::int32_t>(off, cnt);
      out.insert(out.end(), ints.begin(), ints.end());
    } else {
      const auto values = ds.read_block<double>(off, cnt);
      out.insert(out.end(), values.begin(), values.end());
    }
  };
  for (std::size_t k = 0; k < shape_.outcomes; ++k) {
    read(outcomes_[k], schema_.outcomes[k].storage, {0, 0, offset},
         {shape_.scenarios, shape_.policies, count}, block.outcomes);
  }
  for (std::size_t k = 0; k < shape_.entity_outcomes; ++k) {
    read(entity_outcomes_[k], schema_.entity_outcomes[k].storage, {0, 0, offset, 0},
         {shape_.scenarios, shape_.policies, count, shape_.entities}, block.entity_outcomes);
  }
  return block;
}

void ResultsWriter::write_summaries(const Accumulators& acc, const Comparison& c) {
  const std::size_t S = shape_.scenarios, P = shape_.policies, E = shape_.entities,
                    Y = shape_.periods;
  h5::Group trajectories = group_with(
      "trajectories", {"scenario", "policy", schema_.entity_dim, schema_.period_dim, "quantile"});
  const std::size_t Q = schema_.quantiles.size();
  for (std::size_t k = 0; k < schema_.trajectories.size(); ++k) {
    const auto& t = schema_.trajectories[k];
    std::vector<double> mean(S * P * E * Y), quantiles;
    if (t.quantiles) quantiles.resize(S * P * E * Y * Q);
    for (std::size_t s = 0; s < S; ++s) {
      for (std::size_t p = 0; p < P; ++p) {
        for (std::size_t e = 0; e < E; ++e) {
          for (std::size_t y = 0; y < Y; ++y) {
            const std::size_t cell = acc.trajectory_cell(k, s, p, e, y);
            const std::size_t out = ((s * P + p) * E + e) * Y + y;
            mean[out] = acc.trajectory_mean(cell);
            if (const QuantileSketch* sketch = acc.trajectory_sketch(k, cell)) {
              for (std::size_t q = 0; q < Q; ++q)
                quantiles[out * Q + q] = sketch->quantile(schema_.quantiles[q]);
            }
          }
        }
      }
    }
    const std::vector<std::string> dims4 = {"scenario", "policy", schema_.entity_dim,
                                            schema_.period_dim};
    if (t.quantiles) {
      auto ds = trajectories.create_dataset<double>(t.name, {S, P, E, Y, Q});
      ds.write(quantiles);
      ds.attach_dimensions(
          {"scenario", "policy", schema_.entity_dim, schema_.period_dim, "quantile"});
      ds.set_attribute("units", t.unit);
      ds.set_attribute("long_name",
                       t.description + " (quantiles across replications, within 0.4%)");
    }
    auto ds =
        trajectories.create_dataset<double>(t.quantiles ? t.name + "_mean" : t.name, {S, P, E, Y});
    ds.write(mean);
    ds.attach_dimensions(dims4);
    ds.set_attribute("units", t.unit);
    ds.set_attribute("long_name", t.description + " (mean across replications)");
  }
  for (std::size_t k = 0; k < schema_.series.size(); ++k) {
    const auto& t = schema_.series[k];
    std::vector<double> mean(S * P * Y);
    for (std::size_t s = 0; s < S; ++s) {
      for (std::size_t p = 0; p < P; ++p) {
        for (std::size_t y = 0; y < Y; ++y)
          mean[(s * P + p) * Y + y] = acc.series_mean(k, s, p, y);
      }
    }
    auto ds = trajectories.create_dataset<double>(t.name, {S, P, Y});
    ds.write(mean);
    ds.attach_dimensions({"scenario", "policy", schema_.period_dim});
    ds.set_attribute("units", t.unit);
    ds.set_attribute("long_name", t.description + " (mean across replications)");
  }

  h5::Group root = file_.root();
  h5::Group comparison = root.create_group("comparison");
  comparison.copy_coordinates(root, {"scenario", "policy"});
  comparison.set_attribute("replications", static_cast<std::int64_t>(c.replications));
  comparison.set_attribute(
      "method",
      "paired differences (policy - no_fund) over common-random-number replications; "
      "95% CI with Student t; p_better = share of replications strictly better");
  for (std::size_t k = 0; k < c.outcomes.size(); ++k) {
    h5::Group g = comparison.create_group(c.outcomes[k]);
    g.copy_coordinates(root, {"scenario", "policy"});
    g.set_attribute("better", better_name(c.better[k]));
    g.set_attribute("units", schema_.outcomes[k].unit);
    const auto field = [&](const char* name, auto get, const char* long_name,
                           const std::string& unit) {
      std::vector<double> xs(S * P);
      for (std::size_t s = 0; s < S; ++s) {
        for (std::size_t p = 0; p < P; ++p)
          xs[s * P + p] = get(c.at(k, s, p));
      }
      auto ds = g.create_dataset<double>(name, {S, P});
      ds.write(xs);
      ds.attach_dimensions({"scenario", "policy"});
      ds.set_attribute("long_name", long_name);
      ds.set_attribute("units", unit);
    };
    const std::string unit = schema_.outcomes[k].unit;
    field(
        "mean", [](const PairedSummary& x) { return x.mean; }, "mean of (policy - no_fund)", unit);
    field(
        "stderr", [](const PairedSummary& x) { return x.std_error; },
        "standard error of the mean difference", unit);
    field(
        "ci_low", [](const PairedSummary& x) { return x.ci_low; },
        "lower end of the 95% confidence interval", unit);
    field(
        "ci_high", [](const PairedSummary& x) { return x.ci_high; },
        "upper end of the 95% confidence interval", unit);
    field(
        "p_better", [](const PairedSummary& x) { return x.p_better; },
        "share of replications where the policy is strictly better", "1");
    field(
        "p_worse", [](const PairedSummary& x) { return x.p_worse; },
        "share of replications where the policy is strictly worse", "1");
  }
  auto ds = comparison.create_dataset<double>(c.cost_per_effect_name, {S, P});
  ds.write(c.cost_per_effect);
  ds.attach_dimensions({"scenario", "policy"});
  ds.set_attribute("units", "USD");
  ds.set_attribute(
      "long_name",
      "mean contributions received / mean additional completions (NaN when there is no gain)");
}

void require_results_file(const h5::Group& root, const std::string& path) {
  const auto version = root.int_attribute("results_format_version");
  if (!version) {
    throw InputError(
        fmt::format("{}: not a vtfsim results file (no results_format_version attribute)", path));
  }
  if (*version != kResultsFormatVersion) {
    throw InputError(fmt::format(
        "{}: results format version {}; this vtfsim reads version {} (docs/results-format.md)",
        path, *version, kResultsFormatVersion));
  }
}

Comparison read_comparison(const std::string& path) {
  h5::File file = [&] {
    try {
      return h5::File::open_read(path);
    } catch (const h5::Error& e) {
      throw InputError(fmt::format("{}: cannot open as an HDF5 file ({})", path, e.what()));
    }
  }();
  h5::Group root = file.root();
  require_results_file(root, path);
  if (!root.has("comparison")) {
    throw InputError(fmt::format("{}: an incomplete vtfsim results file (no /comparison)", path));
  }
  Comparison c;
  c.scenarios = root.open_dataset("scenario_name").read_strings();
  c.sampled.assign(c.scenarios.size(), false);
  if (root.has("scenarios/sampled")) {
    const auto flags = root.open_dataset("scenarios/sampled").read<std::uint8_t>();
    for (std::size_t s = 0; s < flags.size() && s < c.sampled.size(); ++s)
      c.sampled[s] = flags[s] != 0;
  }
  c.policies = root.open_dataset("policy").read_strings();
  h5::Group comparison = root.open_group("comparison");
  c.replications = static_cast<std::uint64_t>(comparison.int_attribute("replications").value_or(0));
  const std::size_t S = c.scenarios.size(), P = c.policies.size();
  for (const auto& name : comparison.children()) {
    if (!comparison.has_group(name)) {
      // Datasets beside the outcome groups: the coordinates, and the cost per unit of effect.
      h5::Dataset ds = comparison.open_dataset(name);
      if (!ds.is_dimension_scale()) {
        c.cost_per_effect_name = name;
        c.cost_per_effect = ds.read<double>();
      }
      continue;
    }
    h5::Group g = comparison.open_group(name);
    c.outcomes.push_back(name);
    c.better.push_back(better_from(g.string_attribute("better").value_or("neither")));
    const auto mean = g.open_dataset("mean").read<double>(),
               se = g.open_dataset("stderr").read<double>(),
               lo = g.open_dataset("ci_low").read<double>(),
               hi = g.open_dataset("ci_high").read<double>(),
               pb = g.open_dataset("p_better").read<double>(),
               pw = g.open_dataset("p_worse").read<double>();
    for (std::size_t j = 0; j < S * P; ++j) {
      PairedSummary x;
      x.mean = mean[j];
      x.std_error = se[j];
      x.ci_low = lo[j];
      x.ci_high = hi[j];
      x.p_better = pb[j];
      x.p_worse = pw[j];
      x.n = static_cast<std::int64_t>(c.replications);
      c.cells.push_back(x);
    }
  }
  return c;
}

}  // namespace sim
