#include "sim/run/same_file.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include "sim/engine/errors.hpp"

namespace sim {

void refuse_input_as_output(const std::string& output, const std::vector<std::string>& inputs,
                            const std::string& what) {
  struct stat out {};
  if (::stat(output.c_str(), &out) != 0) return;  // not there yet: it cannot be an input
  for (const auto& input : inputs) {
    struct stat in {};
    if (::stat(input.c_str(), &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
      throw InputError(fmt::format(
          "output file {} is {} {} this command reads; it is never replaced, even with --force: "
          "give -o another name",
          output, what, input));
    }
  }
}

}  // namespace sim
