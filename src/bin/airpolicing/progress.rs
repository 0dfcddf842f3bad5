//! Progress on the terminal: a bar or spinner on standard error while a long job runs, nothing
//! when standard error is not a terminal or with `--quiet`.

use airpolicing::progress::{Progress, Step};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

static QUIET: AtomicBool = AtomicBool::new(false);

/// `--quiet`: no bars and no notes on standard error (warnings and errors still print).
pub(crate) fn set_quiet(q: bool) {
    QUIET.store(q, Ordering::Relaxed);
}

/// A note for the user on standard error (timings, files written), unless `--quiet`.
pub(crate) fn note(text: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        eprintln!("{text}");
    }
}

fn shown() -> bool {
    !QUIET.load(Ordering::Relaxed) && std::io::stderr().is_terminal()
}

/// A progress display, or nothing when it is not wanted.
#[derive(Clone)]
pub(crate) struct Bar(Option<ProgressBar>);

impl Bar {
    /// A bar over `len` steps of `what` (replications, points).
    pub(crate) fn steps(len: u64, what: &str) -> Bar {
        Bar(shown().then(|| {
            let b = ProgressBar::new(len);
            b.set_style(
                ProgressStyle::with_template(&format!(
                    "{{bar:30}} {{pos}}/{{len}} {what}, {{elapsed}} so far, {{eta}} left  {{msg}}"
                ))
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            b.enable_steady_tick(Duration::from_millis(250));
            b
        }))
    }

    /// A spinner for a job of unknown length, such as a sizing search.
    pub(crate) fn spinner(what: &str) -> Bar {
        Bar(shown().then(|| {
            let b = ProgressBar::new_spinner();
            b.set_style(
                ProgressStyle::with_template(&format!("{{spinner}} {what}, {{elapsed}}  {{msg}}"))
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            b.enable_steady_tick(Duration::from_millis(250));
            b
        }))
    }

    /// Moves the bar to `done`.
    pub(crate) fn set(&self, done: u64) {
        if let Some(b) = &self.0 {
            b.set_position(done);
        }
    }

    /// Shows a scored candidate.
    pub(crate) fn candidate(&self, n: u64, aircraft: u32, replications: u32, met: u32) {
        if let Some(b) = &self.0 {
            b.set_message(format!(
                "candidate {n}: {aircraft} aircraft, {met} of {replications} replications meet the standard"
            ));
        }
    }

    /// A library hook that drives this display, if it is shown.
    pub(crate) fn hook(&self) -> Option<Progress> {
        let me = self.clone();
        let scored = std::sync::atomic::AtomicU64::new(0);
        self.0.as_ref().map(|_| {
            Progress::new(move |step| match *step {
                Step::Candidate {
                    aircraft,
                    replications,
                    met,
                } => me.candidate(
                    scored.fetch_add(1, Ordering::Relaxed) + 1,
                    aircraft,
                    replications,
                    met,
                ),
                Step::Point { done, .. } => me.set(done as u64),
            })
        })
    }

    /// Clears the display.
    pub(crate) fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
