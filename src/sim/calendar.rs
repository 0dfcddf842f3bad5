//! The event calendar: a binary heap ordered by (time, priority, sequence number).
//!
//! **Ordering rule.** Events fire in increasing time. Events at the same time fire in increasing
//! priority; the engine's one table of priorities, with the reason for each, is in its `events`
//! module. Events with the same time and priority fire in the order they were scheduled (the
//! sequence number). The order therefore depends on nothing but the model and the random draws,
//! which makes replications reproducible.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Simulation time in hours from the start of the replication.
pub type Hours = f64;

/// A pending event under one integer key that orders exactly as (time, priority, sequence): the
/// time's bits mapped to an unsigned integer in the order of `f64::total_cmp`, then the priority,
/// then the sequence number. One integer comparison per heap step instead of three.
struct Entry<E> {
    key: u128,
    event: E,
}

/// Bits of `t` as an unsigned integer that orders as `f64::total_cmp` does.
fn ordered_bits(t: f64) -> u64 {
    let b = t.to_bits();
    if b >> 63 == 1 { !b } else { b | (1 << 63) }
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: the heap is a max-heap and the earliest entry must come out first.
        other.key.cmp(&self.key)
    }
}

/// A future-event list. Its storage grows to the largest number of pending events and is reused,
/// so the steady state allocates nothing per event.
pub struct Calendar<E> {
    heap: BinaryHeap<Entry<E>>,
    seq: u64,
}

impl<E> Calendar<E> {
    /// An empty calendar with room for `capacity` pending events.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            heap: BinaryHeap::with_capacity(capacity),
            seq: 0,
        }
    }

    /// Schedules `event` at `time` with `priority` (lower fires first at equal times).
    pub fn schedule(&mut self, time: Hours, priority: u8, event: E) {
        self.seq += 1;
        debug_assert!(self.seq < 1 << 56, "sequence numbers have 56 bits");
        let key = (u128::from(ordered_bits(time)) << 64)
            | (u128::from(priority) << 56)
            | u128::from(self.seq);
        self.heap.push(Entry { key, event });
    }

    /// Removes and returns the next event.
    pub fn pop(&mut self) -> Option<(Hours, E)> {
        self.heap.pop().map(|e| {
            let bits = (e.key >> 64) as u64;
            let bits = if bits >> 63 == 1 {
                bits & !(1 << 63)
            } else {
                !bits
            };
            (f64::from_bits(bits), e.event)
        })
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Whether no event is pending.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
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
        c.schedule(0.5, 9, "early");
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
}
