#pragma once
// An output that is one of the command's own inputs (a run's scenario file, a shard being merged,
// a checkpoint segment being resumed) would be destroyed by the command reading it; --force asks
// to replace an old result, never an input, so this is refused whatever the options.
#include <string>
#include <vector>

namespace sim {

// Throws InputError if `output` is the same file as one of `inputs` (same device and inode, so
// also through symbolic and hard links). `what` names the inputs' kind, e.g. "the scenario file".
void refuse_input_as_output(const std::string& output, const std::vector<std::string>& inputs,
                            const std::string& what);

}  // namespace sim
