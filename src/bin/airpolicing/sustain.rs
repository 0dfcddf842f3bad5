//! `airpolicing sustain`: what it takes to hold the line for years, and the account that `run`,
//! `estimate` and `size` print beside their answers.

use crate::args::Replications;
use crate::failure::Failure;
use crate::output::print_json;
use crate::table::{Table, f, wrap};
use airpolicing::scenario::Scenario;
use airpolicing::sizing::{ForceSizing, SquadronSizing};
use airpolicing::standard::words::{grouped, short, usd};
use airpolicing::sustain::{Account, life_years, lines, with_rules, years};

#[derive(clap::Args)]
pub(crate) struct SustainArgs {
    /// A scenario file, or the name of a bundled scenario.
    scenario: String,
    /// Years the line must be held (default: the scenario's `[sustainment] horizon_years`).
    #[arg(long, allow_negative_numbers = true)]
    years: Option<f64>,
    /// Deploy-to-dwell ratio 1:D, as D, for every squadron (default: the scenario's).
    #[arg(long, allow_negative_numbers = true)]
    dwell: Option<f64>,
    /// Take the flying from the closed-form estimate instead of simulating it.
    #[arg(long)]
    closed_form: bool,
    #[command(flatten)]
    reps: Replications,
    /// Print one JSON document on stdout instead of tables.
    #[arg(long)]
    json: bool,
    /// Every column of the tables (wider than 100 characters).
    #[arg(long)]
    wide: bool,
}

/// The account of the scenario's force over the horizon.
pub(crate) fn execute(a: SustainArgs) -> Result<(), Failure> {
    let mut s = Scenario::load(&a.scenario)?;
    for w in &s.warnings {
        eprintln!("{w}");
    }
    for (flag, years, dwell) in [("--years", a.years, None), ("--dwell", None, a.dwell)] {
        if let Some(v) = years.or(dwell) {
            s = with_rules(&s, years, dwell)
                .map_err(|e| Failure::Input(format!("{flag} {v}: {}", e.to_string().trim_end())))?;
        }
    }
    let account = if a.closed_form {
        Account::of_estimate(&s, &airpolicing::analytic::estimate(&s))
    } else {
        let options = a.reps.options(None);
        airpolicing::montecarlo::check_limits(&s, options.reps.end - options.reps.start)
            .map_err(|e| Failure::Input(e.to_string()))?;
        let bar = crate::progress::Bar::steps(options.reps.end, "replications");
        let r = airpolicing::montecarlo::run_with_progress(&s, &options, &|n| bar.set(n))
            .map_err(|e| Failure::Input(e.to_string()))?;
        bar.finish();
        Account::of_run(&s, &r)
    };
    if a.json {
        print_json(&serde_json::json!({
            "scenario": s.file.scenario.name,
            "origin": s.origin,
            "sustainment": account,
        }))
    } else {
        let head = format!(
            "Sustaining `{}` ({}) for {}: the force to commit, not only the aircraft on the ramp.\n",
            s.file.scenario.name,
            s.origin,
            years(account.horizon_years)
        );
        crate::output::out(&format!(
            "{}\n{}",
            wrap(&head, 100, ""),
            section(&account, a.wide)
        ))
    }
}

/// The sized force, simulated once: for the report and for the sustainment account that puts the
/// force to commit beside the force that holds the line.
pub(crate) struct Sized {
    scenario: Scenario,
    run: airpolicing::montecarlo::RunResult,
    pub(crate) account: Account,
    /// Whether the sizing found a force that meets the standard (else the force simulated is
    /// the one the scenario gives, where no count was found).
    answered: bool,
}

impl Sized {
    pub(crate) fn new(
        s: &Scenario,
        run: &airpolicing::montecarlo::RunOptions,
        sizing: &[SquadronSizing],
        mix: Option<&ForceSizing>,
    ) -> Result<Sized, Failure> {
        let scenario = airpolicing::sizing::sized_scenario(s, sizing, mix)
            .map_err(|e| Failure::Input(e.to_string()))?;
        let run = airpolicing::montecarlo::run(&scenario, run)
            .map_err(|e| Failure::Input(e.to_string()))?;
        let account = Account::of_run(&scenario, &run);
        let answered = match mix {
            Some(f) => f.required.is_some(),
            None => sizing.iter().all(|z| z.required.is_some()),
        };
        Ok(Sized {
            scenario,
            run,
            account,
            answered,
        })
    }

