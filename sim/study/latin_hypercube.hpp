#pragma once
// Latin hypercube samples of uncertainties (McKay, Beckman and Conover 1979), as EMA Workbench
// draws them: each of k dimensions is cut into N equal strata, each stratum is sampled exactly
// once, and the strata are paired across dimensions by independent random permutations.
//
// The design is reproducible from the master seed alone. Its draws use the engine's
// counter-based streams (MODEL.md section 4) at an address no replication uses: the point index
// is the period and the draw index is a hash of the parameter's name, so adding or removing
// another uncertainty leaves each parameter's own column of the design unchanged.
#include <cstdint>
#include <string>
#include <vector>

namespace sim {

// Points in the open unit cube, [point][dimension], one dimension per name. Throws
// std::invalid_argument when points is 0 or two names are equal.
std::vector<std::vector<double>> latin_hypercube(std::uint64_t seed,
                                                 const std::vector<std::string>& dimensions,
                                                 std::size_t points);

// The stratum (0 .. points-1) a unit value falls in.
std::size_t stratum_of(double unit_value, std::size_t points);

// The counter component that names a dimension: 32-bit FNV-1a of its name.
std::uint32_t dimension_key(const std::string& name);

}  // namespace sim
