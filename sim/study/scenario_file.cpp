#include "sim/study/scenario_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <tuple>

#include "sim/engine/errors.hpp"
#include "sim/engine/text_similarity.hpp"
#include "sim/study/design_expansion.hpp"
#include "sim/study/scenario_reader.hpp"
#include "sim/study/toml_guard.hpp"

namespace sim {
namespace {

// Limits that no real study comes near, so that a typing slip (a start in year 1, a name pasted
// from a document) is refused at once rather than run or written into every file.
constexpr int kFirstYear = 2000, kLastYear = 2100;
constexpr std::size_t kMaxNameLength = 80, kMaxTitleLength = 200, kMaxDescriptionLength = 4000;

}  // namespace

void ScenarioReader::read_study(const toml::table& t) {
  Study& study = study_;
  static const std::vector<std::string> keys = {"name", "title", "description", "replications",
                                                "seed", "start", "horizon"};
  // Where start and horizon were written, to point at the right line if they disagree.
  toml::source_region start_at = t.source(), horizon_at = t.source();
  bool horizon_given = false;
  // Not a structured binding: the lambdas below capture `node`, which clang before 16 cannot
  // do for a binding (the fuzz build uses clang 14).
  for (const auto& entry : t) {
    const toml::key& key = entry.first;
    const toml::node& node = entry.second;
    const std::string k(key.str());
    const std::string full = "study." + k;
    const auto want_string = [&]() -> std::string {
      if (const auto* s = node.as_string()) return s->get();
      fail(node.source(), full, fmt::format("expected a string, got {}", type_of(node)));
    };
    const auto want_text = [&](std::size_t longest) -> std::string {
      std::string text = want_string();
      if (text.size() > longest)
        fail(node.source(), full,
             fmt::format("expected at most {} characters, got {}", longest, text.size()));
      return text;
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
      if (v.year < kFirstYear || v.year > kLastYear)
        fail(node.source(), full,
             fmt::format("expected a date from {} to {}, got {}", kFirstYear, kLastYear, v.year));
      return Date::from_ymd(v.year, v.month, v.day);
    };
    if (k == "name") {
      study.name = want_string();
      const bool ok =
          !study.name.empty() && study.name.size() <= kMaxNameLength &&
          std::all_of(study.name.begin(), study.name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
          });
      if (!ok)
        fail(node.source(), full,
             fmt::format("expected a name of at most {} letters, digits, '_', '-' or '.' (it "
                         "names the output file)",
                         kMaxNameLength));
    } else if (k == "title") {
      study.title = want_text(kMaxTitleLength);
    } else if (k == "description") {
      study.description = want_text(kMaxDescriptionLength);
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
                       did_you_mean(near)));
    }
  }
  check_period(start_at, horizon_at, horizon_given);
}

void ScenarioReader::check_period(const toml::source_region& start_at,
                                  const toml::source_region& horizon_at, bool horizon_given) const {
  const Study& study = study_;
  for (const auto& [check, date, at, key] :
       {std::tuple{&ctx_.check_start, study.start, start_at, "study.start"},
        std::tuple{&ctx_.check_horizon, study.horizon, horizon_at, "study.horizon"}}) {
    if (!*check) continue;
    if (const std::string problem = (*check)(date); !problem.empty())
      fail(at, key, fmt::format("{} {}", date.iso(), problem));
  }
  if (study.horizon <= study.start) {
    fail(horizon_given ? horizon_at : start_at, horizon_given ? "study.horizon" : "study.start",
         fmt::format("the horizon {} must come after the start {}", study.horizon.iso(),
                     study.start.iso()));
  }
}

void ScenarioReader::read_section(const toml::key& key, const toml::node& node) {
  const std::string k(key.str());
  if (k == "study") {
    if (!node.is_table()) fail(key.source(), k, "expected a table [study]");
    read_study(*node.as_table());
  } else if (k == "uncertainties" || k == "levers") {
    read_factors(node, key);
  } else if (k == "latin_hypercube") {
    read_sample_points(node);
  } else if (k == "scenario") {
    std::set<std::string> names;
    inputs_.named_scenarios = read_named(node, "scenario", ParamRole::kUncertainty, names);
  } else if (k == "policy") {
    inputs_.named_policies = read_named(node, "policy", ParamRole::kLever, inputs_.policy_names);
  } else if (k == "comparisons") {
    read_comparisons(node, key);
  } else if (k == "lhs" || k == "latin-hypercube" || k == "sampling") {
    fail(key.source(), k, "unknown section; did you mean [latin_hypercube]?");
  } else if (k == "scenarios" || k == "policies") {
    fail(key.source(), k,
         fmt::format("unknown section; did you mean [[{}]] (one table per named {})?",
                     k == "scenarios" ? "scenario" : "policy",
                     k == "scenarios" ? "scenario" : "policy"));
  } else {
    read_base(node, k, key.source());
  }
}

Study ScenarioReader::read(std::string_view text) {
  text = checked_toml_text(text, path_);
  toml::table root;
  try {
    root = toml::parse(text, path_);
  } catch (const toml::parse_error& e) {
    fail(e.source(), "", fmt::format("TOML syntax error: {}", e.description()));
  }
  study_.source_path = path_;
  study_.source_text = std::string(text);
  study_.start = ctx_.default_start;
  study_.horizon = ctx_.default_horizon;
  study_.seed = ctx_.default_seed;
  study_.design.base = defaults_of(*ctx_.registry);
  inputs_.policy_names = {ctx_.baseline.name};
  inputs_.levers_at = position(root.source());
  for (const auto& [key, node] : root)
    read_section(key, node);
  if (study_.name.empty()) {
    const auto slash = path_.find_last_of('/');
    std::string stem = slash == std::string::npos ? path_ : path_.substr(slash + 1);
    if (const auto dot = stem.rfind('.'); dot != std::string::npos) stem.resize(dot);
    study_.name = stem.empty() ? "study" : stem;
  }
  if (ctx_.seed_override) study_.seed = *ctx_.seed_override;
  check_design();
  auto& sampled = study_.design.sampled;
  for (auto* ranges : {&sampled, &study_.design.lever_sampled}) {
    std::sort(ranges->begin(), ranges->end(), [](const SampledRange& a, const SampledRange& b) {
      return a.parameter < b.parameter;
    });
  }
  expand_design(std::move(inputs_), ctx_, study_.seed, study_.design);
  check_policies();
  check_values();
  resolve_comparisons();
  return std::move(study_);
}

Study parse_study(std::string_view text, const std::string& path, const DesignContext& context) {
  return ScenarioReader(path, context).read(text);
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
