// sim::fold_name and the registry's entity names: a name matches in any case, with or without
// accents, by any of its aliases, and an unknown one is answered with entity names only.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "sim/study/name_folding.hpp"
#include "sim/study/parameters.hpp"
#include "unit/engine_fakes.hpp"

using Catch::Contains;

TEST_CASE("Folding ignores case, Latin accents, separators and apostrophes", "[names]") {
  CHECK(sim::fold_name("Türkiye") == "turkiye");
  CHECK(sim::fold_name("TURKIYE") == "turkiye");
  CHECK(sim::fold_name("Côte d’Ivoire") == "cote divoire");
  CHECK(sim::fold_name("Côte d'Ivoire") == "cote divoire");
  CHECK(sim::fold_name("Guinea-Bissau") == "guinea bissau");
  CHECK(sim::fold_name("guinea_bissau") == "guinea bissau");
  CHECK(sim::fold_name("  State   of Palestine ") == "state of palestine");
  CHECK(sim::fold_name("Şırnak Ğ Łódź") == "sirnak g lodz");  // Latin Extended-A
  CHECK(sim::fold_name("São Tomé") == "sao tome");
  CHECK(sim::fold_name("D.R. Congo") == "dr congo");
  // Characters of other scripts, and the signs among the Latin letters, are kept as written.
  CHECK(sim::fold_name("Ελλάδα") == "Ελλάδα");
  CHECK(sim::fold_name("a×b") == "a×b");
  CHECK(sim::fold_name("") == "");
}

TEST_CASE("Whole words, not parts of words", "[names]") {
  CHECK(sim::contains_words("Democratic Republic of the Congo", "congo"));
  CHECK(sim::contains_words("Democratic Republic of the Congo", "Republic of the"));
  CHECK(sim::contains_words("Guinea-Bissau", "guinea"));
  CHECK_FALSE(sim::contains_words("Nigeria", "Niger"));
  CHECK_FALSE(sim::contains_words("Sudan", ""));
}

namespace {

sim::ParameterRegistry registry_with_aliases() {
  sim::ParameterRegistry r;
  r.set_entities("states",
                 {"Turkey", "State of Palestine", "Niger", "Nigeria", "Sudan", "South Sudan"},
                 {"TUR", "PSE", "NER", "NGA", "SDN", "SSD"});
  r.add_entity_alias("Turkey", "Türkiye");
  r.add_entity_alias("State of Palestine", "Palestine");
  r.add_entity_alias("State of Palestine", "West Bank and Gaza");
  r.describe_entities("item", "the list is elsewhere");
  sim::ParameterSpec ldc;
  ldc.name = "ldc";
  ldc.type = sim::ParamType::kBoolean;
  ldc.default_value = false;
  r.add_entity_field(ldc, {false, false, true, false, true, false});
  return r;
}

}  // namespace

TEST_CASE("Entities are found by name, code or alias, in any case and accent", "[names]") {
  const auto r = registry_with_aliases();
  for (const char* name : {"Turkey", "turkey", "TUR", "tur", "Türkiye", "Turkiye", "TÜRKIYE"}) {
    INFO(name);
    CHECK(r.entity(name) == "Turkey");
    CHECK(r.canonical(std::string("states.") + name + ".ldc") == "states.Turkey.ldc");
  }
  for (const char* name : {"Palestine", "palestine", "state of palestine", "State_of_Palestine",
                           "PSE", "west bank and gaza"}) {
    INFO(name);
    CHECK(r.entity(name) == "State of Palestine");
  }
  CHECK(r.entity("Niger") == "Niger");
  CHECK(r.entity("Nigeria") == "Nigeria");
  CHECK(r.entity("Palestin").empty());
  CHECK(r.canonical("states.Turkey.LDC").empty());  // fields keep their exact names
}

TEST_CASE("An alias of two entities is a programming error", "[names]") {
  auto r = registry_with_aliases();
  CHECK_THROWS_AS(r.add_entity_alias("Sudan", "south sudan"), std::logic_error);
  CHECK_THROWS_AS(r.add_entity_alias("Sudan", "tur"), std::logic_error);
  CHECK_NOTHROW(r.add_entity_alias("Turkey", "TURKEY"));  // the same entity again: harmless
}

TEST_CASE("An unknown entity is answered with entity names only", "[names]") {
  const auto r = registry_with_aliases();
  CHECK(r.suggest("states.Turky.ldc") == "states.Turkey.ldc");
  CHECK(r.suggest("states.Türkye.ldc") == "states.Türkiye.ldc");
  CHECK(r.suggest("states.Palestina.ldc") == "states.Palestine.ldc");
  // No edit is close, but one entity alone has the word: "Gaza".
  CHECK(r.suggest("states.Gaza.ldc") == "states.State of Palestine.ldc");
  CHECK(r.suggest("states.Atlantis.ldc").empty());
  CHECK_THAT(r.unknown_entity("states.Turky.ldc"),
             Contains("unknown item 'Turky'") && Contains("did you mean 'states.Turkey.ldc'?") &&
                 Contains("; the list is elsewhere"));
  CHECK(r.unknown_entity("states.TUR.ldc").empty());  // known: not this message
  CHECK(r.unknown_entity("donors.trend").empty());    // no entity key at all
}

TEST_CASE("A scenario file names an entity by any alias, but only once", "[names][scenario_file]") {
  const auto s =
      fake::parse("[states.ago]\nldc = false\n[states.\"CHAD\"]\narea_km2 = 3\n", "f.toml");
  CHECK_FALSE(s.design.base.boolean("states.Angola.ldc"));
  CHECK(s.design.base.real("states.Chad.area_km2") == 3.0);
  // toml++ reads a table's keys in sorted order: "AGO" comes before "Angola".
  CHECK_THAT(
      fake::input_error_of("[states.Angola]\nldc = false\n[states.AGO]\nldc = true\n", "f.toml"),
      Contains("f.toml:2: key 'states.Angola.ldc'") &&
          Contains("the same parameter as 'states.AGO.ldc' on line 4") && Contains("set it once"));
  CHECK_THAT(fake::input_error_of("[states.Angol]\nldc = false\n", "f.toml"),
             Contains("f.toml:2: key 'states.Angol.ldc'") && Contains("unknown entity 'Angol'") &&
                 Contains("did you mean 'states.Angola.ldc'?"));
}
