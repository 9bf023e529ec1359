#include "app/calibration_report.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace vtf::app {

void log_calibration(std::FILE* out, const VtfModel& model) {
  const auto& setup = model.scenario(0);
  const auto& data = model.data();
  std::size_t calibrated = 0;
  for (const auto& c : setup.calibration)
    calibrated += c.status == CalibrationStatus::kCalibrated;
  fmt::print(out, "calibration: {} of {} States match their recorded release; the others:\n",
             calibrated, data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    const auto& c = setup.calibration[i];
    if (c.status == CalibrationStatus::kCalibrated) continue;
    fmt::print(out, "  {:<34} {:<17} {:6.2f} USD/m2  {}\n", data[i].name, status_name(c.status),
               c.clear_usd_per_km2 / 1e6, c.reason);
  }
  if (model.scenario_count() > 1)
    fmt::print(out, "  (scenario 0 shown; every scenario's calibration is in /calibration)\n");
}

}  // namespace vtf::app
