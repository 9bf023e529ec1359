// sim::parse_study and sim::load_study: scenario files, their design expansion, and every error
// path, each with the file, line, key, what was expected and the closest valid name.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/engine/errors.hpp"
#include "sim/study/scenario_file.hpp"
#include "unit/engine_fakes.hpp"

using Catch::Contains;
using sim::ParamValue;

namespace {

const char* const kPath = "studies/my_study.toml";

sim::Study parse(const std::string& text) { return fake::parse(text, kPath); }

// The message of the InputError that `text` must raise.
std::string error_of(const std::string& text) {
  const std::string message = fake::input_error_of(text, kPath);
  if (message.empty()) FAIL("no InputError for:\n" << text);
  return message;
}

std::vector<std::string> names(const std::vector<sim::NamedValues>& xs) {
  std::vector<std::string> out;
  for (const auto& x : xs)
    out.push_back(x.name);
  return out;
}

}  // namespace

TEST_CASE("An empty scenario file is the default study", "[scenario_file]") {
  const sim::Study s = parse("");
  CHECK(s.name == "my_study");  // from the file name
  CHECK(s.source_path == kPath);
  CHECK(s.source_text.empty());
  CHECK(s.replications == 1000);
  CHECK(s.seed == 7);
  CHECK(s.start == sim::Date::from_ymd(2026, 1, 1));
  CHECK(s.horizon == sim::Date::from_ymd(2045, 12, 31));
  CHECK(names(s.design.scenarios) == std::vector<std::string>{"base"});
  CHECK(names(s.design.policies) == std::vector<std::string>{"none"});
  CHECK(s.runs() == 1);
  CHECK(s.design.base.real("donors.trend") == -0.02);
  CHECK(s.design.base.boolean("states.Chad.ldc"));
  // The fund's size is always a column; the baseline's own settings are columns too.
  CHECK(s.design.policy_parameters == std::vector<std::string>{"fund.annual_usd", "fund.enabled"});
}

TEST_CASE("The study table sets name, replications, seed and dates", "[scenario_file]") {
  const std::string text = R"([study]
name = "wg-2026.v1"
title = "A title"
description = "Longer text"
replications = 250
seed = 99
start = 2027-01-01
horizon = 2040-12-31
)";
  const sim::Study s = parse(text);
  CHECK(s.name == "wg-2026.v1");
  CHECK(s.title == "A title");
  CHECK(s.description == "Longer text");
  CHECK(s.replications == 250);
  CHECK(s.seed == 99);
  CHECK(s.start == sim::Date::from_ymd(2027, 1, 1));
  CHECK(s.horizon == sim::Date::from_ymd(2040, 12, 31));
  CHECK(s.source_text == text);  // recorded in results files for provenance
}

TEST_CASE("Nested tables, dotted keys and quoted dotted names are the same parameter",
          "[scenario_file]") {
  const sim::Study nested = parse("[donors]\ntrend = 0.01\n[states.AGO]\nldc = false\n");
  const sim::Study dotted = parse("donors.trend = 0.01\nstates.Angola.ldc = false\n");
  const sim::Study quoted = parse("\"donors.trend\" = 0.01\n\"states.AGO.ldc\" = false\n");
  for (const auto* s : {&nested, &dotted, &quoted}) {
    CHECK(s->design.base.real("donors.trend") == 0.01);
    CHECK_FALSE(s->design.base.boolean("states.Angola.ldc"));  // an alias sets the State
    CHECK(s->design.base.boolean("states.Chad.ldc"));
    CHECK(names(s->design.scenarios) == std::vector<std::string>{"base"});
  }
  // An integer for a real parameter, a day of the year, a list of integers.
  const sim::Study s =
      parse("donors.trend = 0\ncalendar.msp = \"11-30\"\ndonors.shock_years = [2027, 2030]\n");
  CHECK(s.design.base.real("donors.trend") == 0.0);
  CHECK(s.design.base.text("calendar.msp") == "11-30");
  CHECK(s.design.base.integers("donors.shock_years") == std::vector<std::int64_t>{2027, 2030});
}

