//! Tanker cycling: each CAP station's refuelling plan, the way real units keep a post manned with
//! a tanker behind it.
//!
//! - **Per station, one at a time.** At most one fighter of a station is away for fuel at once
//!   (counted per station, whatever relief group it belongs to); the others hold the station. A
//!   relief taking fuel on its way out has not yet been on the station and does not count: it
//!   must not keep the fighters it comes to relieve from their own turns at the tanker.
//! - **Staggered, and planned.** Each fighter on station has a latest moment to leave for the
//!   tanker: the last moment at which, on reaching the track, it would still have the fuel to get
//!   home from there (should the tanker be gone). A trip is expected to take both legs and the
//!   mean hook-up. The fighter with the earliest such
//!   moment goes first — at its refuelling threshold (`refuel_at_fuel_fraction`), or earlier if
//!   that is what lets every later one, going when the one before is back, still go in time
//!   ([`refuel_plan`]); so a fighter waiting for its turn is not driven to bingo by the wait. When even going now cannot serve everyone, the ones left over will leave at their
//!   fuel bingo, and their relief is brought forward to it.
//! - **Only when it helps.** A fighter whose fuel lasts to its crew-limit departure does not go;
//!   nor does one that would be back only after its crew limit (its relief is brought forward to
//!   its fuel bingo instead).
//! - **Relief from the ground first, when the tanker is off the station.** When the station's
//!   tanker track lies outside its area, the plan is made and a relief (one launched now by a
//!   ready aircraft of a serving squadron, its lead from now; or one already under way, its lead
//!   after it launched) would be on station the overlap before a fighter's fuel bingo, that
//!   fighter does not go to the tanker this sortie: it stays
//!   until its fuel bingo and its relief comes forward to it. A trip to the tanker takes a fighter off its station; a relief from the
//!   ground does not. So more aircraft buy a whole element more of the time, and the tanker
//!   stretches a small fleet. With the track inside the area a trip costs no coverage, and an
//!   early relief would only spend sorties: a squadron based nearer, whose relief is more often
//!   in time, would need more aircraft, not fewer.
//! - **A tanker inside the area.** When the station's tanker track lies inside its patrol area
//!   (`area_radius_km`), a fighter away for fuel is still in the area and stays counted on the
//!   station (`Sortie::refuelling_in_area_of`); the turns and the plan are the same.
//! - With no tanker up when a fighter's turn comes, the station's fighters stay to their fuel
//!   bingo and their relief comes forward; the plan is made again when a tanker comes on track.
//!
//! The plan is made again whenever the station's fighters or their fuel change: a fighter on or
//! off station, back from the tanker, a tanker on track.

use super::super::calendar::Hours;
use super::super::model::{Trip, refuel_margin_kg};
use super::Rep;
use super::events::Ev;
use super::fleet::St;
use crate::sim::trace::Observer;

/// What a fighter on station needs from the tanker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum FuelNeed {
    /// Nothing: its fuel lasts to its crew-limit departure.
    None,
    /// It should leave for the tanker within `soft` hours (its refuelling threshold) and must
    /// within `hard` hours (the last moment with the fuel to get home from the track); at once
    /// when not positive.
    By { soft: f64, hard: f64 },
    /// A trip would bring it back after its crew limit: it leaves at its fuel bingo.
    TooLate,
}

/// A station's plan: which fighter goes to the tanker first, and when.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Plan {
    /// Index (into the `latest` given) of the fighter that goes first.
    pub first: usize,
    /// Hours from now until it goes (0: at once).
    pub go_in_h: f64,
    /// Indices of the fighters that cannot be served in time even so.
    pub late: Vec<usize>,
}

/// The lists a refuelling plan is made from, kept from plan to plan so that making one allocates
/// nothing: the fighters that need fuel, their latest and preferred moments to go, and their
/// order.
#[derive(Debug, Default)]
pub(super) struct PlanBuffers {
    fighters: Vec<usize>,
    latest: Vec<f64>,
    soon: Vec<f64>,
    order: Vec<usize>,
}

/// The refuelling plan of one station. `latest[i]` is how many hours from now fighter `i` must
/// leave for the tanker at the latest (infinite when it needs no fuel), `soon[i]` when it would
/// rather go (its refuelling threshold); `trip_h` is the expected time one fighter is away (both
/// legs, the wait and the hook-up). Fighters go one at a time, in order of their latest moment,
/// each when the one before is back; the first goes at its threshold, or earlier if that is what
/// keeps every later one in time, and at once if nothing does. `None` when no fighter needs fuel.
#[cfg(test)]
pub(super) fn refuel_plan(latest: &[f64], soon: &[f64], trip_h: f64) -> Option<Plan> {
    refuel_plan_in(latest, soon, trip_h, &mut Vec::new())
}

