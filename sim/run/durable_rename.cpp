#include "sim/run/durable_rename.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "sim/engine/errors.hpp"

namespace sim {
namespace {

namespace fs = std::filesystem;

void sync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    throw RuntimeFailure(fmt::format("cannot flush {} to disk: {}", path, std::strerror(err)));
  }
  ::close(fd);
}

}  // namespace

void durable_rename(const std::string& path, const std::string& final_path) {
  sync_path(path, false);
  std::error_code ec;
  fs::rename(path, final_path, ec);
  if (ec) {
    throw RuntimeFailure(fmt::format("cannot rename {} to {}: {}", path, final_path, ec.message()));
  }
  const fs::path dir = fs::path(final_path).parent_path();
  sync_path(dir.empty() ? "." : dir.string(), true);
}

}  // namespace sim