TEST_CASE("Lists of uncertainties expand into a grid of scenarios", "[scenario_file]") {
  const sim::Study s = parse(R"([uncertainties]
regime = ["lenient", "strict"]
donors.trend = [0.0, -0.02, -0.05]
donors.count = 5
)");
  // Keys are taken in name order; the first varies slowest. A single value is no factor.
  CHECK(names(s.design.scenarios) == std::vector<std::string>{"0/lenient", "0/strict",
                                                              "-0.02/lenient", "-0.02/strict",
                                                              "-0.05/lenient", "-0.05/strict"});
  CHECK(s.design.base.integer("donors.count") == 5);
  CHECK(s.design.scenario_parameters == std::vector<std::string>{"donors.trend", "regime"});
  CHECK(std::get<double>(s.design.scenario_value(2, "donors.trend")) == -0.02);
  CHECK(std::get<std::string>(s.design.scenario_value(3, "regime")) == "strict");
  CHECK(std::get<std::int64_t>(s.design.scenario_value(3, "donors.count")) == 5);  // the base
  CHECK(s.design.unit_of("donors.trend") == "1/yr");
  CHECK(s.design.unit_of("regime").empty());
}

TEST_CASE("Named scenarios are crossed with the lists of uncertainties", "[scenario_file]") {
  const sim::Study s = parse(R"([[scenario]]
name = "stable"
donors.trend = 0.0

[[scenario]]
name = "shock"
description = "a forced shock"
donors.shock_years = [2027]

[uncertainties]
regime = ["lenient", "strict"]
)");
  CHECK(names(s.design.scenarios) == std::vector<std::string>{"stable/lenient", "stable/strict",
                                                              "shock/lenient", "shock/strict"});
  // A named scenario's values hold in its own scenarios only.
  CHECK(std::get<double>(s.design.scenario_value(0, "donors.trend")) == 0.0);
  CHECK(std::get<double>(s.design.scenario_value(2, "donors.trend")) == -0.02);
  CHECK(std::get<std::vector<std::int64_t>>(s.design.scenario_value(3, "donors.shock_years")) ==
        std::vector<std::int64_t>{2027});
}

TEST_CASE("Lists of levers expand into a grid of policies after the baseline", "[scenario_file]") {
  const sim::Study s = parse(R"([levers]
fund.annual_usd = [0, 5e6, 20e6]
fund.allocation = ["score", "lottery"]
fund.grant_cap_usd = 1e6

[[policy]]
name = "big and free"
fund.annual_usd = 50e6
fund.allocation = "equal_share"
)");
  // Grid points equal to the baseline (a fund of 0) are dropped, with a note saying so. Only the
  // levers that vary name a policy.
  CHECK(names(s.design.policies) ==
        std::vector<std::string>{"none", "score,annual_usd=5M", "score,annual_usd=20M",
                                 "lottery,annual_usd=5M", "lottery,annual_usd=20M",
                                 "big and free"});
  REQUIRE(s.design.notes.size() == 1);
  CHECK_THAT(s.design.notes[0], Contains("2 grid point(s)") && Contains("\"none\""));
  CHECK(s.design.policy_parameters == std::vector<std::string>{"fund.allocation", "fund.annual_usd",
                                                               "fund.enabled",
                                                               "fund.grant_cap_usd"});
  CHECK(s.design.unit_of("fund.annual_usd") == "USD/yr");

  // resolve(): base, overlaid by the scenario, overlaid by the policy.
  const sim::ParameterSet none = s.design.resolve(0, 0);
  CHECK_FALSE(none.boolean("fund.enabled"));
  CHECK(none.real("fund.annual_usd") == 0.0);
  const sim::ParameterSet lottery = s.design.resolve(0, 4);
  CHECK(lottery.boolean("fund.enabled"));
  CHECK(lottery.real("fund.annual_usd") == 20e6);
  CHECK(lottery.text("fund.allocation") == "lottery");
  CHECK(lottery.real("fund.grant_cap_usd") == 1e6);
  CHECK(s.design.resolve(0, 5).text("fund.allocation") == "equal_share");
}

TEST_CASE("A levers table with single values is one policy named by all of them",
          "[scenario_file]") {
  const sim::Study s = parse("[levers]\nfund.annual_usd = 2e6\nfund.allocation = \"lottery\"\n");
  CHECK(names(s.design.policies) == std::vector<std::string>{"none", "lottery,annual_usd=2M"});
}

