#include "app/output_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "sim/errors.hpp"

namespace vtf::app {

namespace fs = std::filesystem;

OutputFile::OutputFile(std::string final_path, bool force, bool create_parent)
    : final_(std::move(final_path)), temp_(final_ + ".partial") {
  std::error_code ec;
  if (fs::is_directory(final_, ec)) {
    throw sim::InputError(
        fmt::format("output path {} is a directory; give a file name ending in .h5", final_));
  }
  if (fs::exists(final_, ec) && !force) {
    throw sim::InputError(fmt::format(
        "output file {} already exists; use --force to replace it, or -o for another name",
        final_));
  }
  const fs::path parent = fs::path(final_).parent_path();
  if (!parent.empty() && !fs::exists(parent, ec)) {
    if (!create_parent) {
      throw sim::RuntimeFailure(
          fmt::format("cannot write {}: directory {} does not exist", final_, parent.string()));
    }
    fs::create_directories(parent, ec);
    if (ec)
      throw sim::RuntimeFailure(
          fmt::format("cannot create directory {}: {}", parent.string(), ec.message()));
  }
  // Probe writability now, before any work is done, rather than after a long run.
  std::FILE* probe = std::fopen(temp_.c_str(), "wb");
  if (probe == nullptr) {
    throw sim::RuntimeFailure(fmt::format("cannot write {}: {}", temp_, std::strerror(errno)));
  }
  std::fclose(probe);
  fs::remove(temp_, ec);
}

OutputFile::~OutputFile() {
  if (!committed_) {
    std::error_code ec;
    fs::remove(temp_, ec);
  }
}

void OutputFile::commit() {
  std::error_code ec;
  fs::rename(temp_, final_, ec);
  if (ec)
    throw sim::RuntimeFailure(
        fmt::format("cannot rename {} to {}: {}", temp_, final_, ec.message()));
  committed_ = true;
}

}  // namespace vtf::app
