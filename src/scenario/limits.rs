//! Limits that keep a scenario from exhausting memory or running for days.
//!
//! Each is far above any real theatre; a scenario beyond one is refused at load time with the
//! limit named, before any work starts.

/// Largest scenario file, bytes (4 MiB).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Most vertices in the front polyline.
pub const MAX_FRONT_POINTS: usize = 10_000;
/// Longest front, km (half the Earth's circumference).
pub const MAX_FRONT_KM: f64 = 20_000.0;
/// Most front sectors.
pub const MAX_SECTORS: u32 = 1_000;
/// Most entries in each list: bases, squadrons, aircraft types, QRA postures, tanker tracks, AEW
/// orbits, ground radars, points and violator types.
pub const MAX_LIST_ENTRIES: usize = 1_000;
/// Most CAP stations after automatic placement.
pub const MAX_CAP_STATIONS: usize = 500;
/// Most aircraft in one squadron.
pub const MAX_AIRCRAFT_PER_SQUADRON: u32 = 5_000;
/// Most aircraft in the whole scenario.
pub const MAX_AIRCRAFT_TOTAL: u64 = 20_000;
/// Longest simulated duration, days (ten years).
pub const MAX_DURATION_DAYS: f64 = 3_650.0;
/// Most violations expected in one replication (rate × peak multipliers × duration).
pub const MAX_VIOLATIONS_PER_REPLICATION: f64 = 1_000_000.0;
/// Most replication-days in one run (replications × simulated days): about an hour of two cores
/// for a `ukraine`-sized theatre. Split a bigger study with `--reps A..B` or Dask.
pub const MAX_REPLICATION_DAYS: f64 = 50_000_000.0;
/// Most events one replication may handle: about half a minute of one core, some seventy times
/// the events of a ten-year `ukraine` replication (36,000 events a month). A replication past it stops with an error naming
/// the limit instead of running without end.
pub const MAX_EVENTS_PER_REPLICATION: u64 = 300_000_000;
/// Most points of one sweep (the product of its axes' value counts): a 100 × 100 grid. The
/// whole sweep's replication-days are held to [`MAX_REPLICATION_DAYS`] too.
pub const MAX_SWEEP_POINTS: usize = 10_000;
/// Most events in one trace (about 100 bytes each on disk).
pub const MAX_TRACE_EVENTS: u64 = 5_000_000;
pub use crate::catalog::MIN_DOWN_H;
/// Most worker threads of one run: far above the cores of any machine; more only cost memory
/// and start-up time.
pub const MAX_THREADS: usize = 1_024;
/// Largest checkpoint file read back, bytes (256 MiB): a run's summaries or a sizing's scores
/// take a few megabytes at most.
pub const MAX_CHECKPOINT_BYTES: usize = 256 * 1024 * 1024;
