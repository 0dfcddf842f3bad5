//! Posts (CAP stations, tanker tracks, AEW orbits): who is on each, which are required now, and
//! the coverage that follows whenever that changes.

use super::super::model::{Model, PostKind};
use super::Rep;
use super::events::Ev;
use crate::sim::trace::Observer;

/// Who is on a post, and whether it is required now.
#[derive(Debug, Clone, Copy)]
pub(super) struct Manning {
    /// Aircraft on the post.
    pub on_station: u32,
    /// Whether the post is required now (part-day stations).
    pub required: bool,
}

/// Manning of every post.
pub(super) struct Posts {
    pub of: Vec<Manning>,
}

impl Posts {
    pub(super) fn new(m: &Model) -> Self {
        Posts {
            of: m
                .posts
                .iter()
                .map(|p| Manning {
                    on_station: 0,
                    required: p.required_at(0.0),
                })
                .collect(),
        }
    }

    /// Whether every post of a kind has its required count on it.
    pub(super) fn all_manned(&self, m: &Model, kind: impl Fn(PostKind) -> bool) -> bool {
        self.of
            .iter()
            .zip(&m.posts)
            .all(|(s, d)| !kind(d.kind) || s.on_station >= d.required)
    }

    /// Whether every required CAP station has its full element on it.
    pub(super) fn all_cap_full(&self, m: &Model) -> bool {
        self.of.iter().zip(&m.posts).all(|(s, d)| {
            !matches!(d.kind, PostKind::Cap(_)) || !s.required || s.on_station >= d.required
        })
    }

    /// Whether every required CAP station has at least one fighter on it.
    pub(super) fn all_cap_present(&self, m: &Model) -> bool {
        self.of
            .iter()
            .zip(&m.posts)
            .all(|(s, d)| !matches!(d.kind, PostKind::Cap(_)) || !s.required || s.on_station >= 1)
    }
}

impl<O: Observer> Rep<'_, '_, O> {
    /// Brings the coverage of post `p` (and of its kind, and the front) up to date after its
    /// manning or requirement changed.
    pub(super) fn refresh_post(&mut self, p: usize) {
        let (w, e, now) = (self.m.warmup_h, self.end, self.now);
        let on = self.posts.of[p].on_station;
        let required = self.posts.of[p].required;
        let full = on >= self.m.posts[p].required;
        let mt = &mut self.metrics;
        mt.post_full[p].set(now, f64::from(full && required), w, e);
        mt.post_present[p].set(now, f64::from(on >= 1 && required), w, e);
        match self.m.posts[p].kind {
            PostKind::Cap(_) => {
                let ok = self.posts.all_cap_full(self.m);
                mt.all_cap.set(now, f64::from(ok), w, e);
                let present = self.posts.all_cap_present(self.m);
                mt.cap_presence.set(now, f64::from(present), w, e);
            }
            PostKind::Tanker(_) => {
                let ok = self
                    .posts
                    .all_manned(self.m, |k| matches!(k, PostKind::Tanker(_)));
                mt.all_tanker.set(now, f64::from(ok), w, e);
            }
            PostKind::Aew(_) => {
                let ok = self
                    .posts
                    .all_manned(self.m, |k| matches!(k, PostKind::Aew(_)));
                mt.all_aew.set(now, f64::from(ok), w, e);
                self.refresh_sensors();
            }
        }
    }

    /// An aircraft comes on post `p`.
    pub(super) fn post_gains(&mut self, p: usize) {
        self.posts.of[p].on_station += 1;
        self.refresh_post(p);
    }

    /// An aircraft leaves post `p`.
    pub(super) fn post_loses(&mut self, p: usize) {
        self.posts.of[p].on_station -= 1;
        self.refresh_post(p);
    }

    /// Schedules the edges of post `p`'s hours of the day, if it has them.
    pub(super) fn schedule_hours(&mut self, p: usize) {
        let Some([s, e]) = self.m.posts[p].hours else {
            return;
        };
        let mut day = 0.0;
        while day * 24.0 < self.end {
            for h in [s, e] {
                let t = day * 24.0 + h;
                if t > 0.0 && t < self.end {
                    self.at_time(t, Ev::HoursEdge { post: p as u32 });
                }
            }
            day += 1.0;
        }
    }

    /// A part-day post becomes required or stops being required.
    pub(super) fn hours_edge(&mut self, p: usize) {
        let req = self.m.posts[p].required_at(self.now);
        let (w, e, now) = (self.m.warmup_h, self.end, self.now);
        self.posts.of[p].required = req;
        self.metrics.post_required[p].set(now, f64::from(req), w, e);
        self.refresh_post(p);
    }
}
