//! The sustainment account: what it takes to hold a posture for years, beside what holds it
//! this month (docs/model.md, sustainment).
//!
//! The simulation (or the closed form) says how many sorties and flight hours each squadron flies
//! a day with the aircraft it has deployed. The account turns that into a year and a horizon:
//!
//! - flight hours a year = flight hours a day × 365.25, plus the training an aircraft flies on
//!   deployment (`training_share` × its type's yearly programme);
//! - the aircraft to commit for each reason, every one a pool that shares the mission's flying:
//!   - **rotation**: `deployed × (1 + dwell)`, units deploying for a tour and recovering for
//!     `dwell` times as long;
//!   - **airframe hours**: `ceil(hours a year ÷ the type's yearly programme)`, so that no airframe
//!     flies more than its programme;
//!   - **aircrew**: enough aircraft to hold, at the type's crew ratio, the crews that the sorties
//!     and alerts need under the duty and rest rules, rotated like the units;
//!   - **airframe life**: `ceil(hours over the horizon ÷ fatigue life)`;
//! - the committed force is the largest pool (the one that sets it *binds*), plus the aircraft
//!   kept beyond the line for training, test, depot and reserve (`backup_share` of it);
//! - annual cost = hours a year × the cost of a flight hour, narrow to full.
//!
//! More aircraft deployed fly about the same hours (the posture sets them), so the smallest force
//! that meets the standard also gives the smallest committed force: sizing against sustainment is
//! sizing the deployed force and then committing its pool.

mod words;

pub use words::{binds_sentence, life_years, lines, years};

use crate::analytic::Estimate;
use crate::montecarlo::RunResult;
use crate::scenario::file::SustainmentSpec;
use crate::scenario::{Scenario, ScenarioError};
use serde::{Deserialize, Serialize};

/// Days in a year, for turning daily figures into yearly ones.
pub const DAYS_PER_YEAR: f64 = 365.25;

/// What sets the committed force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Binds {
    /// Units rotating home to recover (deploy-to-dwell).
    Rotation,
    /// The yearly flying programme of each airframe.
    AirframeHours,
    /// Aircrew under the duty and rest rules, at the crew ratio.
    Aircrew,
    /// Fatigue life over the horizon.
    AirframeLife,
}

impl Binds {
    /// The reason in words.
    pub fn words(self) -> &'static str {
        match self {
            Binds::Rotation => "rotation",
            Binds::AirframeHours => "airframe hours",
            Binds::Aircrew => "aircrew",
            Binds::AirframeLife => "airframe life",
        }
    }
}

/// One squadron's flying, the input of the account.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flying {
    /// Aircraft deployed.
    pub deployed: u32,
    /// Sorties a day.
    pub sorties_per_day: f64,
    /// Flight hours a day.
    pub flight_hours_per_day: f64,
}

/// One squadron's account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SquadronAccount {
    /// Squadron name.
    pub squadron: String,
    /// Aircraft type id.
    pub aircraft: String,
    /// Aircraft deployed: what holds the line this month.
    pub deployed: u32,
    /// Mission flight hours a year (flight hours a day × 365.25).
    pub mission_fh_per_year: f64,
    /// Training flight hours a year flown on deployment.
    pub training_fh_per_year: f64,
    /// All flight hours a year.
    pub fh_per_year: f64,
    /// The type's yearly programme per airframe: the budget.
    pub budget_fh_per_airframe: f64,
    /// Flight hours a year per deployed airframe, if the deployed aircraft flew it all.
    pub fh_per_deployed_airframe: f64,
    /// Flight hours a year per airframe of the committed force.
    pub fh_per_committed_airframe: f64,
    /// Fatigue life of an airframe, flight hours.
    pub fatigue_life_fh: f64,
    /// Years until a deployed airframe's life is gone, if the deployed aircraft flew it all
    /// (`None` when they do not fly).
    pub life_years_deployed: Option<f64>,
    /// Years until a committed airframe's life is gone (`None` when they do not fly).
    pub life_years_committed: Option<f64>,
    /// Deploy-to-dwell ratio 1:D, as D.
    pub dwell_ratio: f64,
    /// Tour length, months.
    pub tour_months: f64,
    /// Tours flown over the horizon, one after the other.
    pub tours: f64,
    /// Mean sortie length, hours (0 when there are none).
    pub sortie_h: f64,
    /// Aircrew the deployed squadron needs at once to fly its sorties and hold its alerts.
    pub crew_needed: f64,
    /// Aircrew the deployed aircraft bring at the crew ratio.
    pub crew_held: f64,
    /// Aircrew of the committed force.
    pub crew_committed: f64,
    /// Flight hours a year per aircrew member of the committed force.
    pub fh_per_crew_member: f64,
    /// Aircraft to commit for rotation.
    pub pool_rotation: u32,
    /// Aircraft to commit for airframe hours.
    pub pool_hours: u32,
    /// Aircraft to commit for aircrew.
    pub pool_aircrew: u32,
    /// Aircraft to commit for airframe life.
    pub pool_life: u32,
    /// Aircraft kept beyond the line (training, test, depot, reserve) as a share of it.
    pub backup_share: f64,
    /// Aircraft kept beyond the line: `ceil(largest pool × backup_share)`.
    pub backup: u32,
    /// The committed force: the largest pool, plus the aircraft beyond the line.
    pub committed: u32,
    /// The pool that sets the line.
    pub binds: Binds,
    /// Cost a year at the narrow cost of a flight hour, US dollars.
    pub cost_narrow_usd: f64,
    /// Cost a year at the full cost of a flight hour, US dollars.
    pub cost_full_usd: f64,
    /// Whether a sortie with the duty around it is longer than the crew day, so that it needs an
    /// augmented crew (more aircrew than the account counts).
    pub over_crew_day: bool,
}

