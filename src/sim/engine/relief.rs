//! Relief: the groups that man each post, when their relief is planned and launched, the
//! hand-over, and members leaving.
//!
//! The timing of a relief is a narrow rule ([`relief_arrive_by`]) on plain values, tested on its
//! own; the handlers here apply it.

use super::super::calendar::Hours;
use super::super::model::{Model, PostDef, PostKind};
use super::Rep;
use super::events::Ev;
use super::fleet::St;
use crate::sim::trace::Observer;
use std::collections::VecDeque;

/// A relief group: the aircraft that man (part of) one post and the relief on its way.
pub(super) struct Group {
    pub post: usize,
    pub size: u32,
    pub members: Vec<usize>,
    pub relief: Vec<usize>,
    /// Aircraft still to launch for the current relief.
    pub need: u32,
    /// Aircraft in the current relief, launched or not.
    pub planned: u32,
    /// The members the current relief replaces (the others stay on).
    pub relieving: Vec<usize>,
    /// Whether the launches in progress fill the members (no members on post) or form a relief.
    pub filling: bool,
    pub pending: bool,
    /// When the relief planned or under way launches (or launched), hours.
    pub due: Hours,
    /// The key of the live `ReliefDue` timer.
    pub key: u32,
}

/// Every relief group, and the groups waiting for a ready aircraft, longest-waiting first.
pub(super) struct Relief {
    pub groups: Vec<Group>,
    pub waiting: VecDeque<usize>,
    /// A list kept for the next relief's `relieving`, so that planning a relief allocates
    /// nothing.
    spare: Vec<usize>,
}

impl Relief {
    pub(super) fn new(m: &Model) -> Self {
        let groups = m
            .groups
            .iter()
            .map(|&(post, size)| Group {
                post,
                size,
                members: Vec::new(),
                relief: Vec::new(),
                need: 0,
                planned: 0,
                relieving: Vec::new(),
                filling: true,
                pending: false,
                due: 0.0,
                key: 0,
            })
            .collect();
        Relief {
            groups,
            waiting: VecDeque::new(),
            spare: Vec::new(),
        }
    }

    /// Takes launching aircraft `a` into group `g` (as a member when filling, else as relief);
    /// the group's post.
    pub(super) fn take_on(&mut self, g: usize, a: usize) -> usize {
        let gr = &mut self.groups[g];
        if gr.filling {
            gr.members.push(a);
        } else {
            gr.relief.push(a);
        }
        gr.post
    }

    /// Marks group `g`'s relief due at `at`, to replace `relieving` and fill any empty place;
    /// the key of its `ReliefDue` event.
    fn due_at(&mut self, g: usize, at: Hours, relieving: Vec<usize>) -> u32 {
        let gr = &mut self.groups[g];
        gr.pending = true;
        gr.due = at;
        let staying = gr.members.len() - relieving.len();
        gr.planned = gr.size.saturating_sub(staying as u32).max(1);
        gr.need = gr.planned;
        self.spare = std::mem::replace(&mut gr.relieving, relieving);
        gr.key = gr.key.wrapping_add(1);
        gr.key
    }
}

/// When a group's relief must be on post `post`: `overlap_h` before the members' earliest
/// predicted departure `leave` while the post is required then, else when it is next required;
/// with no members, as soon as the post is required.
pub(super) fn relief_arrive_by(
    post: &PostDef,
    overlap_h: f64,
    now: Hours,
    leave: Option<Hours>,
) -> Hours {
    match leave {
        None => post.next_required(now),
        Some(leave) if post.required_at(leave) || post.required_at(leave - overlap_h) => {
            leave - overlap_h
        }
        Some(leave) => post.next_required(leave),
    }
}

/// Times this close count as equal when a relief decides whom it replaces: 10⁻⁹ h (about 4
/// microseconds), far above the rounding of sums of hours over a replication and far below any
/// duration modelled.
const TIE_H: Hours = 1e-9;

impl<O: Observer> Rep<'_, '_, O> {
    /// Plans the next relief of group `g`, unless one is already planned or under way.
    pub(super) fn plan_relief(&mut self, g: usize) {
        let gr = &self.relief.groups[g];
        if gr.pending || !gr.relief.is_empty() {
            return;
        }
        let post = &self.m.posts[gr.post];
        let Some(lead) = post.serving.first().map(|v| v.lead_h) else {
            return;
        };
        // An empty place is filled at once; otherwise the relief is for the first member to
        // leave, and those leaving within one lead of it.
        let leave = (!gr.members.is_empty()).then(|| {
            if (gr.members.len() as u32) < gr.size {
                return self.now;
            }
            gr.members
                .iter()
                .map(|&a| self.fleet.ac[a].sortie.bingo_at)
                .fold(f64::INFINITY, f64::min)
        });
        let relieving = self.leaving_by(g, leave.unwrap_or(self.now) + lead);
        let ahead = match post.kind {
            PostKind::Tanker(_) | PostKind::Aew(_) => self.m.overlap_h + self.m.support_margin_h,
            PostKind::Cap(_) => self.m.overlap_h,
        };
        let target = relief_arrive_by(post, ahead, self.now, leave);
        let launch_at = (target - lead).max(self.now);
        if launch_at >= self.end {
            self.relief.spare = relieving;
            return;
        }
        let key = self.relief.due_at(g, launch_at, relieving);
        self.at_time(
            launch_at,
            Ev::ReliefDue {
                group: g as u32,
                key,
            },
        );
    }

