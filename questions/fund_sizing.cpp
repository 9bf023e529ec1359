#include "questions/fund_sizing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "models/vtf_model.hpp"
#include "sim/engine/errors.hpp"
#include "sim/engine/runner.hpp"
#include "sim/stats/proportion.hpp"

namespace vtf::questions {
namespace {

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool parse_number(std::string text, double& out) {
  if (!text.empty() && text.front() == '+') text.erase(0, 1);
  const auto res = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && res.ec == std::errc() && res.ptr == text.data() + text.size() &&
         std::isfinite(out);
}

// Keeps the raw values of one outcome for every (scenario, policy) and replication, in
// replication order, to count the replications that reach the target on their own.
class OutcomeCollector : public sim::BlockSink {
 public:
  OutcomeCollector(const sim::Shape& shape, std::size_t outcome)
      : shape_(shape), outcome_(outcome), values_(shape.scenarios * shape.policies) {}
  void write_block(const sim::BlockResults& block) override {
    for (std::size_t s = 0; s < shape_.scenarios; ++s) {
      for (std::size_t p = 0; p < shape_.policies; ++p) {
        const double* row = block.outcome_row(shape_, outcome_, s, p);
        auto& v = values_[s * shape_.policies + p];
        v.insert(v.end(), row, row + block.count);
      }
    }
  }
  const std::vector<double>& values(std::size_t s, std::size_t p) const {
    return values_[s * shape_.policies + p];
  }

 private:
  sim::Shape shape_;
  std::size_t outcome_;
  std::vector<std::vector<double>> values_;
};

std::string usd_label(double usd) { return fmt::format("{:g}M", usd / 1e6); }

// Rounds a size to whole thousands of dollars, the precision a budget is decided with.
double round_size(double usd) { return std::round(usd / 1e3) * 1e3; }

// The sizes every search starts from: 0.5, 1, 2, 5, 10, 20, 50 ... million below the maximum,
// and the maximum itself.
std::vector<double> ladder(double max_usd) {
  std::vector<double> sizes;
  for (double decade = 1e5; decade < max_usd; decade *= 10) {
    for (const double step : {1.0, 2.0, 5.0}) {
      const double x = decade * step;
      if (x >= 0.5e6 && x < max_usd) sizes.push_back(x);
    }
  }
  sizes.push_back(max_usd);
  std::sort(sizes.begin(), sizes.end());
  sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
  return sizes;
}

// What a size assures at the confidence (SizeEvaluation::assured), from its replications'
// differences with no fund in the target's terms.
double assured_value(std::vector<double> diffs, const SizeEvaluation& e, const Target& t,
                     const Confidence& c) {
  switch (c.kind) {
    case Confidence::Kind::kMean:
      return e.mean;
    case Confidence::Kind::kConfidenceInterval:
      return t.at_least ? e.ci_low : e.ci_high;
    case Confidence::Kind::kShare: {
      // The k-th best difference is met by at least k replications: the answer is the k-th best
      // for the fewest k whose share k/n is surely (the interval's low end) the required share.
      const double worst = t.at_least ? -INFINITY : INFINITY;
      for (auto& d : diffs) {
        if (std::isnan(d)) d = worst;  // undefined in a replication: it does not meet a target
      }
      std::sort(diffs.begin(), diffs.end());
      if (t.at_least) std::reverse(diffs.begin(), diffs.end());
      const double n = static_cast<double>(diffs.size());
      for (std::size_t k = 1; k <= diffs.size(); ++k) {
        if (sim::wilson_interval(static_cast<double>(k) / n, n).low >= c.share)
          return std::isfinite(diffs[k - 1]) ? diffs[k - 1] : NAN;
      }
      return NAN;
    }
    default:
      return NAN;
  }
}

// A bracket is fine enough when it is within 5% of the size (or $25,000).
double resolution(double usd) { return std::max(0.05 * usd, 25e3); }

class Searcher {
 public:
  Searcher(const sim::Study& study, const SizingOptions& o) : study_(study), o_(o) {
    const auto schema = make_schema(study.start.year(), study.horizon.year());
    outcome_ = schema.outcome_index(o.target.outcome);
  }