/// The whole force's account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// Where the flying comes from, in words.
    pub basis: String,
    /// The horizon, years.
    pub horizon_years: f64,
    /// The rules assumed: the scenario's `[sustainment]`.
    pub rules: SustainmentSpec,
    /// Per squadron with sustainment figures, in scenario order.
    pub squadrons: Vec<SquadronAccount>,
    /// Squadrons whose type has no sustainment figures, left out.
    pub left_out: Vec<String>,
    /// Aircraft deployed.
    pub deployed: u32,
    /// Aircraft kept beyond the line, all squadrons.
    pub backup: u32,
    /// Committed force: the sum of the squadrons'.
    pub committed: u32,
    /// The committed force if rotation alone set each squadron's.
    pub pool_rotation: u32,
    /// The committed force if airframe hours alone set each squadron's.
    pub pool_hours: u32,
    /// The committed force if aircrew alone set each squadron's.
    pub pool_aircrew: u32,
    /// The committed force if airframe life alone set each squadron's.
    pub pool_life: u32,
    /// What binds the force: the reason whose pool is largest in total.
    pub binds: Binds,
    /// All flight hours a year.
    pub fh_per_year: f64,
    /// Aircrew needed at once, deployed.
    pub crew_needed: f64,
    /// Aircrew of the committed force.
    pub crew_committed: f64,
    /// Cost a year, narrow, US dollars.
    pub cost_narrow_usd: f64,
    /// Cost a year, full, US dollars.
    pub cost_full_usd: f64,
    /// The budget a year, US dollars, if the scenario sets one.
    pub budget_usd: Option<f64>,
}

/// One line of the table of pools: a squadron's (with its account), or the whole force's.
#[derive(Debug, Clone, Copy)]
pub struct PoolLine<'a> {
    /// The squadron's name, or `all`.
    pub name: &'a str,
    /// The squadron's account (`None` on the line of the whole force).
    pub squadron: Option<&'a SquadronAccount>,
    /// Aircraft deployed.
    pub deployed: u32,
    /// The pools: rotation, airframe hours, aircrew, airframe life.
    pub pools: [u32; 4],
    /// The committed force.
    pub committed: u32,
    /// What sets it.
    pub binds: Binds,
}

/// `ceil` of a count that is a whole number up to rounding error.
fn whole(x: f64) -> u32 {
    let r = x.round();
    let v = if (x - r).abs() < 1e-9 { r } else { x.ceil() };
    v.max(0.0) as u32
}

/// The largest of the pools (rotation, airframe hours, aircrew, airframe life) and the reason
/// that sets it; a tie goes to the reason named first.
fn largest(pools: [u32; 4]) -> (u32, Binds) {
    pools
        .into_iter()
        .zip([
            Binds::Rotation,
            Binds::AirframeHours,
            Binds::Aircrew,
            Binds::AirframeLife,
        ])
        .fold(
            (0, Binds::Rotation),
            |best, x| if x.0 > best.0 { x } else { best },
        )
}

/// `scenario` with the horizon (`years`) and the deploy-to-dwell ratio of every squadron
/// (`dwell`, which then overrides each squadron's own) set, as `sustain --years --dwell` does.
/// An error names the scenario path of the value refused.
pub fn with_rules(
    scenario: &Scenario,
    years: Option<f64>,
    dwell: Option<f64>,
) -> Result<Scenario, ScenarioError> {
    let mut s = scenario.clone();
    if let Some(y) = years {
        s = s.with_value("sustainment.horizon_years", y)?;
    }
    if let Some(d) = dwell {
        s = s.with_value("sustainment.dwell_ratio", d)?;
        for q in &mut s.file.squadrons {
            q.dwell_ratio = None;
        }
    }
    Ok(s)
}