    /// The members of group `g` predicted to leave by `by`: those a relief replaces. Relief
    /// is only for the members that must leave; the others stay on post. A departure within a
    /// rounding of `by` is by it: an aircraft sent to fill an empty place is predicted to leave
    /// exactly one lead after its partner, and the sums that give the two times may round either
    /// way ([`TIE_H`]).
    fn leaving_by(&mut self, g: usize, by: Hours) -> Vec<usize> {
        let mut leaving = std::mem::take(&mut self.relief.spare);
        leaving.clear();
        leaving.extend(
            self.relief.groups[g]
                .members
                .iter()
                .copied()
                .filter(|&a| self.fleet.ac[a].sortie.bingo_at <= by + TIE_H),
        );
        leaving
    }

    /// Plans group `g`'s relief again after a member's predicted departure came earlier. A relief
    /// not yet due comes forward; one already due (launching, or waiting for ready aircraft)
    /// cannot come earlier and is left as it is.
    pub(super) fn replan_relief(&mut self, g: usize) {
        let gr = &mut self.relief.groups[g];
        if gr.pending && gr.due > self.now {
            gr.pending = false;
            self.plan_relief(g);
        }
    }

    /// Brings group `g`'s relief forward to now: a member left before it was planned to.
    fn relieve_now(&mut self, g: usize) {
        let gr = &self.relief.groups[g];
        if !gr.relief.is_empty() || (gr.pending && gr.need < gr.planned) {
            return; // already launching or launched
        }
        if self.relief.waiting.contains(&g) {
            return;
        }
        let lead = self.m.posts[gr.post]
            .serving
            .first()
            .map_or(0.0, |v| v.lead_h);
        let relieving = self.leaving_by(g, self.now + lead);
        let key = self.relief.due_at(g, self.now, relieving);
        self.at_time(
            self.now,
            Ev::ReliefDue {
                group: g as u32,
                key,
            },
        );
    }

    pub(super) fn relief_due(&mut self, g: usize) {
        self.relief.groups[g].filling = self.relief.groups[g].members.is_empty();
        self.fill(g);
    }

    /// Launches ready aircraft for group `g` until its relief is complete or none is ready.
    pub(super) fn fill(&mut self, g: usize) {
        let post = self.relief.groups[g].post;
        while self.relief.groups[g].need > 0 {
            let need = self.relief.groups[g].need;
            // Squadrons that must take fuel on the way out wait until a tanker is on track
            // (asked only of such a squadron).
            let mut tanker_up = None;
            // A ready aircraft of a squadron without rested crews for the whole relief waits.
            let mut uncrewed = None;
            let candidate = self.m.posts[post].serving.iter().find_map(|v| {
                if v.via_tanker_h.is_some()
                    && !*tanker_up.get_or_insert_with(|| self.station_tanker_up(post))
                {
                    return None;
                }
                let a = self.fleet.first_ready(v.sq)?;
                if !self.crews.ready(v.sq, self.now, need) {
                    uncrewed.get_or_insert((a, v.sq));
                    return None;
                }
                Some(a)
            });
            let Some(a) = candidate else {
                if let Some((a, sq)) = uncrewed {
                    self.wait_for_crew(a, sq, post, need);
                }
                break;
            };
            if self.launch(a, g) {
                self.relief.groups[g].need -= 1;
            }
        }
        let r = &mut self.relief;
        if r.groups[g].need == 0 {
            r.groups[g].pending = false;
            r.waiting.retain(|&x| x != g);
        } else if !r.waiting.contains(&g) {
            r.waiting.push_back(g);
        }
    }

    /// A ready aircraft goes to a QRA posture short of its alert, else to the longest-waiting
    /// group its squadron serves, else in the place of an alert aircraft whose scheduled
    /// maintenance is waiting for a spare.
    pub(super) fn assign(&mut self, a: usize) {
        if self.regenerate_with(a, false) {
            return;
        }
        let sq = self.fleet.ac[a].sq;
        let wanted = self.relief.waiting.iter().copied().find(|&g| {
            self.m.posts[self.relief.groups[g].post]
                .serving
                .iter()
                .any(|v| v.sq == sq)
        });
        if let Some(g) = wanted {
            self.fill(g);
        }
        if self.fleet.ac[a].st == St::Ready {
            self.relieve_for_maintenance(a);
        }
    }

