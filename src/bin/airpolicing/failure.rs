//! How a command fails, and the exit status of each way.

use airpolicing::scenario::ScenarioError;

/// How a command failed: bad input (exit 2) or an internal error (exit 1).
pub(crate) enum Failure {
    Input(String),
    Internal(String),
    /// A check found what it was asked to find wrong (a published case out of its band): the
    /// output was printed; exit code 3.
    Check(String),
    /// Stopped by Ctrl-C (exit code 130).
    Interrupted(String),
    /// Standard output could not be written (a full disk, a device error): exit code 1.
    Output(String),
    /// The reader of standard output went away (`| head`): the program ends quietly, exit code 0.
    ClosedPipe,
}

impl From<ScenarioError> for Failure {
    fn from(e: ScenarioError) -> Self {
        Failure::Input(e.to_string())
    }
}