/// [`refuel_plan`], ordering the fighters in `order` (whatever it held is replaced).
fn refuel_plan_in(
    latest: &[f64],
    soon: &[f64],
    trip_h: f64,
    order: &mut Vec<usize>,
) -> Option<Plan> {
    order.clear();
    order.extend((0..latest.len()).filter(|&i| latest[i].is_finite()));
    if order.is_empty() {
        return None;
    }
    order.sort_by(|&a, &b| latest[a].total_cmp(&latest[b]).then(a.cmp(&b)));
    let start = order
        .iter()
        .enumerate()
        .map(|(k, &i)| latest[i] - k as f64 * trip_h)
        .fold(f64::INFINITY, f64::min);
    let go_in_h = start.min(soon[order[0]]).max(0.0);
    let late = order
        .iter()
        .enumerate()
        .filter(|&(k, &i)| go_in_h + k as f64 * trip_h > latest[i].max(0.0) + 1e-9)
        .map(|(_, &i)| i)
        .collect();
    Some(Plan {
        first: order[0],
        go_in_h,
        late,
    })
}

impl<O: Observer> Rep<'_, '_, O> {
    /// The hours a fighter of post `p` is expected to be away for fuel: both legs and the mean
    /// hook-up.
    fn trip_h(&self, p: usize, sq: usize) -> f64 {
        self.m.trips[p][sq].trip_h
    }

    /// The crew-limit departure of aircraft `a` from post `p`: `max_sortie_h` from wheels-up,
    /// less the way home.
    pub(super) fn crew_leave(&self, a: usize, p: usize) -> Hours {
        let x = &self.fleet.ac[a];
        let s = &self.m.squadrons[x.sq];
        x.sortie.wheels_up + s.max_sortie_h - self.m.posts[p].transit_h(x.sq)
    }

    /// What fighter `a`, on CAP station `p` behind a tanker track, needs from the tanker.
    fn fuel_need(&self, a: usize, p: usize) -> FuelNeed {
        let x = &self.fleet.ac[a];
        let s = &self.m.squadrons[x.sq];
        let fuel = self.fuel_now(a);
        let home_h = x.sortie.home_leg_h;
        let crew = self.crew_leave(a, p);
        let fuel_bingo = self.fuel_bingo_at(a);
        if fuel_bingo >= crew - 1e-9 {
            return FuelNeed::None;
        }
        let Trip {
            leg_h,
            trip_h,
            track_home_h,
        } = self.m.trips[p][x.sq];
        // The last moment to leave with the fuel to get home from the track on reaching it
        // (should the tanker be gone).
        let safe_h = (fuel - leg_h * s.cruise_burn - s.reserve_kg - track_home_h * s.cruise_burn)
            / s.patrol_burn;
        // The threshold: the fraction of a full tank's margin above bingo, plus the leg.
        let bingo_fuel = s.reserve_kg + home_h * s.cruise_burn;
        let margin = refuel_margin_kg(s, bingo_fuel, leg_h, self.m.refuel_fraction);
        let threshold_h = (fuel - bingo_fuel - margin) / s.patrol_burn;
        let soft = safe_h.min(threshold_h);
        if self.now + soft.max(0.0) + trip_h > crew {
            return FuelNeed::TooLate;
        }
        FuelNeed::By { soft, hard: safe_h }
    }

    /// Calls `f` with each aircraft that mans post `p` now (members and relief of its groups, on
    /// station), group by group, members before relief. (Plain loops: the same walk as an
    /// iterator of groups, members and relief took twice the instructions, on one of the
    /// engine's busiest paths.)
    pub(super) fn each_on_post(&self, p: usize, mut f: impl FnMut(usize)) {
        for g in &self.relief.groups[self.m.post_groups[p].clone()] {
            for list in [&g.members, &g.relief] {
                for &a in list {
                    if self.fleet.ac[a].st == St::OnStation {
                        f(a);
                    }
                }
            }
        }
    }

    /// The aircraft that man post `p` now, in the order of [`Self::each_on_post`], in `out`
    /// (whatever it held is replaced).
    fn on_post_into(&self, p: usize, out: &mut Vec<usize>) {
        out.clear();
        self.each_on_post(p, |a| out.push(a));
    }

    /// Whether a fighter of post `p` has left it for fuel (on its way to, at or back from the
    /// tanker). A relief taking fuel on its way out has not left the station: it does not hold
    /// up the refuelling of the fighters it is coming to relieve.
    fn away_for_fuel(&self, p: usize) -> bool {
        self.fleet.at_tanker.iter().any(|&a| {
            // On the list, so at or on its way to or from a tanker (the invariants check it).
            let x = &self.fleet.ac[a];
            x.sortie.reached_post && x.group.is_some_and(|g| self.relief.groups[g].post == p)
        })
    }

