#include "sim/run/study_identity.hpp"

#include <fmt/format.h>

#include "sim/engine/errors.hpp"

namespace sim {
namespace {

std::string required_string(const h5::Group& root, const char* name, const std::string& path) {
  auto v = root.string_attribute(name);
  if (!v) throw InputError(fmt::format("{}: no '{}' attribute: not a vtfsim file", path, name));
  return *v;
}

std::int64_t required_int(const h5::Group& root, const char* name, const std::string& path) {
  auto v = root.int_attribute(name);
  if (!v) throw InputError(fmt::format("{}: no '{}' attribute: not a vtfsim file", path, name));
  return *v;
}

}  // namespace

StudyIdentity StudyIdentity::of(const Study& study, const Provenance& prov) {
  StudyIdentity id;
  id.scenario_toml = study.source_text;
  id.seed = static_cast<std::int64_t>(study.seed);
  id.replications = static_cast<std::int64_t>(prov.replications_total);
  id.vtfsim_version = prov.vtfsim_version;
  id.git_commit = prov.git_commit;
  id.model_spec_version = prov.model_spec_version;
  id.results_format_version = kResultsFormatVersion;
  id.shard = prov.shard;
  return id;
}

StudyIdentity StudyIdentity::read(const h5::Group& root, const std::string& path) {
  StudyIdentity id;
  id.results_format_version = required_int(root, "results_format_version", path);
  id.scenario_toml = required_string(root, "scenario_toml", path);
  id.seed = required_int(root, "seed", path);
  id.replications = required_int(root, "replications", path);
  id.vtfsim_version = required_string(root, "vtfsim_version", path);
  id.git_commit = required_string(root, "git_commit", path);
  id.model_spec_version = required_string(root, "model_spec_version", path);
  const auto k = root.int_attribute("shard"), n = root.int_attribute("shards");
  if (k && n) id.shard = std::make_pair(*k, *n);
  return id;
}

void StudyIdentity::write(h5::Group& root) const {
  root.set_attribute("vtfsim_version", vtfsim_version);
  root.set_attribute("git_commit", git_commit);
  root.set_attribute("seed", seed);
  root.set_attribute("replications", replications);
  root.set_attribute("scenario_toml", scenario_toml);
  root.set_attribute("model_spec_version", model_spec_version);
  root.set_attribute("results_format_version", results_format_version);
  if (shard) {
    root.set_attribute("shard", shard->first);
    root.set_attribute("shards", shard->second);
  }
}

std::string identity_difference(const StudyIdentity& a, const std::string& an,
                                const StudyIdentity& b, const std::string& bn, bool with_shard) {
  const auto differ = [&](const char* what, const auto& x, const auto& y) {
    return fmt::format("{} {} in {}, {} in {}", what, x, an, y, bn);
  };
  if (a.results_format_version != b.results_format_version)
    return differ("results format version", a.results_format_version, b.results_format_version);
  if (a.vtfsim_version != b.vtfsim_version)
    return differ("vtfsim version", a.vtfsim_version, b.vtfsim_version);
  if (a.git_commit != b.git_commit) return differ("git commit", a.git_commit, b.git_commit);
  if (a.model_spec_version != b.model_spec_version)
    return differ("model version", a.model_spec_version, b.model_spec_version);
  if (a.scenario_toml != b.scenario_toml)
    return fmt::format("the scenario text (root attribute scenario_toml) differs between {} and {}",
                       an, bn);
  if (a.seed != b.seed) return differ("seed", a.seed, b.seed);
  if (a.replications != b.replications)
    return differ("replications", a.replications, b.replications);
  if (with_shard && a.shard != b.shard) {
    const auto name = [](const StudyIdentity& x) {
      return x.shard ? fmt::format("{}/{}", x.shard->first, x.shard->second) : std::string("none");
    };
    return differ("shard", name(a), name(b));
  }
  return {};
}

}  // namespace sim
