// Results format version 2 and the conversion of version-1 files: h5::Group::replace_coordinate
// and sim::upgrade_results_file on a file laid out as version 1 (coordinates in the root, copied
// into groups, a nested group labelled by its parent's copy, the names in /scenario_name).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "sim/engine/errors.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"

namespace h5 = sim::h5;
using Catch::Contains;

namespace {

class TempFile {
 public:
  explicit TempFile(const std::string& stem)
      : path_((std::filesystem::temp_directory_path() /
               ("vtfsim_test_upgrade_" + std::to_string(::getpid()) + "_" + stem + ".h5"))
                  .string()) {
    std::filesystem::remove(path_);
  }
  ~TempFile() { std::filesystem::remove(path_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& str() const { return path_; }

 private:
  std::string path_;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const std::vector<std::string> kNames = {"calm/lenient", "rough/strict"};

// A file in version 1's layout: int64 scenario indices with the names beside them.
void write_version_1(const std::string& path) {
  h5::File file = h5::File::create(path);
  h5::Group root = file.root();
  root.set_attribute("results_format_version", std::int64_t{1});
  auto scenario = root.create_coordinate<std::int64_t>("scenario", std::vector<std::int64_t>{0, 1});
  scenario.set_attribute("long_name", "scenario index");
  scenario.set_attribute("units", "1");
  root.create_coordinate("policy", std::vector<std::string>{"none", "fund"});
  root.create_string_dataset("scenario_name", kNames).attach_dimensions({"scenario"});
  h5::Group outcomes = root.create_group("outcomes");
  outcomes.copy_coordinates(root, {"scenario", "policy"});
  auto x = outcomes.create_dataset<double>("x", {2, 2});
  x.write(std::vector<double>{1, 2, 3, 4});
  x.attach_dimensions({"scenario", "policy"});
  h5::Group comparison = root.create_group("comparison");
  comparison.copy_coordinates(root, {"scenario", "policy"});
  auto mean = comparison.create_group("x").create_dataset<double>("mean", {2, 2});
  mean.write(std::vector<double>{0, 1, 0, 1});
  mean.attach_dimensions({"scenario", "policy"});
  file.close();
}

// Whether axis `axis` of the dataset `path` is labelled by the coordinate `scale`.
bool labelled_by(const h5::File& f, const std::string& path, unsigned axis,
                 const std::string& scale) {
  return f.root().open_dataset(path).is_attached(f.root().open_dataset(scale), axis);
}

}  // namespace

TEST_CASE("h5 replace_coordinate relabels every axis the old coordinate labelled", "[h5]") {
  const TempFile file("replace");
  write_version_1(file.str());
  {
    h5::File f = h5::File::open_rw(file.str());
    h5::Group root = f.root();
    const auto made = root.replace_coordinate("scenario", kNames);
    CHECK(made.size() == 3);  // the root's, /outcomes' and /comparison's
    CHECK_THROWS_AS(root.replace_coordinate("policy", {"only one"}), h5::Error);
    CHECK(root.replace_coordinate("quantile", kNames).empty());  // no such coordinate
    f.close();
  }
  const h5::File f = h5::File::open_read(file.str());
  const h5::Group root = f.root();
  for (const std::string g : {"", "outcomes/", "comparison/"}) {
    const auto scale = root.open_dataset(g + "scenario");
    CHECK(scale.is_dimension_scale());
    CHECK(scale.read_strings() == kNames);
    CHECK_FALSE(scale.has_attribute("units"));  // the index's attributes are not carried over
  }
  CHECK(labelled_by(f, "outcomes/x", 0, "outcomes/scenario"));
  CHECK(labelled_by(f, "outcomes/x", 1, "outcomes/policy"));
  CHECK(labelled_by(f, "comparison/x/mean", 0, "comparison/scenario"));
  CHECK(labelled_by(f, "scenario_name", 0, "scenario"));
  CHECK(root.open_dataset("outcomes/x").read<double>() == std::vector<double>{1, 2, 3, 4});
  CHECK(root.open_dataset("comparison/x/mean").read<double>() == std::vector<double>{0, 1, 0, 1});
}

TEST_CASE("upgrade_results_file converts version 1 and leaves the input as it was",
          "[results_file]") {
  const TempFile v1("v1"), v2("v2");
  write_version_1(v1.str());
  const std::string before = slurp(v1.str());
  CHECK(sim::upgrade_results_file(v1.str(), v2.str()) == 1);
  CHECK(slurp(v1.str()) == before);
  CHECK_FALSE(std::filesystem::exists(v2.str() + ".partial"));
  {
    const h5::File f = h5::File::open_read(v2.str());
    const h5::Group root = f.root();
    // (require_results_file would refuse this hand-made file's layout, [scenario, policy]
    // outcomes and a mean alone; e2e format/upgrade reads a real upgraded file with it.)
    CHECK(root.int_attribute("results_format_version") == sim::kResultsFormatVersion);
    CHECK(root.int_attribute("upgraded_from_version") == 1);
    CHECK_FALSE(root.has("scenario_name"));
    for (const std::string g : {"", "outcomes/", "comparison/"}) {
      CHECK(root.open_dataset(g + "scenario").read_strings() == kNames);
      CHECK(root.open_dataset(g + "scenario").string_attribute("long_name") ==
            sim::kScenarioLongName);
    }
    CHECK(labelled_by(f, "comparison/x/mean", 0, "comparison/scenario"));
    CHECK(root.open_dataset("outcomes/x").read<double>() == std::vector<double>{1, 2, 3, 4});
  }
  // Converting the converted file again, or a file of no version, are input errors.
  const TempFile again("again");
  CHECK_THROWS_WITH(sim::upgrade_results_file(v2.str(), again.str()),
                    v2.str() + ": already results format version 2: nothing to upgrade");
  CHECK_FALSE(std::filesystem::exists(again.str()));
  const TempFile foreign("foreign");
  {
    h5::File f = h5::File::create(foreign.str());
    f.root().set_attribute("results_format_version", std::int64_t{0});
    f.close();
  }
  CHECK_THROWS_WITH(sim::upgrade_results_file(foreign.str(), again.str()),
                    Contains("results format version 0; this vtfsim converts versions 1 to 1"));
  CHECK_THROWS_AS(sim::upgrade_results_file(again.str(), foreign.str()), sim::InputError);
}

TEST_CASE("upgrade_results_file can replace its input when asked", "[results_file]") {
  const TempFile v1("inplace");
  write_version_1(v1.str());
  CHECK(sim::upgrade_results_file(v1.str(), v1.str()) == 1);
  const h5::File f = h5::File::open_read(v1.str());
  CHECK(f.root().open_dataset("scenario").read_strings() == kNames);
}

TEST_CASE("A checkpoint of an older format is not offered for upgrade", "[results_file]") {
  const TempFile segment("segment");
  {
    h5::File f = h5::File::create(segment.str());
    f.root().set_attribute("results_format_version", std::int64_t{1});
    f.root().set_attribute("checkpoint_segment", std::int64_t{1});
    f.close();
  }
  const h5::File f = h5::File::open_read(segment.str());
  CHECK_THROWS_WITH(sim::require_results_file(f.root(), segment.str()),
                    segment.str() +
                        ": results format version 1; this vtfsim reads version 2: a checkpoint "
                        "of another vtfsim build: resume with the vtfsim that wrote it, or run "
                        "with --force to start over");
}
