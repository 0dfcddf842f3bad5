//! The event calendar: a binary heap ordered by (time, priority, sequence number), in two tiers
//! once it holds many events.
//!
//! **Ordering rule.** Events fire in increasing time. Events at the same time fire in increasing
//! priority; the engine's one table of priorities, with the reason for each, is in its `events`
//! module. Events with the same time and priority fire in the order they were scheduled (the
//! sequence number). The order therefore depends on nothing but the model and the random draws,
//! which makes replications reproducible.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Simulation time in hours from the start of the replication.
pub type Hours = f64;

/// Bits of the key below the time: the priority, the sequence number, the event's place.
const PRIORITY_BITS: u32 = 3;
const SEQ_BITS: u32 = 37;
const PLACE_BITS: u32 = 24;

/// Bits of `t` as an unsigned integer that orders as `f64::total_cmp` does.
fn ordered_bits(t: f64) -> u64 {
    let b = t.to_bits();
    if b >> 63 == 1 { !b } else { b | (1 << 63) }
}

/// The time whose [`ordered_bits`] are `bits`.
fn time_of(bits: u64) -> f64 {
    f64::from_bits(if bits >> 63 == 1 {
        bits & !(1 << 63)
    } else {
        !bits
    })
}

/// A future-event list. Its storage grows to the largest number of pending events and is reused,
/// so the steady state allocates nothing per event.
///
/// The heap holds one integer per pending event that orders exactly as (time, priority,
/// sequence): the time's bits mapped to an unsigned integer in the order of `f64::total_cmp`, then
/// the priority (3 bits), then the sequence number (37 bits), then where the event itself waits
/// in a side table (24 bits), which never decides the order because sequence numbers are all
/// different. One integer comparison per heap step, and 16 bytes moved instead of the key and
/// the event together.
pub struct Calendar<E> {
    keys: Keys,
    /// The pending events, by place; places of events already out are reused.
    events: Vec<E>,
    free: Vec<u32>,
    seq: u64,
}

impl<E: Copy> Calendar<E> {
    /// An empty calendar with room for `capacity` pending events.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            keys: Keys::with_capacity(capacity),
            events: Vec::with_capacity(capacity),
            free: Vec::with_capacity(capacity),
            seq: 0,
        }
    }

    /// Schedules `event` at `time` with `priority` (lower fires first at equal times; below 8).
    ///
    /// # Panics
    ///
    /// With a priority of 8 or more, past 2³⁷ events scheduled (about four hours of one
    /// replication at today's speed, far past [`crate::scenario::limits::MAX_EVENTS_PER_REPLICATION`])
    /// or 2²⁴ pending at once (above the limits on aircraft and violations).
    pub fn schedule(&mut self, time: Hours, priority: u8, event: E) {
        assert!(
            u32::from(priority) < 1 << PRIORITY_BITS,
            "priority {priority} above 7"
        );
        self.seq += 1;
        assert!(self.seq < 1 << SEQ_BITS, "more than 2^37 events scheduled");
        let place = match self.free.pop() {
            Some(i) => {
                self.events[i as usize] = event;
                i
            }
            None => {
                self.events.push(event);
                (self.events.len() - 1) as u32
            }
        };
        assert!(place < 1 << PLACE_BITS, "more than 2^24 events pending");
        let key = (u128::from(ordered_bits(time)) << 64)
            | (u128::from(priority) << (SEQ_BITS + PLACE_BITS))
            | (u128::from(self.seq) << PLACE_BITS)
            | u128::from(place);
        self.keys.push(key);
    }

    /// Removes and returns the next event.
    pub fn pop(&mut self) -> Option<(Hours, E)> {
        let key = self.keys.pop()?;
        let place = (key as u32) & ((1 << PLACE_BITS) - 1);
        self.free.push(place);
        Some((time_of((key >> 64) as u64), self.events[place as usize]))
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no event is pending.
    pub fn is_empty(&self) -> bool {
        self.keys.len() == 0
    }
}

/// How far ahead of the next event the heap reaches once it is split, hours.
const SPAN_H: f64 = 12.0;
/// The heap is split in two tiers once it holds more than this many keys.
const SPLIT_AT: usize = 64;

/// The pending keys. A few are all kept in one binary heap. Past [`SPLIT_AT`], in two tiers:
/// the heap holds every key before a horizon, an unordered list every key at or after it, so
/// the heap's least key is the least of all and a pop touches only the heap, which holds the
/// next hours' events instead of the whole month's (violations drawn at the start, the
/// availability clocks of a whole theatre's fleet). When the heap runs dry, the horizon moves
/// [`SPAN_H`] past the earliest key left and the keys before it move into the heap.
struct Keys {
    near: BinaryHeap<Reverse<u128>>,
    far: Vec<u128>,
    /// The horizon's time as ordered bits: keys whose time bits are below it are in `near`
    /// (`u64::MAX` until the heap is split: all of them).
    horizon: u64,
}

impl Keys {
    fn with_capacity(capacity: usize) -> Self {
        Keys {
            near: BinaryHeap::with_capacity(capacity),
            far: Vec::new(),
            horizon: u64::MAX,
        }
    }

    fn len(&self) -> usize {
        self.near.len() + self.far.len()
    }

    fn push(&mut self, key: u128) {
        if ((key >> 64) as u64) < self.horizon {
            self.near.push(Reverse(key));
            if self.near.len() > SPLIT_AT && self.horizon == u64::MAX {
                self.split();
            }
        } else {
            self.far.push(key);
        }
    }

