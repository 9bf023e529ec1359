#pragma once
// Scenario discovery by PRIM, the patient rule induction method (Friedman and Fisher, "Bump
// hunting in high-dimensional data", 1999), as the EMA workbench uses it (Kwakkel, "The
// Exploratory Modeling Workbench", 2017): which box of the inputs (an interval per input) holds
// mostly cases of interest. Peeling repeatedly cuts off the share `alpha` of the rows in the box
// that most raises the density of cases in what is left; pasting then widens limits again while
// that raises density. The peeling trajectory trades coverage (share of all cases inside the
// box) against density (share of the box's rows that are cases).
//
// Selection is honest: the rows are split into a training half, on which the boxes are found,
// and a test half, on which the box is chosen and judged, so that a box fitted to noise shows up
// as no denser than the whole table. Rows that share their draws (DiscoveryData::groups) go to
// one half together, or the test half would hold copies of what was fitted. A restriction of the
// chosen box that does not raise the test density, or does not raise it significantly, is dropped;
// each kept one has a one-sided binomial p-value on the test half (the EMA workbench's "quasi
// p-value", there computed on the rows the box was found on).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/analysis/discovery_data.hpp"

namespace sim {

struct PrimOptions {
  double alpha = 0.05;            // share of the box's rows each peel or paste removes or adds
  double min_mass = 0.05;         // peeling stops before the box holds fewer of the training rows
  bool paste = true;              // widen the chosen box's limits after peeling
  double significance = 0.01;     // no box unless its test density beats the base density at this
  std::uint64_t seed = 20170101;  // the training / test split
  std::size_t min_rows = 50;      // fewer rows: no box (halves too small to judge anything)
  std::size_t min_groups = 20;    // fewer groups of rows (DiscoveryData::groups): no box
};

// One box of the peeling trajectory, found on the training half.
struct PrimTrajectoryBox {
  double coverage_train = 0, density_train = 0;
  double coverage_test = 0, density_test = 0;  // of the same limits on the test half
  double mass = 0;                             // training rows in the box / training rows
  std::size_t restricted = 0;                  // inputs whose interval is narrower than all rows'
  std::vector<double> low, high;               // [input]: the box holds low <= x <= high
};

// A restricted input of the chosen box.
struct PrimLimit {
  std::size_t input = 0;
  std::string name;
  double low = 0, high = 0;  // the input's smallest and largest value in all rows if unrestricted
  bool restricts_low = false, restricts_high = false;
  // P(at least the box's test cases | its test rows, the test density without this restriction).
  double p_value = 1;
};

struct PrimResult {
  bool found = false;
  std::string reason;  // why no box was found; empty when one was
  std::vector<PrimTrajectoryBox> trajectory;
  std::size_t chosen = 0;         // index into trajectory of the box pasting started from
  std::vector<PrimLimit> limits;  // of the chosen box after pasting and dropping, by input
  // The chosen box on all rows and on the test half alone.
  double coverage = 0, density = 0, mass = 0;
  std::size_t cases_in_box = 0, rows_in_box = 0;
  double coverage_test = 0, density_test = 0, mass_test = 0;
  std::size_t cases_in_box_test = 0, rows_in_box_test = 0;
  double p_value = 1;  // P(at least its test cases | its test rows, base density)
  double base_density = 0;
  std::size_t cases = 0, rows = 0, rows_test = 0;
  std::size_t groups = 0;  // of rows that share draws (DiscoveryData::groups); rows if none
};

// Throws std::invalid_argument when the columns, names and cases do not all have `rows` entries
// or a value is not finite.
PrimResult prim(const DiscoveryData& data, const PrimOptions& options = {});

// The method in words, with its options, for a caller to print beside the box.
std::string prim_method(const PrimOptions& options);

// P(X >= k) for X binomial with n trials and success probability p: 1 when k is 0.
double binomial_upper_tail(std::size_t k, std::size_t n, double p);

}  // namespace sim