    /// A fighter that will leave at its fuel bingo: its predicted departure and its relief come
    /// forward to it.
    fn will_leave_at_fuel_bingo(&mut self, a: usize) {
        let bingo = self.fuel_bingo_at(a);
        if bingo < self.fleet.ac[a].sortie.bingo_at {
            self.fleet.ac[a].sortie.bingo_at = bingo;
            if let Some(g) = self.fleet.ac[a].group {
                self.replan_relief(g);
            }
        }
    }

    /// Whether fighter `a` of post `p` can be relieved from the ground before its fuel bingo: a
    /// relief launched now (by a ready aircraft of a serving squadron, or already under way) would
    /// be on station the overlap before it. `tanker_up` keeps whether the station's tanker is up
    /// now ([`Self::station_tanker_up`], for a relief that takes fuel on its way) once asked.
    fn relief_from_the_ground_in_time(
        &self,
        a: usize,
        p: usize,
        tanker_up: &mut Option<bool>,
    ) -> bool {
        let Some(g) = self.fleet.ac[a].group else {
            return false;
        };
        let gr = &self.relief.groups[g];
        // A relief on its way (not the one it is part of, arriving now); it comes for this
        // fighter only if it is one of those it relieves.
        let under_way = !gr.relief.is_empty() && !gr.relief.contains(&a);
        if under_way && !gr.relieving.contains(&a) {
            return false;
        }
        let bingo = self.fuel_bingo_at(a);
        let tanker_up = *tanker_up.get_or_insert_with(|| self.station_tanker_up(p));
        self.m.posts[p].serving.iter().any(|v| {
            // A relief under way arrives its lead after it launched; one launched now, its
            // lead from now.
            let arrives = if under_way {
                gr.due + v.lead_h
            } else {
                self.now + v.lead_h
            };
            (under_way
                || (self.fleet.first_ready(v.sq).is_some()
                    && (v.via_tanker_h.is_none() || tanker_up)))
                && arrives + self.m.overlap_h <= bingo
        })
    }

    /// Whether station `p`'s tanker is up now, with fuel to give.
    pub(super) fn station_tanker_up(&self, p: usize) -> bool {
        self.m.posts[p]
            .tanker
            .is_some_and(|(tp, _)| self.tanker_on(tp).is_some())
    }

    /// The station's plan now: (the fighter to go first, hours until it goes), after bringing
    /// forward the relief of the fighters that cannot be served. `None` when no fighter goes.
    fn current_plan(&mut self, p: usize) -> Option<(usize, f64)> {
        self.m.posts[p].tanker?;
        if self.away_for_fuel(p) {
            return None;
        }
        let mut b = std::mem::take(&mut self.tankers.plan);
        let plan = self.plan_with(p, &mut b);
        self.tankers.plan = b;
        plan
    }

    /// [`Self::current_plan`] of station `p`, made in `b`.
    fn plan_with(&mut self, p: usize, b: &mut PlanBuffers) -> Option<(usize, f64)> {
        b.fighters.clear();
        b.latest.clear();
        b.soon.clear();
        self.on_post_into(p, &mut b.order);
        // Asked of every fighter below, and nothing the loop does changes it.
        let mut tanker_up = None;
        for k in 0..b.order.len() {
            let a = b.order[k];
            if self.aar_possible(self.fleet.ac[a].sq, p).is_none() {
                continue;
            }
            if self.fleet.ac[a].sortie.relieved_on_fuel {
                continue;
            }
            // Only where a trip to the tanker takes the fighter off its station: with the track
            // inside the area it stays on station, and a relief from the ground would only spend
            // sorties and aircraft.
            if !self.m.posts[p].refuels_in_area
                && self.relief_from_the_ground_in_time(a, p, &mut tanker_up)
            {
                // A trip to the tanker takes the fighter off its station; a relief from the
                // ground at its fuel bingo does not.
                self.fleet.ac[a].sortie.relieved_on_fuel = true;
                self.will_leave_at_fuel_bingo(a);
                continue;
            }
            match self.fuel_need(a, p) {
                FuelNeed::None => {}
                FuelNeed::TooLate => self.will_leave_at_fuel_bingo(a),
                FuelNeed::By { soft, hard } => {
                    b.fighters.push(a);
                    b.latest.push(hard);
                    b.soon.push(soft);
                }
            }
        }
        let sq = self.fleet.ac[*b.fighters.first()?].sq;
        let plan = refuel_plan_in(&b.latest, &b.soon, self.trip_h(p, sq), &mut b.order)?;
        for &i in &plan.late {
            self.will_leave_at_fuel_bingo(b.fighters[i]);
        }
        Some((b.fighters[plan.first], plan.go_in_h))
    }

