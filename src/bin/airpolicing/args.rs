//! Arguments that several commands share: the replications to run, the report outputs and
//! checkpoints.

use crate::failure::Failure;
use crate::output::check_writable;
use crate::{checkpoint, output};
use airpolicing::report;
use airpolicing::scenario::Scenario;
use std::path::PathBuf;

/// Arguments shared by the commands that run replications.
#[derive(clap::Args)]
pub(crate) struct Replications {
    /// Number of replications (0..N).
    #[arg(short = 'n', long = "replications", default_value_t = 100)]
    pub(crate) replications: u64,
    /// Master seed: the same seed gives the same numbers on any machine and thread count.
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub(crate) threads: Option<usize>,
}

impl Replications {
    /// Run options for these arguments; `range` replaces `0..N` when given.
    pub(crate) fn options(
        &self,
        range: Option<std::ops::Range<u64>>,
    ) -> airpolicing::montecarlo::RunOptions {
        let mut o = airpolicing::montecarlo::RunOptions::default()
            .with_seed(self.seed)
            .with_reps(range.unwrap_or(0..self.replications));
        if let Some(t) = self.threads {
            o = o.with_threads(t);
        }
        o
    }
}

/// Sequential testing of sizing candidates.
#[derive(clap::Args)]
pub(crate) struct SequentialArgs {
    /// Spend replications where the decision is close: each candidate fleet runs N/16 replications
    /// (at least 20), then twice as many, and so on up to N, and stops as soon as its pass
    /// fraction is clearly above or below the confidence level. With --mix the search runs in
    /// stages, one per look: on the first N/16 replications from the closed form, then from
    /// where it ended on twice as many, and so on; the last stage decides the answer.
    #[arg(long)]
    pub(crate) sequential: bool,
    /// With --sequential: the chance that a candidate stopped early is on the wrong side of the
    /// confidence level (0: none stops early; the search still runs look by look).
    #[arg(long, requires = "sequential", default_value_t = airpolicing::sizing::Sequential::ERROR)]
    pub(crate) sequential_error: f64,
}

impl SequentialArgs {
    /// The plan for `replications` per candidate, if asked for.
    pub(crate) fn plan(
        &self,
        replications: u64,
    ) -> Result<Option<airpolicing::sizing::Sequential>, crate::failure::Failure> {
        if !self.sequential {
            return Ok(None);
        }
        if !(self.sequential_error >= 0.0 && self.sequential_error < 1.0) {
            return Err(crate::failure::Failure::Input(format!(
                "--sequential-error must be at least 0 (0: no candidate stops early) and below 1, got {}",
                self.sequential_error
            )));
        }
        let n = u32::try_from(replications).unwrap_or(u32::MAX);
        Ok(Some(airpolicing::sizing::Sequential {
            error: self.sequential_error,
            ..airpolicing::sizing::Sequential::for_replications(n)
        }))
    }
}

pub(crate) fn parse_range(s: &str) -> Result<std::ops::Range<u64>, String> {
    let (a, b) = s
        .split_once("..")
        .ok_or_else(|| format!("`{s}` is not a range; write A..B, e.g. 0..100"))?;
    let a: u64 = a
        .trim()
        .parse()
        .map_err(|_| format!("`{a}` is not a whole number"))?;
    let b: u64 = b
        .trim()
        .parse()
        .map_err(|_| format!("`{b}` is not a whole number"))?;
    if b <= a {
        return Err(format!(
            "the range {a}..{b} is empty; B must be larger than A"
        ));
    }
    Ok(a..b)
}

/// Report outputs shared by `run` and `size`.
#[derive(clap::Args)]
pub(crate) struct ReportArgs {
    /// Write a self-contained HTML report (inline SVG charts, opens offline) to FILE.
    #[arg(long, value_name = "FILE")]
    pub(crate) report: Option<PathBuf>,
    /// Write the report's charts as separate SVG files into DIR (made if it does not exist).
    #[arg(long, value_name = "DIR")]
    pub(crate) svg: Option<PathBuf>,
}

impl ReportArgs {
    /// Refuses unwritable places before any work.
    pub(crate) fn check(&self) -> Result<(), Failure> {
        if let Some(p) = &self.report {
            check_writable(p)?;
        }
        if let Some(d) = &self.svg {
            if d.exists() && !d.is_dir() {
                return Err(Failure::Input(format!(
                    "{}: exists and is not a directory; --svg needs a directory for the charts",
                    d.display()
                )));
            }
            std::fs::create_dir_all(d).map_err(|e| {
                Failure::Input(format!(
                    "{}: cannot make the directory for the SVG charts: {e}",
                    d.display()
                ))
            })?;
            check_writable(&d.join("chart.svg"))?;
        }
        Ok(())
    }

    pub(crate) fn wanted(&self) -> bool {
        self.report.is_some() || self.svg.is_some()
    }

    pub(crate) fn write(
        &self,
        s: &Scenario,
        r: &airpolicing::montecarlo::RunResult,
        sizing: &[airpolicing::sizing::SquadronSizing],
        mix: Option<&airpolicing::sizing::ForceSizing>,
    ) -> Result<(), Failure> {
        if !self.wanted() {
            return Ok(());
        }
        let rep = report::Report::new(s, r, sizing, mix).map_err(Failure::Internal)?;
        self.write_report(&rep)
    }

    pub(crate) fn write_report(&self, rep: &report::Report) -> Result<(), Failure> {
        if let Some(p) = &self.report {
            output::write_atomic(p, rep.html().as_bytes()).map_err(Failure::Input)?;
            crate::progress::note(&format!("report written to {}", p.display()));
        }
        if let Some(d) = &self.svg {
            for (name, svg) in rep.charts() {
                output::write_atomic(&d.join(name), svg.as_bytes()).map_err(Failure::Input)?;
            }
        }
        Ok(())
    }
}

/// Checkpoints of long runs, shared by `run` and `size`.
#[derive(clap::Args)]
pub(crate) struct CheckpointArgs {
    /// Save progress to FILE as replications finish (atomically, at most once a second), so an
    /// interrupted run can be continued with --resume; removed when the run completes.
    #[arg(long, value_name = "FILE")]
    pub(crate) checkpoint: Option<PathBuf>,
    /// Continue the run saved in --checkpoint FILE; the output is identical to an
    /// uninterrupted run's.
    #[arg(long, requires = "checkpoint")]
    pub(crate) resume: bool,
}

impl CheckpointArgs {
    /// Opens the checkpoint, if asked for, before any work.
    pub(crate) fn open(
        &self,
        command: &str,
        s: &Scenario,
    ) -> Result<Option<checkpoint::Checkpoint>, Failure> {
        match &self.checkpoint {
            Some(path) => {
                check_writable(path)?;
                checkpoint::Checkpoint::open(path, self.resume, command, &s.file.to_toml())
                    .map(Some)
                    .map_err(Failure::Input)
            }
            None => Ok(None),
        }
    }
}
