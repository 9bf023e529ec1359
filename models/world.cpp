#include "models/world.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "models/events.hpp"
#include "models/extensions.hpp"
#include "models/streams.hpp"
#include "sim/engine/random.hpp"

namespace vtf {

double triangular_area(double low, double best, double high, double log_ratio, double u) {
  if (!(high > low)) return best;
  const bool log_scale = low > 0 && high / low > log_ratio;
  const double a = log_scale ? std::log(low) : low;
  const double c = log_scale ? std::log(best) : best;
  const double b = log_scale ? std::log(high) : high;
  const double fc = (c - a) / (b - a);
  const double x =
      u < fc ? a + std::sqrt(u * (b - a) * (c - a)) : b - std::sqrt((1 - u) * (b - a) * (b - c));
  return log_scale ? std::exp(x) : x;
}

StartDeadline deadline_at_start(const ScenarioSetup& s, const StateData& sd, std::size_t i,
                                double area_km2, bool mostly_sha, double u_decision) {
  const auto& p = s.params;
  const auto& st = p.states[i];
  const sim::Date msp_before = p.calendar.msp.in_year(s.first_year - 1);
  const sim::Date msp_first = p.calendar.msp.in_year(s.first_year);
  StartDeadline out{sd.deadline, false};
  int asked = 0;
  if (sd.pending_request) {
    asked = std::max(1, sd.pending_request->year() - sd.deadline.year());
  } else if (out.deadline > msp_before && out.deadline < msp_first) {
    const double years_left = projected_years(area_km2, st.release_km2_per_year);
    if (!st.access || needs_extension(p.extensions, msp_before, years_left, out.deadline)) {
      asked = requested_years(p.extensions, years_left, mostly_sha, !st.access);
    }
  } else if (out.deadline <= msp_before) {
    out.disengaged = true;  // expired years ago without a request: in breach from the start
  }
  if (asked > 0) {
    const Decision decision = decide_request(p.extensions, asked, u_decision);
    if (decision.granted)
      out.deadline = extended_deadline(out.deadline, msp_before, decision.years);
  }
  return out;
}

namespace {

using sim::RandomStream;

// Box-Muller on two 32-bit uniforms: the (cos, sin) pair of standard normals.
inline std::pair<double, double> normal_pair(std::uint32_t a, std::uint32_t b) {
  const double r = std::sqrt(-2.0 * std::log(sim::u01_32(a)));
  const double t = 2.0 * std::numbers::pi * sim::u01_32(b);
  return {r * std::cos(t), r * std::sin(t)};
}

void draw_security(const ScenarioSetup& s, std::uint64_t seed, std::uint32_t rep, std::size_t i,
                   World& w) {
  const auto& p = s.params;
  const auto level = static_cast<std::size_t>(p.states[i].insecurity);
  const double onset = p.security.onset[level];
  const double recovery = p.security.recovery[level];
  const auto fraction = static_cast<float>(p.security.capacity_fraction[level]);
  bool disrupted = level >= 2;
  for (int y = 0; y < s.years; ++y) {
    const RandomStream security(seed, rep, static_cast<std::uint32_t>(i), id(Process::kSecurity),
                                static_cast<std::uint32_t>(s.first_year + y));
    const auto blocks = security.blocks4(0);  // draws 0-2 are the year's twelve months
    for (std::uint32_t b = 0; b < 3; ++b) {
      const auto& u = blocks[b];
      for (std::uint32_t j = 0; j < 4; ++j) {
        const auto m = static_cast<std::size_t>(12 * y) + 4 * b + j;
        // The regime at the start holds in the first month; later months switch by the chain.
        if (m > 0) {
          disrupted = disrupted ? !(sim::u01_32(u[j]) < recovery) : sim::u01_32(u[j]) < onset;
        }
        w.disrupted[w.sm(i, m)] = disrupted ? 1 : 0;
        w.capacity_fraction[w.sm(i, m)] = disrupted ? fraction : 1.0f;
      }
    }
  }
}

void draw_productivity(const ScenarioSetup& s, std::uint64_t seed, std::uint32_t rep, std::size_t i,
                       World& w) {
  const double sigma = s.params.operations.productivity_volatility;
  for (int y = 0; y < s.years; ++y) {
    const RandomStream productivity(seed, rep, static_cast<std::uint32_t>(i),
                                    id(Process::kProductivity),
                                    static_cast<std::uint32_t>(s.first_year + y));
    const auto blocks = productivity.blocks4(0);  // draws 0-2 are the year's twelve months
    for (std::uint32_t b = 0; b < 3; ++b) {  // four normals per block, both Box-Muller branches
      const auto& u = blocks[b];
      const auto [z0, z1] = normal_pair(u[0], u[1]);
      const auto [z2, z3] = normal_pair(u[2], u[3]);
      const double z[4] = {z0, z1, z2, z3};
      for (std::uint32_t j = 0; j < 4; ++j) {
        const auto m = static_cast<std::size_t>(12 * y) + 4 * b + j;
        w.productivity[w.sm(i, m)] = static_cast<float>(std::exp(sigma * z[j]));
      }
    }
  }
}

// `all` false: only the fund's application and performance draws (WorldDraws::kForSummaries).
void draw_yearly(const ScenarioSetup& s, std::uint64_t seed, std::uint32_t rep, std::size_t i,
                 World& w, bool all) {
  const auto& p = s.params;
  const auto& d = p.donors;
  const auto entity = static_cast<std::uint32_t>(i);
  double u = 0;  // AR(1) allocation noise, 0 in the first year
  for (std::size_t y = 0; y < static_cast<std::size_t>(s.years); ++y) {
    const auto period = static_cast<std::uint32_t>(s.first_year) + static_cast<std::uint32_t>(y);
    const auto stream = [&](Process pr) { return RandomStream(seed, rep, entity, id(pr), period); };
    if (!all) {
      w.u_apply[w.sy(i, y)] = stream(Process::kVtfApplication).uniform(0);
      w.u_performance[w.sy(i, y)] = stream(Process::kProjectPerformance).uniform(0);
      continue;
    }
    // Draw 0 of each process of the State-year, four processes at a time.
    const auto first = RandomStream::block_of_each(
        {stream(Process::kVtfApplication), stream(Process::kProjectPerformance),
         stream(Process::kAllocationNoise), stream(Process::kNationalBudget)},
        0);
    const auto second = RandomStream::block_of_each(
        {stream(Process::kNationalCut), stream(Process::kArticle7Report),
         stream(Process::kExtensionDecision), stream(Process::kBreachRequest)},
        0);
    w.u_apply[w.sy(i, y)] = RandomStream::uniform_of(first[0]);
    w.u_performance[w.sy(i, y)] = RandomStream::uniform_of(first[1]);
    if (y > 0) {
      u = d.allocation_persistence * u +
          d.allocation_volatility * RandomStream::normal_of(first[2]);
    }
    w.share_noise[w.sy(i, y)] = std::exp(u);
    const double sn = p.national.volatility;
    const double zn = RandomStream::normal_of(first[3]);
    const double cut = RandomStream::uniform_of(second[0]) < p.national.priority_cut_probability
                           ? p.national.priority_cut_factor
                           : 1.0;
    w.national_multiplier[w.sy(i, y)] = std::exp(sn * zn - 0.5 * sn * sn) * cut;
    w.u_article7[w.sy(i, y)] = RandomStream::uniform_of(second[1]);
    w.u_decision[w.sy(i, y)] = RandomStream::uniform_of(second[2]);
    w.u_breach_request[w.sy(i, y)] = RandomStream::uniform_of(second[3]);
    w.u_lottery[w.sy(i, y)] = stream(Process::kVtfLottery).uniform(0);
  }
}

// Sizes the world's buffers for the scenario and clears what each replication refills.
void size_world(const ScenarioSetup& s, World& w) {
  const auto& p = s.params;
  const std::size_t n = p.states.size();
  const auto years = static_cast<std::size_t>(s.years);
  w.years = s.years;
  w.months = s.months;
  w.states = static_cast<int>(n);
  w.slots = p.contributors.count;
  w.disrupted.resize(n * static_cast<std::size_t>(s.months));
  w.productivity.resize(n * static_cast<std::size_t>(s.months));
  w.capacity_fraction.resize(n * static_cast<std::size_t>(s.months));
  for (auto* v : {&w.share_noise, &w.national_multiplier, &w.u_article7, &w.u_decision,
                  &w.u_breach_request, &w.u_apply, &w.u_lottery, &w.u_performance}) {
    v->resize(n * years);
  }
  w.envelope_usd.resize(years);
  w.envelope_shock.assign(years, 0);
  w.ground.resize(n);
  w.area0_km2.resize(n);
  w.deadline.resize(n);
  w.completed.assign(n, 0);
  w.disengaged.assign(n, 0);
  w.operable.assign(n, 0);
  w.completion_year.assign(n, NAN);
  w.finds.clear();
  w.fixed_events.clear();
}

// Donors: the envelope path (5.1). Shocks are indexed by the year whose envelope they cut.
void draw_envelope(const ScenarioSetup& s, std::uint64_t seed, std::uint32_t rep, World& w) {
  const auto years = static_cast<std::size_t>(s.years);
  const auto& d = s.params.donors;
  w.envelope_usd[0] = s.envelope_2026_usd;
  for (std::size_t y = 1; y < years; ++y) {
    const auto year = static_cast<std::uint32_t>(s.first_year) + static_cast<std::uint32_t>(y);
    const double z = RandomStream(seed, rep, 0, id(Process::kDonorEnvelope), year - 1).normal(0);
    const bool forced = std::find(d.forced_shock_years.begin(), d.forced_shock_years.end(), year) !=
                        d.forced_shock_years.end();
    const bool shock =
        forced ||
        RandomStream(seed, rep, 0, id(Process::kDonorShock), year).uniform(0) < d.shock_probability;
    w.envelope_shock[y] = shock ? 1 : 0;
    const double jump = shock ? std::log1p(-d.shock_size) : 0.0;
    w.envelope_usd[y] =
        w.envelope_usd[y - 1] * std::exp(d.envelope_trend + d.envelope_volatility * z + jump);
  }
}

// Initial area (3.1) and its survey state; returns whether the State has completed before the
// start.
bool start_ground(const ScenarioSetup& s, const std::vector<StateData>& data, std::uint64_t seed,
                  std::uint32_t rep, std::size_t i, World& w) {
  const auto& p = s.params;
  const auto& st = p.states[i];
  const auto entity = static_cast<std::uint32_t>(i);
  const auto start_period = static_cast<std::uint32_t>(s.first_year - 1);
  const double u_area =
      RandomStream(seed, rep, entity, id(Process::kInitialArea), start_period).uniform(0);
  double area = st.area_best_km2;
  if (p.area.initial_uncertainty && st.area_best_km2 > 0) {
    area = triangular_area(st.area_low_km2, st.area_best_km2, st.area_high_km2,
                           p.area.log_scale_ratio, u_area);
  }
  Ground& g = w.ground[i];
  const std::int64_t total = dm2(area);
  g.cha = dm2(area * st.confirmed_share);
  g.sha = total - g.cha;
  g.set_reference(area);
  const double clear = s.calibration[i].clear_usd_per_km2 * p.operations.cost_multiplier;
  g.set_costs(clear, clear * p.operations.survey_cost_ratio);

  w.area0_km2[i] = area;
  const bool done = st.access && total < s.ops.threshold_dm2;
  if (done) {
    g.sha = g.cha = 0;
    w.completed[i] = 1;
    w.completion_year[i] = data[i].completed_year ? *data[i].completed_year : s.first_year - 1;
  }
  w.operable[i] = st.access && !done ? 1 : 0;
  return done;
}

// Discovery (5.4): finds of the active process apply while the State is active, residual finds
// once it has completed; both are drawn, so every policy sees the same finds.
void draw_finds(const ScenarioSetup& s, std::uint64_t seed, std::uint32_t rep, std::size_t i,
                World& w) {
  const auto& p = s.params;
  const auto& st = p.states[i];
  const auto entity = static_cast<std::uint32_t>(i);
  const auto years = static_cast<std::size_t>(s.years);
  const double area = w.area0_km2[i];
  if (st.access) {
    const auto& dp = p.discovery;
    const double spread = std::exp(0.5 * dp.size_log_sd * dp.size_log_sd);
    double rate = dp.rate_per_year;
    if (st.new_finds_km2_per_year > 0 && area > 0 && dp.size_median_share > 0) {
      rate = st.new_finds_km2_per_year / (dp.size_median_share * area * spread);
    }
    const double residual_reference = area > 0 ? area : st.area_high_km2;
    const sim::PoissonMean active_mean(rate), residual_mean(dp.residual_rate_per_year);
    for (std::size_t y = 0; y < years; ++y) {
      const int year = s.first_year + static_cast<int>(y);
      const sim::Date year_start = s.month_starts[12 * y];
      const double days_in_year = sim::days_between(year_start, s.year_ends[y]) + 1;
      for (const bool residual : {false, true}) {
        const RandomStream stream(seed, rep, entity,
                                  id(residual ? Process::kResidualDiscovery : Process::kDiscovery),
                                  static_cast<std::uint32_t>(year));
        const std::uint32_t count = stream.poisson(residual ? residual_mean : active_mean, 0);
        const double reference = residual ? residual_reference : area;
        for (std::uint32_t k = 1; k <= count; ++k) {
          const auto b = stream.block(k);
          const auto day = static_cast<std::int32_t>(sim::u01_32(b[0]) * days_in_year);
          const double z = normal_pair(b[1], b[2]).first;
          const double size = dp.size_median_share * reference * std::exp(dp.size_log_sd * z);
          const std::int64_t size_dm2 = dm2(size);
          if (size_dm2 <= 0) continue;
          w.fixed_events.push_back(sim::Event{
              year_start.plus_days(day), rank_of(EventKind::kDiscovery),
              code(EventKind::kDiscovery), entity, static_cast<std::uint32_t>(w.finds.size()), 0});
          w.finds.push_back(Find{entity, size_dm2, residual});
        }
      }
    }
  }
}

// The deadline in force at the start for State i, from its drawn area and survey state.
sim::Date starting_deadline(const ScenarioSetup& s, const StateData& sd, std::uint64_t seed,
                            std::uint32_t rep, std::size_t i, bool done, World& w) {
  const auto entity = static_cast<std::uint32_t>(i);
  const auto start_period = static_cast<std::uint32_t>(s.first_year - 1);
  const Ground& g = w.ground[i];
  const std::int64_t total = g.sha + g.cha;
  const double u_decision =
      RandomStream(seed, rep, entity, id(Process::kExtensionDecision), start_period).uniform(0);
  if (done) return sd.deadline;
  const StartDeadline d =
      deadline_at_start(s, sd, i, w.area0_km2[i], g.sha * 2 > total, u_decision);
  if (d.disengaged) w.disengaged[i] = 1;
  return d.deadline;
}

// A Pareto(alpha) weight with x_m = 1, by inversion of uniform u.
double pareto_weight(double u, double alpha) { return std::pow(u, -1.0 / alpha); }

// A newcomer's share of the target (5.6.1, v1.2): one of a fresh set of `count` Pareto weights
// normalised to sum to 1, taken at random, so its mean is a founder's (1/count) and it never
// exceeds the target (v1.1's unnormalised weight let 3% of newcomers pledge more than the whole
// target). Draws 0..count-1 are the weights, draw `count` picks one.
double newcomer_share(const RandomStream& stream, std::size_t count, double alpha) {
  double total = 0, picked = 0;
  const auto pick = std::min(
      count - 1, static_cast<std::size_t>(stream.uniform(static_cast<std::uint32_t>(count)) *
                                          static_cast<double>(count)));
  for (std::size_t j = 0; j < count; ++j) {
    const double x = pareto_weight(stream.uniform(static_cast<std::uint32_t>(j)), alpha);
    total += x;
    if (j == pick) picked = x;
  }
  return picked / total;
}

// Contributors to the fund (5.6.1).
// `all` false: the founders' shares, exits and payments only (WorldDraws::kForSummaries).
void draw_contributors(const ScenarioSetup& s, std::uint64_t seed, std::uint32_t rep, World& w,
                       bool all) {
  const auto& p = s.params;
  const auto years = static_cast<std::size_t>(s.years);
  const auto slots = static_cast<std::size_t>(w.slots);
  const bool same_contributors = w.contributors_key.reuse_whole(
      all, seed, rep,
      {static_cast<double>(s.first_year), static_cast<double>(s.years), static_cast<double>(slots),
       p.contributors.pareto_alpha, p.contributors.exit_probability,
       p.contributors.replace_probability});
  for (auto* v : {&w.u_exit, &w.u_replace, &w.newcomer_weight, &w.u_pay, &w.u_pay_date})
    v->resize(slots * years);
  w.initial_weight.resize(slots);
  if (same_contributors) return;
  const double alpha = p.contributors.pareto_alpha;
  const auto share_stream = [&](std::size_t k, int period) {
    return RandomStream(seed, rep, static_cast<std::uint32_t>(k), id(Process::kContributorShare),
                        static_cast<std::uint32_t>(period));
  };
  double founders = 0;
  for (std::size_t k = 0; k < slots; ++k) {
    w.initial_weight[k] = pareto_weight(share_stream(k, s.first_year - 1).uniform(0), alpha);
    founders += w.initial_weight[k];
  }
  // The founders share the target: their weights are normalised to sum to 1 (5.6.1).
  for (std::size_t k = 0; k < slots; ++k)
    w.initial_weight[k] /= founders;
  for (std::size_t k = 0; k < slots; ++k) {
    const auto entity = static_cast<std::uint32_t>(k);
    for (std::size_t y = 0; y < years; ++y) {
      const int year = s.first_year + static_cast<int>(y);
      const auto draw = [&](Process pr) {
        return RandomStream(seed, rep, entity, id(pr), static_cast<std::uint32_t>(year))
            .uniform_pair(0);
      };
      w.u_exit[w.ky(k, y)] = draw(Process::kContributorExit)[0];
      const auto pay = draw(Process::kPledgePayment);
      w.u_pay[w.ky(k, y)] = pay[0];
      w.u_pay_date[w.ky(k, y)] = pay[1];
      if (!all) continue;
      w.u_replace[w.ky(k, y)] = draw(Process::kContributorReplace)[0];
      // A newcomer's share costs `slots` pow calls and is read only where a contributor leaves
      // and is replaced (the contributors' parameters are uncertainties, the same for every
      // policy of the scenario); NaN elsewhere, so a read where none was drawn shows.
      const bool replaced = w.u_exit[w.ky(k, y)] < p.contributors.exit_probability &&
                            w.u_replace[w.ky(k, y)] < p.contributors.replace_probability;
      w.newcomer_weight[w.ky(k, y)] =
          replaced ? newcomer_share(share_stream(k, year), slots, alpha) : static_cast<double>(NAN);
    }
  }
}

// The fixed calendar: the Convention's cycle and month starts, merged with the finds.
void merge_fixed_calendar(const ScenarioSetup& s, World& w) {
  const std::size_t finds = w.fixed_events.size();
  w.fixed_events.insert(w.fixed_events.end(), s.annual_events.begin(), s.annual_events.end());
  std::sort(w.fixed_events.begin(), w.fixed_events.begin() + static_cast<std::ptrdiff_t>(finds));
  std::inplace_merge(w.fixed_events.begin(),
                     w.fixed_events.begin() + static_cast<std::ptrdiff_t>(finds),
                     w.fixed_events.end());
  for (std::size_t e = 0; e < w.fixed_events.size(); ++e)
    w.fixed_events[e].sequence = static_cast<std::uint32_t>(e);
}

}  // namespace

void generate_world(const ScenarioSetup& s, const std::vector<StateData>& data,
                    std::uint64_t replication, World& w, WorldDraws draws) {
  const auto& p = s.params;
  const std::uint64_t seed = p.seed;
  const auto rep = static_cast<std::uint32_t>(replication);
  const std::size_t n = p.states.size();
  size_world(s, w);
  draw_envelope(s, seed, rep, w);
  const auto& d = p.donors;
  std::vector<double> security_parameters = {static_cast<double>(s.first_year),
                                             static_cast<double>(s.years)};
  for (std::size_t level = 0; level < 3; ++level) {
    security_parameters.insert(
        security_parameters.end(),
        {p.security.onset[level], p.security.recovery[level], p.security.capacity_fraction[level]});
  }
  for (const auto& st : p.states)
    security_parameters.push_back(st.insecurity);
  const bool same_security = w.security_key.reuse(seed, rep, security_parameters);
  const bool all = draws == WorldDraws::kAll;
  // Left out, the productivity keeps what its key says it holds (reuse is not asked).
  const bool same_productivity =
      !all ||
      w.productivity_key.reuse(seed, rep,
                               {static_cast<double>(s.first_year), static_cast<double>(s.years),
                                static_cast<double>(n), p.operations.productivity_volatility});
  const bool same_yearly = w.yearly_key.reuse_whole(
      all, seed, rep,
      {static_cast<double>(s.first_year), static_cast<double>(s.years), static_cast<double>(n),
       d.allocation_persistence, d.allocation_volatility, p.national.volatility,
       p.national.priority_cut_probability, p.national.priority_cut_factor});

  for (std::size_t i = 0; i < n; ++i) {
    if (!same_security) draw_security(s, seed, rep, i, w);
    if (!same_productivity) draw_productivity(s, seed, rep, i, w);
    if (!same_yearly) draw_yearly(s, seed, rep, i, w, all);
    const bool done = start_ground(s, data, seed, rep, i, w);
    draw_finds(s, seed, rep, i, w);
    w.deadline[i] = starting_deadline(s, data[i], seed, rep, i, done, w);
  }
  draw_contributors(s, seed, rep, w, all);
  if (all) merge_fixed_calendar(s, w);
}

}  // namespace vtf
