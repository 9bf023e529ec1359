#include <hdf5_hl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numeric>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/results/h5.hpp"

namespace h5 = sim::h5;

namespace {

// A fresh path in the temporary directory, removed again at the end of the test.
class TempPath {
 public:
  explicit TempPath(const std::string& stem) {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("vtfsim_test_h5_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) +
              "_" + stem + ".h5"))
                .string();
    std::filesystem::remove(path_);
  }
  ~TempPath() { std::filesystem::remove(path_); }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
  const std::string& str() const { return path_; }

 private:
  std::string path_;
};

// Matches an h5::Error whose message contains every one of `parts`.
class MessageHas : public Catch::MatcherBase<h5::Error> {
 public:
  explicit MessageHas(std::vector<std::string> parts) : parts_(std::move(parts)) {}
  bool match(const h5::Error& e) const override {
    const std::string message = e.what();
    for (const std::string& part : parts_) {
      if (message.find(part) == std::string::npos) return false;
    }
    return true;
  }
  std::string describe() const override {
    std::string out = "has a message containing";
    for (const std::string& part : parts_)
      out += " \"" + part + "\"";
    return out;
  }

 private:
  std::vector<std::string> parts_;
};

h5::DatasetOptions chunked(std::vector<hsize_t> chunk) {
  h5::DatasetOptions opts;
  opts.chunk = std::move(chunk);
  return opts;
}

h5::DatasetOptions filled(double fill) {
  h5::DatasetOptions opts;
  opts.fill = fill;
  return opts;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> scale_names_of(const h5::Dataset& ds, unsigned axis) {
  std::vector<std::string> names;
  H5DSiterate_scales(
      ds.id(), axis, nullptr,
      [](hid_t, unsigned, hid_t scale, void* data) {
        const ssize_t n = H5Iget_name(scale, nullptr, 0);
        std::vector<char> buf(static_cast<std::size_t>(n) + 1);
        H5Iget_name(scale, buf.data(), buf.size());
        static_cast<std::vector<std::string>*>(data)->emplace_back(buf.data());
        return herr_t{0};
      },
      &names);
  return names;
}

// Writes the same small file shaped like the simulator's output.
void write_sample(const std::string& path) {
  h5::File file = h5::File::create(path);
  h5::Group root = file.root();
  root.set_attribute("title", "sample");
  root.create_coordinate<std::int64_t>("scenario", std::vector<std::int64_t>{0, 1});
  root.create_coordinate("policy", std::vector<std::string>{"a", "b", "c"});
  h5::Group out = root.create_group("outcomes");
  out.copy_coordinates(root, {"scenario", "policy"});
  h5::Dataset ds = out.create_dataset<double>("x", {2, 3}, chunked({1, 3}));
  ds.write(std::vector<double>{1, 2, 3, 4, 5, 6});
  ds.attach_dimensions({"scenario", "policy"});
  file.close();
}

}  // namespace

TEST_CASE("h5 create refuses an existing file and open_read a missing one", "[h5]") {
  TempPath path("exists");
  h5::File::create(path.str()).close();
  REQUIRE(std::filesystem::exists(path.str()));
  REQUIRE_THROWS_MATCHES(h5::File::create(path.str()), h5::Error, MessageHas({path.str()}));
  TempPath missing("missing");
  REQUIRE_THROWS_MATCHES(h5::File::open_read(missing.str()), h5::Error,
                         MessageHas({missing.str(), "for reading"}));
  REQUIRE_THROWS_AS(h5::File::open_rw(missing.str()), h5::Error);
}

TEMPLATE_TEST_CASE("h5 datasets round-trip every element type", "[h5]", double, float, std::int32_t,
                   std::int64_t, std::uint8_t) {
  TempPath path("types");
  std::vector<TestType> values(2 * 3 * 4);
  std::iota(values.begin(), values.end(), TestType{1});
  {
    h5::File file = h5::File::create(path.str());
    h5::Dataset ds = file.root().create_dataset<TestType>("v", {2, 3, 4});
    ds.write(values);
    file.close();
  }
  h5::File file = h5::File::open_read(path.str());
  h5::Dataset ds = file.root().open_dataset("v");
  CHECK(ds.dims() == std::vector<hsize_t>{2, 3, 4});
  CHECK(ds.size() == 24);
  CHECK(ds.name() == "/v");
  CHECK(ds.read<TestType>() == values);
}

