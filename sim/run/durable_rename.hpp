#pragma once
// Renaming a finished file into place so that the new name survives a crash of the machine, not
// only of the process: the file's data reach the disk before the rename, and the directory entry
// after it. Checkpoint segments and results files are committed this way.
#include <string>

namespace sim {

// Flushes `path` to disk, renames it to `final_path` and flushes the directory. Throws
// RuntimeFailure.
void durable_rename(const std::string& path, const std::string& final_path);

}  // namespace sim
