// The fuzz target of the scenario loader: what `vtfsim validate` does with a file's text (read,
// expand the design, build the model's scenarios), for libFuzzer (VTFSIM_FUZZ=ON, clang) and for
// the corpus replay that CTest runs on every build (replay_main.cpp). Any text must give a study
// or one InputError whose message is one line starting with the file's name; anything else
// (another exception, a crash, a sanitizer report) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "models/parameters.hpp"
#include "models/vtf_model.hpp"
#include "sim/engine/errors.hpp"
#include "sim/study/scenario_file.hpp"

namespace {

constexpr const char* kPath = "fuzz.toml";
// Building the model's scenarios calibrates each one: a design larger than this is only read.
constexpr std::size_t kLargestModelBuilt = 64;

[[noreturn]] void finding(const std::string& what, std::string_view input) {
  std::fprintf(stderr, "fuzz finding: %s\ninput (%zu bytes)\n", what.c_str(), input.size());
  std::abort();
}

void check_message(const std::string& message, std::string_view input) {
  if (message.find('\n') != std::string::npos || message.find('\r') != std::string::npos)
    finding("a message over several lines: " + message, input);
  if (message.rfind(kPath, 0) != 0) finding("a message not naming the file: " + message, input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const sim::DesignContext context = vtf::design_context();
  try {
    const sim::Study study = sim::parse_study(text, kPath, context);
    if (study.runs() <= kLargestModelBuilt) {
      const vtf::VtfModel model(study);
      static_cast<void>(model);
    }
  } catch (const sim::InputError& e) {
    check_message(e.what(), text);
  } catch (const std::exception& e) {
    finding(std::string("an exception that is not an InputError: ") + e.what(), text);
  }
  return 0;
}
