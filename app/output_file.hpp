#pragma once
// The output file's life: refuse to overwrite without --force, write under a temporary name,
// and rename into place only when complete, so an interrupted run never leaves a partial file
// under the final name.
#include <string>

namespace vtf::app {

class OutputFile {
 public:
  // Throws sim::InputError if the file exists and !force, sim::RuntimeFailure if the location
  // cannot be written. Creates the parent directory when `create_parent` (the default output/).
  OutputFile(std::string final_path, bool force, bool create_parent);
  ~OutputFile();  // removes the temporary file unless committed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  const std::string& temp_path() const { return temp_; }
  const std::string& final_path() const { return final_; }
  void commit();  // atomically renames the temporary file to the final name

 private:
  std::string final_;
  std::string temp_;
  bool committed_ = false;
};

}  // namespace vtf::app
