#pragma once
// The `better` attribute's words, as written on outcome arrays and comparison groups.
#include <string>

#include "sim/stats/better.hpp"

namespace sim {

inline const char* better_name(Better b) {
  switch (b) {
    case Better::kHigher:
      return "higher";
    case Better::kLower:
      return "lower";
    case Better::kNeither:
      return "neither";
  }
  return "neither";
}

inline Better better_from(const std::string& s) {
  if (s == "higher") return Better::kHigher;
  if (s == "lower") return Better::kLower;
  return Better::kNeither;
}

}  // namespace sim