    /// Writes the report of the sized force, if one is asked for.
    pub(crate) fn report(
        &self,
        args: &crate::args::ReportArgs,
        sizing: &[SquadronSizing],
        mix: Option<&ForceSizing>,
    ) -> Result<(), Failure> {
        if args.wanted() {
            let rep = airpolicing::report::Report::new(&self.scenario, &self.run, sizing, mix)
                .map_err(Failure::Input)?;
            args.write_report(&rep)?;
        }
        Ok(())
    }

    /// The two answers side by side, then the account.
    pub(crate) fn words(&self) -> String {
        let a = &self.account;
        let text = if self.answered {
            format!(
                "Two answers: {} aircraft hold the line this month (the sized force, simulated \
                 again); {} aircraft hold it for {}, and what binds first is {}.",
                a.deployed,
                grouped(f64::from(a.committed)),
                years(a.horizon_years),
                a.binds.words()
            )
        } else {
            format!(
                "No force was found that meets the standard, so the account below is of the {} \
                 aircraft the scenario gives where no count was found: {} aircraft would sustain \
                 that force for {}, and what binds first is {}.",
                a.deployed,
                grouped(f64::from(a.committed)),
                years(a.horizon_years),
                a.binds.words()
            )
        };
        format!("\n{}{}", wrap(&text, 100, ""), titled(a))
    }
}

/// The account under its heading, as `run`, `estimate` and `size` print it after their answer.
pub(crate) fn titled(a: &Account) -> String {
    format!(
        "\nSustaining it for {}: the force to commit (`airpolicing sustain` explains it)\n{}",
        years(a.horizon_years),
        section(a, false)
    )
}

/// The account: its sentences, then a table of flying and one of the committed force.
pub(crate) fn section(a: &Account, wide: bool) -> String {
    let mut out = String::new();
    for l in lines(a) {
        out.push_str(&wrap(&l, 100, "  "));
    }
    if a.squadrons.is_empty() {
        return out;
    }
    let mut flying = Table::new(&[
        "squadron",
        "type",
        "deployed",
        "flight h/year",
        "h/airframe",
        "budget h",
        "life years",
        "sortie h",
        "aircrew",
        "narrow cost/yr",
        "full cost/yr",
    ]);
    let mut pools = Table::new(&[
        "squadron",
        "deployed",
        "dwell 1:D",
        "tours",
        "rotation",
        "airframe h",
        "aircrew",
        "life",
        "committed",
        "binds",
        "h/committed airframe",
        "h/crew member",
    ]);
    for s in &a.squadrons {
        flying.row(vec![
            s.squadron.clone(),
            s.aircraft.clone(),
            s.deployed.to_string(),
            grouped(s.fh_per_year),
            grouped(s.fh_per_deployed_airframe),
            grouped(s.budget_fh_per_airframe),
            life_years(s.life_years_deployed),
            f(s.sortie_h, 1),
            f(s.crew_needed, 1),
            usd(s.cost_narrow_usd),
            usd(s.cost_full_usd),
        ]);
    }
    for l in a.pool_lines() {
        let mut row = vec![l.name.to_string(), l.deployed.to_string()];
        row.extend(match l.squadron {
            Some(s) => [short(s.dwell_ratio), f(s.tours, 1)],
            None => [String::new(), String::new()],
        });
        row.extend(l.pools.iter().map(u32::to_string));
        row.push(l.committed.to_string());
        row.push(l.binds.words().to_string());
        row.extend(match l.squadron {
            Some(s) => [
                grouped(s.fh_per_committed_airframe),
                grouped(s.fh_per_crew_member),
            ],
            None => [String::new(), String::new()],
        });
        pools.row(row);
    }
    out.push_str("\n  Flying a year, per squadron (h/airframe: each deployed airframe's share, against its type's\n  yearly budget; life years: its fatigue life at that rate; aircrew: needed at once)\n");
    let flying = flying.columns(
        &[
            "squadron",
            "deployed",
            "flight h/year",
            "h/airframe",
            "budget h",
            "life years",
            "aircrew",
            "full cost/yr",
        ],
        wide,
    );
    out.push_str(&flying.render());
    out.push_str("\n  Aircraft to commit for each reason (rotation, airframe hours, aircrew, airframe life); the\n  largest is the squadron's committed force\n");
    let pools = pools.columns(
        &[
            "squadron",
            "deployed",
            "rotation",
            "airframe h",
            "aircrew",
            "life",
            "committed",
            "binds",
        ],
        wide,
    );
    out.push_str(&pools.render());
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
