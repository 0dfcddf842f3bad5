//! The engine's invariants, checked after every event in debug and test builds: no negative
//! fuel, the post and alert counts agree with the aircraft states (a fighter refuelling inside
//! its station's area counts on it), fuel given equals fuel
//! received, and every violation ends with exactly one outcome.

use super::Rep;
use super::arrivals::Outcome;
use super::events::Ev;
use super::fleet::St;
use crate::sim::trace::Observer;

impl<O: Observer> Rep<'_, '_, O> {
    /// The conservation invariants.
    pub(super) fn check_invariants(&self) {
        for a in 0..self.fleet.len() {
            let fuel = self.fuel_now(a);
            assert!(
                fuel >= -1e-6,
                "aircraft {a} has negative fuel {fuel} at {}",
                self.now
            );
        }
        // The list of aircraft at or on their way to or from a tanker is exactly those.
        let mut listed = self.fleet.at_tanker.clone();
        listed.sort_unstable();
        let at: Vec<usize> = (0..self.fleet.len())
            .filter(|&a| self.fleet.ac[a].st.at_or_to_tanker())
            .collect();
        assert_eq!(listed, at, "the tanker list is wrong at {}", self.now);
        for (p, manning) in self.posts.of.iter().enumerate() {
            let on = self
                .fleet
                .ac
                .iter()
                .filter(|x| {
                    (x.st == St::OnStation
                        && x.group.is_some_and(|g| self.relief.groups[g].post == p))
                        || x.sortie.refuelling_in_area_of == Some(p)
                })
                .count() as u32;
            assert_eq!(
                on, manning.on_station,
                "post {p} on-station count at {}",
                self.now
            );
        }
        for (q, &alert) in self.alert.alert.iter().enumerate() {
            let on = self
                .fleet
                .ac
                .iter()
                .filter(|x| x.st == St::Alert(q))
                .count() as u32;
            assert_eq!(on, alert, "QRA {q} alert count at {}", self.now);
        }
        assert!(
            (self.tankers.given_kg - self.tankers.received_kg).abs() < 1e-6,
            "fuel given != received"
        );
    }

    /// Every violation has exactly one outcome (undetected, unanswered, or intercepted after a
    /// response), unless it had not crossed, or its response was not yet ordered, when the
    /// replication ended. `first` is the first event past the end; the rest are drained here.
    pub(super) fn check_violations_end(&mut self, first: Option<Ev>) {
        let viol = &self.arrivals.viol;
        let mut waiting = vec![false; viol.len()];
        let mut next = first;
        while let Some(ev) = next {
            if let Ev::Cross { violation: i }
            | Ev::Respond { violation: i }
            | Ev::SiteFires { violation: i, .. } = ev
            {
                waiting[i as usize] = true;
            }
            next = self.cal.pop().map(|(_, e)| e);
        }
        for (i, x) in viol.iter().enumerate() {
            assert!(
                x.outcome != Outcome::Pending || waiting[i],
                "violation {i} crossed at {} h and has no outcome",
                x.t0
            );
            assert!(
                x.outcome == Outcome::Pending || !waiting[i],
                "violation {i} has an outcome and is still waiting for an event"
            );
        }
    }
}