    /// Plans the refuelling of CAP station `p` again: arms its `Refuel` timer for the next
    /// fighter's turn, or leaves it cancelled.
    pub(super) fn plan_refuel(&mut self, p: usize) {
        if self.m.posts[p].tanker.is_none() {
            return;
        }
        let plan = self.current_plan(p).map(|(_, go_in_h)| go_in_h);
        self.arm_refuel(p, plan);
    }

    /// Arms station `p`'s `Refuel` timer `go_in_h` hours from now, or leaves it cancelled. A plan
    /// made again that keeps the same moment keeps the timer already pending for it: no second
    /// event for the calendar to carry and drop.
    pub(super) fn arm_refuel(&mut self, p: usize, go_in_h: Option<f64>) {
        let at = go_in_h.map(|h| self.now + h.max(0.0));
        if at.is_some() && at == self.tankers.refuel_at[p] {
            return;
        }
        self.tankers.refuel_at[p] = at;
        let key = &mut self.tankers.refuel_key[p];
        *key = key.wrapping_add(1);
        let key = *key;
        if let Some(t) = at {
            self.at_time(
                t,
                Ev::Refuel {
                    post: p as u32,
                    key,
                },
            );
        }
    }

    /// A fighter's turn to go to the tanker has come: it goes if a tanker is up; with none, the
    /// station's fighters stay to their fuel bingo.
    pub(super) fn refuel_due(&mut self, p: usize) {
        self.tankers.refuel_at[p] = None;
        let Some((a, go_in_h)) = self.current_plan(p) else {
            return;
        };
        if go_in_h > 1e-9 {
            self.arm_refuel(p, Some(go_in_h));
            return;
        }
        let Some((tp, _)) = self.m.posts[p].tanker else {
            return;
        };
        if self.tanker_on(tp).is_none() {
            let mut on = std::mem::take(&mut self.tankers.plan.order);
            self.on_post_into(p, &mut on);
            for &o in &on {
                self.will_leave_at_fuel_bingo(o);
            }
            self.tankers.plan.order = on;
            return;
        }
        if self.m.posts[p].refuels_in_area {
            // The tanker is inside the station's area: the fighter is still on station.
            self.fleet.ac[a].sortie.refuelling_in_area_of = Some(p);
        } else {
            self.post_loses(p);
        }
        self.set_state(a, St::ToTanker);
        self.cancel_station_timers(a);
        let pos = self.m.posts[p].position;
        let name = &self.m.posts[tp].name;
        self.trace(a, "to_tanker", pos, Some(name));
        let leg_h = self.m.trips[p][self.fleet.ac[a].sq].leg_h;
        self.at(leg_h, Ev::ReachTanker { ac: a as u32 });
        self.plan_refuel(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_fighter_with_time_goes_at_its_latest_moment() {
        let p = refuel_plan(&[2.0], &[2.0], 0.5).unwrap();
        assert_eq!((p.first, p.go_in_h, p.late.len()), (0, 2.0, 0));
        assert_eq!(refuel_plan(&[f64::INFINITY], &[f64::INFINITY], 0.5), None);
        // It goes at its threshold when that comes first.
        let p = refuel_plan(&[2.0], &[1.5], 0.5).unwrap();
        assert_eq!(p.go_in_h, 1.5);
    }

    #[test]
    fn a_pair_with_the_same_fuel_is_staggered_so_that_the_second_is_served_in_time() {
        // Both must leave within 1 h; a trip takes 0.75 h: the first goes at 0.25 h, the second
        // at 1 h, when the first is back.
        let p = refuel_plan(&[1.0, 1.0], &[1.0, 1.0], 0.75).unwrap();
        assert_eq!((p.first, p.go_in_h), (0, 0.25));
        assert!(p.late.is_empty());
    }

    #[test]
    fn the_fighter_with_least_time_goes_first_and_no_one_is_late_when_there_is_room() {
        let p = refuel_plan(&[3.0, 0.5, f64::INFINITY], &[3.0, 0.5, f64::INFINITY], 1.0).unwrap();
        assert_eq!((p.first, p.go_in_h), (1, 0.5));
        assert!(p.late.is_empty());
    }

    #[test]
    fn when_even_going_now_is_too_late_the_ones_left_over_are_named() {
        // Three fighters all due within 0.5 h and trips of 1 h: the first goes now, the second
        // would go at 1 h and the third at 2 h, both too late.
        let p = refuel_plan(&[0.5, 0.5, 0.5], &[0.5, 0.5, 0.5], 1.0).unwrap();
        assert_eq!((p.first, p.go_in_h), (0, 0.0));
        assert_eq!(p.late, vec![1, 2]);
        // Already past its latest moment: it goes at once and is not late by the plan.
        let p = refuel_plan(&[-0.2], &[-0.2], 1.0).unwrap();
        assert_eq!((p.go_in_h, p.late.len()), (0.0, 0));
    }
}