    /// Splits the heap: a horizon [`SPAN_H`] past its least key, and every key at or after it
    /// out to the list.
    fn split(&mut self) {
        let Some(&Reverse(first)) = self.near.peek() else {
            return;
        };
        self.horizon = ordered_bits(time_of((first >> 64) as u64) + SPAN_H);
        let horizon = self.horizon;
        let far = &mut self.far;
        self.near.retain(|&Reverse(k)| {
            let stays = ((k >> 64) as u64) < horizon;
            if !stays {
                far.push(k);
            }
            stays
        });
    }

    fn pop(&mut self) -> Option<u128> {
        if self.near.is_empty() {
            let first = *self.far.iter().min()?;
            let horizon = ordered_bits(time_of((first >> 64) as u64) + SPAN_H);
            // An infinite time stays infinite past the span: then every key goes to the heap.
            self.horizon = if horizon > (first >> 64) as u64 {
                horizon
            } else {
                u64::MAX
            };
            let horizon = self.horizon;
            let near = &mut self.near;
            self.far.retain(|&k| {
                let move_it = ((k >> 64) as u64) < horizon || horizon == u64::MAX;
                if move_it {
                    near.push(Reverse(k));
                }
                !move_it
            });
        }
        self.near.pop().map(|Reverse(k)| k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_integer_key_orders_times_as_total_cmp_and_gives_them_back_unchanged() {
        let times = [-3.5, -0.0, 0.0, 1e-300, 0.25, 1.0, 24.0, 1e9, f64::INFINITY];
        for a in times {
            for b in times {
                assert_eq!(
                    ordered_bits(a).cmp(&ordered_bits(b)),
                    a.total_cmp(&b),
                    "{a} {b}"
                );
            }
            let mut c = Calendar::with_capacity(1);
            c.schedule(a, 3, ());
            assert_eq!(c.pop().unwrap().0.to_bits(), a.to_bits());
        }
    }

    #[test]
    fn events_come_out_by_time_then_priority_then_sequence() {
        let mut c = Calendar::with_capacity(8);
        c.schedule(2.0, 0, "late");
        c.schedule(1.0, 5, "same time, low priority");
        c.schedule(1.0, 1, "same time, first scheduled");
        c.schedule(1.0, 1, "same time, second scheduled");
        c.schedule(0.5, 7, "early");
        let order: Vec<_> = std::iter::from_fn(|| c.pop().map(|(_, e)| e)).collect();
        assert_eq!(
            order,
            [
                "early",
                "same time, first scheduled",
                "same time, second scheduled",
                "same time, low priority",
                "late"
            ]
        );
    }

    #[test]
    #[should_panic(expected = "priority 8 above 7")]
    fn a_priority_the_key_has_no_room_for_is_refused() {
        Calendar::with_capacity(1).schedule(1.0, 8, ());
    }

    /// Runs `ops` on a calendar and on a sorted list of (time, priority, order of scheduling)
    /// beside it: `Some((dt, p))` schedules an event `dt` hours after the last finite time
    /// popped with priority `p`, `None` pops. Every pop, and the calendar drained at the end,
    /// must give the list's next event with its own payload.
    fn against_a_sorted_list(
        ops: impl IntoIterator<Item = Option<(f64, u8)>>,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let mut c = Calendar::with_capacity(2);
        let mut r = std::collections::BTreeMap::new();
        let mut now = 0.0;
        for (n, op) in ops.into_iter().enumerate() {
            if let Some((dt, p)) = op {
                let t = now + dt;
                c.schedule(t, p, n);
                r.insert((ordered_bits(t), p, n), n);
            } else {
                let want = r.pop_first().map(|((t, _, _), e)| (time_of(t), e));
                let got = c.pop();
                proptest::prop_assert_eq!(got, want);
                if let Some((t, _)) = got.filter(|(t, _)| t.is_finite()) {
                    now = t;
                }
            }
        }
        proptest::prop_assert_eq!(c.len(), r.len());
        while let Some(got) = c.pop() {
            let want = r.pop_first().map(|((t, _, _), e)| (time_of(t), e));
            proptest::prop_assert_eq!(Some(got), want);
        }
        proptest::prop_assert!(r.is_empty());
        Ok(())
    }

    proptest::proptest! {
        /// Under any mix of scheduling and popping, events come out as a sorted list of (time,
        /// priority, order of scheduling) gives them, each with its own payload, while the side
        /// table's places are reused: times are drawn from a few values, so ties are common.
        #[test]
        fn events_come_out_in_key_order_with_their_own_payload(
            ops in proptest::collection::vec((proptest::bool::ANY, 0u8..8, 0u8..8), 1..400)
        ) {
            against_a_sorted_list(
                ops.into_iter()
                    .map(|(push, dt, p)| push.then_some((f64::from(dt) * 0.25, p))),
            )?;
        }

        /// The same with many events pending far apart, so that the heap is split in two tiers
        /// and its horizon moves again and again, and with some events at an infinite time.
        #[test]
        fn events_come_out_in_key_order_across_the_tiers(
            ops in proptest::collection::vec((0u8..3, 0u16..2000, 0u8..8), 1..1500)
        ) {
            against_a_sorted_list(ops.into_iter().map(|(op, dt, p)| {
                let dt = if dt == 1999 { f64::INFINITY } else { f64::from(dt) * 0.05 };
                (op < 2).then_some((dt, p))
            }))?;
        }
    }
}
