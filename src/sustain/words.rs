//! The sustainment account in plain words, as the command line, the report and the Python
//! package say it.

use super::{Account, Binds};
use crate::standard::words::{fixed, grouped, short, usd};

/// What each reason commits, in words.
fn pool_words(a: &Account) -> String {
    let dwell = dwell_words(a);
    format!(
        "rotation alone commits {} ({dwell}); airframe hours alone {} (no airframe above its \
         type's yearly programme); aircrew alone {} (the crews the sorties and alerts need, at the \
         crew ratio); airframe life alone {} (every hour of the horizon within fatigue lives)",
        grouped(f64::from(a.pool_rotation)),
        grouped(f64::from(a.pool_hours)),
        grouped(f64::from(a.pool_aircrew)),
        grouped(f64::from(a.pool_life)),
    )
}

/// The deploy-to-dwell ratios of the squadrons, in words.
fn dwell_words(a: &Account) -> String {
    let mut ratios: Vec<f64> = a.squadrons.iter().map(|s| s.dwell_ratio).collect();
    ratios.sort_by(f64::total_cmp);
    ratios.dedup();
    match ratios.as_slice() {
        [d] if *d == 0.0 => "no unit goes home: the aircraft stay deployed".to_string(),
        [d] => format!("each unit {} at home for every month deployed", months(*d)),
        _ => "each unit at home for its own dwell after every tour".to_string(),
    }
}

/// A number of years in words: "1 year", "3 years", "1.5 years".
pub fn years(y: f64) -> String {
    let n = short(y);
    if y == 1.0 {
        "1 year".to_string()
    } else {
        format!("{n} years")
    }
}

/// Years past which a fatigue life is said as "over 100": an airframe that flies so little
/// outlives any programme, and "20,259" would read as a figure to plan by.
const LIFE_SAID_UP_TO_YEARS: f64 = 100.0;

/// A fatigue life at the rate flown, in years, as the tables say it: one decimal, "over 100"
/// beyond a century, "—" where nothing is flown.
pub fn life_years(y: Option<f64>) -> String {
    match y {
        None => "—".into(),
        Some(y) if y > LIFE_SAID_UP_TO_YEARS => format!("over {}", short(LIFE_SAID_UP_TO_YEARS)),
        Some(y) => fixed(y, 1),
    }
}

fn months(d: f64) -> String {
    let n = short(d);
    if d == 1.0 {
        "1 month".to_string()
    } else {
        format!("{n} months")
    }
}

/// What binds first, in one sentence.
pub fn binds_sentence(a: &Account) -> String {
    let span = years(a.horizon_years);
    let why = match a.binds {
        Binds::Rotation => "units must go home to recover, and the squadrons at home are the \
                            force too"
            .to_string(),
        Binds::AirframeHours => format!(
            "the mission flies {} flight hours a year, more than the deployed airframes may fly \
             in their yearly programmes, so the hours must be spread over more airframes",
            grouped(a.fh_per_year)
        ),
        Binds::Aircrew => "the sorties and alerts need more crews than the aircraft bring at \
                           their crew ratio"
            .to_string(),
        Binds::AirframeLife => format!(
            "over {span} the mission flies more hours than the airframes' fatigue lives hold"
        ),
    };
    format!(
        "What binds first is {}: holding the line for {span} commits {} aircraft, not the \
         {} deployed, because {why}.",
        a.binds.words(),
        grouped(f64::from(a.committed)),
        grouped(f64::from(a.deployed)),
    )
}

