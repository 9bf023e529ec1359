#include "sim/run/output_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "sim/engine/errors.hpp"
#include "sim/run/durable_rename.hpp"

namespace sim {

namespace fs = std::filesystem;

OutputFile::OutputFile(std::string final_path, bool force, bool create_parent, OutputLock lock)
    : final_(std::move(final_path)), temp_(final_ + ".partial"), lock_(std::move(lock)) {
  std::error_code ec;
  if (fs::is_directory(final_, ec)) {
    throw InputError(
        fmt::format("output path {} is a directory; give a file name ending in .h5", final_));
  }
  if (fs::exists(final_, ec) && !force) {
    throw InputError(fmt::format(
        "output file {} already exists; use --force to replace it, or -o for another name",
        final_));
  }
  prepare_location(final_, create_parent);
}

void OutputFile::prepare_directory(const std::string& final_path, bool create_parent) {
  std::error_code ec;
  const fs::path parent = fs::path(final_path).parent_path();
  if (!parent.empty() && !fs::exists(parent, ec)) {
    if (!create_parent) {
      throw RuntimeFailure(
          fmt::format("cannot write {}: directory {} does not exist", final_path, parent.string()));
    }
    fs::create_directories(parent, ec);
    if (ec)
      throw RuntimeFailure(
          fmt::format("cannot create directory {}: {}", parent.string(), ec.message()));
  }
}

void OutputFile::prepare_location(const std::string& final_path, bool create_parent) {
  prepare_directory(final_path, create_parent);
  std::error_code ec;
  // Probe writability now, before any work is done, rather than after a long run. A temporary
  // file left by a killed run is never trusted (its finished work is in the checkpoint).
  const std::string temp = final_path + ".partial";
  std::FILE* probe = std::fopen(temp.c_str(), "wb");
  if (probe == nullptr) {
    throw RuntimeFailure(fmt::format("cannot write {}: {}", temp, std::strerror(errno)));
  }
  std::fclose(probe);
  fs::remove(temp, ec);
}

OutputFile::~OutputFile() {
  if (!committed_) {
    std::error_code ec;
    fs::remove(temp_, ec);
  }
}

void OutputFile::commit() {
  durable_rename(temp_, final_);
  committed_ = true;
}

}  // namespace sim