// ------------------------------------------------------------------------------------------
// Every error: one InputError with "<file>:<line>: key '<key>': <what was expected>".

TEST_CASE("TOML syntax errors name the file and line", "[scenario_file][errors]") {
  CHECK_THAT(error_of("[study]\ntitle = \"unterminated\nseed = 1\n"),
             Contains("studies/my_study.toml:2: TOML syntax error"));
  CHECK_THAT(error_of("a = 1\na = 2\n"), Contains("studies/my_study.toml:2: TOML syntax error"));
  CHECK_THAT(error_of("[study]\nstart = 2026-02-30\n"),
             Contains("studies/my_study.toml:2: TOML syntax error"));
}

TEST_CASE("Unknown keys name the closest valid one", "[scenario_file][errors]") {
  CHECK(error_of("[donors]\ntrnd = 0.1\n") ==
        "studies/my_study.toml:2: key 'donors.trnd': unknown parameter; did you mean "
        "'donors.trend'?");
  CHECK_THAT(error_of("\n\n[fund]\nanual_usd = 1\n"),
             Contains(":4: key 'fund.anual_usd'") && Contains("did you mean 'fund.annual_usd'?"));
  CHECK_THAT(
      error_of("[states.Angol]\nldc = true\n"),
      Contains(":2: key 'states.Angol.ldc'") && Contains("did you mean 'states.Angola.ldc'?"));
  CHECK_THAT(
      error_of("[states.TCD]\narea_kn2 = 5.0\n"),
      Contains(":2: key 'states.TCD.area_kn2'") && Contains("did you mean 'states.TCD.area_km2'?"));
  CHECK_THAT(error_of("zzzzzz_qqqq = 1\n"),
             Contains(":1: key 'zzzzzz_qqqq': unknown parameter (see `vtfsim info --parameters`"));
  CHECK_THAT(error_of("[study]\nreplicatons = 10\n"),
             Contains(":2: key 'study.replicatons': unknown key in [study]") &&
                 Contains("(did you mean 'replications'?)"));
  CHECK_THAT(error_of("[scenarios]\nname = \"x\"\n"),
             Contains(":1: key 'scenarios': unknown section; did you mean [[scenario]]"));
  CHECK_THAT(error_of("[policies]\nname = \"x\"\n"),
             Contains(":1: key 'policies': unknown section; did you mean [[policy]]"));
  CHECK_THAT(error_of("[[policy]]\nname = \"p\"\nfund.anual_usd = 1\n"),
             Contains(":3: key 'fund.anual_usd'") && Contains("did you mean 'fund.annual_usd'?"));
}

TEST_CASE("Wrong types say what was expected and what was found", "[scenario_file][errors]") {
  CHECK(error_of("[donors]\ntrend = \"falling\"\n") ==
        "studies/my_study.toml:2: key 'donors.trend': expected a number in [-1, 1], got "
        "\"falling\"");
  CHECK_THAT(error_of("donors.count = 2.5\n"),
             Contains(":1: key 'donors.count': expected an integer in [1, 64], got 2.5"));
  CHECK_THAT(error_of("fund.enabled = 1\n"),
             Contains(":1: key 'fund.enabled': expected true or false, got 1"));
  CHECK_THAT(error_of("donors.trend = [0.1]\n"),
             Contains(":1: key 'donors.trend': expected a number in [-1, 1], got a list"));
  CHECK_THAT(error_of("donors.shock_years = [2027, \"2028\"]\n"),
             Contains(":1: key 'donors.shock_years': expected a list of integers") &&
                 Contains("got a list holding the string \"2028\""));
  CHECK_THAT(error_of("calendar.msp = 2026-12-01\n"),
             Contains(":1: key 'calendar.msp': expected a day of the year as \"MM-DD\", got a "
                      "date"));
  CHECK_THAT(error_of("calendar.msp = \"12-32\"\n"),
             Contains(":1: key 'calendar.msp': '12-32' is not a day of the year"));
  CHECK_THAT(error_of("[study]\nreplications = \"many\"\n"),
             Contains(":2: key 'study.replications': expected an integer from 1 to 100000000, "
                      "got the string \"many\""));
  CHECK_THAT(error_of("[study]\nname = 5\n"),
             Contains(":2: key 'study.name': expected a string, got the integer 5"));
  CHECK_THAT(error_of("[study]\nstart = \"2026-01-01\"\n"),
             Contains(":2: key 'study.start': expected a date such as 2026-01-01"));
  CHECK_THAT(error_of("study = 5\n"), Contains(":1: key 'study': expected a table [study]"));
  CHECK_THAT(error_of("levers = 5\n"), Contains(":1: key 'levers': expected a table [levers]"));
  CHECK_THAT(error_of("[scenario]\nname = \"x\"\n"),
             Contains("key 'scenario': expected an array of tables written [[scenario]]"));
}

