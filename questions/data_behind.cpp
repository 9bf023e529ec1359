#include "questions/data_behind.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "questions/number_text.hpp"

namespace vtf::questions {
namespace {

constexpr std::size_t kNamed = 4;    // contributors named in the statement
constexpr double kSmallest = 0.005;  // an effect printed as +0.00 is not shared out

}  // namespace

std::string weakness(const std::string& quality, CalibrationStatus status) {
  std::string cost;
  switch (status) {
    case CalibrationStatus::kClippedLow:
    case CalibrationStatus::kClippedHigh:
      cost = "clipped cost";
      break;
    case CalibrationStatus::kRegionalMedian:
      cost = "median cost";
      break;
    case CalibrationStatus::kImputedNational:
      cost = "imputed cost";
      break;
    default:
      break;
  }
  if (quality != "C") return cost;
  return cost.empty() ? "C" : "C, " + cost;
}

DataBehind data_behind(const std::vector<std::string>& states, const std::vector<double>& parts,
                       const std::vector<std::string>& quality,
                       const std::vector<CalibrationStatus>& status) {
  DataBehind d;
  for (std::size_t i = 0; i < states.size(); ++i) {
    if (std::isnan(parts[i])) continue;
    const std::string weak = weakness(quality[i], status[i]);
    d.effect += parts[i];
    if (!weak.empty()) d.weak += parts[i];
    if (parts[i] > 0) d.largest.push_back({states[i], parts[i], weak});
  }
  std::stable_sort(d.largest.begin(), d.largest.end(),
                   [](const Contributor& a, const Contributor& b) { return a.part > b.part; });
  return d;
}

std::optional<DataBehind> read_data_behind(const sim::h5::Group& root, const std::string& outcome,
                                           std::size_t scenario, std::size_t policy) {
  const std::string parts_path = "contributions/" + outcome;
  if (!root.has(parts_path) || !root.has("state_data_quality") || !root.has("calibration/status"))
    return std::nullopt;
  const auto states = root.open_dataset("state").read_strings();
  const auto quality = root.open_dataset("state_data_quality").read_strings();
  const auto all_parts = root.open_dataset(parts_path).read<double>();
  const auto all_status = root.open_dataset("calibration/status").read<std::int32_t>();
  if (all_status.empty()) return std::nullopt;
  const std::size_t E = states.size();
  // The parts are [scenario, policy, state], the statuses [scenario, state].
  const std::size_t P = all_parts.size() / all_status.size();
  std::vector<double> parts(E);
  std::vector<CalibrationStatus> status(E);
  for (std::size_t i = 0; i < E; ++i) {
    parts[i] = all_parts[(scenario * P + policy) * E + i];
    status[i] = static_cast<CalibrationStatus>(all_status[scenario * E + i]);
  }
  return data_behind(states, parts, quality, status);
}

std::string data_behind_statement(const DataBehind& d, const std::string& what) {
  if (!(d.effect >= kSmallest)) return "";
  std::string text = fmt::format(
      "- The data behind it: {:.0f}% of the {} {} comes from States with weak data (quality C, or "
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
  text +=
      ".\n  Whether the conclusion survives the weak data: vtfsim run "
      "scenarios/data_robustness.toml (every State's part: /contributions in the results file).\n";
  return text;
}

}  // namespace vtf::questions
