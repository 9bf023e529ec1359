// vtfsim: the command line. The only translation unit that includes CLI11 (it is slow to compile).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "app/commands.hpp"
#include "app/option_checks.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/h5.hpp"

namespace {

using vtf::app::kFiniteCheck;
using vtf::app::kNotEmptyCheck;
using vtf::app::kSeedCheck;

std::string joined_command_line(int argc, char** argv) {
  std::string s;
  for (int i = 0; i < argc; ++i)
    s += (i ? " " : "") + std::string(argv[i]);
  return s;
}

constexpr const char* kDescription =
    "vtfsim " VTFSIM_VERSION
    ": Monte Carlo simulation of a Voluntary Trust Fund for Article 5 (survey and clearance)\n"
    "of the Anti-Personnel Mine Ban Convention. It simulates the 35 States Parties with Article 5\n"
    "obligations under alternative fund sizes and rules, donor behaviour and extension dynamics,\n"
    "and compares each fund with no fund over the same random futures (common random numbers).\n\n"
    "Start with:  vtfsim run            (the Working Group's default study, "
    "output/working_group.h5)\n"
    "             vtfsim run scenarios/quick.toml      (a first look in seconds)\n"
    "             vtfsim info --parameters             (every parameter, default and source)\n"
    "             vtfsim info --states                 (the 35 States: names, codes, data)";

// Each subcommand's grammar; its options land in the struct the command function takes.

CLI::App* add_run(CLI::App& app, vtf::app::RunOptions& run) {
  auto* cmd = app.add_subcommand(
      "run", "Run a study and write its HDF5 results file, then print the fund-vs-no-fund table");
  cmd->add_option(
      "scenario", run.scenario_path,
      "Scenario file (TOML). Default: the Working Group's study (scenarios/working_group.toml, "
      "compiled into the binary)");
  cmd->add_option("-o,--output", run.output_path,
                  "Results file to write (default: output/<study name>.h5)");
  cmd->add_option("-r,--replications", run.replications,
                  "Replications per scenario and policy (overrides the file)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100'000'000}));
  cmd->add_option("--seed", run.seed, "Master seed of the random streams (overrides the file)")
      ->check(kSeedCheck);
  cmd->add_option("-t,--threads", run.threads, "Worker threads (default: every core available)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{4096}));
  cmd->add_option("--shard", run.shard,
                  "Run only the K-th of N contiguous blocks of replications, e.g. 2/8")
      ->check(kNotEmptyCheck);
  cmd->add_option(
      "--target-ci", run.target_ci,
      "Precision control, OUTCOME=WIDTH: after the first -r replications, keep adding rounds "
      "until the 95% CI half-width of the paired difference in OUTCOME is at most WIDTH in every "
      "scenario and policy, e.g. completed_by_2030=0.05");
  cmd->add_option("--max-replications", run.max_replications,
                  "Most replications --target-ci may run (default 100000)")
      ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{100'000'000}));
  cmd->add_flag("-f,--force", run.force, "Replace the output file if it exists");
  cmd->add_flag("-q,--quiet", run.quiet,
                "No progress or log on stderr (the table is still printed)");
  cmd->add_flag("--resume", run.resume,
                "Finish an interrupted run from its checkpoint (<output>.checkpoint/) without "
                "redoing saved replications; the same command otherwise");
  cmd->add_option("--checkpoint-every", run.checkpoint_every,
                  "Seconds between checkpoints of finished replications (default 60; 0: after "
                  "every block). SIGINT/SIGTERM always save what is finished")
      ->check(kFiniteCheck & CLI::Range(0.0, 1e9));
  cmd->add_option("--block-size", run.block_size, "Replications per block (for tests)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
      ->group("");  // hidden: the default is sized from memory
  return cmd;
}

CLI::App* add_merge(CLI::App& app, vtf::app::MergeOptions& merge) {
  auto* cmd = app.add_subcommand(
      "merge", "Join the shard files of a study (run --shard K/N) into the file one run writes");
  cmd->add_option("shards", merge.shards, "Shard files (.h5), all N of them")->required();
  cmd->add_option("-o,--output", merge.output_path, "Results file to write")->required();
  cmd->add_flag("-f,--force", merge.force, "Replace the output file if it exists");
  cmd->add_flag("-q,--quiet", merge.quiet, "No progress on stderr");
  return cmd;
}

CLI::App* add_validate(CLI::App& app, std::string& validate_path, std::size_t& validate_threads) {
  auto* cmd = app.add_subcommand(
      "validate",
      "Check a scenario file without running it; print the design and a run-time estimate");
  cmd->add_option("scenario", validate_path, "Scenario file (TOML)")->required();
  cmd->add_option("-t,--threads", validate_threads,
                  "Cores to estimate the run time for (default: all)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{4096}));
  return cmd;
}

CLI::App* add_info(CLI::App& app, vtf::app::InfoOptions& info) {
  auto* cmd = app.add_subcommand(
      "info",
      "Show a results file's provenance and contents, or list the model's parameters or States");
  cmd->add_option("file", info.path, "Results file (.h5)");
  cmd->add_flag("--parameters", info.parameters,
                "List every model parameter with its default, unit, role and source");
  cmd->add_flag("--states", info.states,
                "List the States Parties: names and codes a scenario file may use, region, LDC, "
                "income group, data quality and calibration status");
  return cmd;
}

CLI::App* add_compare(CLI::App& app, vtf::app::CompareOptions& compare) {
  auto* cmd = app.add_subcommand("compare",
                                 "Print the paired fund-vs-no-fund statistics of a results file");
  cmd->add_option("file", compare.path, "Results file (.h5)")->required();
  cmd->add_option("--format", compare.format, "table (default), csv (for spreadsheets) or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option(
      "--outcome", compare.outcomes,
      "Only these outcomes (repeat the option; default: the run's table, or all in csv/json)");
  cmd->add_option("--scenario", compare.scenarios, "Only these scenarios, by name (repeatable)");
  cmd->add_option("--policy", compare.policies, "Only these fund policies, by name (repeatable)");
  cmd->add_flag("--by-state", compare.by_state,
                "Per State: change in median completion year and in the chance of completing by "
                "2030, 2035 and the horizon, fund money received; csv adds LDC, income group, "
                "data quality and calibration");
  cmd->add_option("--state", compare.states,
                  "With --by-state: only these States, by name, ISO3 code or common name "
                  "(repeatable; vtfsim info --states lists them)");
  cmd->add_flag("--sensitivity", compare.sensitivity,
                "Which uncertainties drive each fund's effect across the Latin hypercube "
                "scenarios (standardized rank regression coefficients)");
  // Policy against policy, robustness across scenarios, policies of several files.
  cmd->add_option("more_files", compare.more_paths,
                  "More results files of the same futures (seed, replications, scenarios): "
                  "their policies are compared with the first file's");
  cmd->add_option("--baseline", compare.baseline,
                  "Pair every policy with this one instead of no_fund, e.g. --baseline "
                  "annual_usd=10M (the same futures, so the same variance reduction)");
  cmd->add_flag("--robustness", compare.robustness,
                "Across scenarios: each policy's mean, regret against the best policy in each "
                "scenario (max and mean), where it is best, and with --target how often it "
                "meets a target");
  cmd->add_option("--target", compare.targets,
                  "With --robustness (repeatable): 'OUTCOME >= VALUE' on the outcome itself or "
                  "'gain:OUTCOME >= VALUE' on its gain over the baseline in the same future "
                  "(<= too), e.g. 'gain:completed_by_2030 >= 1'");
  cmd->add_flag("--demand", compare.demand,
                "The fund's demand and its money: applications, money asked for and refused, "
                "where receipts go, cost per extra completion on money received and spent, aid "
                "crowded out, and the size above which extra money mostly sits idle");
  cmd->add_flag("--decision", compare.decision,
                "The decision: the chosen fund and why, and per year (2030, 2035, the horizon) "
                "each fund's extra completions, mean [95% CI], the range in 8 futures of 10, the "
                "chance of at least one, money received and left idle");
  return cmd;
}

CLI::App* add_size_fund(CLI::App& app, vtf::app::SizeFundOptions& size) {
  auto* cmd = app.add_subcommand(
      "size-fund",
      "The inverse question: the smallest annual fund size that reaches a target on an outcome "
      "with a given confidence");
  cmd->add_option("scenario", size.scenario_path,
                  "Scenario file (TOML). Default: the Working Group's study");
  cmd->add_option("--target", size.target,
                  "OUTCOME >= VALUE or OUTCOME <= VALUE on the difference with no fund; a value "
                  "ending in % is relative to the no-fund mean. E.g. 'completed_by_2030 >= 3', "
                  "'extension_requests <= -20%'")
      ->required();
  cmd->add_option("--confidence", size.confidence,
                  "ci (default: the cautious end of the 95% CI of the mean difference "
                  "reaches the target), mean, or a share of replications, e.g. 80%");
  cmd->add_option("--scenario", size.scenarios,
                  "Scenario(s) to size for, by name (repeatable), reporting the worst; "
                  "default: every named scenario; 'all': the sampled ones too");
  cmd->add_option("--policy", size.policy,
                  "Size the fund with the levers of this policy of the study (eligibility, "
                  "allocation ...); default: the study's base levers");
  cmd->add_option("--max", size.max_usd, "Largest annual size to consider, USD (default 100e6)")
      ->check(CLI::Range(1e5, 1e10));
  cmd->add_option("-r,--replications", size.replications,
                  "Replications per fund size (overrides the file)")
      ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{100'000'000}));
  cmd->add_option("--seed", size.seed, "Master seed (overrides the file)")->check(kSeedCheck);
  cmd->add_option("-t,--threads", size.threads, "Worker threads (default: every core)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{4096}));
  cmd->add_option("--format", size.format, "table (default) or json")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_flag("-q,--quiet", size.quiet, "No progress on stderr");
  return cmd;
}

CLI::App* add_gap(CLI::App& app, vtf::app::GapOptions& gap) {
  auto* cmd = app.add_subcommand(
      "gap",
      "The funding gap at the start, without simulating: each State's cost to complete against "
      "the money it can expect before its deadline, and which eligibility rules it meets");
  cmd->add_option("scenario", gap.scenario_path,
                  "Scenario file (TOML). Default: the Working Group's study");
  cmd->add_option("--scenario", gap.scenario,
                  "The scenario of the study, by name (default: its first)");
  cmd->add_option("--policy", gap.policy,
                  "Apply the eligibility rules of this policy of the study (default: the first "
                  "fund policy with the default rules)");
  cmd->add_option("--format", gap.format, "table (default), csv (one row per State) or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  return cmd;
}

// `vtfsim discover` (scenario discovery over futures).
CLI::App* add_discover(CLI::App& app, vtf::app::DiscoverOptions& d) {
  auto* cmd = app.add_subcommand(
      "discover",
      "Under which futures does a policy fail? PRIM boxes and a feature score over every future "
      "(scenario x replication) of a results file; writes /discovery into it");
  cmd->add_option("file", d.path, "Results file (.h5) of a run")->required();
  cmd->add_option("--outcome", d.outcome, "The outcome (default: completed_by_2030)");
  cmd->add_option("--policy", d.policy, "The policy, by name, e.g. annual_usd=10M")->required();
  cmd->add_option("--baseline", d.baseline,
                  "VALUE is the policy's outcome minus this policy's in the same future "
                  "(default: policy 0, no_fund); 'none': VALUE is the outcome itself");
  cmd->add_option("--where", d.where,
                  "Which futures are the cases: VALUE, one of < <= > >=, a number (default: "
                  "'VALUE < 1', no State added)");
  cmd->add_option("--over", d.over,
                  "futures (default: every scenario x replication, with its drawn conditions) or "
                  "scenarios (each scenario's mean over its replications, against the scenario "
                  "parameters that vary)")
      ->check(CLI::IsMember({"futures", "scenarios"}));
  cmd->add_flag("--no-write", d.no_write, "Print only; do not write /discovery into the file");
  cmd->add_flag("-q,--quiet", d.quiet, "No messages on stderr");
  return cmd;
}

// `vtfsim upgrade` (results format versions).
CLI::App* add_upgrade(CLI::App& app, vtf::app::UpgradeOptions& upgrade) {
  auto* cmd = app.add_subcommand(
      "upgrade", "Convert a results file of an older format version into this version's");
  cmd->add_option("file", upgrade.path, "Results file (.h5) to convert; it is only read")
      ->required();
  cmd->add_option("-o,--output", upgrade.output_path,
                  "File to write (default: beside the input, FILE.v2.h5)");
  cmd->add_flag("-f,--force", upgrade.force,
                "Replace the output if it exists (with -o FILE itself: upgrade in place)");
  return cmd;
}

// The command's exit code; errors become a message and exit code 2 (bad input) or 1. A command
// that only reads results files (`reads_only`) can meet an HDF5 error only in what it was given
// (a file damaged past what the layout check sees): bad input, not a failure of the machine.
template <class Command>
int report_errors(Command&& command, bool reads_only) {
  try {
    return command();
  } catch (const sim::InputError& e) {
    std::fprintf(stderr, "vtfsim: error: %s\n", e.what());
    return sim::kExitBadInput;
  } catch (const sim::RuntimeFailure& e) {
    std::fprintf(stderr, "vtfsim: failed: %s\n", e.what());
    return sim::kExitRuntimeFailure;
  } catch (const sim::h5::Error& e) {
    if (reads_only) {
      std::fprintf(stderr, "vtfsim: error: a damaged results file: %s\n", e.what());
      return sim::kExitBadInput;
    }
    std::fprintf(stderr, "vtfsim: failed: HDF5: %s\n", e.what());
    return sim::kExitRuntimeFailure;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vtfsim: internal error: %s\n", e.what());
    return sim::kExitRuntimeFailure;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app(kDescription, "vtfsim");
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("vtfsim ") + VTFSIM_VERSION);
  app.footer(
      "Exit codes: 0 success, 1 runtime failure (I/O, internal), 2 bad usage or input, "
      "75 interrupted (SIGINT/SIGTERM; finished work is saved: run again with --resume).\n"
      "Documentation: README.md, docs/.");

  vtf::app::RunOptions run;
  run.command_line = joined_command_line(argc, argv);
  vtf::app::MergeOptions merge;
  merge.command_line = run.command_line;
  std::string validate_path;
  std::size_t validate_threads = 0;
  vtf::app::InfoOptions info;
  vtf::app::CompareOptions compare;
  vtf::app::SizeFundOptions size;
  CLI::App* run_cmd = add_run(app, run);
  CLI::App* merge_cmd = add_merge(app, merge);
  CLI::App* validate_cmd = add_validate(app, validate_path, validate_threads);
  CLI::App* info_cmd = add_info(app, info);
  CLI::App* compare_cmd = add_compare(app, compare);
  CLI::App* size_cmd = add_size_fund(app, size);
  vtf::app::GapOptions gap;
  CLI::App* gap_cmd = add_gap(app, gap);
  vtf::app::UpgradeOptions upgrade;
  CLI::App* upgrade_cmd = add_upgrade(app, upgrade);
  vtf::app::DiscoverOptions discover;
  CLI::App* discover_cmd = add_discover(app, discover);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : sim::kExitBadInput;
  }

  const bool reads_only = *info_cmd || *compare_cmd || *discover_cmd;
  return report_errors(
      [&] {
        if (*run_cmd) return vtf::app::run(run);
        if (*merge_cmd) return vtf::app::merge(merge);
        if (*validate_cmd) return vtf::app::validate(validate_path, validate_threads);
        if (*info_cmd) return vtf::app::info(info);
        if (*compare_cmd) return vtf::app::compare(compare);
        if (*size_cmd) return vtf::app::size_fund(size);
        if (*gap_cmd) return vtf::app::gap(gap);
        if (*upgrade_cmd) return vtf::app::upgrade(upgrade);
        if (*discover_cmd) return vtf::app::discover(discover);
        return sim::kExitBadInput;
      },
      reads_only);
}
