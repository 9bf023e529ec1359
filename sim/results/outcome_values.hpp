#pragma once
// The per-replication outcomes of a results file (/outcomes/<name> [scenario, policy,
// replication]) read back as doubles without the model's schema: what the analyses that pair any
// two policies, or rank policies across scenarios, work on. Integer outcomes are read as integers
// and converted, so every value is the one the run's accumulators saw.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/results/h5.hpp"
#include "sim/stats/better.hpp"

namespace sim {

struct OutcomeValues {
  std::vector<std::string> scenarios, policies;
  std::vector<bool> sampled;  // [scenario]: a Latin hypercube point
  std::vector<std::string> outcomes, units;
  std::vector<Better> better;  // [outcome]
  std::size_t replications = 0;
  // [outcome] -> [scenario][policy][replication]; empty for an outcome not asked for.
  std::vector<std::vector<double>> values;

  const double* row(std::size_t k, std::size_t s, std::size_t p) const {
    return values[k].data() + (s * policies.size() + p) * replications;
  }
  // InputError "unknown outcome 'x'; did you mean 'y'?" for a name not in `outcomes`.
  std::size_t outcome_index(const std::string& name) const;
  // InputError naming the policy and the closest one for a name not in `policies`.
  std::size_t policy_index(const std::string& name) const;
};

// Reads the names, units and directions of every outcome of /outcomes and the values of those
// named in `only` (every outcome when empty). Throws InputError naming `path` for a file that is
// not a complete results file or an unknown outcome in `only`.
OutcomeValues read_outcome_values(const h5::Group& root, const std::string& path,
                                  const std::vector<std::string>& only = {});
OutcomeValues read_outcome_values(const std::string& path,
                                  const std::vector<std::string>& only = {});
// The same values restricted to some scenarios and policies (indices, in the order given).
OutcomeValues select_outcome_values(const OutcomeValues& v, const std::vector<std::size_t>& ss,
                                    const std::vector<std::size_t>& ps);

}  // namespace sim

namespace sim {

// The outcomes of several results files of one design as one set of policies, so that policies
// run in different files can be paired: the files must share their seed, replications, start and
// horizon, model specification version, outcomes and scenarios (names and the values that make
// them), and their policy 0 must have the same results in every replication (the proof that they
// simulated the same futures); otherwise InputError says what differs. Policy 0 is kept once; a
// policy name found in more than one file is prefixed with its file's name ("FILE:policy").
OutcomeValues join_outcome_values(const std::vector<std::string>& paths);

}  // namespace sim
