// The fuzz target of the results-file readers: the input is not a file but a script of edits
// applied, through HDF5, to a copy of a valid results file (a run of tests/fuzz/results_base.toml,
// named by the environment variable VTFSIM_FUZZ_BASE_FILE):
// objects deleted, datasets replaced by others of another shape or type, attributes deleted or
// given another type, coordinates given more or fewer names, values made NaN, infinite or huge.
// Then `vtfsim info`, `compare` (its views), `discover` read the damaged file. Each must succeed
// or throw one InputError or h5::Error (what main.cpp turns into one line and exit code 2 for a
// command that only reads) whose message is one line; anything else (another exception, a
// crash, a sanitizer report) is a finding. Fuzzing HDF5's own parser of bytes is left to HDF5:
// the edits keep the file well-formed HDF5 and damage its layout, which is what vtfsim reads.
// Built for libFuzzer (VTFSIM_FUZZ=ON, clang) and for the corpus replay CTest runs on every
// build (replay_main.cpp).
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/h5.hpp"

namespace {

const std::string& base_file() {
  static const std::string path = [] {
    const char* p = std::getenv("VTFSIM_FUZZ_BASE_FILE");
    if (p == nullptr || !std::filesystem::is_regular_file(p)) {
      std::fprintf(stderr,
                   "VTFSIM_FUZZ_BASE_FILE must name a results file: vtfsim run "
                   "tests/fuzz/results_base.toml -o base.h5\n");
      std::exit(2);
    }
    return std::string(p);
  }();
  return path;
}

// The bytes of an input, read in order; past its end every byte is 0.
class Script {
 public:
  Script(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool done() const { return at_ >= size_; }
  std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
  std::size_t pick(std::size_t n) { return n == 0 ? 0 : byte() % n; }
  // Two bytes, high first: for a choice among more than 256 (the base file's objects).
  std::size_t pick_wide(std::size_t n) {
    const std::size_t high = byte();
    return n == 0 ? 0 : (high << 8 | byte()) % n;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_, at_ = 0;
};

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "fuzz finding: %s\n", what.c_str());
  std::abort();
}

void one_line(const std::string& message) {
  if (message.find('\n') != std::string::npos || message.find('\r') != std::string::npos)
    finding("a message over several lines: " + message);
}

// Every group and dataset of the base file, by path ("/outcomes/completed_by_2030").
void list_objects(const sim::h5::Group& g, const std::string& prefix,
                  std::vector<std::string>& out) {
  for (const std::string& name : g.children()) {
    const std::string path = prefix + "/" + name;
    out.push_back(path);
    if (g.has_group(name)) list_objects(g.open_group(name), path, out);
  }
}

const std::vector<std::string>& base_objects() {
  static const std::vector<std::string> objects = [] {
    std::vector<std::string> out = {"/"};  // the root's attributes too
    const sim::h5::File f = sim::h5::File::open_read(base_file());
    list_objects(f.root(), "", out);
    return out;
  }();
  return objects;
}

// Attributes readers rely on, tried on any object as well as the object's own.
const std::vector<std::string> kAttributeNames = {"results_format_version",
                                                  "model_spec_version",
                                                  "scenario_toml",
                                                  "seed",
                                                  "replications",
                                                  "units",
                                                  "long_name",
                                                  "better",
                                                  "statement",
                                                  "sentence",
                                                  "latin_hypercube_points",
                                                  "box_found",
                                                  "futures",
                                                  "cases",
                                                  "shard",
                                                  "shards",
                                                  "heading",
                                                  "policy",
                                                  "scenario"};

void write_attribute(hid_t object, const std::string& name, Script& s) {
  if (H5Aexists(object, name.c_str()) > 0) H5Adelete(object, name.c_str());
  hid_t space = -1, type = -1;
  std::vector<std::int64_t> ints(1 + s.pick(4), static_cast<std::int64_t>(s.byte()) - 128);
  std::vector<double> reals(ints.size(), s.byte() % 2 ? NAN : 1e300);
  std::string text(s.pick(300), 'x');
  const std::size_t kind = s.pick(3);
  const hsize_t n = ints.size();
  space = n == 1 ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &n, nullptr);
  if (kind == 0) type = H5Tcopy(H5T_NATIVE_INT64);
  if (kind == 1) type = H5Tcopy(H5T_NATIVE_DOUBLE);
  if (kind == 2) {
    type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, std::max<std::size_t>(1, text.size()));
    H5Sclose(space);
    space = H5Screate(H5S_SCALAR);
  }
  const hid_t a = H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT);
  if (a >= 0) {
    const void* buffer = kind == 0   ? static_cast<const void*>(ints.data())
                         : kind == 1 ? static_cast<const void*>(reals.data())
                                     : static_cast<const void*>(text.data());
    if (kind != 2 || !text.empty()) H5Awrite(a, type, buffer);
    H5Aclose(a);
  }
  H5Tclose(type);
  H5Sclose(space);
}

