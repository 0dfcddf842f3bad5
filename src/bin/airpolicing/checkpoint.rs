//! `--checkpoint FILE` and `--resume` for `run` and `size`: long runs survive Ctrl-C, a kill or a
//! power loss.
//!
//! A checkpoint is one JSON document, rewritten atomically (a temporary file, synced, renamed)
//! at most once a second as chunks of replications finish, and once more when the run is
//! interrupted. It holds everything folded in so far: for `run` the state of the summaries (see
//! [`RunState`]) and how many bytes of the `--csv` file are complete; for `size` the score of
//! every candidate fleet already run and the state of the one being run. It names the scenario
//! (by a digest of its contents) and the options, so it cannot be resumed by a different command,
//! and carries a digest of its own contents, so that one edited or damaged is refused; the
//! summaries it holds are checked to add up before they are used.
//! Resuming gives output identical, byte for byte, to an uninterrupted run; the checkpoint is
//! removed once the outputs are written.

use crate::output::write_atomic;
use airpolicing::montecarlo::{CancelToken, RunState};
use airpolicing::sizing::Score;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The format of the checkpoint; 2 added the per-target counts of the standard, 3 the digest of
/// the contents, 4 the first replication of each score (sequential sizing scores a candidate in
/// pieces), so a checkpoint of an earlier format is refused.
const FORMAT: &str = "airpolicing checkpoint 4";

/// The least time between two checkpoint writes.
const EVERY: Duration = Duration::from_secs(1);

/// What a checkpoint holds.
#[derive(Serialize, Deserialize, Default)]
pub struct Saved {
    format: String,
    /// `run` or `size`, with the options that change the result.
    command: String,
    /// FNV-1a digest of the scenario file as validated.
    scenario_digest: String,
    /// `run`: the summaries so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<RunState>,
    /// `run --csv`: complete bytes of the partial CSV file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csv_bytes: Option<u64>,
    /// `size`: every candidate scored, as (aircraft per squadron, the first replication scored
    /// counted from the study's first, its score).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<(Vec<u32>, u32, Score)>,
    /// `size`: the candidate being run and its summaries so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<(Vec<u32>, RunState)>,
    /// FNV-1a digest of the checkpoint written with this field empty: a checkpoint edited by hand
    /// or damaged is refused instead of giving a wrong answer.
    #[serde(default)]
    contents_digest: String,
}

impl Saved {
    /// The digest of the contents: the JSON of everything but the digest itself.
    fn contents_digest(&self) -> Result<String, serde_json::Error> {
        let mut plain = serde_json::to_value(self)?;
        if let Some(o) = plain.as_object_mut() {
            o.insert(
                "contents_digest".into(),
                serde_json::Value::String(String::new()),
            );
        }
        Ok(digest(&serde_json::to_string(&plain)?))
    }
}

/// A checkpoint file in use.
pub struct Checkpoint {
    path: PathBuf,
    last: Option<Instant>,
    pub saved: Saved,
}