impl Account {
    /// The account of `flying` (one entry per squadron of `scenario`), with `basis` saying where
    /// the flying comes from.
    pub fn new(scenario: &Scenario, flying: &[Flying], basis: impl Into<String>) -> Account {
        assert_eq!(
            flying.len(),
            scenario.squadrons.len(),
            "one flying per squadron"
        );
        let rules = &scenario.file.sustainment;
        let horizon = rules.horizon_years;
        // Crews a duty period of `duty_h` a day needs: one duty per `duty + rest` hours, and no
        // more than `duties_per_week` a week.
        let crews_per_daily_duty =
            |duty_h: f64| ((duty_h + rules.rest_h) / 24.0).max(7.0 / rules.duties_per_week);
        let mut squadrons = Vec::new();
        let mut left_out = Vec::new();
        for (i, (sq, f)) in scenario.squadrons.iter().zip(flying).enumerate() {
            let ty = scenario.squadron_type(i);
            let spec = &scenario.file.squadrons[i];
            let Some(s) = &ty.sustainment else {
                left_out.push(sq.name.clone());
                continue;
            };
            let dwell = spec.dwell_ratio.unwrap_or(rules.dwell_ratio);
            let tour = spec.tour_months.unwrap_or(rules.tour_months);
            let deployed = f64::from(f.deployed);
            let mission = f.flight_hours_per_day * DAYS_PER_YEAR;
            let training = spec.training_share.unwrap_or(0.0) * s.fh_per_year * deployed;
            let fh = mission + training;
            let seats = f64::from(s.crew_seats);
            let sortie_h = if f.sorties_per_day > 0.0 {
                f.flight_hours_per_day / f.sorties_per_day
            } else {
                0.0
            };
            let duty = sortie_h + rules.duty_extra_h;
            let on_alert: u32 = scenario
                .qra
                .iter()
                .filter(|q| q.squadron == i)
                .map(|q| q.on_alert)
                .sum();
            let alert_shifts = f64::from(on_alert) * 24.0 / rules.crew_day_h;
            let crew_needed = seats
                * (f.sorties_per_day * crews_per_daily_duty(duty)
                    + alert_shifts * crews_per_daily_duty(rules.crew_day_h));
            // The squadron's own crews where it sets them, else its type's crew ratio.
            let ratio = match (spec.crews, spec.crew_ratio) {
                (Some(n), _) if sq.aircraft_count > 0 => {
                    f64::from(n) / f64::from(sq.aircraft_count)
                }
                (_, Some(r)) => r,
                _ => s.crew_ratio,
            };
            let crew_per_aircraft = ratio * seats;
            let pool_rotation = whole(deployed * (1.0 + dwell));
            let pool_hours = whole(fh / s.fh_per_year);
            let pool_aircrew = whole(crew_needed * (1.0 + dwell) / crew_per_aircraft);
            let pool_life = whole(fh * horizon / s.fatigue_life_fh);
            let (line, binds) = largest([pool_rotation, pool_hours, pool_aircrew, pool_life]);
            let backup_share = spec.backup_share.unwrap_or(0.0);
            let backup = whole(f64::from(line) * backup_share);
            let committed = line + backup;
            let per = |n: u32| if n > 0 { fh / f64::from(n) } else { 0.0 };
            let life = |n: u32| (per(n) > 0.0).then(|| s.fatigue_life_fh / per(n));
            let crew_committed = crew_per_aircraft * f64::from(committed);
            squadrons.push(SquadronAccount {
                squadron: sq.name.clone(),
                aircraft: scenario.types[sq.aircraft].id.clone(),
                deployed: f.deployed,
                mission_fh_per_year: mission,
                training_fh_per_year: training,
                fh_per_year: fh,
                budget_fh_per_airframe: s.fh_per_year,
                fh_per_deployed_airframe: per(f.deployed),
                fh_per_committed_airframe: per(committed),
                fatigue_life_fh: s.fatigue_life_fh,
                life_years_deployed: life(f.deployed),
                life_years_committed: life(committed),
                dwell_ratio: dwell,
                tour_months: tour,
                tours: horizon * 12.0 / tour,
                sortie_h,
                crew_needed,
                crew_held: crew_per_aircraft * deployed,
                crew_committed,
                fh_per_crew_member: if crew_committed > 0.0 {
                    fh * seats / crew_committed
                } else {
                    0.0
                },
                pool_rotation,
                pool_hours,
                pool_aircrew,
                pool_life,
                backup_share,
                backup,
                committed,
                binds,
                cost_narrow_usd: fh * s.cost_per_fh_narrow_usd,
                cost_full_usd: fh * s.cost_per_fh_full_usd,
                over_crew_day: f.sorties_per_day > 0.0 && duty > rules.crew_day_h,
            });
        }
        let sum = |g: fn(&SquadronAccount) -> u32| squadrons.iter().map(g).sum::<u32>();
        let fsum = |g: fn(&SquadronAccount) -> f64| squadrons.iter().map(g).sum::<f64>();
        let (pool_rotation, pool_hours, pool_aircrew, pool_life) = (
            sum(|s| s.pool_rotation),
            sum(|s| s.pool_hours),
            sum(|s| s.pool_aircrew),
            sum(|s| s.pool_life),
        );
        let binds = largest([pool_rotation, pool_hours, pool_aircrew, pool_life]).1;
        Account {
            basis: basis.into(),
            horizon_years: horizon,
            rules: rules.clone(),
            deployed: sum(|s| s.deployed),
            backup: sum(|s| s.backup),
            committed: sum(|s| s.committed),
            pool_rotation,
            pool_hours,
            pool_aircrew,
            pool_life,
            binds,
            fh_per_year: fsum(|s| s.fh_per_year),
            crew_needed: fsum(|s| s.crew_needed),
            crew_committed: fsum(|s| s.crew_committed),
            cost_narrow_usd: fsum(|s| s.cost_narrow_usd),
            cost_full_usd: fsum(|s| s.cost_full_usd),
            budget_usd: rules.annual_budget_usd,
            squadrons,
            left_out,
        }
    }

