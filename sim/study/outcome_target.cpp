#include "sim/study/outcome_target.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "sim/engine/errors.hpp"
#include "sim/engine/model.hpp"

namespace sim {
namespace {

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::string OutcomeTarget::text() const {
  return fmt::format("{}{} {} {}", on_gain ? "gain:" : "", outcome, at_least ? ">=" : "<=", value);
}

OutcomeTarget parse_outcome_target(const std::string& text,
                                   const std::vector<std::string>& outcomes) {
  const auto bad = [&](const std::string& why) {
    return InputError(fmt::format(
        "target '{}': {}; expected OUTCOME >= VALUE or OUTCOME <= VALUE (on the outcome), or "
        "gain:OUTCOME >= VALUE or gain:OUTCOME <= VALUE (on its gain over the baseline)",
        text, why));
  };
  const auto op = text.find_first_of("<>=");
  if (op == std::string::npos) throw bad("no comparison (>= or <=)");
  const auto op_end = text.find_first_not_of("<>=!", op);
  const std::string sign = text.substr(op, op_end == std::string::npos ? op_end : op_end - op);
  if (sign != ">=" && sign != "<=") {
    throw bad(fmt::format("'{}' is not a comparison this target takes (>= or <=)", sign));
  }
  OutcomeTarget t;
  t.at_least = sign == ">=";
  std::string name = trimmed(text.substr(0, op));
  if (name.rfind("gain:", 0) == 0) {
    t.on_gain = true;
    name = trimmed(name.substr(5));
  }
  if (name.empty()) throw bad("no outcome before the comparison");
  try {
    t.outcome = outcomes[find_outcome(outcomes, name)];
  } catch (const InputError& e) {
    throw InputError(fmt::format("target '{}': {}", text, e.what()));
  }
  const std::string number = op_end == std::string::npos ? "" : trimmed(text.substr(op_end));
  char* end = nullptr;
  errno = 0;
  t.value = std::strtod(number.c_str(), &end);
  if (number.empty() || end != number.c_str() + number.size() || errno != 0 ||
      !std::isfinite(t.value)) {
    throw bad(fmt::format("'{}' is not a number", number));
  }
  return t;
}

}  // namespace sim
