//! Progress of long jobs — sizing searches, sweeps and tornados — for whoever shows it: the
//! command line draws a bar, the Python package calls back. A hook never changes a result.

use std::sync::Arc;

/// One step of a long job.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A sizing candidate was scored (or, with sequential testing, one more look at it):
    /// its aircraft in all, the replications it has run and how many met the standard.
    Candidate {
        /// Aircraft in the candidate force.
        aircraft: u32,
        /// Replications scored in this step.
        replications: u32,
        /// Of them, those that met the standard.
        met: u32,
    },
    /// A point of a sweep, or one end of a tornado's parameter, is finished.
    Point {
        /// Points finished.
        done: usize,
        /// Points in all.
        of: usize,
    },
}

/// A callback for [`Step`]s, shared between threads.
#[derive(Clone)]
pub struct Progress(Arc<dyn Fn(&Step) + Send + Sync>);

impl Progress {
    /// A hook calling `f` at every step.
    pub fn new(f: impl Fn(&Step) + Send + Sync + 'static) -> Self {
        Self(Arc::new(f))
    }

    /// Reports a step.
    pub fn report(&self, step: &Step) {
        (self.0)(step);
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress(..)")
    }
}

/// Every hook is equal to every other: a hook only watches, so two options that differ only in
/// their hooks give the same results.
impl PartialEq for Progress {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Reports `step` to `hook`, if there is one.
pub(crate) fn report(hook: &Option<Progress>, step: Step) {
    if let Some(h) = hook {
        h.report(&step);
    }
}
