#include "app/run_support.hpp"

#include <fmt/format.h>

#include <ctime>

#include "models/parameters.hpp"

extern const char* const vtfsim_git_commit;

namespace vtf::app {

sim::Provenance provenance_now(const std::string& command_line, std::uint64_t replications_total) {
  sim::Provenance prov;
  prov.vtfsim_version = VTFSIM_VERSION;
  prov.git_commit = vtfsim_git_commit;
  prov.created_utc = utc_now();
  prov.command_line = command_line;
  prov.model_spec_version = kModelSpecVersion;
  prov.replications_total = replications_total;
  return prov;
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace vtf::app
