//! Crews: where a squadron has them (`crews` or `crew_ratio`), each launch needs a rested crew.
//!
//! A crew is taken when its aircraft launches and is rested again `crew_turn_h` after the
//! aircraft lands (the duty after the sortie, the rest, and the duty before the next), and it
//! starts no more than `crew_duties_per_week` duties in any 7 days. The rested crew that has
//! waited longest goes first. A relief launches when it has rested crews for every aircraft it
//! still needs, so that an element flies together rather than one member alone to its bingo;
//! until then it waits: the trace shows `no rested crew`, and the launch comes when the crews are
//! rested — so a shortage of crews shows as gaps on the posts. QRA aircraft on alert hold their own alert
//! crews, which the sustainment account counts; scrambles take no crew from the squadron's.
//! A squadron without crews launches as before, and nothing of its replication changes.

use super::super::calendar::Hours;
use super::super::model::Model;
use super::Rep;
use super::events::Ev;
use crate::sim::trace::Observer;
use std::collections::VecDeque;

/// A week, hours: the window of the limit on duties.
const WEEK_H: Hours = 168.0;

/// One crew.
#[derive(Debug, Clone, Default)]
struct Crew {
    /// Rested from this time on (infinite while flying).
    free_at: Hours,
    /// Start times of its duties, oldest first (those older than a week may linger).
    duties: VecDeque<Hours>,
}

/// The crews of each squadron that has them.
pub(super) struct Crews {
    of: Vec<Option<Vec<Crew>>>,
    /// The time of the pending `CrewRested` event of each squadron, if any.
    pending: Vec<Option<Hours>>,
    per_week: usize,
    turn_h: Hours,
}

impl Crews {
    pub(super) fn new(m: &Model) -> Self {
        Crews {
            of: m
                .squadrons
                .iter()
                .map(|s| s.crews().map(|n| vec![Crew::default(); n as usize]))
                .collect(),
            pending: vec![None; m.squadrons.len()],
            per_week: m.crew_duties_per_week,
            turn_h: m.crew_turn_h,
        }
    }

    /// When crew `c` may next start a duty: rested, and under the weekly limit.
    fn rested_at(&self, c: &Crew) -> Hours {
        let n = c.duties.len();
        let week = if n >= self.per_week {
            c.duties[n - self.per_week] + WEEK_H
        } else {
            f64::NEG_INFINITY
        };
        c.free_at.max(week)
    }

    /// Whether squadron `sq` can crew `n` launches at `now` (always, without crews).
    pub(super) fn ready(&self, sq: usize, now: Hours, n: u32) -> bool {
        self.of[sq]
            .as_ref()
            .is_none_or(|cs| cs.iter().filter(|c| self.rested_at(c) <= now).count() >= n as usize)
    }

    /// When `n` crews of `sq` are rested at once (infinite if it has fewer).
    fn rested_for(&self, sq: usize, n: u32) -> Hours {
        let Some(cs) = self.of[sq].as_ref() else {
            return f64::INFINITY;
        };
        let mut at: Vec<Hours> = cs.iter().map(|c| self.rested_at(c)).collect();
        at.sort_by(f64::total_cmp);
        at.get((n as usize).max(1) - 1)
            .copied()
            .unwrap_or(f64::INFINITY)
    }

    /// Takes the rested crew of `sq` that has waited longest for a launch at `now`, if the
    /// squadron has crews.
    pub(super) fn take(&mut self, sq: usize, now: Hours) -> Option<u32> {
        let cs = self.of[sq].as_ref()?;
        let i = (0..cs.len())
            .filter(|&i| self.rested_at(&cs[i]) <= now)
            .min_by(|&a, &b| cs[a].free_at.total_cmp(&cs[b].free_at).then(a.cmp(&b)))?;
        let c = &mut self.of[sq].as_mut()?[i];
        c.free_at = f64::INFINITY;
        while c.duties.front().is_some_and(|&t| t <= now - WEEK_H) {
            c.duties.pop_front();
        }
        c.duties.push_back(now);
        Some(i as u32)
    }

    /// Crew `c` of `sq` has landed at `now`.
    pub(super) fn release(&mut self, sq: usize, c: u32, now: Hours) {
        if let Some(cs) = self.of[sq].as_mut() {
            cs[c as usize].free_at = now + self.turn_h;
        }
    }
}

impl<'m, O: Observer> Rep<'m, '_, O> {
    /// A relief of `post` found aircraft `a` of `sq` ready but not the `n` rested crews it
    /// needs: it waits for them, which the trace shows once per wait.
    pub(super) fn wait_for_crew(&mut self, a: usize, sq: usize, post: usize, n: u32) {
        let t = self.crews.rested_for(sq, n);
        if !t.is_finite() || self.crews.pending[sq].is_some_and(|p| p <= t) {
            return;
        }
        self.crews.pending[sq] = Some(t);
        self.at_time(t, Ev::CrewRested { sq: sq as u32 });
        let base = self.base(a);
        let name: &'m str = &self.m.posts[post].name;
        self.trace(a, "no rested crew", base, Some(name));
    }

    /// A crew of `sq` is rested: the groups waiting for the squadron launch.
    pub(super) fn crew_rested(&mut self, sq: usize) {
        if self.crews.pending[sq].is_some_and(|p| p <= self.now) {
            self.crews.pending[sq] = None;
        }
        let waiting: Vec<usize> = self
            .relief
            .waiting
            .iter()
            .copied()
            .filter(|&g| {
                self.m.posts[self.relief.groups[g].post]
                    .serving
                    .iter()
                    .any(|v| v.sq == sq)
            })
            .collect();
        for g in waiting {
            self.fill(g);
        }
    }
}
