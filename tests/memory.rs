//! A run's memory does not grow with its replication count when rows are not kept: the peak heap
//! of 1,200 and of 3,600 replications must agree within 10 %. Counted by a global allocator, so
//! the figure is exact and does not depend on the machine.

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap growth over the current level while `f` runs.
fn peak_during(f: impl FnOnce()) -> usize {
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    f();
    PEAK.load(Ordering::Relaxed) - base
}

#[test]
fn peak_memory_does_not_grow_with_the_replication_count() {
    let s = Scenario::load("baltic").unwrap();
    let opts = |n| {
        RunOptions::default()
            .with_replications(n)
            .with_threads(2)
            .with_rows(false)
    };
    let small = peak_during(|| {
        run(&s, &opts(1_200)).unwrap();
    });
    let large = peak_during(|| {
        run(&s, &opts(3_600)).unwrap();
    });
    let kept = peak_during(|| {
        run(&s, &opts(3_600).with_rows(true)).unwrap();
    });
    let ratio = large as f64 / small as f64;
    assert!(
        (0.9..=1.1).contains(&ratio),
        "peak heap {small} B at 1,200 replications, {large} B at 3,600"
    );
    // The check can fail: keeping the rows makes memory grow with the count.
    assert!(kept > 2 * large, "kept rows {kept} B vs streamed {large} B");
}
