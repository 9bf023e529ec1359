#include "sim/analysis/sensitivity.hpp"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <variant>

namespace sim {
namespace {

// A factor's values as numbers. Text (a choice such as an extension regime) is ranked in the
// order its values first appear in the design, so a coefficient reads "from the first value to
// the next"; booleans rank false below true.
std::vector<double> encode(const std::vector<const ParamValue*>& values, std::string& encoding) {
  std::vector<double> out;
  std::vector<std::string> seen;
  for (const ParamValue* v : values) {
    if (const auto* d = std::get_if<double>(v)) {
      out.push_back(*d);
    } else if (const auto* i = std::get_if<std::int64_t>(v)) {
      out.push_back(static_cast<double>(*i));
    } else if (const auto* b = std::get_if<bool>(v)) {
      out.push_back(*b ? 1.0 : 0.0);
      encoding = "false < true";
    } else {
      const std::string text = format_value(*v);
      auto it = std::find(seen.begin(), seen.end(), text);
      if (it == seen.end()) it = seen.insert(seen.end(), text);
      out.push_back(static_cast<double>(it - seen.begin()));
    }
  }
  if (!seen.empty()) {
    encoding.clear();
    for (const auto& s : seen)
      encoding += (encoding.empty() ? "" : " < ") + s;
  }
  return out;
}

bool varies(const std::vector<double>& x) {
  return std::any_of(x.begin(), x.end(), [&](double v) { return v != x.front(); });
}

}  // namespace

std::vector<double> ranks(const std::vector<double>& values) {
  const std::size_t n = values.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j + 1 < n && values[order[j + 1]] == values[order[i]])
      ++j;
    const double mean_rank = (static_cast<double>(i + j) / 2.0) + 1.0;
    for (std::size_t k = i; k <= j; ++k)
      out[order[k]] = mean_rank;
    i = j + 1;
  }
  return out;
}

RankRegression standardized_rank_regression(const std::vector<std::vector<double>>& columns,
                                            const std::vector<double>& response) {
  RankRegression fit;
  fit.coefficients.assign(columns.size(), NAN);
  const std::size_t n = response.size();
  std::vector<std::size_t> used;
  for (std::size_t j = 0; j < columns.size(); ++j) {
    if (varies(columns[j])) used.push_back(j);
  }
  if (used.empty() || n < used.size() + 3 || !varies(response)) return fit;
  if (std::any_of(response.begin(), response.end(), [](double v) { return std::isnan(v); }))
    return fit;

  const auto standardized = [n](const std::vector<double>& x) {
    const auto r = ranks(x);
    Eigen::VectorXd v = Eigen::Map<const Eigen::VectorXd>(r.data(), static_cast<Eigen::Index>(n));
    v.array() -= v.mean();
    const double sd = std::sqrt(v.squaredNorm() / static_cast<double>(n - 1));
    return Eigen::VectorXd(v / sd);
  };
  Eigen::MatrixXd x(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(used.size()));
  for (std::size_t c = 0; c < used.size(); ++c)
    x.col(static_cast<Eigen::Index>(c)) = standardized(columns[used[c]]);
  const Eigen::VectorXd y = standardized(response);
  // Factors the observations cannot tell apart (a copy of another's ranks; more factors than
  // distinct futures, as when scenarios share their replications' draws) make the design rank
  // deficient. Eigen's solve() judges rank at near machine epsilon, so rounding passes for rank
  // and gives coefficients of 1e12: the rank is judged here with a threshold well above
  // rounding, the regression is on the factors the pivoted QR keeps, and the others get NaN.
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(x);
  qr.setThreshold(1e-9);
  const Eigen::Index rank = qr.rank();
  const auto& kept = qr.colsPermutation().indices();
  Eigen::MatrixXd xr(x.rows(), rank);
  for (Eigen::Index k = 0; k < rank; ++k)
    xr.col(k) = x.col(kept(k));
  const Eigen::VectorXd beta = xr.colPivHouseholderQr().solve(y);
  const Eigen::VectorXd residual = y - xr * beta;
  fit.r_squared = 1.0 - residual.squaredNorm() / y.squaredNorm();
  for (Eigen::Index k = 0; k < rank; ++k)
    fit.coefficients[used[static_cast<std::size_t>(kept(k))]] = beta(k);
  return fit;
}

