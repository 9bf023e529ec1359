// The families of fund policies (questions/policy_families.hpp): sizes compared as sizes only
// within one family, a family named by what it changes.
#include <catch2/catch.hpp>
#include <cmath>

#include "questions/policy_families.hpp"

using vtf::questions::policy_families;
using vtf::questions::PolicyColumn;

TEST_CASE("policy families: a design of sizes only is one family, the default rules") {
  // no_fund, 10M, 2M, 5M: the sizes smallest first whatever the order of the policies.
  const std::vector<double> size{0, 10e6, 2e6, 5e6};
  const std::vector<PolicyColumn> columns{{"vtf_enabled", {"false", "true", "true", "true"}}};
  const std::vector<std::string> set{"vtf.annual_usd, vtf.enabled", "vtf.annual_usd",
                                     "vtf.annual_usd", "vtf.annual_usd"};
  const auto f = policy_families(size, columns, set);
  REQUIRE(f.families.size() == 1);
  CHECK(f.families[0].name == "default rules");
  CHECK(f.families[0].default_rules);
  CHECK(f.families[0].members == std::vector<std::size_t>{2, 3, 1});
  CHECK(f.any_sizes());
  CHECK(f.family_of[0] == vtf::questions::PolicyFamilies::kNone);
  CHECK(f.family_of[1] == 0);
}

TEST_CASE("policy families: rule variants at one size are families of one, named in words") {
  const std::vector<double> size{0, 10e6, 10e6, 10e6};
  const std::vector<PolicyColumn> columns{
      {"vtf_enabled", {"false", "true", "true", "true"}},
      {"vtf_allocation", {"score", "score", "lottery", "score"}},
      {"vtf_start_year", {"2027", "2027", "2027", "2028"}}};
  const std::vector<std::string> set{"vtf.enabled", "vtf.annual_usd",
                                     "vtf.allocation, vtf.annual_usd",
                                     "vtf.annual_usd, vtf.start_year"};
  const auto f = policy_families(size, columns, set);
  REQUIRE(f.families.size() == 3);
  CHECK(f.families[0].name == "default rules");
  CHECK(f.families[1].name == "allocation: lottery");
  CHECK(f.families[2].name == "start year: 2028");
  CHECK_FALSE(f.any_sizes());
  CHECK(f.family_of[3] == 2);
}

TEST_CASE("policy families: a grid of sizes by allocation rules") {
  // Policies 1-2 default rules at 2M and 10M, 3-4 lottery at 10M and 2M, 5 equal_share at 2M.
  const std::vector<double> size{0, 2e6, 10e6, 10e6, 2e6, 2e6};
  const std::vector<PolicyColumn> columns{
      {"vtf_allocation", {"score", "score", "score", "lottery", "lottery", "equal_share"}}};
  const std::vector<std::string> set{"vtf.enabled",
                                     "vtf.annual_usd",
                                     "vtf.annual_usd",
                                     "vtf.allocation, vtf.annual_usd",
                                     "vtf.allocation, vtf.annual_usd",
                                     "vtf.allocation, vtf.annual_usd"};
  const auto f = policy_families(size, columns, set);
  REQUIRE(f.families.size() == 3);
  CHECK(f.families[0].members == std::vector<std::size_t>{1, 2});
  CHECK(f.families[1].name == "allocation: lottery");
  CHECK(f.families[1].members == std::vector<std::size_t>{4, 3});
  CHECK(f.families[1].has_sizes());
  CHECK_FALSE(f.families[2].has_sizes());
}

TEST_CASE("policy families: with no policy of the base rules, none is called the default") {
  const std::vector<double> size{0, 10e6, 10e6};
  const std::vector<PolicyColumn> columns{{"vtf_allocation", {"score", "lottery", "score"}},
                                          {"vtf_start_year", {"2027", "2027", "2028"}}};
  const std::vector<std::string> set{"vtf.enabled", "vtf.allocation, vtf.annual_usd",
                                     "vtf.annual_usd, vtf.start_year"};
  const auto f = policy_families(size, columns, set);
  REQUIRE(f.families.size() == 2);
  CHECK(f.default_family() == nullptr);
  CHECK(f.families[0].name == "allocation: lottery");
  CHECK(f.families[1].name == "start year: 2028");
}

TEST_CASE("policy families: amounts in USD as money, LDC as a word") {
  const std::vector<double> size{0, 10e6, 10e6, 10e6};
  const std::vector<PolicyColumn> columns{
      {"vtf_enabled", {"false", "true", "true", "true"}},
      {"vtf_grant_cap_usd", {"2000000", "2000000", "1000000", "2000000"}},
      {"vtf_eligibility_ldc", {"priority", "priority", "priority", "required"}}};
  const std::vector<std::string> set{"vtf.enabled", "vtf.annual_usd",
                                     "vtf.annual_usd, vtf.grant_cap_usd",
                                     "vtf.annual_usd, vtf.eligibility.ldc"};
  const auto f = policy_families(size, columns, set);
  REQUIRE(f.families.size() == 3);
  CHECK(f.families[1].name == "grant cap: $1.0M");
  CHECK(f.families[2].name == "eligibility LDC: required");
}
