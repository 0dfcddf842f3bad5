//! The event calendar: a binary heap ordered by (time, priority, sequence number).
//!
//! **Ordering rule.** Events fire in increasing time. Events at the same time fire in increasing
//! priority (the engine's event priorities: aircraft becoming available, then arrivals,
//! then departures, then relief decisions, then breakdowns). Events with the same time and
//! priority fire in the order they were scheduled (the sequence number). The order therefore
//! depends on nothing but the model and the random draws, which makes replications reproducible.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Simulation time in hours from the start of the replication.
pub type Hours = f64;

struct Entry<E> {
    time: Hours,
    priority: u8,
    seq: u64,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
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
        other
            .time
            .total_cmp(&self.time)
            .then(other.priority.cmp(&self.priority))
            .then(other.seq.cmp(&self.seq))
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
        self.heap.push(Entry {
            time,
            priority,
            seq: self.seq,
            event,
        });
    }

    /// Removes and returns the next event.
    pub fn pop(&mut self) -> Option<(Hours, E)> {
        self.heap.pop().map(|e| (e.time, e.event))
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
