#pragma once
// The output file's life: refuse to overwrite without --force, write under a temporary name,
// and rename into place only when complete, so an interrupted run never leaves a partial file
// under the final name.
#include <string>

#include "sim/run/output_lock.hpp"

namespace sim {

class OutputFile {
 public:
  // Throws sim::InputError if the file exists and !force, sim::RuntimeFailure if the location
  // cannot be written. Creates the parent directory when `create_parent` (the default output/).
  // Holds `lock` (this output's, taken first) until destroyed.
  OutputFile(std::string final_path, bool force, bool create_parent, OutputLock lock);
  ~OutputFile();  // removes the temporary file unless committed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // The file's directory exists (or is created, with `create_parent`); throws
  // sim::RuntimeFailure. Writes nothing else, so it is safe before the run's lock is held.
  static void prepare_directory(const std::string& final_path, bool create_parent);
  // That, and a probe that a file can be written there (it replaces a temporary file left by
  // a killed run: call it only with the run's lock held).
  static void prepare_location(const std::string& final_path, bool create_parent);

  const std::string& temp_path() const { return temp_; }
  const std::string& final_path() const { return final_; }
  // Renames the temporary file to the final name, durably: the file is on disk before the
  // rename and the directory entry after it, so a machine crash leaves the old name or the whole
  // new file, never a file that is partly on disk. Throws RuntimeFailure.
  void commit();

 private:
  std::string final_;
  std::string temp_;
  OutputLock lock_;
  bool committed_ = false;
};

}  // namespace sim
