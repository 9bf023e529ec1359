#pragma once
// One writer per output file: an advisory lock on `<output>.lock`, held for the whole command and
// released by the kernel however the process ends, so a second command writing the same file is
// refused before it does any work or touches the first one's temporary file.
#include <string>

namespace sim {

class OutputLock {
 public:
  // Throws InputError naming the holder's pid if another process holds it, RuntimeFailure if the
  // lock file cannot be made.
  explicit OutputLock(const std::string& output_path);
  ~OutputLock();  // removes the lock file, then releases the lock
  OutputLock(OutputLock&& other) noexcept;
  OutputLock& operator=(OutputLock&&) = delete;
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace sim
