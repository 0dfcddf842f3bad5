//! Ctrl-C: the first stops a run at the next replication (saving a checkpoint when asked for), a
//! second ends the process at once.

use crate::checkpoint;
use crate::failure::Failure;
use airpolicing::montecarlo::CancelToken;

/// The token Ctrl-C cancels: the first Ctrl-C stops the run at the next replication (and, with
/// --checkpoint, saves it); a second one ends the process at once.
pub(crate) fn interrupt_token() -> CancelToken {
    static TOKEN: std::sync::OnceLock<CancelToken> = std::sync::OnceLock::new();
    TOKEN
        .get_or_init(|| {
            let token = CancelToken::new();
            let handler = token.clone();
            let _ = ctrlc::set_handler(move || {
                if handler.is_cancelled() {
                    std::process::exit(130);
                }
                handler.cancel();
            });
            token
        })
        .clone()
}

/// The message for a run stopped by Ctrl-C.
pub(crate) fn interrupted(cp: Option<&checkpoint::Checkpoint>, done: u64, total: u64) -> Failure {
    match cp {
        Some(cp) => Failure::Interrupted(format!(
            "interrupted after {done} of {total} replications; progress is saved in {}: run the same command with --resume to continue",
            cp.path().display()
        )),
        None => Failure::Interrupted(format!(
            "interrupted after {done} of {total} replications; nothing was written (add --checkpoint FILE to be able to resume a long run)"
        )),
    }
}