std::optional<Sensitivity> compute_sensitivity(const Comparison& c, const Study& study) {
  const auto& d = study.design;
  std::vector<std::size_t> sampled;
  for (std::size_t s = 0; s < d.scenarios.size(); ++s) {
    if (d.scenarios[s].sampled) sampled.push_back(s);
  }
  if (sampled.empty()) return std::nullopt;

  Sensitivity out;
  out.policies = c.policies;
  out.outcomes = c.outcomes;
  out.scenarios = sampled.size();
  std::vector<std::vector<double>> columns;
  for (const auto& name : d.scenario_parameters) {
    std::vector<const ParamValue*> values;
    for (const auto s : sampled)
      values.push_back(&d.scenario_value(s, name));
    std::string encoding;
    auto column = encode(values, encoding);
    if (!varies(column)) continue;
    out.factors.push_back(name);
    if (!encoding.empty()) {
      out.ranking_of_values += (out.ranking_of_values.empty() ? "" : "; ") + name + ": " + encoding;
    }
    columns.push_back(std::move(column));
  }
  const std::size_t P = c.policies.size(), J = out.factors.size();
  out.srrc.assign(c.outcomes.size() * P * J, NAN);
  out.r_squared.assign(c.outcomes.size() * P, NAN);
  for (std::size_t k = 0; k < c.outcomes.size(); ++k) {
    for (std::size_t p = 1; p < P; ++p) {
      std::vector<double> y;
      for (const auto s : sampled)
        y.push_back(c.at(k, s, p).mean);
      const RankRegression fit = standardized_rank_regression(columns, y);
      std::copy(fit.coefficients.begin(), fit.coefficients.end(),
                out.srrc.begin() + static_cast<std::ptrdiff_t>((k * P + p) * J));
      out.r_squared[k * P + p] = fit.r_squared;
    }
  }
  return out;
}

std::string sensitivity_method(const Sensitivity& s) {
  return fmt::format(
      "standardized rank regression coefficients (SRRC) of each sampled scenario's mean paired "
      "difference (policy - {}) on the uncertainties, across the Latin hypercube scenarios; "
      "r_squared is the fit of the rank regression (Saltelli et al. 2004, 5.2)",
      s.policies.empty() ? "baseline" : s.policies.front());
}

void write_sensitivity(h5::Group root, const Sensitivity& s) {
  h5::Group g = root.create_group("sensitivity");
  g.copy_coordinates(root, {"policy"});
  auto factors = g.create_coordinate("uncertainty", s.factors);
  factors.set_attribute("long_name", "uncertain parameter varied across the sampled scenarios");
  factors.set_attribute("ranking_of_values",
                        s.ranking_of_values.empty() ? "numeric order" : s.ranking_of_values);
  g.set_attribute("method", sensitivity_method(s));
  g.set_attribute("scenarios", static_cast<std::int64_t>(s.scenarios));
  h5::Group fits = g.create_group("r_squared");
  fits.copy_coordinates(root, {"policy"});
  fits.set_attribute("long_name", "R^2 of each rank regression");
  const std::size_t P = s.policies.size(), J = s.factors.size();
  for (std::size_t k = 0; k < s.outcomes.size(); ++k) {
    std::vector<double> values(s.srrc.begin() + static_cast<std::ptrdiff_t>(k * P * J),
                               s.srrc.begin() + static_cast<std::ptrdiff_t>((k + 1) * P * J));
    auto ds = g.create_dataset<double>(s.outcomes[k], {P, J});
    ds.write(values);
    ds.attach_dimensions({"policy", "uncertainty"});
    ds.set_attribute("units", "1");
    ds.set_attribute("long_name", "SRRC of the mean paired difference in " + s.outcomes[k]);
    std::vector<double> r2(s.r_squared.begin() + static_cast<std::ptrdiff_t>(k * P),
                           s.r_squared.begin() + static_cast<std::ptrdiff_t>((k + 1) * P));
    auto fit = fits.create_dataset<double>(s.outcomes[k], {P});
    fit.write(r2);
    fit.attach_dimensions({"policy"});
    fit.set_attribute("units", "1");
  }
}

std::optional<Sensitivity> read_sensitivity(const h5::Group& root) {
  if (!root.has_group("sensitivity")) return std::nullopt;
  const h5::Group g = root.open_group("sensitivity");
  const h5::Group fits = g.open_group("r_squared");
  Sensitivity s;
  const h5::Dataset factors = g.open_dataset("uncertainty");
  s.factors = factors.read_strings();
  s.ranking_of_values = factors.string_attribute("ranking_of_values").value_or("");
  s.policies = g.open_dataset("policy").read_strings();
  s.scenarios = static_cast<std::size_t>(g.int_attribute("scenarios").value_or(0));
  for (const auto& name : g.children()) {
    if (g.has_group(name)) continue;
    const h5::Dataset ds = g.open_dataset(name);
    if (ds.is_dimension_scale()) continue;
    s.outcomes.push_back(name);
    const auto values = ds.read<double>();
    s.srrc.insert(s.srrc.end(), values.begin(), values.end());
    const auto r2 = fits.open_dataset(name).read<double>();
    s.r_squared.insert(s.r_squared.end(), r2.begin(), r2.end());
  }
  return s;
}

}  // namespace sim