  // Evaluates `sizes` for the scenarios `scenarios` of the study in one run.
  void evaluate(const std::vector<std::size_t>& scenarios, const std::vector<double>& sizes) {
    sim::Study sub = study_;
    auto& d = sub.design;
    d.scenarios.clear();
    for (const auto s : scenarios)
      d.scenarios.push_back(study_.design.scenarios[s]);
    const sim::NamedValues baseline = study_.design.policies.front();
    const sim::NamedValues rules =
        o_.policy > 0 ? study_.design.policies[o_.policy] : sim::NamedValues{};
    d.policies = {baseline};
    for (const double usd : sizes) {
      sim::NamedValues p = rules;
      p.name = "annual_usd=" + usd_label(usd);
      p.values.set("vtf.enabled", true);
      p.values.set("vtf.annual_usd", usd);
      d.policies.push_back(std::move(p));
    }
    const VtfModel model(sub);
    const sim::Shape shape = sim::Shape::of(model);
    OutcomeCollector collector(shape, outcome_);
    sim::RunOptions ro;
    ro.replications = sub.replications;
    ro.threads = o_.threads;
    const sim::RunResult run = sim::run_monte_carlo(model, ro, collector);
    const auto better = model.schema().outcomes[outcome_].better;
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      const double base_mean = run.accumulators.outcome(outcome_, i, 0).mean();
      if (std::isnan(base_mean)) {
        throw sim::InputError(fmt::format(
            "the outcome {} is undefined in this study (its year is outside {}-{}); choose "
            "another outcome",
            o_.target.outcome, study_.start.year(), study_.horizon.year()));
      }
      if (o_.target.relative && base_mean == 0) {
        throw sim::InputError(fmt::format(
            "the target {} is relative to the no-fund mean of {}, which is 0 in scenario \"{}\": "
            "give an absolute target",
            o_.target.text(), o_.target.outcome, study_.design.scenarios[scenarios[i]].name));
      }
      baseline_mean_[scenarios[i]] = base_mean;
      const double scale = o_.target.relative ? std::fabs(base_mean) : 1.0;
      const auto& base = collector.values(i, 0);
      for (std::size_t j = 0; j < sizes.size(); ++j) {
        const sim::PairedSummary x = run.accumulators.paired(outcome_, i, j + 1).summary(better);
        SizeEvaluation e;
        e.annual_usd = sizes[j];
        e.mean = x.mean / scale;
        e.ci_low = x.ci_low / scale;
        e.ci_high = x.ci_high / scale;
        const auto& fund = collector.values(i, j + 1);
        std::vector<double> diffs(fund.size());
        std::size_t reaching = 0;
        for (std::size_t r = 0; r < fund.size(); ++r) {
          diffs[r] = (fund[r] - base[r]) / scale;
          if (o_.target.at_least ? diffs[r] >= o_.target.value : diffs[r] <= o_.target.value)
            ++reaching;
        }
        e.replications = fund.size();
        e.share =
            fund.empty() ? NAN : static_cast<double>(reaching) / static_cast<double>(fund.size());
        if (!fund.empty()) {
          const auto w = sim::wilson_interval(e.share, static_cast<double>(fund.size()));
          e.share_low = w.low;
          e.share_high = w.high;
        }
        e.assured = assured_value(std::move(diffs), e, o_.target, o_.confidence);
        cache_[scenarios[i]][sizes[j]] = e;
      }
    }
  }

  SizingResult result(std::size_t s) const {
    SizingResult r;
    r.scenario = study_.design.scenarios[s].name;
    r.baseline_mean = baseline_mean_.at(s);
    for (const auto& [usd, e] : cache_.at(s))
      r.evaluated.push_back(e);
    const auto smallest = [&](const Confidence& c) -> std::optional<double> {
      for (const auto& e : r.evaluated) {
        if (reaches(e, o_.target, c)) return e.annual_usd;
      }
      return std::nullopt;
    };
    r.required_usd = smallest(o_.confidence);
    r.mean_usd = smallest(Confidence{Confidence::Kind::kMean, 0});
    r.cautious_usd = smallest(Confidence{Confidence::Kind::kConfidenceInterval, 0});
    r.optimistic_usd = smallest(Confidence{Confidence::Kind::kHopefulEnd, 0});
    if (o_.confidence.kind == Confidence::Kind::kShare) {
      const double c = o_.confidence.share;
      r.share_point_usd = smallest(Confidence{Confidence::Kind::kSharePoint, c});
      r.share_hopeful_usd = smallest(Confidence{Confidence::Kind::kShareHopeful, c});
      if (!r.required_usd) r.undecided_usd = undecided_size(r);
      if (r.undecided_usd)
        r.replications_to_decide = sim::trials_to_decide(r.at(*r.undecided_usd)->share, c);
    }
    if (r.required_usd) {
      for (const auto& e : r.evaluated) {
        if (e.annual_usd < *r.required_usd) r.below_usd = e.annual_usd;
        if (e.annual_usd > *r.required_usd &&
            verdict(e, o_.target, o_.confidence) == Verdict::kShort)
          r.monotone = false;
      }
    }
    return r;
  }