TEST_CASE("Values out of range say the range", "[scenario_file][errors]") {
  CHECK_THAT(error_of("[fund]\ngrant_cap_usd = -5e5\n"),
             Contains(":2: key 'fund.grant_cap_usd': expected a number >= 0, got -500000"));
  CHECK_THAT(error_of("[donors]\nshock_probability = 1.5\n"),
             Contains(":2: key 'donors.shock_probability': expected a number in [0, 1], got 1.5"));
  CHECK_THAT(error_of("[donors]\nshock_probability = -0.1\n"),
             Contains("expected a number in [0, 1], got -0.1"));
  CHECK_THAT(error_of("donors.trend = nan\n"),
             Contains(":1: key 'donors.trend': expected a number in [-1, 1], got nan"));
  CHECK_THAT(error_of("fund.grant_cap_usd = inf\n"), Contains("expected a number >= 0, got inf"));
  CHECK_THAT(error_of("[levers]\nfund.annual_usd = [5e6,\n  -1e6]\n"),
             Contains(":3: key 'fund.annual_usd'") && Contains("got -1000000"));  // the element
  CHECK_THAT(error_of("[study]\nreplications = 0\n"),
             Contains(":2: key 'study.replications': expected an integer from 1 to 100000000, "
                      "got the integer 0"));
  CHECK_THAT(error_of("[study]\nreplications = 100000001\n"), Contains("key 'study.replications'"));
  CHECK_THAT(error_of("[study]\nseed = -1\n"),
             Contains(":2: key 'study.seed': expected a non-negative integer"));
  CHECK_THAT(error_of("[study]\nname = \"my study\"\n"),
             Contains(":2: key 'study.name': expected a name of at most 80 letters, digits"));
  CHECK_THAT(error_of("[study]\nname = \"\"\n"), Contains("key 'study.name'"));
  CHECK_THAT(error_of("[study]\nname = \"" + std::string(81, 'x') + "\"\n"),
             Contains("key 'study.name'"));
  CHECK(parse("[study]\nname = \"" + std::string(80, 'x') + "\"\n").name == std::string(80, 'x'));
  CHECK_THAT(error_of("[study]\ntitle = \"" + std::string(201, 't') + "\"\n"),
             Contains(":2: key 'study.title': expected at most 200 characters, got 201"));
  CHECK_THAT(error_of("[study]\nstart = 0001-01-01\n"),
             Contains(":2: key 'study.start': expected a date from 2000 to 2100, got 1"));
  CHECK_THAT(error_of("[study]\nhorizon = 9999-12-31\n"),
             Contains(":2: key 'study.horizon': expected a date from 2000 to 2100, got 9999"));
}

