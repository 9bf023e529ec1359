#pragma once
// Conversions the parts of a replication (replication.cpp, replication_fund.cpp) share.
#include <cstddef>

#include "models/replication.hpp"

namespace vtf::replication_units {

constexpr double kCentsPerUsd = 100.0;
inline Cents cents(double usd) { return round_to_int(usd * kCentsPerUsd); }
inline double usd(Cents c) { return static_cast<double>(c) / kCentsPerUsd; }
inline std::size_t at(int i) { return static_cast<std::size_t>(i); }

}  // namespace vtf::replication_units