    /// The table of pools, one line per squadron and a last line for the whole force.
    pub fn pool_lines(&self) -> Vec<PoolLine<'_>> {
        let mut out: Vec<PoolLine<'_>> = self
            .squadrons
            .iter()
            .map(|s| PoolLine {
                name: &s.squadron,
                squadron: Some(s),
                deployed: s.deployed,
                pools: [s.pool_rotation, s.pool_hours, s.pool_aircrew, s.pool_life],
                committed: s.committed,
                binds: s.binds,
            })
            .collect();
        out.push(PoolLine {
            name: "all",
            squadron: None,
            deployed: self.deployed,
            pools: [
                self.pool_rotation,
                self.pool_hours,
                self.pool_aircrew,
                self.pool_life,
            ],
            committed: self.committed,
            binds: self.binds,
        });
        out
    }

    /// The account of a simulated run: each squadron's mean sorties and flight hours a day over
    /// the replications, with the aircraft the scenario gives it deployed.
    pub fn of_run(scenario: &Scenario, result: &RunResult) -> Account {
        Account::of_means(scenario, result.replications(), |name| {
            result.metric(name).map(|m| m.mean)
        })
    }

    /// The account of `replications` simulated replications whose metric means `mean` gives by
    /// name (`sorties_per_day[S]` and `flight_hours_per_day[S]` for each squadron `S`; a metric
    /// it does not know counts as 0).
    pub fn of_means(
        scenario: &Scenario,
        replications: u64,
        mean: impl Fn(&str) -> Option<f64>,
    ) -> Account {
        let mean = |name: String| mean(&name).unwrap_or(0.0);
        let flying: Vec<Flying> = scenario
            .squadrons
            .iter()
            .map(|s| Flying {
                deployed: s.aircraft_count,
                sorties_per_day: mean(format!("sorties_per_day[{}]", s.name)),
                flight_hours_per_day: mean(format!("flight_hours_per_day[{}]", s.name)),
            })
            .collect();
        let days = (scenario.duration_h - scenario.warmup_h) / 24.0;
        let basis = format!(
            "the mean of {} simulated replications of {} days each",
            replications,
            crate::standard::words::fixed(days, 0)
        );
        Account::new(scenario, &flying, basis)
    }

    /// The account of the closed-form estimate: each squadron's planned sorties and flight
    /// hours, with its fleet at confidence deployed (the scenario's count when there is none).
    pub fn of_estimate(scenario: &Scenario, estimate: &Estimate) -> Account {
        let flying: Vec<Flying> = scenario
            .squadrons
            .iter()
            .zip(&estimate.squadrons)
            .map(|(s, e)| Flying {
                deployed: e.fleet_at_confidence.unwrap_or(s.aircraft_count),
                sorties_per_day: e.sorties_per_day,
                flight_hours_per_day: e.flight_hours_per_day,
            })
            .collect();
        Account::new(
            scenario,
            &flying,
            "the closed-form estimate, with each squadron's fleet at confidence deployed",
        )
    }
}

#[cfg(test)]
mod tests;
