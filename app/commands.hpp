#pragma once
// The vtfsim commands, each a function of its parsed options returning an exit code. main.cpp
// owns the command-line grammar (CLI11) and maps exceptions to exit codes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vtf::app {

struct RunOptions {
  std::string scenario_path;  // empty: the built-in default study
  std::string output_path;    // empty: output/<study name>.h5
  std::optional<std::uint64_t> replications;
  std::optional<std::uint64_t> seed;
  std::size_t threads = 0;
  std::string shard;      // "K/N" or empty
  std::string target_ci;  // "OUTCOME=WIDTH": add replications until the CI is that narrow
  std::optional<std::uint64_t> max_replications;  // the most --target-ci may run
  bool force = false;
  bool quiet = false;
  std::string command_line;
  bool resume = false;           // finish an interrupted run from its checkpoint
  double checkpoint_every = 60;  // seconds between checkpoints; 0: after every block
  std::size_t block_size = 0;    // replications per block; 0: chosen from memory (hidden option)
};
int run(const RunOptions& options);

struct MergeOptions {
  std::vector<std::string> shards;
  std::string output_path;
  bool force = false;
  bool quiet = false;
  std::string command_line;
};
int merge(const MergeOptions& options);

int validate(const std::string& scenario_path, std::size_t threads);

struct InfoOptions {
  std::string path;
  bool parameters = false;
  bool states = false;
};
int info(const InfoOptions& options);

struct CompareOptions {
  std::string path;
  std::string format = "table";        // table | csv | json
  std::vector<std::string> outcomes;   // empty: the end-of-run table's outcomes (table) or all
  std::vector<std::string> scenarios;  // empty: all
  std::vector<std::string> policies;   // fund policies; empty: all
  bool by_state = false;               // the per-State view instead of the paired statistics
  std::vector<std::string> states;     // --by-state: only these States (names as typed); empty: all
  bool sensitivity = false;            // what drives the effect across sampled scenarios
  // Policy against policy and robustness (cmd_compare_policies.cpp).
  std::vector<std::string> more_paths;  // files of the same futures whose policies join path's
  std::string baseline;                 // pair every policy with this one; empty: policy 0
  bool robustness = false;              // regret and satisficing across scenarios
  std::vector<std::string> targets;     // [gain:]OUTCOME >= VALUE, for --robustness
  bool demand = false;                  // the fund's demand and where its money goes
  bool decision = false;                // the decision: each fund's gain by year, its spread
};

int compare(const CompareOptions& options);
// compare --baseline, --robustness, or several files.
int compare_policies(const CompareOptions& options);

struct SizeFundOptions {
  std::string scenario_path;  // empty: the built-in default study
  std::string target;         // "completed_by_2030 >= 3", "extension_requests <= -20%"
  std::string confidence = "ci";
  std::vector<std::string> scenarios;  // empty or "all": every scenario
  std::string policy;                  // the fund rules to size; empty: the base levers
  double max_usd = 100e6;
  std::optional<std::uint64_t> replications;
  std::optional<std::uint64_t> seed;
  std::size_t threads = 0;
  std::string format = "table";
  bool quiet = false;
};
int size_fund(const SizeFundOptions& options);

// `vtfsim gap`: the funding gap at the start (MODEL.md section 7, seed 000 question a).
struct GapOptions {
  std::string scenario_path;  // empty: the built-in default study
  std::string scenario;       // by name; empty: the study's first scenario
  std::string policy;         // whose eligibility rules; empty: the default rules' first policy
  std::string format = "table";
};
int gap(const GapOptions& options);
// `vtfsim discover`: under which futures a policy's outcome (or its paired difference against a
// baseline) falls in a range: PRIM and a feature score over every future of a results file.
struct DiscoverOptions {
  std::string path;
  std::string outcome = "completed_by_2030";
  std::string policy;
  std::string baseline;  // empty: policy 0; "none": the outcome itself
  std::string where = "VALUE < 1";
  std::string over = "futures";  // or "scenarios": one row per scenario, its mean
  bool no_write = false;         // print only; leave the file as it is
  bool quiet = false;
};
int discover(const DiscoverOptions& options);
// `vtfsim upgrade`: a results file of an older format version converted into this one's.
struct UpgradeOptions {
  std::string path;
  std::string output_path;  // empty: <input stem>.v<version>.h5 beside the input
  bool force = false;       // replace an existing output (the input itself too)
};
int upgrade(const UpgradeOptions& options);

}  // namespace vtf::app