TEST_CASE("h5 write checks the size and reading checks the class", "[h5]") {
  TempPath path("checks");
  h5::File file = h5::File::create(path.str());
  h5::Group root = file.root();
  h5::Dataset ds = root.create_dataset<std::int32_t>("i", {3});
  REQUIRE_THROWS_MATCHES(ds.write(std::vector<std::int32_t>{1, 2}), h5::Error,
                         MessageHas({"/i", path.str()}));
  ds.write(std::vector<std::int32_t>{1, 2, 3});
  // Widening within a class is fine; crossing between integer and floating point is not.
  CHECK(ds.read<std::int64_t>() == std::vector<std::int64_t>{1, 2, 3});
  REQUIRE_THROWS_AS(ds.read<double>(), h5::Error);
  REQUIRE_THROWS_AS(ds.write(std::vector<double>{1, 2, 3}), h5::Error);
  h5::Dataset s = root.create_string_dataset("s", {"x"});
  REQUIRE_THROWS_AS(s.read<double>(), h5::Error);
  REQUIRE_THROWS_AS(ds.read_strings(), h5::Error);
  REQUIRE_THROWS_MATCHES(root.create_dataset<double>("i", {2}), h5::Error,
                         MessageHas({"'i'", "already exists"}));
  REQUIRE_THROWS_AS(root.create_dataset<double>("bad", {2},
                                                [] {
                                                  h5::DatasetOptions opts;
                                                  opts.deflate = 10;
                                                  return opts;
                                                }()),
                    h5::Error);
  REQUIRE_THROWS_AS(root.create_dataset<double>("bad", {2, 2}, chunked({1})), h5::Error);
}

TEST_CASE("h5 blocks are hyperslabs in row-major order", "[h5]") {
  TempPath path("blocks");
  h5::File file = h5::File::create(path.str());
  h5::Dataset ds = file.root().create_dataset<double>("m", {3, 4}, filled(0.0));
  ds.write_block<double>({1, 1}, {2, 3}, std::vector<double>{1, 2, 3, 4, 5, 6});
  CHECK(ds.read<double>() == std::vector<double>{0, 0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6});
  CHECK(ds.read_block<double>({0, 2}, {3, 1}) == std::vector<double>{0, 2, 5});
  CHECK(ds.read_block<double>({3, 0}, {0, 4}).empty());
  REQUIRE_THROWS_MATCHES(ds.write_block<double>({2, 0}, {2, 1}, std::vector<double>{1, 2}),
                         h5::Error, MessageHas({"not inside"}));
  REQUIRE_THROWS_AS(ds.write_block<double>({0, 0}, {1, 2}, std::vector<double>{1}), h5::Error);
  REQUIRE_THROWS_AS(ds.read_block<double>({0}, {1}), h5::Error);
}

