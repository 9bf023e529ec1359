#include "questions/data_behind.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "questions/number_text.hpp"
#include "sim/engine/errors.hpp"

namespace vtf::questions {
namespace {

constexpr std::size_t kNamed = 4;    // contributors named in the statement
constexpr double kSmallest = 0.005;  // an effect printed as +0.00 is not shared out

}  // namespace

DataBehind data_behind(const std::vector<std::string>& states, const std::vector<double>& parts,
                       const std::vector<std::string>& weakness) {
  DataBehind d;
  for (std::size_t i = 0; i < states.size(); ++i) {
    if (std::isnan(parts[i])) continue;
    const std::string& weak = weakness[i];
    d.effect += parts[i];
    if (!weak.empty()) d.weak += parts[i];
    if (parts[i] > 0) d.largest.push_back({states[i], parts[i], weak});
  }
  std::stable_sort(d.largest.begin(), d.largest.end(),
                   [](const Contributor& a, const Contributor& b) { return a.part > b.part; });
  return d;
}

std::optional<DataBehindTable> DataBehindTable::read(const sim::h5::Group& root,
                                                     const std::string& outcome,
                                                     const std::string& path, std::size_t scenarios,
                                                     std::size_t policies) {
  const std::string parts_path = "contributions/" + outcome;
  if (!root.has(parts_path) || !root.has("calibration/weak_data")) return std::nullopt;
  DataBehindTable t;
  t.states_ = root.open_dataset("state").read_strings();
  t.parts_ = root.open_dataset(parts_path).read<double>();
  t.weakness_ = root.open_dataset("calibration/weak_data").read_strings();
  const std::size_t states = t.states_.size();
  const auto want = [&](std::size_t size, std::size_t expected, const std::string& name,
                        const char* axes) {
    if (size != expected) {
      throw sim::InputError(fmt::format(
          "{}: a damaged results file: /{} has {} values, not the {} its coordinates imply ({})",
          path, name, size, expected, axes));
    }
  };
  want(t.parts_.size(), scenarios * policies * states, parts_path, "scenario x policy x state");
  want(t.weakness_.size(), scenarios * states, "calibration/weak_data", "scenario x state");
  if (t.weakness_.empty()) return std::nullopt;
  t.policies_ = policies;
  return t;
}

DataBehind DataBehindTable::at(std::size_t scenario, std::size_t policy) const {
  const std::size_t E = states_.size();
  std::vector<double> parts(E);
  std::vector<std::string> weak(E);
  for (std::size_t i = 0; i < E; ++i) {
    parts[i] = parts_[(scenario * policies_ + policy) * E + i];
    weak[i] = weakness_[scenario * E + i];
  }
  return data_behind(states_, parts, weak);
}

std::string data_behind_sentence(const DataBehind& d, const std::string& what) {
  if (!(d.effect >= kSmallest)) return "";
  std::string text = fmt::format(
      "The data behind it: {:.0f}% of the {} {} comes from States with weak data (quality C, or "
      "a cost clipped, imputed or a regional median)",
      100 * d.weak / d.effect, signed_number(d.effect), what);
  std::vector<std::string> items;
  for (std::size_t i = 0; i < d.largest.size() && i < kNamed; ++i) {
    const auto& c = d.largest[i];
    items.push_back(fmt::format("{} {:.0f}%{}", c.state, 100 * c.part / d.effect,
                                c.weakness.empty() ? "" : " (" + c.weakness + ")"));
  }
  if (!items.empty()) {
    text += "; the largest parts: ";
    for (std::size_t i = 0; i < items.size(); ++i)
      text += (i ? ", " : "") + items[i];
  }
  return text + ".";
}

std::string data_behind_statement(const DataBehind& d, const std::string& what) {
  const std::string sentence = data_behind_sentence(d, what);
  if (sentence.empty()) return "";
  return "- " + sentence +
         "\n  Whether the conclusion survives the weak data: vtfsim run "
         "scenarios/data_robustness.toml (every State's part: /contributions in the results "
         "file).\n";
}

}  // namespace vtf::questions
