#include "questions/fund_demand.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <span>

#include "sim/engine/errors.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/outcome_values.hpp"
#include "sim/results/results_file.hpp"

namespace vtf::questions {
namespace {

constexpr double kZ95 = 1.959963984540054;  // the normal 97.5% quantile

// The outcomes this analysis reads (docs/results-format.md, /outcomes).
constexpr const char* kRead[] = {
    "vtf_calls",           "vtf_calls_short", "vtf_eligible_state_years",
    "vtf_applications",    "vtf_grants_made", "vtf_requested_usd",
    "vtf_granted_usd",     "vtf_refused_usd", "vtf_received_usd",
    "vtf_admin_usd",       "vtf_idle_usd",    "vtf_spent_usd",
    "intl_crowded_out_usd"};

// Per-replication outcomes, [scenario][policy][replication] each, as sim::read_outcome_values
// reads them (integer counts converted), looked up by name.
struct Outcomes {
  sim::OutcomeValues values;
  std::size_t replications() const { return values.replications; }
  std::span<const double> of(const std::string& name, std::size_t s, std::size_t p) const {
    return {values.row(values.outcome_index(name), s, p), values.replications};
  }
};

Outcomes read_outcomes(const sim::h5::Group& root, const std::string& path) {
  for (const char* name : kRead) {
    if (!root.has(std::string("outcomes/") + name)) {
      throw sim::InputError(fmt::format(
          "{}: no /outcomes/{} in this file: it was written by a vtfsim without the fund's "
          "demand outcomes (MODEL.md 7, v1.2); run the study again with this vtfsim",
          path, name));
    }
  }
  return {sim::read_outcome_values(root, path, {std::begin(kRead), std::end(kRead)})};
}

double mean_of(std::span<const double> x) {
  double sum = 0;
  for (const double v : x)
    sum += v;
  return x.empty() ? NAN : sum / static_cast<double>(x.size());
}

// The 95% half-width of a mean, relative to it.
double relative_half_width(std::span<const double> x) {
  const double m = mean_of(x);
  if (x.size() < 2 || !(std::fabs(m) > 0)) return NAN;
  double ss = 0;
  for (const double v : x)
    ss += (v - m) * (v - m);
  const double n = static_cast<double>(x.size());
  return kZ95 * std::sqrt(ss / (n - 1) / n) / std::fabs(m);
}

// mean(a) / mean(b), its variance by the delta method: var(a - R b) / (n mean(b)^2).
Ratio ratio(std::span<const double> a, std::span<const double> b) {
  const double ma = mean_of(a), mb = mean_of(b);
  if (!(mb > 0)) return {};
  const double r = ma / mb;
  if (a.size() < 2) return {r, NAN};
  double ss = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    ss += (a[i] - r * b[i]) * (a[i] - r * b[i]);
  const double n = static_cast<double>(a.size());
  return {r, kZ95 * std::sqrt(ss / (n - 1) / n) / mb};
}

// What money costs per extra completion over the gain's 95% CI: [money / high, money / low].
void cost_range(double money, const DemandRow& r, double& value, double& low, double& high) {
  value = r.gain > 0 ? money / r.gain : NAN;
  low = r.gain_high > 0 ? money / r.gain_high : NAN;
  high = r.gain_low > 0 ? money / r.gain_low : NAN;
}

DemandRow row_of(const Outcomes& o, const sim::Comparison& c, std::size_t s, std::size_t p) {
  DemandRow r;
  r.scenario = s;
  r.policy = p;
  const auto m = [&](const char* name) { return mean_of(o.of(name, s, p)); };
  r.calls = m("vtf_calls");
  r.calls_short = m("vtf_calls_short");
  r.eligible = m("vtf_eligible_state_years");
  r.applications = m("vtf_applications");
  r.grants_made = m("vtf_grants_made");
  r.requested_usd = m("vtf_requested_usd");
  r.granted_usd = m("vtf_granted_usd");
  r.refused_usd = m("vtf_refused_usd");
  r.received_usd = m("vtf_received_usd");
  r.admin_usd = m("vtf_admin_usd");
  r.idle_usd = m("vtf_idle_usd");
  r.spent_usd = m("vtf_spent_usd");
  r.crowded_out_usd = m("intl_crowded_out_usd");
  r.money_relative_half_width = 0;
  for (const char* name : {"vtf_requested_usd", "vtf_granted_usd", "vtf_refused_usd",
                           "vtf_received_usd", "vtf_admin_usd", "vtf_idle_usd", "vtf_spent_usd"}) {
    const double h = relative_half_width(o.of(name, s, p));
    if (!std::isnan(h)) r.money_relative_half_width = std::max(r.money_relative_half_width, h);
  }
  const auto received = o.of("vtf_received_usd", s, p);
  r.oversubscription = ratio(o.of("vtf_requested_usd", s, p), o.of("vtf_granted_usd", s, p));
  r.refused_share = ratio(o.of("vtf_refused_usd", s, p), o.of("vtf_requested_usd", s, p));
  r.short_calls = ratio(o.of("vtf_calls_short", s, p), o.of("vtf_calls", s, p));
  r.admin_share = ratio(o.of("vtf_admin_usd", s, p), received);
  r.idle_share = ratio(o.of("vtf_idle_usd", s, p), received);
  r.spent_share = ratio(o.of("vtf_spent_usd", s, p), received);
  r.crowded_out_share = ratio(o.of("intl_crowded_out_usd", s, p), received);
  const auto& gain = c.at(c.outcome_index("completed_by_horizon"), s, p);
  r.gain = gain.mean;
  r.gain_low = gain.ci_low;
  r.gain_high = gain.ci_high;
  cost_range(r.received_usd, r, r.cost_received, r.cost_received_low, r.cost_received_high);
  // The file's own cost per additional completion, where it has one: the same definition.
  if (!c.cost_per_effect.empty()) r.cost_received = c.cost_per_effect[s * c.policies.size() + p];
  cost_range(r.spent_usd, r, r.cost_spent, r.cost_spent_low, r.cost_spent_high);
  r.crowded_out_per_completion = r.gain > 0 ? r.crowded_out_usd / r.gain : NAN;
  return r;
}

// Any column of /policies as text, to tell policies' levers apart.
std::vector<std::string> column_text(const sim::h5::Dataset& ds) {
  try {
    std::vector<std::string> out;
    for (const double v : ds.read<double>())
      out.push_back(fmt::format("{}", v));
    return out;
  } catch (const sim::h5::Error&) {
  }
  try {
    std::vector<std::string> out;
    for (const auto v : ds.read<std::int64_t>())
      out.push_back(fmt::format("{}", v));
    return out;
  } catch (const sim::h5::Error&) {
  }
  return ds.read_strings();
}

// Each policy's levers other than its size, as a key, and a label of those that vary among the
// fund policies.
void families_of(const sim::h5::Group& root, std::size_t policies, std::vector<std::string>& key,
                 std::vector<std::string>& label) {
  key.assign(policies, "");
  label.assign(policies, "");
  if (!root.has_group("policies")) return;
  const auto table = root.open_group("policies");
  for (const auto& column : table.children()) {
    if (column == "name" || column == "policy" || column == "vtf_annual_usd" ||
        column == "vtf_enabled")
      continue;
    const auto values = column_text(table.open_dataset(column));
    if (values.size() != policies) continue;
    const bool varies = std::any_of(values.begin() + 1, values.end(),
                                    [&](const std::string& v) { return v != values[1]; });
    for (std::size_t p = 0; p < policies; ++p) {
      key[p] += column + "=" + values[p] + ";";
      if (varies) label[p] += (label[p].empty() ? "" : ", ") + column + " = " + values[p];
    }
  }
}

// The step from policy `a` (none: no fund, all zeros) to policy `b` in scenario s.
IdleStep step(const Outcomes& o, std::size_t s, std::optional<std::size_t> a, std::size_t b) {
  const std::size_t n = o.replications();
  std::vector<double> received(n), unused(n);
  const auto rb = o.of("vtf_received_usd", s, b);
  const auto ib = o.of("vtf_idle_usd", s, b);
  const auto ab = o.of("vtf_admin_usd", s, b);
  for (std::size_t r = 0; r < n; ++r) {
    received[r] = rb[r];
    unused[r] = ib[r] + ab[r];
    if (a) {
      received[r] -= o.of("vtf_received_usd", s, *a)[r];
      unused[r] -= o.of("vtf_idle_usd", s, *a)[r] + o.of("vtf_admin_usd", s, *a)[r];
    }
  }
  return IdleStep{a, b, mean_of(received), ratio(unused, received)};
}

std::vector<IdleThreshold> thresholds(const Outcomes& o, const std::vector<std::size_t>& scenarios,
                                      const std::vector<double>& size,
                                      const std::vector<std::string>& key,
                                      const std::vector<std::string>& label) {
  // Families of fund policies with the same other levers, each by size.
  std::map<std::string, std::vector<std::size_t>> families;
  for (std::size_t p = 1; p < size.size(); ++p) {
    if (std::isfinite(size[p]) && size[p] > 0) families[key[p]].push_back(p);
  }
  std::vector<IdleThreshold> out;
  for (const auto s : scenarios) {
    for (auto& [k, members] : families) {
      std::stable_sort(members.begin(), members.end(),
                       [&](std::size_t a, std::size_t b) { return size[a] < size[b]; });
      IdleThreshold t{s, label[members.front()], {}, std::nullopt};
      std::optional<std::size_t> previous;
      for (const auto p : members) {
        if (previous && size[*previous] == size[p]) continue;  // the same size twice
        t.steps.push_back(step(o, s, previous, p));
        previous = p;
      }
      for (std::size_t i = 0; i < t.steps.size() && !t.first_mostly_idle; ++i) {
        if (t.steps[i].unused_share.value > kMostlyIdle) t.first_mostly_idle = i;
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace

Demand fund_demand(const std::string& path, const std::vector<std::size_t>& scenarios,
                   const std::vector<std::size_t>& policies) {
  const sim::Comparison c = sim::read_comparison(path);
  sim::h5::File file = sim::h5::File::open_read(path);
  const sim::h5::Group root = file.root();
  const Outcomes o = read_outcomes(root, path);
  Demand d;
  d.scenarios = c.scenarios;
  d.policies = c.policies;
  d.sampled = c.sampled;
  d.replications = o.replications();
  d.horizon = root.string_attribute("horizon_date").value_or("????").substr(0, 4);
  std::vector<double> size(c.policies.size(), NAN);
  if (root.has("policies/vtf_annual_usd"))
    size = root.open_dataset("policies/vtf_annual_usd").read<double>();
  d.annual_usd = size;
  for (const auto s : scenarios) {
    for (const auto p : policies) {
      d.rows.push_back(row_of(o, c, s, p));
      d.rows.back().annual_usd = size.at(p);
    }
  }
  std::vector<std::string> key, label;
  families_of(root, c.policies.size(), key, label);
  d.thresholds = thresholds(o, scenarios, size, key, label);
  return d;
}

}  // namespace vtf::questions
