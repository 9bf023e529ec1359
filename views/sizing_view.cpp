#include "views/sizing_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "questions/number_text.hpp"
#include "questions/sizing_words.hpp"
#include "views/text_format.hpp"

namespace vtf::views {
namespace {

using questions::Confidence;
using questions::money;
using questions::share_text;
using questions::signed_number;
using questions::SizeEvaluation;
using questions::SizingOptions;
using questions::SizingResult;
using questions::Target;
using questions::Verdict;

std::string effect(const SizeEvaluation& e, const Target& t) {
  const double k = t.relative ? 100 : 1;
  const char* unit = t.relative ? "%" : "";
  return fmt::format("{}{} [{}{}, {}{}]", signed_number(e.mean * k), unit,
                     signed_number(e.ci_low * k), unit, signed_number(e.ci_high * k), unit);
}

std::string maybe_money(const std::optional<double>& usd, double max_usd) {
  return usd ? money(*usd) : fmt::format("> {}", money(max_usd));
}

bool by_share(const SizingOptions& o) { return o.confidence.kind == Confidence::Kind::kShare; }

// The row of one scenario: the answer, then what it rests on.
std::vector<std::string> row_of(const SizingResult& r, const SizingOptions& o) {
  const SizeEvaluation* e = r.required_usd  ? r.at(*r.required_usd)
                            : r.undecided() ? r.at(*r.undecided_usd)
                                            : &r.evaluated.back();
  const std::string answer = r.required_usd  ? money(*r.required_usd)
                             : r.undecided() ? "undecided"
                                             : "not reachable";
  const std::string at = r.required_usd  ? ""
                         : r.undecided() ? "at " + money(e->annual_usd) + ": "
                                         : "at max: ";
  if (by_share(o)) {
    return {r.scenario,
            answer,
            r.required_usd ? money(r.below_usd) : "",
            maybe_money(r.share_point_usd, o.max_usd),
            fmt::format("{} - {}", maybe_money(r.share_hopeful_usd, o.max_usd),
                        maybe_money(r.required_usd, o.max_usd)),
            at + share_text(*e),
            effect(*e, o.target)};
  }
  return {r.scenario,
          answer,
          r.required_usd ? money(r.below_usd) : "",
          maybe_money(r.mean_usd, o.max_usd),
          fmt::format("{} - {}", maybe_money(r.optimistic_usd, o.max_usd),
                      maybe_money(r.cautious_usd, o.max_usd)),
          at + effect(*e, o.target),
          fmt::format("{:.0f}%", 100 * e->share)};
}

}  // namespace

void print_sizing_table(std::FILE* out, const std::vector<SizingResult>& results,
                        const SizingOptions& o, const sim::Study& study, const std::string& rules) {
  fmt::print(out, "\nSmallest annual fund size for: Δ {}, {}\n", o.target.text(),
             o.confidence.text());
  fmt::print(out, "Fund rules: {}; sizes searched up to {} a year; {} replications, seed {}\n",
             rules, money(o.max_usd), study.replications, study.seed);
  std::vector<std::vector<std::string>> rows;
  if (by_share(o)) {
    const auto need = fmt::format("{:g}%", 100 * o.confidence.share);
    rows.push_back({"scenario", "required a year", "tried below", "share reaches " + need + " at",
                    "its 95% interval ends reach at", "share reaching [95% interval]",
                    "effect [95% CI]"});
  } else {
    rows.push_back({"scenario", "required a year", "tried below", "mean reaches at",
                    "95% CI ends reach at", "effect at required size", "share reaching"});
  }
  for (const auto& r : results)
    rows.push_back(row_of(r, o));
  fmt::print(out, "\n{}", render_table(rows));
  fmt::print(out, "\n{}", questions::sizing_conclusion(results, o, study.replications));
}

void print_sizing_json(std::FILE* out, const std::vector<SizingResult>& results,
                       const SizingOptions& o, const sim::Study& study) {
  const auto opt = [](const std::optional<double>& x) { return x ? json_number(*x) : "null"; };
  const auto verdict_word = [&](const SizeEvaluation& e) {
    switch (questions::verdict(e, o.target, o.confidence)) {
      case Verdict::kReached:
        return "reached";
      case Verdict::kUndecided:
        return "undecided";
      case Verdict::kShort:
        break;
    }
    return "short";
  };
  fmt::print(out, "{{\n  \"target\": {},\n  \"confidence\": {},\n  \"max_usd\": {},\n",
             json_string(o.target.text()), json_string(o.confidence.text()),
             json_number(o.max_usd));
  fmt::print(out, "  \"replications\": {},\n  \"seed\": {},\n  \"scenarios\": [",
             study.replications, study.seed);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    fmt::print(out,
               "{}\n    {{\"scenario\": {}, \"reachable\": {}, \"undecided\": {}, "
               "\"required_usd\": {}, \"below_usd\": {}, \"mean_usd\": {}, "
               "\"hopeful_end_usd\": {}, \"cautious_end_usd\": {}, \"share_point_usd\": {}, "
               "\"share_hopeful_usd\": {}, \"undecided_usd\": {}, "
               "\"replications_to_decide\": {}, \"assured_at_max\": {}, "
               "\"monotone\": {}, \"baseline_mean\": {}, \"evaluated\": [",
               i ? "," : "", json_string(r.scenario), r.required_usd ? "true" : "false",
               r.undecided() ? "true" : "false", opt(r.required_usd),
               r.required_usd ? json_number(r.below_usd) : "null", opt(r.mean_usd),
               opt(r.optimistic_usd), opt(r.cautious_usd), opt(r.share_point_usd),
               opt(r.share_hopeful_usd), opt(r.undecided_usd),
               r.undecided_usd ? std::to_string(r.replications_to_decide) : "null",
               json_number(r.evaluated.back().assured), r.monotone ? "true" : "false",
               json_number(r.baseline_mean));
    for (std::size_t j = 0; j < r.evaluated.size(); ++j) {
      const auto& e = r.evaluated[j];
      fmt::print(out,
                 "{}\n      {{\"annual_usd\": {}, \"mean\": {}, \"ci_low\": {}, \"ci_high\": {}, "
                 "\"share\": {}, \"share_low\": {}, \"share_high\": {}, \"assured\": {}, "
                 "\"reaches\": {}, \"verdict\": \"{}\"}}",
                 j ? "," : "", json_number(e.annual_usd), json_number(e.mean),
                 json_number(e.ci_low), json_number(e.ci_high), json_number(e.share),
                 json_number(e.share_low), json_number(e.share_high), json_number(e.assured),
                 questions::reaches(e, o.target, o.confidence) ? "true" : "false", verdict_word(e));
    }
    fmt::print(out, "]}}");
  }
  fmt::print(out, "\n  ]\n}}\n");
}

}  // namespace vtf::views