TEST_CASE("h5 attributes of every kind round-trip and are replaced", "[h5]") {
  TempPath path("attrs");
  const std::vector<double> levels{0.05, 0.5, 0.95};
  {
    h5::File file = h5::File::create(path.str());
    h5::Group root = file.root();
    root.set_attribute("title", "Voluntary Trust Fund – ünïcode");
    root.set_attribute("seed", std::int64_t{1} << 40);
    root.set_attribute("count", std::int32_t{7});
    root.set_attribute("alpha", 0.25);
    root.set_attribute("levels", std::span<const double>(levels));
    root.set_attribute("empty", std::span<const double>());
    root.set_attribute("count", "replaced by a string");
    h5::Dataset ds = root.create_dataset<double>("x", {2});
    ds.set_attribute("units", std::string("USD"));
    ds.set_attribute("scale", 2.0);
    REQUIRE_THROWS_AS(ds.set_attribute("nul", std::string("a\0b", 3)), h5::Error);
    file.close();
  }
  h5::File file = h5::File::open_read(path.str());
  h5::Group root = file.root();
  CHECK(root.attribute_names() ==
        std::vector<std::string>{"title", "seed", "alpha", "levels", "empty", "count"});
  CHECK(root.string_attribute("title") == "Voluntary Trust Fund – ünïcode");
  CHECK(root.int_attribute("seed") == std::int64_t{1} << 40);
  CHECK(root.double_attribute("seed") == Approx(1099511627776.0));
  CHECK(root.double_attribute("alpha") == 0.25);
  CHECK(root.double_array_attribute("levels") == levels);
  CHECK(root.double_array_attribute("empty") == std::vector<double>{});
  CHECK(root.string_attribute("count") == "replaced by a string");
  CHECK(root.has_attribute("alpha"));
  CHECK_FALSE(root.has_attribute("nope"));
  CHECK_FALSE(root.string_attribute("nope").has_value());
  CHECK_FALSE(root.double_attribute("nope").has_value());
  CHECK_FALSE(root.int_attribute("nope").has_value());
  h5::Dataset ds = root.open_dataset("x");
  CHECK(ds.string_attribute("units") == "USD");
  CHECK(ds.double_attribute("scale") == 2.0);
  CHECK(ds.attribute_names() == std::vector<std::string>{"units", "scale"});
}

TEST_CASE("h5 attribute readers reject the wrong type or shape", "[h5]") {
  TempPath path("attrtypes");
  h5::File file = h5::File::create(path.str());
  h5::Group root = file.root();
  const std::vector<double> two{1, 2};
  root.set_attribute("s", "text");
  root.set_attribute("d", 1.5);
  root.set_attribute("a", std::span<const double>(two));
  REQUIRE_THROWS_MATCHES(root.double_attribute("s"), h5::Error, MessageHas({"'s'"}));
  REQUIRE_THROWS_AS(root.int_attribute("d"), h5::Error);
  REQUIRE_THROWS_AS(root.double_attribute("a"), h5::Error);
  REQUIRE_THROWS_AS(root.string_attribute("d"), h5::Error);
}

TEST_CASE("h5 string datasets keep UTF-8 and empty strings and read fixed-length ones", "[h5]") {
  TempPath path("strings");
  const std::vector<std::string> values{"Angola", "", "Côte d’Ivoire", "Bosnia and Herzegovina"};
  h5::File file = h5::File::create(path.str());
  h5::Group root = file.root();
  h5::Dataset ds = root.create_string_dataset("names", values);
  CHECK(ds.dims() == std::vector<hsize_t>{4});
  CHECK(ds.read_strings() == values);
  CHECK(root.create_string_dataset("none", {}).read_strings().empty());
  h5::Dataset grid = root.create_string_dataset("grid", values, {2, 2});  // row-major
  CHECK(grid.dims() == std::vector<hsize_t>{2, 2});
  CHECK(grid.read_strings() == values);
  REQUIRE_THROWS_AS(root.create_string_dataset("short", values, {3, 2}), h5::Error);
  REQUIRE_THROWS_AS(root.create_string_dataset("nul", {std::string("a\0b", 3)}), h5::Error);

  // Files written by other tools may hold fixed-length, space-padded strings.
  const hsize_t n = 2;
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, 4);
  H5Tset_strpad(type, H5T_STR_SPACEPAD);
  const hid_t space = H5Screate_simple(1, &n, nullptr);
  const hid_t fixed =
      H5Dcreate2(root.id(), "fixed", type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  H5Dwrite(fixed, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, "ab  wxyz");
  H5Dclose(fixed);
  H5Sclose(space);
  H5Tclose(type);
  CHECK(root.open_dataset("fixed").read_strings() == std::vector<std::string>{"ab", "wxyz"});
}