TEST_CASE("Text the TOML library mishandles is refused before it, with the line",
          "[scenario_file][errors]") {
  std::string deep = "[study]\n[";
  for (int i = 0; i < 100'000; ++i)
    deep += i == 0 ? "a" : ".a";
  CHECK_THAT(error_of(deep + "]\nb = 1\n"), Contains("my_study.toml:2: a key of more than 32"));
  CHECK_THAT(error_of("a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a = 1\n"),
             Contains(":1: a key of more than 32 dotted parts"));
  // Bare keys outside ASCII, in a table, a header and an inline table.
  CHECK_THAT(error_of("[study]\nn\xC3\xA4me = \"x\"\n"),
             Contains(":2: a key may be written only with the letters A-Z"));
  CHECK_THAT(error_of("[d\xC3\xB6nors]\n"), Contains(":1: a key may be written only"));
  CHECK_THAT(error_of("x = { \xC3\xA4 = 1 }\n"), Contains(":1: a key may be written only"));
  CHECK_THAT(error_of("[study]\n\n\n\xFF\n"), Contains(":4: a key may be written only"));
  // Letters outside ASCII where TOML allows them: in strings, quoted keys and comments; and
  // dots in values continued over lines are not parts of a key.
  CHECK(parse("# \xC3\xA9tude\n[study]\ntitle = \"\xC3\xA9tude\" # \xC3\xBC\n"
              "description = \"\"\"a\n[\xC3\xA4.b.c]\n\"\"\"\n")
            .title == "\xC3\xA9tude");
  CHECK(parse("[study]\ntitle = '\xC3\xA4'\n").title == "\xC3\xA4");
  CHECK_THAT(error_of("[study]\n\"n\xC3\xA4me\" = 1\n"), Contains("unknown key in [study]"));
  CHECK(
      parse("[levers]\nfund.annual_usd = [\n 1.5e6,\n 2.5e6, 3.5e6,\n]\n").design.policies.size() ==
      4);
  // Encodings: a UTF-8 byte-order mark is read past; UTF-16 and NUL bytes are refused.
  CHECK(parse("\xEF\xBB\xBF[study]\nname = \"bom\"\n").name == "bom");
  CHECK_THAT(error_of(std::string("\xFF\xFE[\0s\0", 6)),
             Contains("my_study.toml: the file is in UTF-16"));
  CHECK_THAT(error_of(std::string("[study]\n\0", 9)), Contains(":2: a NUL byte"));
}

TEST_CASE("A design too large to be meant is refused before it is built",
          "[scenario_file][errors]") {
  std::string text = "[uncertainties]\n";
  for (const char* name : {"donors.trend", "donors.shock_probability"}) {
    text += std::string(name) + " = [";
    for (int i = 0; i < 101; ++i)
      text += (i ? ", " : "") + std::to_string(i / 200.0);
    text += "]\n";
  }
  CHECK_THAT(error_of(text), Contains("the design would have 10201 scenarios") &&
                                 Contains("at most 10000 are allowed"));
}

TEST_CASE("A horizon before the start names the line of the horizon", "[scenario_file][errors]") {
  CHECK(error_of("[study]\nstart = 2030-01-01\nhorizon = 2029-12-31\n") ==
        "studies/my_study.toml:3: key 'study.horizon': the horizon 2029-12-31 must come after "
        "the start 2030-01-01");
  CHECK_THAT(error_of("[study]\nhorizon = 2030-01-01\nstart = 2030-01-01\n"),
             Contains(":2: key 'study.horizon'"));  // equal dates: no time to simulate
  // Only the start given: it is the start that is wrong (the horizon is the default).
  CHECK_THAT(error_of("[study]\ntitle = \"t\"\nstart = 2050-01-01\n"),
             Contains(":3: key 'study.start': the horizon 2045-12-31 must come after the start "
                      "2050-01-01"));
}

TEST_CASE("Unknown choices (a State's regime, a fund's policy) name the closest",
          "[scenario_file][errors]") {
  CHECK_THAT(error_of("[fund]\nallocation = \"scorre\"\n"),
             Contains(":2: key 'fund.allocation': unknown fund.allocation \"scorre\"; expected "
                      "one of \"score\", \"lottery\", \"equal_share\" (did you mean \"score\"?)"));
  CHECK_THAT(error_of("[uncertainties]\nregime = [\"lenient\",\n  \"strictt\"]\n"),
             Contains(":3: key 'regime'") && Contains("(did you mean \"strict\"?)"));
}

TEST_CASE("Parameters in the wrong part of the file say where they belong",
          "[scenario_file][errors]") {
  CHECK(error_of("[levers]\ndonors.trend = [0.0, 0.1]\n") ==
        "studies/my_study.toml:2: key 'donors.trend': this parameter is an uncertainty, not a "
        "lever; set it in [uncertainties] or a [[scenario]], not in [levers]");
  CHECK_THAT(error_of("[uncertainties]\nfund.annual_usd = [1e6]\n"),
             Contains(":2: key 'fund.annual_usd': this parameter is a lever, not an uncertainty; "
                      "set it in [levers] or a [[policy]]"));
  CHECK_THAT(error_of("[levers]\ncalendar.msp = \"11-30\"\n"),
             Contains("this parameter is a setting, not a lever; set it in its base table"));
  CHECK_THAT(error_of("[[scenario]]\nname = \"s\"\nfund.annual_usd = 1e6\n"),
             Contains(":3: key 'fund.annual_usd': this parameter is a lever, not an uncertainty"));
  CHECK_THAT(error_of("[[policy]]\nname = \"p\"\nfund.annual_usd = [1e6, 2e6]\n"),
             Contains(":3: key 'fund.annual_usd': a [[policy]] sets one value per parameter; "
                      "lists of alternatives belong in [levers]"));
}

TEST_CASE("Design mistakes: empty lists, repeats, ranges, names", "[scenario_file][errors]") {
  CHECK_THAT(error_of("[uncertainties]\ndonors.trend = []\n"),
             Contains(":2: key 'donors.trend': an empty list gives no values to try"));
  CHECK_THAT(error_of("[levers]\nfund.annual_usd = [1e6, 2e6, 1e6]\n"),
             Contains(":2: key 'fund.annual_usd': the value 1000000 is listed twice"));
  CHECK_THAT(error_of("[uncertainties]\ndonors.trend = { low = -0.1, high = 0.0 }\n"),
             Contains(":2: key 'donors.trend': a range is sampled by Latin hypercube: add a table "
                      "[latin_hypercube] with points = N"));
  CHECK_THAT(error_of("[[scenario]]\ndonors.trend = 0.0\n"),
             Contains("key 'scenario.name': every [[scenario]] needs a name"));
  CHECK_THAT(error_of("[[policy]]\nname = \"\"\n"),
             Contains("key 'policy.name': every [[policy]] needs a name"));
  CHECK_THAT(error_of("[[scenario]]\nname = \"a\"\n[[scenario]]\nname = \"a\"\n"),
             Contains(":4: key 'scenario.name': the name \"a\" is used twice"));
  CHECK_THAT(error_of("[[policy]]\nname = \"none\"\n"),
             Contains(":2: key 'policy.name': the name \"none\" is used twice"));  // policy 0
  CHECK_THAT(error_of("[uncertainties]\ndonors.trend = [0.0, 0.1]\n[[scenario]]\nname = \"a\"\n"
                      "donors.trend = 0.2\n"),
             Contains(":2: key 'donors.trend': set both in [[scenario]] \"a\" and as a list in "
                      "[uncertainties]; choose one"));
  CHECK_THAT(error_of("[[policy]]\nname = \"annual_usd=5M\"\nfund.annual_usd = 1e6\n\n"
                      "[levers]\nfund.annual_usd = [5e6, 6e6]\n"),
             Contains(":5: key 'levers': two policies would be named \"annual_usd=5M\""));
}

TEST_CASE("Scenario files are read from disk, and unreadable ones are input errors",
          "[scenario_file][errors]") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("vtfsim_test_scenario_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "from_disk.toml";
  std::ofstream(file) << "[study]\nreplications = 12\n";
  const sim::Study s = sim::load_study(file.string(), fake::context());
  CHECK(s.name == "from_disk");
  CHECK(s.replications == 12);
  CHECK(s.source_path == file.string());

  const auto missing = (dir / "missing.toml").string();
  CHECK_THROWS_WITH(sim::load_study(missing, fake::context()),
                    missing + ": cannot read the scenario file: No such file or directory");
  CHECK_THROWS_WITH(sim::load_study(dir.string(), fake::context()),
                    dir.string() + ": cannot read the scenario file: it is a directory");
  // Opens, but every read fails (EIO): not to be mistaken for an empty file.
  CHECK_THROWS_WITH(sim::load_study("/proc/self/mem", fake::context()),
                    Contains("/proc/self/mem: cannot read the scenario file"));
  std::ofstream(file) << "[study]\nreplications = 0\n";
  CHECK_THROWS_WITH(sim::load_study(file.string(), fake::context()),
                    Contains(file.string() + ":2: key 'study.replications'"));
  std::filesystem::remove_all(dir);
}
