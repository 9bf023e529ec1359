// The findings computed once (questions/findings.hpp): /findings written and read back, its
// tables over their own and the file's coordinates.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "questions/findings.hpp"
#include "sim/engine/errors.hpp"
#include "sim/results/h5.hpp"
#include "sim/results/results_file.hpp"

namespace {

struct TempFile {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("vtfsim_findings_" + std::to_string(::getpid()) + ".h5"))
                         .string();
  TempFile() { std::filesystem::remove(path); }
  ~TempFile() { std::filesystem::remove(path); }
};

vtf::questions::Findings example() {
  using vtf::questions::Finding;
  vtf::questions::Findings f;
  f.heading = "In plain words (2 named scenarios):";
  Finding sizes;
  sizes.name = "which_sizes";
  sizes.statement = "- $5.0M a year: +1.00 to +2.00 more States complete by 2045;\n";
  sizes.add_value("named_scenarios", 2, "1", "named scenarios");
  sizes.notes.emplace_back("smallest_sure_policy", "five");
  sizes.axes.push_back({"fund", {"five", "ten"}});
  sizes.add_column({"lowest", {"fund"}, {1.0, NAN}, {}, "States", "lowest"});
  sizes.add_column({"lowest_scenario", {"fund"}, {}, {"a", "b"}, "", "where"});
  Finding rows;
  rows.name = "by_state";  // a table only: no statement
  rows.scenario = "a";
  rows.axes.push_back({"scenario", {}});  // the file's own coordinate
  rows.add_column({"p", {"scenario"}, {0.25, 0.75}, {}, "1", "share"});
  f.items = {sizes, rows};
  return f;
}

}  // namespace

TEST_CASE("Findings are written under /findings and read back in order", "[findings]") {
  TempFile tmp;
  {
    auto file = sim::h5::File::create(tmp.path);
    auto root = file.root();
    CHECK_FALSE(vtf::questions::read_findings(root));  // a file of an older vtfsim
    root.create_coordinate<std::int64_t>("scenario", std::vector<std::int64_t>{0, 1});
    vtf::questions::write_findings(root, example());
    file.close();
  }
  const auto file = sim::h5::File::open_read(tmp.path);
  const auto root = file.root();
  const auto back = vtf::questions::read_findings(root);
  REQUIRE(back);
  CHECK(back->heading == "In plain words (2 named scenarios):");
  REQUIRE(back->items.size() == 2);
  CHECK(back->items[0].name == "which_sizes");
  CHECK(back->statements() == example().statements());
  const auto g = root.open_group("findings/which_sizes");
  CHECK(g.string_attribute("smallest_sure_policy") == "five");
  CHECK(g.string_attribute("statement") == example().items[0].statement);
  CHECK(g.open_dataset("named_scenarios").read<double>() == std::vector<double>{2});
  CHECK(g.open_dataset("named_scenarios").string_attribute("units") == "1");
  CHECK(g.open_dataset("fund").read_strings() == std::vector<std::string>{"five", "ten"});
  const auto lowest = g.open_dataset("lowest").read<double>();
  CHECK(lowest[0] == 1.0);
  CHECK(std::isnan(lowest[1]));
  CHECK(g.open_dataset("lowest_scenario").read_strings() == std::vector<std::string>{"a", "b"});
  const auto rows = root.open_group("findings/by_state");
  CHECK(rows.open_dataset("scenario").read<std::int64_t>() == std::vector<std::int64_t>{0, 1});
  CHECK(rows.open_dataset("p").dims() == std::vector<hsize_t>{2});
  CHECK(rows.string_attribute("scenario") == "a");
}

TEST_CASE("A finding's column over an axis it does not have is a programming error", "[findings]") {
  TempFile tmp;
  auto file = sim::h5::File::create(tmp.path);
  auto root = file.root();
  auto f = example();
  f.items[0].add_column({"oops", {"state"}, {1.0}, {}, "", ""});
  CHECK_THROWS_AS(vtf::questions::write_findings(root, f), std::logic_error);
}

TEST_CASE("A study without findings stores an empty /findings, and a failed write says so",
          "[findings]") {
  TempFile tmp;
  {
    auto file = sim::h5::File::create(tmp.path);
    auto root = file.root();
    vtf::questions::write_findings(root, vtf::questions::Findings{});
    CHECK_THROWS_AS(vtf::questions::write_findings(root, example()), sim::h5::Error);  // once
    file.close();
  }
  const auto back = vtf::questions::read_findings(sim::h5::File::open_read(tmp.path).root());
  REQUIRE(back);
  CHECK(back->items.empty());
  CHECK(back->statements().empty());
  CHECK_THROWS_WITH(vtf::questions::add_findings(tmp.path + ".missing", sim::Comparison{}),
                    Catch::Contains("cannot write /findings in"));
}
