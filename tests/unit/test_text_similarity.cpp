// sim::edit_distance and sim::closest_name: "did you mean ...?" for typos.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/engine/text_similarity.hpp"

using sim::closest_name;
using sim::edit_distance;

TEST_CASE("Edit distances of textbook pairs", "[text_similarity]") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("flaw", "lawn") == 2);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("same", "same") == 0);
  CHECK(edit_distance("ab", "ba") == 2);  // a transposition is two edits here
  CHECK(edit_distance("replications", "replicatons") == 1);
  CHECK(edit_distance("sunday", "saturday") == edit_distance("saturday", "sunday"));
}

TEST_CASE("The closest name is suggested for a typo", "[text_similarity]") {
  const std::vector<std::string> keys = {"name", "title", "description", "replications",
                                         "seed", "start", "horizon"};
  CHECK(closest_name("replicatons", keys) == "replications");
  CHECK(closest_name("horizn", keys) == "horizon");
  CHECK(closest_name("Seed", keys) == "seed");  // case does not matter
  CHECK(closest_name("HORIZON", keys) == "horizon");
}

TEST_CASE("Dotted names are also matched by their last component", "[text_similarity]") {
  const std::vector<std::string> names = {"donors.envelope_trend", "donors.shock_probability",
                                          "vtf.annual_usd"};
  CHECK(closest_name("envelope_trend", names) == "donors.envelope_trend");
  CHECK(closest_name("donors.envelope_trnd", names) == "donors.envelope_trend");
  CHECK(closest_name("fund.annual_usd", names) == "vtf.annual_usd");  // right leaf, wrong table
  CHECK(closest_name("vtf.anual_usd", names) == "vtf.annual_usd");
}

TEST_CASE("Nothing is suggested when nothing is close", "[text_similarity]") {
  const std::vector<std::string> names = {"donors.envelope_trend", "vtf.annual_usd"};
  CHECK(closest_name("completely_unrelated_words", names).empty());
  CHECK(closest_name("anything", {}).empty());
  // The tolerance grows with the length of the word: a third of it, at least 2.
  CHECK(closest_name("abcdefghi", {"abcdefxyz"}) == "abcdefxyz");  // 3 edits in 9 letters
  CHECK(closest_name("abcdefghi", {"abcdewxyz"}).empty());         // 4 edits in 9 letters
}

TEST_CASE("Ties go to the first candidate", "[text_similarity]") {
  CHECK(closest_name("cat", {"bat", "hat"}) == "bat");
  CHECK(closest_name("cat", {"hat", "bat"}) == "hat");
}