  // SizingResult::undecided_usd, when no size surely reaches the target.
  std::optional<double> undecided_size(const SizingResult& r) const {
    for (const auto& e : r.evaluated) {
      if (verdict(e, o_.target, o_.confidence) == Verdict::kUndecided &&
          e.share > o_.confidence.share)
        return e.annual_usd;
    }
    if (!r.evaluated.empty() &&
        verdict(r.evaluated.back(), o_.target, o_.confidence) == Verdict::kUndecided)
      return r.evaluated.back().annual_usd;
    return std::nullopt;
  }

  // Sizes that would narrow the brackets of each criterion still wider than the resolution.
  std::vector<double> refinements(std::size_t s) const {
    const SizingResult r = result(s);
    std::set<double> out;
    const double need = o_.confidence.share;
    const Confidence criteria[] = {o_.confidence,
                                   Confidence{Confidence::Kind::kMean, 0},
                                   Confidence{Confidence::Kind::kConfidenceInterval, 0},
                                   Confidence{Confidence::Kind::kHopefulEnd, 0},
                                   Confidence{Confidence::Kind::kSharePoint, need},
                                   Confidence{Confidence::Kind::kShareHopeful, need}};
    const bool by_share = o_.confidence.kind == Confidence::Kind::kShare;
    for (const auto& c : criteria) {
      const bool share_kind =
          c.kind == Confidence::Kind::kSharePoint || c.kind == Confidence::Kind::kShareHopeful;
      if (share_kind && !by_share) continue;
      std::optional<double> hi;
      double lo = 0;
      for (const auto& e : r.evaluated) {
        if (reaches(e, o_.target, c)) {
          hi = e.annual_usd;
          break;
        }
        lo = e.annual_usd;
      }
      if (!hi || *hi - lo <= resolution(*hi)) continue;
      for (int i = 1; i <= 4; ++i) {
        const double x = round_size(lo + (*hi - lo) * i / 5.0);
        if (x > lo && x < *hi && !cache_.at(s).count(x)) out.insert(x);
      }
    }
    return {out.begin(), out.end()};
  }

 private:
  const sim::Study& study_;
  const SizingOptions& o_;
  std::size_t outcome_ = 0;
  std::map<std::size_t, std::map<double, SizeEvaluation>> cache_;
  std::map<std::size_t, double> baseline_mean_;
};

}  // namespace

std::string Target::text() const {
  return fmt::format("{} {} {}{}", outcome,
                     at_least ? ">=" : "<=", fmt::format("{:+g}", relative ? value * 100 : value),
                     relative ? "%" : "");
}

Target Target::parse(const std::string& text, const sim::ModelSchema& schema) {
  const auto fail = [&](const std::string& why) -> Target {
    throw sim::InputError(
        fmt::format("--target '{}': {} (e.g. --target \"completed_by_2030 >= 3\" or --target "
                    "\"extension_requests <= -20%\")",
                    text, why));
  };
  Target t;
  std::size_t op = text.find(">=");
  t.at_least = true;
  if (op == std::string::npos) {
    op = text.find("<=");
    t.at_least = false;
  }
  if (op == std::string::npos) {
    if (text.find_first_of("<>=") != std::string::npos)
      return fail("use >= (at least) or <= (at most)");
    return fail("expected OUTCOME >= VALUE or OUTCOME <= VALUE");
  }
  t.outcome = trim(text.substr(0, op));
  // size-fund's target is always on the gain over no fund; "gain:" says so explicitly, as
  // compare --robustness --target needs it to (sim/study/outcome_target.hpp), so one text means
  // the same in both commands.
  if (t.outcome.rfind("gain:", 0) == 0) t.outcome = trim(t.outcome.substr(5));
  std::string value = trim(text.substr(op + 2));
  if (!value.empty() && value.back() == '%') {
    t.relative = true;
    value.pop_back();
  }
  if (!parse_number(trim(value), t.value))
    return fail("the value must be a number, or a percentage");
  if (t.relative) t.value /= 100;
  std::size_t k = 0;
  try {
    k = schema.outcome_index(t.outcome);
  } catch (const sim::InputError& e) {
    return fail(e.what());
  }
  const auto better = schema.outcomes[k].better;
  if ((better == sim::Better::kHigher && !t.at_least) ||
      (better == sim::Better::kLower && t.at_least)) {
    return fail(fmt::format(
        "{} is better when {}, so a fund is sized to {} it: the target would be {} a value",
        t.outcome, better == sim::Better::kHigher ? "higher" : "lower",
        better == sim::Better::kHigher ? "raise" : "lower",
        better == sim::Better::kHigher ? ">=" : "<="));
  }
  if (t.at_least ? t.value <= 0 : t.value >= 0) {
    return fail(
        "no fund is needed for that: with no fund the difference is 0, which already meets it");
  }
  return t;
}

