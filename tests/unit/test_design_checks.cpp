// The checks of an expanded design (sim/study/design_checks.cpp): the model's hook sees every
// resolved scenario x policy and whether the file wrote each value, and its problems are
// reported at the line and key the file wrote; a baseline's own value set only as a base value,
// with no other policy, is an error saying how to make policies.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/engine/errors.hpp"
#include "sim/study/scenario_file.hpp"
#include "unit/engine_fakes.hpp"

using Catch::Contains;

namespace {

// A hook that refuses a grant cap below 1000 and says whether the file wrote it.
sim::DesignContext checking_context(std::vector<std::string>* seen = nullptr) {
  sim::DesignContext ctx = fake::context();
  ctx.check_values = [seen](const sim::ParameterSet& v, const sim::WrittenPredicate& written) {
    std::vector<sim::ParameterProblem> out;
    if (seen != nullptr) {
      seen->push_back(sim::format_value(*v.find("fund.annual_usd")) +
                      (written("fund.grant_cap_usd") ? " written" : " default"));
    }
    if (v.real("fund.grant_cap_usd") < 1000)
      out.push_back({"fund.grant_cap_usd", "too small a cap"});
    return out;
  };
  return ctx;
}

std::string error_of(const std::string& text) {
  try {
    sim::parse_study(text, "f.toml", checking_context());
  } catch (const sim::InputError& e) {
    return e.what();
  }
  FAIL("no InputError for:\n" << text);
  return {};
}

}  // namespace

TEST_CASE("The model's check sees every resolved scenario x policy", "[design_checks]") {
  std::vector<std::string> seen;
  sim::parse_study(
      "[levers]\nfund.annual_usd = [1e6, 2e6]\n[[scenario]]\nname = \"a\"\n"
      "[[scenario]]\nname = \"b\"\n",
      "f.toml", checking_context(&seen));
  // 2 scenarios x (the baseline and 2 grid points); the cap is the registry's default.
  CHECK(seen == std::vector<std::string>{"0 default", "1000000 default", "2000000 default",
                                         "0 default", "1000000 default", "2000000 default"});
  seen.clear();
  sim::parse_study("[fund]\ngrant_cap_usd = 5000\n[levers]\nfund.annual_usd = [1e6]\n", "f.toml",
                   checking_context(&seen));
  CHECK(seen == std::vector<std::string>{"0 written", "1000000 written"});
}

TEST_CASE("A problem is reported where the winning value was written", "[design_checks]") {
  // A base value.
  CHECK_THAT(error_of("[fund]\ngrant_cap_usd = 5\n"),
             Contains("f.toml:2: key 'fund.grant_cap_usd': too small a cap"));
  // A list of levers: its line, whichever point fails.
  CHECK_THAT(error_of("[fund]\ngrant_cap_usd = 5e6\n[levers]\nfund.grant_cap_usd = [3e6, 7]\n"),
             Contains("f.toml:4: key 'fund.grant_cap_usd': too small a cap"));
  // A named policy's value wins over the base's.
  CHECK_THAT(error_of("[fund]\ngrant_cap_usd = 5e6\n[[policy]]\nname = \"p\"\n"
                      "fund.grant_cap_usd = 9\n"),
             Contains("f.toml:5: key 'fund.grant_cap_usd'"));
}

TEST_CASE("A baseline's own value set only as a base value says how to make policies",
          "[design_checks]") {
  const std::string message = fake::input_error_of("[fund]\nannual_usd = 10e6\n", "f.toml");
  CHECK_THAT(message, Contains("f.toml:2: key 'fund.annual_usd': set only as a base value") &&
                          Contains("policy 0 \"none\"") &&
                          Contains("put it in [levers]: fund.annual_usd = [10000000]") &&
                          Contains("[[policy]]"));
  // With a policy to use it, the same base value is the policies' default and is fine.
  CHECK_NOTHROW(
      fake::parse("[fund]\nannual_usd = 10e6\n[levers]\nfund.grant_cap_usd = [1e6]\n", "f.toml"));
  CHECK_NOTHROW(fake::parse(
      "[fund]\nannual_usd = 10e6\n[[policy]]\nname = \"p\"\nfund.enabled = true\n", "f.toml"));
  // A grid whose every point is the baseline leaves the base value unused too.
  CHECK_THAT(fake::input_error_of("[fund]\nannual_usd = 10e6\n[levers]\nfund.enabled = [false]\n",
                                  "f.toml"),
             Contains("set only as a base value"));
  // Other levers in a base table are not the baseline's own: left alone.
  CHECK_NOTHROW(fake::parse("[fund]\ngrant_cap_usd = 1e6\n", "f.toml"));
}
