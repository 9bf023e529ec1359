#include "questions/sizing_words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "questions/number_text.hpp"

namespace vtf::questions {
namespace {

bool by_share(const SizingOptions& o) { return o.confidence.kind == Confidence::Kind::kShare; }

bool out_of_reach(const SizingResult& r) { return !r.required_usd && !r.undecided_usd; }

// What the largest size assures at the confidence, when the target is out of reach.
std::string assured_text(const SizingResult& r, const SizingOptions& o) {
  const SizeEvaluation& e = r.evaluated.back();
  const Target& t = o.target;
  if (std::isnan(e.assured)) {
    return fmt::format("with {} replications, no value is assured {}", e.replications,
                       o.confidence.text());
  }
  if (t.at_least ? e.assured <= 0 : e.assured >= 0)
    return fmt::format("no improvement over no fund is assured {}", o.confidence.text());
  const double k = t.relative ? 100 : 1;
  return fmt::format("Δ {} {} {}{} is assured {}", t.outcome,
                     t.at_least ? ">=" : "<=", signed_number(e.assured * k), t.relative ? "%" : "",
                     o.confidence.text());
}

// A scenario with no sure answer but one within the share's sampling error: the size it hangs
// on, and the replications that would decide it.
std::string undecided_text(const SizingResult& r, const SizingOptions& o) {
  const SizeEvaluation& e = *r.at(*r.undecided_usd);
  const std::string decide =
      r.replications_to_decide == 0
          ? "the observed share equals the required one, so no number of replications decides "
            "it: choose another confidence"
          : fmt::format("{} (-r) would decide it if the share stays at {:.1f}%",
                        replications_text(r.replications_to_decide), 100 * e.share);
  return fmt::format(
      "Undecided in {}: at {} a year the share of replications reaching the target, {} over {} "
      "replications, is within its sampling error of {:g}%, and no size tried is surely enough; "
      "{}.\n",
      r.scenario, money(e.annual_usd), share_text(e), e.replications, 100 * o.confidence.share,
      decide);
}

// A sure answer with undecided sizes below it: a smaller fund may be enough.
std::string undecided_below_text(const SizingResult& r, const SizingOptions& o) {
  return fmt::format(
      "In {}, {} is the smallest size tried whose share is surely at least {:g}%; from {} a year "
      "(where the high end of the share's 95% interval reaches it) sizes are undecided with {} "
      "replications: a smaller fund may be enough, more replications (-r) would tell.\n",
      r.scenario, money(*r.required_usd), 100 * o.confidence.share, money(*r.share_hopeful_usd),
      r.evaluated.back().replications);
}

// The answer (or why there is none) over all scenarios.
std::string answer_text(const std::vector<SizingResult>& results, const SizingOptions& o) {
  const auto worst =
      std::max_element(results.begin(), results.end(), [](const auto& a, const auto& b) {
        return a.required_usd.value_or(INFINITY) < b.required_usd.value_or(INFINITY);
      });
  const auto unreachable = std::count_if(results.begin(), results.end(), out_of_reach);
  const auto undecided = std::count_if(results.begin(), results.end(),
                                       [](const SizingResult& r) { return r.undecided(); });
  std::string text;
  if (unreachable > 0) {
    const auto first = std::find_if(results.begin(), results.end(), out_of_reach);
    text = fmt::format(
        "No fund up to {} a year reaches the target in {} of {} scenario(s) (e.g. {}): with these "
        "rules, a larger fund alone does not get there.\n",
        money(o.max_usd), unreachable, results.size(), first->scenario);
    for (const auto& r : results) {
      if (out_of_reach(r))
        fmt::format_to(std::back_inserter(text), "  What {} a year does assure in {}: {}.\n",
                       money(o.max_usd), r.scenario, assured_text(r, o));
    }
  } else if (undecided > 0) {
    text = fmt::format(
        "No sure answer: in {} of {} scenario(s) the answer is within the sampling error of the "
        "share; run more replications (-r), as above.\n",
        undecided, results.size());
  } else if (results.size() > 1) {
    text = fmt::format("Worst case over the {} scenarios: {} needs {} a year.\n", results.size(),
                       worst->scenario, money(*worst->required_usd));
  } else {
    text = fmt::format("Answer: {} a year (the next smaller size tried, {}, falls short{}).\n",
                       money(*worst->required_usd), money(worst->below_usd),
                       by_share(o) ? " or is undecided" : "");
  }
  return text;
}

}  // namespace

std::string share_text(const SizeEvaluation& e) {
  return fmt::format("{:.0f}% [{:.0f}%, {:.0f}%]", 100 * e.share, 100 * e.share_low,
                     100 * e.share_high);
}

std::string replications_text(std::uint64_t n) {
  if (n >= 1'000'000'000'000) return "more than 10^12 replications";
  std::uint64_t scale = 1;
  while (n / scale >= 100)
    scale *= 10;
  const std::string digits = std::to_string((n + scale - 1) / scale * scale);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return "about " + grouped + " replications";
}

std::string sizing_conclusion(const std::vector<SizingResult>& results, const SizingOptions& o,
                              std::uint64_t replications) {
  std::string text;
  for (const auto& r : results) {
    if (r.undecided_usd) text += undecided_text(r, o);
    if (r.required_usd && r.share_hopeful_usd && *r.share_hopeful_usd < *r.required_usd)
      text += undecided_below_text(r, o);
  }
  text += answer_text(results, o);
  for (const auto& r : results) {
    if (!r.monotone)
      fmt::format_to(std::back_inserter(text),
                     "Note: in {}, a size above the answer fell short again: the effect is not "
                     "monotone in fund size there; more replications (-r) would tell whether "
                     "that is noise.\n",
                     r.scenario);
  }
  if (by_share(o)) {
    fmt::format_to(std::back_inserter(text),
                   "The answer's uncertainty: the share of replications reaching the target is "
                   "estimated from {} replications;\nthe answer is the smallest size whose share "
                   "is surely (95% Wilson interval) at least {:g}%; the sizes at which\nthe "
                   "observed share and its interval's high end reach it bound it from below. "
                   "Sizes are searched to within 5%.\n",
                   replications, 100 * o.confidence.share);
  } else {
    text +=
        "The answer's uncertainty: the size at which the mean effect reaches the target is the "
        "best estimate;\nthe sizes at which the two ends of its 95% CI reach it bound it. Sizes "
        "are searched to within 5%.\n";
  }
  return text;
}

}  // namespace vtf::questions