TEST_CASE("h5 groups nest and list their members in creation order", "[h5]") {
  TempPath path("groups");
  h5::File file = h5::File::create(path.str());
  h5::Group root = file.root();
  h5::Group leaf = root.create_group("comparison/completed_by_2030");
  CHECK(leaf.name() == "/comparison/completed_by_2030");
  root.create_group("b");
  root.create_group("a");
  root.create_dataset<double>("z", {1});
  CHECK(root.children() == std::vector<std::string>{"comparison", "b", "a", "z"});
  CHECK(root.has("comparison/completed_by_2030"));
  CHECK(root.has("/comparison"));
  CHECK_FALSE(root.has("comparison/missing"));
  CHECK_FALSE(root.has("missing/deeper"));
  CHECK_FALSE(root.has("z/below_a_dataset"));
  CHECK(root.open_group("comparison").has("completed_by_2030"));
  REQUIRE_THROWS_AS(root.create_group("comparison/completed_by_2030"), h5::Error);
  REQUIRE_THROWS_MATCHES(root.open_group("missing"), h5::Error,
                         MessageHas({"'missing'", path.str()}));
  REQUIRE_THROWS_AS(root.open_dataset("a"), h5::Error);
  // The intermediate group was created with the same properties, so it keeps order too.
  root.open_group("comparison").create_group("second");
  CHECK(root.open_group("comparison").children() ==
        std::vector<std::string>{"completed_by_2030", "second"});
}

TEST_CASE("h5 automatic chunks stay near the target and inside the dims", "[h5]") {
  const std::vector<std::vector<hsize_t>> shapes{
      {2, 3, 100000}, {2, 3, 100000, 180}, {1000000, 3}, {7}, {0, 5}, {3, 0, 1000000}, {1}};
  for (const auto& dims : shapes) {
    const std::vector<hsize_t> chunk = h5::choose_chunk(dims, sizeof(double));
    REQUIRE(chunk.size() == dims.size());
    double bytes = sizeof(double);
    double total = sizeof(double);
    for (std::size_t i = 0; i < dims.size(); ++i) {
      CHECK(chunk[i] >= 1);
      CHECK(chunk[i] <= std::max<hsize_t>(dims[i], 1));
      bytes *= static_cast<double>(chunk[i]);
      total *= static_cast<double>(std::max<hsize_t>(dims[i], 1));
    }
    CHECK(bytes <= static_cast<double>(h5::kChunkTarget));
    if (total >= static_cast<double>(h5::kChunkTarget)) {
      CHECK(bytes >= static_cast<double>(h5::kChunkTarget) / 2);
    }
  }
  // Whole trailing rows: the leading axes are cut first.
  CHECK(h5::choose_chunk({2, 3, 1000, 180}, 8) == std::vector<hsize_t>{1, 1, 364, 180});

  TempPath path("chunks");
  h5::File file = h5::File::create(path.str());
  h5::Group root = file.root();
  CHECK(root.create_dataset<double>("small", {10, 10}).chunk().empty());
  CHECK(root.create_dataset<double>("large", {2, 3, 100000}).chunk() ==
        std::vector<hsize_t>{1, 1, 65536});
  CHECK(root.create_dataset<double>("given", {4, 10}, chunked({2, 100})).chunk() ==
        std::vector<hsize_t>{2, 10});
}

TEST_CASE("h5 zero-length dimensions work end to end", "[h5]") {
  TempPath path("zero");
  {
    h5::File file = h5::File::create(path.str());
    h5::Group root = file.root();
    h5::Dataset rep =
        root.create_coordinate<std::int64_t>("replication", std::vector<std::int64_t>{});
    root.create_coordinate<std::int64_t>("scenario", std::vector<std::int64_t>{0, 1});
    h5::DatasetOptions opts = chunked({1, 1024});
    opts.fill = 0.0;
    h5::Dataset ds = root.create_dataset<double>("x", {2, 0}, opts);
    CHECK(ds.chunk().empty());
    ds.write(std::vector<double>{});
    ds.write_block<double>({0, 0}, {2, 0}, std::vector<double>{});
    ds.attach_dimensions({"scenario", "replication"});
    CHECK(root.create_dataset<double>("big_but_empty", {0, 1000000, 1000}).size() == 0);
    CHECK(rep.read<std::int64_t>().empty());
    file.close();
  }
  h5::File file = h5::File::open_read(path.str());
  h5::Dataset ds = file.root().open_dataset("x");
  CHECK(ds.dims() == std::vector<hsize_t>{2, 0});
  CHECK(ds.read<double>().empty());
  CHECK(scale_names_of(ds, 1) == std::vector<std::string>{"/replication"});
}