    /// When the whole relief of group `g` is on station it takes the place of the members it
    /// relieves, which stay on station until their own bingo (the overlap); the members it does
    /// not relieve stay on as members.
    pub(super) fn hand_over_if_complete(&mut self, g: usize) {
        let gr = &self.relief.groups[g];
        let complete = !gr.relief.is_empty()
            && gr.relief.len() as u32 == gr.planned
            && gr
                .relief
                .iter()
                .all(|&r| self.fleet.ac[r].st == St::OnStation);
        if !complete {
            return;
        }
        let gr = &mut self.relief.groups[g];
        let old = std::mem::take(&mut gr.relieving);
        gr.members.retain(|a| !old.contains(a));
        gr.members.append(&mut gr.relief);
        for &o in &old {
            if self.fleet.ac[o].st != St::OnStation {
                // Away at the tanker or not yet back: it goes home from where it is.
                self.outgoing_leaves(o);
            }
        }
        self.relief.spare = old;
    }

    /// An aircraft already relieved leaves: no relief follows from it.
    fn outgoing_leaves(&mut self, a: usize) {
        let p = self.post_of(a);
        if self.fleet.ac[a].st == St::AtTanker {
            self.leave_tanker_queue(a, p);
        }
        if matches!(self.fleet.ac[a].st, St::OnStation | St::AtTanker) {
            self.fleet.ac[a].group = None;
            self.leave_post_from(a, p);
        }
    }

    /// Aircraft `a` of group `g` leaves its post at bingo (or after a failure) and goes home.
    pub(super) fn member_leaves(&mut self, a: usize, g: usize) {
        let p = self.relief.groups[g].post;
        self.fleet.ac[a].group = None;
        self.leave_post_from(a, p);
        self.leave_group(a, g);
    }

    /// Takes `a` out of group `g`. If it was one of the group's members and its relief is not
    /// complete, the relief is brought forward; if it was the last member, the part of the relief
    /// already launched becomes the element, and the aircraft still to launch join it.
    pub(super) fn leave_group(&mut self, a: usize, g: usize) {
        let gr = &mut self.relief.groups[g];
        let was_member = gr.members.contains(&a) || gr.relief.contains(&a);
        gr.members.retain(|&x| x != a);
        gr.relief.retain(|&x| x != a);
        gr.relieving.retain(|&x| x != a);
        self.fleet.ac[a].group = None;
        if !was_member {
            return;
        }
        let gr = &mut self.relief.groups[g];
        if gr.members.is_empty() {
            // The old element has gone: aircraft still to launch join the element, not a relief
            // that could never complete.
            gr.filling = true;
            if !gr.relief.is_empty() {
                gr.members = std::mem::take(&mut gr.relief);
                gr.relieving.clear();
                self.plan_relief(g);
                return;
            }
        }
        self.relieve_now(g);
    }

    /// Bingo: the aircraft leaves its post (or the tanker queue) and goes home.
    pub(super) fn bingo(&mut self, a: usize) {
        let g = self.fleet.ac[a].group.expect("on a task");
        match self.fleet.ac[a].st {
            St::OnStation => self.member_leaves(a, g),
            St::AtTanker => {
                let p = self.post_of(a);
                self.leave_tanker_queue(a, p);
                self.member_leaves(a, g);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::model::{PostKind, Serving};
    use nalgebra::Vector2;

    fn post(hours: Option<[f64; 2]>) -> PostDef {
        PostDef {
            name: "S".into(),
            kind: PostKind::Cap(0),
            position: crate::geo::LatLon::new(50.0, 20.0),
            xy: Vector2::zeros(),
            required: 2,
            serving: Vec::<Serving>::new(),
            tanker: None,
            refuels_in_area: false,
            hours,
            expected_offload_kg_h: 0.0,
        }
    }

    #[test]
    fn a_relief_arrives_the_overlap_before_the_members_leave() {
        let p = post(None);
        assert_eq!(relief_arrive_by(&p, 0.5, 3.0, Some(10.0)), 9.5);
        // No members: at once.
        assert_eq!(relief_arrive_by(&p, 0.5, 3.0, None), 3.0);
    }

    #[test]
    fn a_part_day_post_is_relieved_when_it_is_next_required() {
        // Required 06:00-22:00. Members leaving at 23:00 need no relief until 06:00 next day.
        let p = post(Some([6.0, 22.0]));
        assert_eq!(relief_arrive_by(&p, 0.5, 20.0, Some(23.0)), 30.0);
        // Leaving at 22:15, the overlap still falls in the required hours: relieved at 21:45.
        assert_eq!(relief_arrive_by(&p, 0.5, 20.0, Some(22.25)), 21.75);
        // No members at 02:00: the first relief is on post at 06:00.
        assert_eq!(relief_arrive_by(&p, 0.5, 2.0, None), 6.0);
    }
}