/// 64-bit FNV-1a, as hex: stable across versions and machines.
fn digest(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

impl Checkpoint {
    /// Opens the checkpoint at `path` for `command` on the scenario whose file is `toml`:
    /// continues the saved one with `resume`, else starts a new one. Refuses to overwrite an
    /// existing checkpoint without `resume`, and to resume one of another command or scenario.
    pub fn open(path: &Path, resume: bool, command: &str, toml: &str) -> Result<Self, String> {
        let here = path.display();
        let scenario_digest = digest(toml);
        let saved = match (resume, path.exists()) {
            (false, true) => {
                return Err(format!(
                    "{here} already holds a checkpoint; add --resume to continue that run, or delete the file to start again"
                ));
            }
            (true, false) => {
                return Err(format!(
                    "{here}: no checkpoint to resume; run the command without --resume to start one"
                ));
            }
            (false, false) => Saved {
                format: FORMAT.into(),
                command: command.into(),
                scenario_digest,
                ..Saved::default()
            },
            (true, true) => {
                use airpolicing::scenario::limits::MAX_CHECKPOINT_BYTES;
                let bytes = airpolicing::scenario::read_at_most(path, MAX_CHECKPOINT_BYTES)
                    .map_err(|e| format!("{here}: cannot read the checkpoint: {e}"))?;
                if bytes.len() > MAX_CHECKPOINT_BYTES {
                    return Err(format!(
                        "{here}: more than {MAX_CHECKPOINT_BYTES} bytes (scenario::limits::MAX_CHECKPOINT_BYTES), not a checkpoint of this tool; delete it to start again"
                    ));
                }
                let text = String::from_utf8(bytes).map_err(|_| {
                    format!("{here}: not an airpolicing checkpoint, or a damaged one (not UTF-8 text); delete it to start again")
                })?;
                let damaged = |e: serde_json::Error| {
                    format!(
                        "{here}: not an airpolicing checkpoint, or a damaged one ({e}); delete it to start again"
                    )
                };
                // The format first, so that a checkpoint of another version is named as such.
                let value: serde_json::Value = serde_json::from_str(&text).map_err(damaged)?;
                if let Some(format) = value.get("format").and_then(|f| f.as_str())
                    && format != FORMAT
                {
                    return Err(format!(
                        "{here}: a checkpoint of format `{format}`, this version reads `{FORMAT}`; delete it to start again"
                    ));
                }
                let saved: Saved = serde_json::from_value(value).map_err(damaged)?;
                if saved.command != command {
                    return Err(format!(
                        "{here} is the checkpoint of `{}`, not of `{command}`; resume it with the options it was started with",
                        saved.command
                    ));
                }
                if saved.scenario_digest != scenario_digest {
                    return Err(format!(
                        "{here} is the checkpoint of another version of the scenario (its contents changed); delete it to start again"
                    ));
                }
                if saved.contents_digest().map_err(damaged)? != saved.contents_digest {
                    return Err(format!(
                        "{here}: the checkpoint's contents do not match its digest (it was edited or damaged); delete it to start again"
                    ));
                }
                let states = saved
                    .state
                    .iter()
                    .chain(saved.current.as_ref().map(|c| &c.1));
                for st in states {
                    st.check().map_err(|why| {
                        format!(
                            "{here}: the checkpoint's summaries do not add up ({why}); delete it to start again"
                        )
                    })?;
                }
                saved
            }
        };
        // Refuse an unwritable place before any work.
        let mut cp = Checkpoint {
            path: path.to_path_buf(),
            last: None,
            saved,
        };
        cp.write()?;
        Ok(cp)
    }

    /// Writes the checkpoint now, with the digest of its contents.
    pub fn write(&mut self) -> Result<(), String> {
        let failed = |e: serde_json::Error| {
            format!("{}: cannot write the checkpoint: {e}", self.path.display())
        };
        let sealed = self.saved.contents_digest().map_err(failed)?;
        self.saved.contents_digest = sealed;
        let text = serde_json::to_string(&self.saved).map_err(failed)?;
        write_atomic(&self.path, text.as_bytes())
    }

    /// Whether to write now: a second has passed since the last write, or the run is being
    /// cancelled (its next chunk will not finish). Marks the write as done.
    pub fn due(&mut self, cancel: &CancelToken) -> bool {
        let due = cancel.is_cancelled() || self.last.is_none_or(|t| t.elapsed() >= EVERY);
        if due {
            self.last = Some(Instant::now());
        }
        due
    }

    /// Removes the checkpoint once the outputs are complete.
    pub fn finish(self) {
        let _ = std::fs::remove_file(&self.path);
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_digest_matches_published_test_vectors() {
        // FNV-1a 64 of "" and "a", from the FNV reference test suite.
        assert_eq!(digest(""), "cbf29ce484222325");
        assert_eq!(digest("a"), "af63dc4c8601ec8c");
    }
}