// A dataset in place of `path`: another rank, extent and type, of strings or numbers.
void replace_dataset(hid_t file, const std::string& path, Script& s) {
  H5Ldelete(file, path.c_str(), H5P_DEFAULT);
  const int rank = static_cast<int>(s.pick(4));
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  hsize_t total = 1;
  for (auto& d : dims) {
    d = s.pick(9);
    total *= d;
  }
  const hid_t space =
      rank == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(rank, dims.data(), nullptr);
  const std::size_t kind = s.pick(3);
  hid_t type = kind == 0   ? H5Tcopy(H5T_NATIVE_DOUBLE)
               : kind == 1 ? H5Tcopy(H5T_NATIVE_INT32)
                           : H5Tcopy(H5T_C_S1);
  if (kind == 2) H5Tset_size(type, 1 + s.pick(40));
  const hid_t ds =
      H5Dcreate2(file, path.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (ds >= 0) {
    std::vector<char> bytes(static_cast<std::size_t>(total) * H5Tget_size(type) + 1,
                            static_cast<char>(kind == 2 ? 'a' + s.pick(26) : s.byte()));
    H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data());
    H5Dclose(ds);
  }
  H5Tclose(type);
  H5Sclose(space);
}

// Values of a numeric dataset made NaN, infinite, negative or huge, where it is stored.
void poison_values(hid_t file, const std::string& path, Script& s) {
  const hid_t ds = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
  if (ds < 0) return;
  const hid_t space = H5Dget_space(ds);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  const hid_t type = H5Dget_type(ds);
  if (n > 0 && n < 10'000'000 && H5Tget_class(type) != H5T_STRING) {
    const double choices[] = {NAN,
                              INFINITY,
                              -INFINITY,
                              -1,
                              1e308,
                              0,
                              static_cast<double>(std::numeric_limits<std::int64_t>::max())};
    std::vector<double> v(static_cast<std::size_t>(n), choices[s.pick(std::size(choices))]);
    H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
  }
  H5Tclose(type);
  H5Sclose(space);
  H5Dclose(ds);
}

void apply_edits(const std::string& path, Script& s) {
  const auto& objects = base_objects();
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  if (file < 0) finding("the copy of the base file does not open");
  for (int edits = 0; !s.done() && edits < 8; ++edits) {
    const std::size_t op = s.pick(5);
    const std::string& target = objects[s.pick_wide(objects.size())];
    if (target != "/" && H5Lexists(file, target.c_str(), H5P_DEFAULT) <= 0)
      continue;  // deleted by an edit
    const hid_t opened = H5Oopen(file, target.c_str(), H5P_DEFAULT);
    if (opened < 0) continue;
    const bool dataset = H5Iget_type(opened) == H5I_DATASET;
    H5Oclose(opened);
    if (op == 0 && target != "/") {
      H5Ldelete(file, target.c_str(), H5P_DEFAULT);
    } else if (op == 1 && dataset) {
      replace_dataset(file, target, s);
    } else if (op == 2 || op == 3) {
      const hid_t o = H5Oopen(file, target.c_str(), H5P_DEFAULT);
      const std::string name = kAttributeNames[s.pick(kAttributeNames.size())];
      if (op == 2) {
        write_attribute(o, name, s);
      } else if (H5Aexists(o, name.c_str()) > 0) {
        H5Adelete(o, name.c_str());
      }
      H5Oclose(o);
    } else if (dataset) {
      poison_values(file, target, s);
    }
  }
  H5Fclose(file);
}

// One reading command: success, or the one-line error main.cpp would print with exit code 2.
// On the undamaged file (an empty script) every command must succeed: otherwise the target would
// only ever see refusals, and find nothing for that reason.
template <class Command>
void read_with(Command&& command, bool undamaged) {
  try {
    command();
  } catch (const sim::InputError& e) {
    if (undamaged) finding(std::string("the undamaged base file is refused: ") + e.what());
    one_line(e.what());
  } catch (const sim::h5::Error& e) {
    if (undamaged) finding(std::string("the undamaged base file is refused: ") + e.what());
    one_line(e.what());
  } catch (const std::exception& e) {
    finding(std::string("an exception that is neither an InputError nor an h5::Error: ") +
            e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // the edits' own failures are expected
    if (std::freopen("/dev/null", "w", stdout) == nullptr) finding("cannot silence stdout");
    return (std::filesystem::temp_directory_path() /
            ("vtfsim_fuzz_results_" + std::to_string(::getpid()) + ".h5"))
        .string();
  }();
  std::filesystem::copy_file(base_file(), path, std::filesystem::copy_options::overwrite_existing);
  Script s(data, size);
  const bool undamaged = size == 0;
  apply_edits(path, s);
  using namespace vtf::app;
  read_with([&] { info(InfoOptions{path}); }, undamaged);
  CompareOptions table;
  table.path = path;
  read_with([&] { compare(table); }, undamaged);
  for (const char* format : {"csv", "json"}) {
    CompareOptions o = table;
    o.format = format;
    read_with([&] { compare(o); }, undamaged);
  }
  for (int view = 0; view < 4; ++view) {
    CompareOptions o = table;
    o.by_state = view == 0;
    o.sensitivity = view == 1;
    o.decision = view == 2;
    o.demand = view == 3;
    read_with([&] { compare(o); }, undamaged);
  }
  CompareOptions robust = table;
  robust.robustness = true;
  read_with([&] { compare(robust); }, undamaged);
  DiscoverOptions d;
  d.path = path;
  d.policy = "annual_usd=20M";
  d.no_write = true;
  d.quiet = true;
  read_with([&] { discover(d); }, undamaged);
  return 0;
}