/// The account in plain sentences, whole force first.
pub fn lines(a: &Account) -> Vec<String> {
    let mut out = Vec::new();
    if a.squadrons.is_empty() {
        out.push(
            "No squadron's aircraft type has sustainment figures, so there is no account."
                .to_string(),
        );
        return out;
    }
    out.push(binds_sentence(a));
    out.push(format!(
        "For each squadron the largest of these counts: {}.",
        pool_words(a)
    ));
    if a.backup > 0 {
        out.push(format!(
            "On top of that line, {} aircraft are kept beyond it, for training units, test, \
             depot overhaul and attrition reserve (each squadron's backup_share of its line), \
             and are counted in the committed force.",
            grouped(f64::from(a.backup))
        ));
    }
    let over: Vec<String> = a
        .squadrons
        .iter()
        // Over by whole hours: a QRA squadron flying its programme in training and a few
        // scrambles is not said to fly "250 h against 250".
        .filter(|s| s.fh_per_deployed_airframe.round() > s.budget_fh_per_airframe.round())
        .map(|s| {
            format!(
                "{} {} h against {} ({} years of fatigue life)",
                s.squadron,
                grouped(s.fh_per_deployed_airframe),
                grouped(s.budget_fh_per_airframe),
                life_years(s.life_years_deployed)
            )
        })
        .collect();
    out.push(format!(
        "The force flies {} flight hours a year ({}). {}",
        grouped(a.fh_per_year),
        a.basis,
        if over.is_empty() {
            "Every deployed airframe stays within its type's yearly programme.".to_string()
        } else {
            format!(
                "If only the deployed airframes flew it, these would fly more a year than their \
                 type's programme: {}.",
                over.join("; ")
            )
        }
    ));
    // A squadron that never flew: say why its hours and costs are nothing.
    let idle: Vec<String> = a
        .squadrons
        .iter()
        .filter(|s| s.deployed > 0 && s.fh_per_year == 0.0)
        .map(|s| {
            format!(
                "{} {}",
                s.squadron,
                if s.crew_needed > 0.0 {
                    "held its alert on the ground and was never scrambled"
                } else {
                    "was never sent on a sortie"
                }
            )
        })
        .collect();
    if !idle.is_empty() {
        out.push(format!(
            "Flew no hours in the simulated replications: {}. With no training counted \
             (`training_share` 0), a squadron that does not fly shows no flying cost and no \
             airframe hours; rotation and aircrew alone set what it commits.",
            idle.join("; ")
        ));
    }
    out.push(format!(
        "Deployed, the squadrons need {} aircrew at once to fly their sorties and hold their \
         alerts with rest between duties; the committed force holds {} at the crew ratio.",
        grouped(a.crew_needed),
        grouped(a.crew_committed)
    ));
    let y = a.horizon_years;
    out.push(format!(
        "The flying costs {} to {} a year (a flight hour at narrow cost, fuel and maintenance, \
         to full cost, with people and depreciation): {} to {} over {}.",
        usd(a.cost_narrow_usd),
        usd(a.cost_full_usd),
        usd(a.cost_narrow_usd * y),
        usd(a.cost_full_usd * y),
        years(y)
    ));
    if let Some(b) = a.budget_usd {
        out.push(if a.cost_narrow_usd > b {
            format!(
                "Money binds too: even at narrow cost the flying costs more than the budget of {} \
                 a year.",
                usd(b)
            )
        } else if a.cost_full_usd > b {
            format!(
                "The budget of {} a year covers the flying at narrow cost, not at full cost.",
                usd(b)
            )
        } else {
            format!(
                "The budget of {} a year covers the flying even at full cost.",
                usd(b)
            )
        });
    }
    let long: Vec<String> = a
        .squadrons
        .iter()
        .filter(|s| s.over_crew_day)
        .map(|s| format!("{} {} h", s.squadron, fixed(s.sortie_h, 1)))
        .collect();
    if !long.is_empty() {
        out.push(format!(
            "Sorties that with {} h of duty around them are longer than the {} h crew day need \
             augmented crews, more aircrew than counted here: {}.",
            short(a.rules.duty_extra_h),
            short(a.rules.crew_day_h),
            long.join(", ")
        ));
    }
    if !a.left_out.is_empty() {
        out.push(format!(
            "Left out, because their aircraft type has no sustainment figures: {}.",
            a.left_out.join(", ")
        ));
    }
    out
}