TEST_CASE("h5 dimensions attach to the nearest scale of that name", "[h5]") {
  TempPath path("scales");
  h5::File file = h5::File::create(path.str());
  h5::Group root = file.root();
  h5::Dataset scenario =
      root.create_coordinate<std::int64_t>("scenario", std::vector<std::int64_t>{10, 20});
  h5::Dataset policy = root.create_coordinate("policy", std::vector<std::string>{"a", "b", "c"});
  policy.set_attribute("long_name", "policy lever");
  CHECK(scenario.is_dimension_scale());
  CHECK(scenario.string_attribute("NAME") == "scenario");

  h5::Group nested = root.create_group("comparison/completed_by_2030");
  h5::Dataset mean = nested.create_dataset<double>("mean", {2, 3});
  mean.attach_dimensions({"scenario", "policy"});
  CHECK(scale_names_of(mean, 0) == std::vector<std::string>{"/scenario"});
  CHECK(scale_names_of(mean, 1) == std::vector<std::string>{"/policy"});

  h5::Group out = root.create_group("outcomes");
  out.copy_coordinates(root, {"scenario", "policy"});
  h5::Dataset copy = out.open_dataset("policy");
  CHECK(copy.is_dimension_scale());
  CHECK(copy.read_strings() == std::vector<std::string>{"a", "b", "c"});
  CHECK(copy.string_attribute("long_name") == "policy lever");
  CHECK_FALSE(copy.has_attribute("REFERENCE_LIST"));
  CHECK(out.open_dataset("scenario").read<std::int64_t>() == std::vector<std::int64_t>{10, 20});
  h5::Dataset cost = out.create_dataset<double>("cost", {2, 3});
  cost.attach_dimensions({"scenario", "policy"});
  CHECK(scale_names_of(cost, 0) == std::vector<std::string>{"/outcomes/scenario"});
  CHECK(scale_names_of(cost, 1) == std::vector<std::string>{"/outcomes/policy"});

  h5::Dataset wrong = out.create_dataset<double>("wrong", {3, 3});
  REQUIRE_THROWS_MATCHES(wrong.attach_dimensions({"scenario", "policy"}), h5::Error,
                         MessageHas({"shape"}));
  REQUIRE_THROWS_MATCHES(wrong.attach_dimensions({"policy", "year"}), h5::Error,
                         MessageHas({"'year'", "'/outcomes'"}));
  REQUIRE_THROWS_AS(wrong.attach_dimensions({"policy"}), h5::Error);
  REQUIRE_THROWS_AS(cost.attach_scale(mean, 0), h5::Error);  // not a scale
  REQUIRE_THROWS_AS(cost.attach_scale(scenario, 2), h5::Error);
  REQUIRE_THROWS_AS(cost.make_dimension_scale("cost"), h5::Error);  // not 1-D
  REQUIRE_THROWS_AS(out.copy_coordinates(root, {"missing"}), h5::Error);
}