std::string Confidence::text() const {
  switch (kind) {
    case Kind::kMean:
      return "on average (the mean difference reaches the target)";
    case Kind::kConfidenceInterval:
      return "with 95% confidence (the cautious end of the 95% CI of the mean difference)";
    case Kind::kShare:
      return fmt::format(
          "in at least {:g}% of the replications (the low end of the share's 95% interval)",
          share * 100);
    case Kind::kHopefulEnd:
      return "at best (the hopeful end of the 95% CI of the mean difference)";
    case Kind::kSharePoint:
      return fmt::format("in {:g}% of the replications as observed", share * 100);
    case Kind::kShareHopeful:
      return fmt::format(
          "in {:g}% of the replications at best (the high end of the share's "
          "95% interval)",
          share * 100);
  }
  return "";
}

Confidence Confidence::parse(const std::string& text) {
  Confidence c;
  if (text == "mean") {
    c.kind = Kind::kMean;
    return c;
  }
  if (text == "ci") {
    c.kind = Kind::kConfidenceInterval;
    return c;
  }
  double x = 0;
  const bool percent = !text.empty() && text.back() == '%';
  if (parse_number(percent ? text.substr(0, text.size() - 1) : text, x)) {
    if (percent) x /= 100;
    if (x > 0 && x < 1) {
      c.kind = Kind::kShare;
      c.share = x;
      return c;
    }
  }
  throw sim::InputError(fmt::format(
      "--confidence '{}': expected mean, ci (the 95% CI of the mean difference) or a share of "
      "replications such as 80%",
      text));
}

Verdict verdict(const SizeEvaluation& e, const Target& t, const Confidence& c) {
  if (c.kind == Confidence::Kind::kShare) {
    if (e.share_low >= c.share) return Verdict::kReached;
    if (e.share_high < c.share) return Verdict::kShort;
    return Verdict::kUndecided;
  }
  return reaches(e, t, c) ? Verdict::kReached : Verdict::kShort;
}

bool reaches(const SizeEvaluation& e, const Target& t, const Confidence& c) {
  const auto meets = [&](double x) { return t.at_least ? x >= t.value : x <= t.value; };
  switch (c.kind) {
    case Confidence::Kind::kMean:
      return meets(e.mean);
    case Confidence::Kind::kConfidenceInterval:
      return meets(t.at_least ? e.ci_low : e.ci_high);
    case Confidence::Kind::kHopefulEnd:
      return meets(t.at_least ? e.ci_high : e.ci_low);
    case Confidence::Kind::kShare:
      return e.share_low >= c.share;
    case Confidence::Kind::kSharePoint:
      return e.share >= c.share;
    case Confidence::Kind::kShareHopeful:
      return e.share_high >= c.share;
  }
  return false;
}

const SizeEvaluation* SizingResult::at(double usd) const {
  for (const auto& e : evaluated) {
    if (e.annual_usd == usd) return &e;
  }
  return nullptr;
}

std::vector<SizingResult> size_fund(const sim::Study& study, const SizingOptions& o) {
  Searcher searcher(study, o);
  const auto say = [&](const std::string& line) {
    if (!o.quiet) fmt::print(stderr, "size-fund: {}\n", line);
  };
  const auto first = ladder(o.max_usd);
  say(fmt::format("{} scenario(s): sizes {} to {} USD a year, {} replications each",
                  o.scenarios.size(), usd_label(first.front()), usd_label(first.back()),
                  study.replications));
  searcher.evaluate(o.scenarios, first);
  std::vector<SizingResult> out;
  for (const auto s : o.scenarios) {
    for (int round = 0; round < 8; ++round) {
      const auto sizes = searcher.refinements(s);
      if (sizes.empty()) break;
      say(fmt::format("{}: refining with {} sizes from {} to {}", study.design.scenarios[s].name,
                      sizes.size(), usd_label(sizes.front()), usd_label(sizes.back())));
      searcher.evaluate({s}, sizes);
    }
    out.push_back(searcher.result(s));
  }
  return out;
}

}  // namespace vtf::questions
