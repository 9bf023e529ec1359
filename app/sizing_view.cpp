#include "app/sizing_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "app/text_format.hpp"
#include "questions/number_text.hpp"

namespace vtf::app {
namespace {

using questions::money;
using questions::signed_number;
using questions::SizeEvaluation;
using questions::SizingOptions;
using questions::SizingResult;
using questions::Target;

std::string effect(const SizeEvaluation& e, const Target& t) {
  const double k = t.relative ? 100 : 1;
  const char* unit = t.relative ? "%" : "";
  return fmt::format("{}{} [{}{}, {}{}]", signed_number(e.mean * k), unit,
                     signed_number(e.ci_low * k), unit, signed_number(e.ci_high * k), unit);
}

std::string maybe_money(const std::optional<double>& usd, double max_usd) {
  return usd ? money(*usd) : fmt::format("> {}", money(max_usd));
}

}  // namespace

void print_sizing_table(std::FILE* out, const std::vector<SizingResult>& results,
                        const SizingOptions& o, const sim::Study& study, const std::string& rules) {
  fmt::print(out, "\nSmallest annual fund size for: Δ {}, {}\n", o.target.text(),
             o.confidence.text());
  fmt::print(out, "Fund rules: {}; sizes searched up to {} a year; {} replications, seed {}\n",
             rules, money(o.max_usd), study.replications, study.seed);
  std::vector<std::vector<std::string>> rows = {{"scenario", "required a year", "tried below",
                                                 "mean reaches at", "95% CI ends reach at",
                                                 "effect at required size", "share reaching"}};
  for (const auto& r : results) {
    const SizeEvaluation* e = r.required_usd ? r.at(*r.required_usd) : &r.evaluated.back();
    rows.push_back({r.scenario, r.required_usd ? money(*r.required_usd) : "not reachable",
                    r.required_usd ? money(r.below_usd) : "", maybe_money(r.mean_usd, o.max_usd),
                    fmt::format("{} - {}", maybe_money(r.optimistic_usd, o.max_usd),
                                maybe_money(r.cautious_usd, o.max_usd)),
                    (r.required_usd ? "" : "at max: ") + effect(*e, o.target),
                    fmt::format("{:.0f}%", 100 * e->share)});
  }
  fmt::print(out, "\n{}", render_table(rows));
  const auto worst =
      std::max_element(results.begin(), results.end(), [](const auto& a, const auto& b) {
        const double x = a.required_usd.value_or(INFINITY), y = b.required_usd.value_or(INFINITY);
        return x < y;
      });
  const auto unreachable =
      std::count_if(results.begin(), results.end(), [](const auto& r) { return !r.required_usd; });
  fmt::print(out, "\n");
  if (unreachable > 0) {
    fmt::print(
        out,
        "No fund up to {} a year reaches the target in {} of {} scenario(s) (e.g. {}): with these "
        "rules, a larger fund alone does not get there.\n",
        money(o.max_usd), unreachable, results.size(), worst->scenario);
  } else if (results.size() > 1) {
    fmt::print(out, "Worst case over the {} scenarios: {} needs {} a year.\n", results.size(),
               worst->scenario, money(*worst->required_usd));
  } else {
    fmt::print(out, "Answer: {} a year (the next smaller size tried, {}, falls short).\n",
               money(*worst->required_usd), money(worst->below_usd));
  }
  for (const auto& r : results) {
    if (!r.monotone)
      fmt::print(
          out,
          "Note: in {}, a size above the answer fell short again: the effect is not monotone "
          "in fund size there; more replications (-r) would tell whether that is noise.\n",
          r.scenario);
  }
  fmt::print(
      out,
      "The answer's uncertainty: the size at which the mean effect reaches the target is the best "
      "estimate;\nthe sizes at which the two ends of its 95% CI reach it bound it. Sizes are "
      "searched to within 5%.\n");
}

void print_sizing_json(std::FILE* out, const std::vector<SizingResult>& results,
                       const SizingOptions& o, const sim::Study& study) {
  const auto opt = [](const std::optional<double>& x) { return x ? json_number(*x) : "null"; };
  fmt::print(out, "{{\n  \"target\": {},\n  \"confidence\": {},\n  \"max_usd\": {},\n",
             json_string(o.target.text()), json_string(o.confidence.text()),
             json_number(o.max_usd));
  fmt::print(out, "  \"replications\": {},\n  \"seed\": {},\n  \"scenarios\": [",
             study.replications, study.seed);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    fmt::print(
        out,
        "{}\n    {{\"scenario\": {}, \"reachable\": {}, \"required_usd\": {}, \"below_usd\": {}, "
        "\"mean_usd\": {}, \"hopeful_end_usd\": {}, \"cautious_end_usd\": {}, "
        "\"monotone\": {}, \"baseline_mean\": {}, \"evaluated\": [",
        i ? "," : "", json_string(r.scenario), r.required_usd ? "true" : "false",
        opt(r.required_usd), r.required_usd ? json_number(r.below_usd) : "null", opt(r.mean_usd),
        opt(r.optimistic_usd), opt(r.cautious_usd), r.monotone ? "true" : "false",
        json_number(r.baseline_mean));
    for (std::size_t j = 0; j < r.evaluated.size(); ++j) {
      const auto& e = r.evaluated[j];
      fmt::print(out,
                 "{}\n      {{\"annual_usd\": {}, \"mean\": {}, \"ci_low\": {}, \"ci_high\": {}, "
                 "\"share\": {}, \"reaches\": {}}}",
                 j ? "," : "", json_number(e.annual_usd), json_number(e.mean),
                 json_number(e.ci_low), json_number(e.ci_high), json_number(e.share),
                 questions::reaches(e, o.target, o.confidence) ? "true" : "false");
    }
    fmt::print(out, "]}}");
  }
  fmt::print(out, "\n  ]\n}}\n");
}

}  // namespace vtf::app