TEST_CASE("h5 a fill value fills unwritten elements and is stored as _FillValue", "[h5]") {
  TempPath path("fill");
  h5::File file = h5::File::create(path.str());
  h5::Group root = file.root();
  h5::Dataset years = root.create_dataset<std::int32_t>("year", {3}, filled(-1));
  years.write_block<std::int32_t>({1}, {1}, std::vector<std::int32_t>{2030});
  CHECK(years.read<std::int32_t>() == std::vector<std::int32_t>{-1, 2030, -1});
  CHECK(years.int_attribute("_FillValue") == -1);
  h5::Dataset cost = root.create_dataset<double>("cost", {2, 100000}, filled(std::nan("")));
  CHECK(std::isnan(cost.read_block<double>({1, 99999}, {1, 1}).front()));
  CHECK(std::isnan(*cost.double_attribute("_FillValue")));
  REQUIRE_THROWS_AS(root.create_dataset<std::uint8_t>("u", {2}, filled(256)), h5::Error);
  REQUIRE_THROWS_AS(root.create_dataset<std::int32_t>("i", {2}, filled(0.5)), h5::Error);
  REQUIRE_THROWS_AS(root.create_dataset<std::int64_t>("j", {2}, filled(std::nan(""))), h5::Error);
}

TEST_CASE("h5 close is explicit and later use of its objects throws", "[h5]") {
  TempPath path("close");
  h5::File file = h5::File::create(path.str());
  h5::Group root = file.root();
  h5::Dataset ds = root.create_dataset<double>("x", {2});
  ds.write(std::vector<double>{1, 2});
  file.flush();
  file.close();
  CHECK_FALSE(file.is_open());
  file.close();  // closing twice is harmless
  REQUIRE_THROWS_AS(file.root(), h5::Error);
  REQUIRE_THROWS_AS(file.flush(), h5::Error);
  REQUIRE_THROWS_AS(ds.read<double>(), h5::Error);
  REQUIRE_THROWS_AS(root.set_attribute("late", 1.0), h5::Error);
  REQUIRE_THROWS_AS(root.has("x"), h5::Error);
  CHECK(h5::File::open_read(path.str()).root().open_dataset("x").read<double>() ==
        std::vector<double>{1, 2});
}

TEST_CASE("h5 open_rw adds to an existing file and open_read refuses writes", "[h5]") {
  TempPath path("rw");
  write_sample(path.str());
  {
    h5::File file = h5::File::open_rw(path.str());
    h5::Group out = file.root().open_group("outcomes");
    h5::Dataset y = out.create_dataset<float>("y", {2, 3});
    y.write(std::vector<float>{1, 2, 3, 4, 5, 6});
    y.attach_dimensions({"scenario", "policy"});
    file.close();
  }
  h5::File file = h5::File::open_read(path.str());
  h5::Group out = file.root().open_group("outcomes");
  CHECK(out.children() == std::vector<std::string>{"scenario", "policy", "x", "y"});
  CHECK(out.open_dataset("y").read<double>() == std::vector<double>{1, 2, 3, 4, 5, 6});
  REQUIRE_THROWS_AS(out.create_group("new"), h5::Error);
  REQUIRE_THROWS_AS(file.root().set_attribute("new", 1.0), h5::Error);
}

TEST_CASE("h5 the same content gives a byte-identical file", "[h5]") {
  TempPath a("same_a");
  TempPath b("same_b");
  write_sample(a.str());
  write_sample(b.str());
  const std::string bytes = slurp(a.str());
  CHECK_FALSE(bytes.empty());
  CHECK(bytes == slurp(b.str()));
}

TEST_CASE("h5 Handle is move-only and closes its identifier once", "[h5]") {
  STATIC_REQUIRE_FALSE(std::is_copy_constructible_v<h5::Handle>);
  STATIC_REQUIRE(std::is_nothrow_move_constructible_v<h5::Handle>);
  STATIC_REQUIRE_FALSE(std::is_copy_constructible_v<h5::Group>);
  h5::Handle space(H5Screate(H5S_SCALAR));
  const hid_t id = space.get();
  REQUIRE(H5Iis_valid(id) > 0);
  h5::Handle moved(std::move(space));
  CHECK_FALSE(space.valid());  // the moved-from state is specified: empty
  CHECK(moved.get() == id);
  moved = h5::Handle(H5Screate(H5S_SCALAR));
  CHECK(H5Iis_valid(id) <= 0);
  moved.close("closing a dataspace");
  CHECK_FALSE(moved.valid());
}
