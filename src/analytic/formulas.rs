//! The closed-form anchors (docs/model.md, closed forms), each a small pure function with a test against a
//! hand-computed or published value.

/// Serial turnaround tasks of RAND's sortie-rate model (airbase-vulnerability study, Appendix B),
/// minutes. They add to 180.
pub const RAND_SERIAL_TURNAROUND_MIN: [(&str, f64); 14] = [
    ("land and taxi", 10.0),
    ("make safe", 5.0),
    ("shut down", 2.0),
    ("post-flight inspection and debrief", 15.0),
    ("re-arm", 50.0),
    ("service", 20.0),
    ("refuel", 30.0),
    ("pre-flight inspection", 15.0),
    ("start", 5.0),
    ("final checks", 5.0),
    ("arm", 5.0),
    ("taxi", 10.0),
    ("queue", 5.0),
    ("take-off", 3.0),
];

/// Tolerance when a ratio that should be a whole number is rounded up, so that `2.0000000000000004`
/// counts as 2 and not 3.
const CEIL_EPS: f64 = 1e-9;

/// `x` rounded up to a whole number, treating values within `1e-9` of one as that number.
pub fn ceil_tolerant(x: f64) -> f64 {
    (x - CEIL_EPS).ceil()
}

/// Sortie cycle, hours: `C = t_os + 2·t_tr + t_g`.
pub fn cycle_h(on_station_h: f64, transit_h: f64, ground_h: f64) -> f64 {
    on_station_h + 2.0 * transit_h + ground_h
}

/// Aircraft in rotation with element relief, deterministic, no failures:
/// `k · ceil(C / (t_os − o))`. `None` when the time on station does not exceed the overlap, so no
/// rotation can keep the station manned.
pub fn rotation_count(
    element: u32,
    cycle_h: f64,
    on_station_h: f64,
    overlap_h: f64,
) -> Option<u32> {
    let interval = on_station_h - overlap_h;
    if interval <= 0.0 || !cycle_h.is_finite() {
        return None;
    }
    // More aircraft than any scenario may hold is no rotation at all.
    let limit = crate::scenario::limits::MAX_AIRCRAFT_TOTAL;
    let per_slot = ceil_tolerant(cycle_h / interval);
    let n = f64::from(element) * per_slot;
    (n <= limit as f64).then_some(n as u32)
}

/// The continuous lower bound on aircraft in rotation: `k · C / t_os`.
pub fn rotation_lower_bound(element: u32, cycle_h: f64, on_station_h: f64) -> f64 {
    f64::from(element) * cycle_h / on_station_h
}

/// Trips to the tanker per sortie: the fuel a sortie takes from the tanker over what one trip
/// gives (a top-up from the refuelling threshold), rounded up; none when nothing is taken.
pub fn tanker_trips_per_sortie(aar_kg: f64, per_trip_kg: f64) -> u32 {
    if aar_kg <= 0.0 || per_trip_kg <= 0.0 {
        return 0;
    }
    (aar_kg / per_trip_kg - 1e-9).ceil().max(1.0) as u32
}

/// Hours per sortie away from a station for fuel: both legs and the hook-up, per trip.
pub fn away_for_fuel_h(trips: u32, leg_h: f64, hookup_h: f64) -> f64 {
    f64::from(trips) * (2.0 * leg_h + hookup_h)
}

/// Sorties per day to keep `element` aircraft on station: `24·k / (t_os − o)`.
pub fn sorties_per_day(element: u32, on_station_h: f64, overlap_h: f64) -> f64 {
    24.0 * f64::from(element) / (on_station_h - overlap_h)
}

/// Flight hours per day: `sorties · (t_os + 2·t_tr)`.
pub fn flight_hours_per_day(sorties_per_day: f64, on_station_h: f64, transit_h: f64) -> f64 {
    sorties_per_day * (on_station_h + 2.0 * transit_h)
}

/// RAND's sortie rate per aircraft per day: `24 / (flight time + turnaround + maintenance)`.
pub fn rand_sortie_rate(flight_h: f64, turnaround_h: f64, maintenance_h: f64) -> f64 {
    24.0 / (flight_h + turnaround_h + maintenance_h)
}

/// Erlang-B: with `servers` aircraft (or elements) on alert and offered load `a = λ·S`, the
/// fraction of arrivals that find none free. Insensitive to the distribution of S.
pub fn erlang_b(servers: u32, offered_load: f64) -> f64 {
    let mut b = 1.0;
    for k in 1..=servers {
        b = offered_load * b / (f64::from(k) + offered_load * b);
    }
    b
}

/// `P[Binomial(n, p) ≥ k]`.
pub fn binomial_at_least(n: u32, k: u32, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    // Sum the lower tail in log space for stability, then complement.
    let ln_p = p.ln();
    let ln_q = (1.0 - p).ln();
    let mut below = 0.0;
    let mut ln_choose = 0.0; // ln C(n, 0)
    for i in 0..k {
        if i > 0 {
            ln_choose += f64::from(n - i + 1).ln() - f64::from(i).ln();
        }
        let term = if p == 0.0 {
            if i == 0 { 1.0 } else { 0.0 }
        } else if p == 1.0 {
            0.0
        } else {
            (ln_choose + f64::from(i) * ln_p + f64::from(n - i) * ln_q).exp()
        };
        below += term;
    }
    (1.0 - below).clamp(0.0, 1.0)
}

/// Fleet by simple division: `ceil(N_rot / A)`.
pub fn fleet_by_division(in_rotation: u32, availability: f64) -> Option<u32> {
    (availability > 0.0).then(|| ceil_tolerant(f64::from(in_rotation) / availability) as u32)
}

/// The smallest fleet N with `P[Binomial(N, A) ≥ N_rot] ≥ confidence`; `None` if availability is
/// 0, if the rotation alone is more aircraft than any scenario may hold
/// ([`crate::scenario::limits::MAX_AIRCRAFT_TOTAL`]), or if no fleet up to 100 times the rotation
/// (plus 100) reaches the confidence. The probability grows with N, so the search bisects.
pub fn fleet_for_confidence(in_rotation: u32, availability: f64, confidence: f64) -> Option<u32> {
    if in_rotation == 0 {
        return Some(0);
    }
    if availability <= 0.0 || u64::from(in_rotation) > crate::scenario::limits::MAX_AIRCRAFT_TOTAL {
        return None;
    }
    let meets = |n: u32| binomial_at_least(n, in_rotation, availability) >= confidence;
    let (mut lo, mut hi) = (
        in_rotation,
        in_rotation.saturating_mul(100).saturating_add(100),
    );
    if !meets(hi) {
        return None;
    }
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if meets(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Some(lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn bisection_finds_the_same_fleet_as_a_linear_search() {
        for k in [1u32, 2, 3, 6, 17, 40, 120] {
            for a in [0.05, 0.3, 0.58, 0.7, 0.9, 0.99, 1.0] {
                for conf in [0.5, 0.9, 0.95, 0.999] {
                    let linear = (k..=k * 100 + 100).find(|&n| binomial_at_least(n, k, a) >= conf);
                    assert_eq!(fleet_for_confidence(k, a, conf), linear, "{k} {a} {conf}");
                }
            }
        }
    }

    #[test]
    fn an_absurd_rotation_has_no_fleet_and_returns_at_once() {
        assert_eq!(fleet_for_confidence(u32::MAX, 0.7, 0.9), None);
        assert_eq!(fleet_for_confidence(20_001, 0.7, 0.9), None);
    }

    #[test]
    fn rand_turnaround_adds_to_180_minutes() {
        let total: f64 = RAND_SERIAL_TURNAROUND_MIN.iter().map(|(_, m)| m).sum();
        assert_eq!(total, 180.0);
    }

    #[test]
    fn rand_worked_example_gives_2_46_sorties_a_day() {
        // 500 nmi at 500 kt: one hour out, one hour back.
        let flight_h = 2.0 * 500.0 / 500.0;
        assert_eq!(flight_h, 2.0);
        // The published cycle is 9.76 h: 2 h flying + 3 h serial turnaround leaves 4.76 h of
        // maintenance in the example.
        let rate = rand_sortie_rate(flight_h, 3.0, 4.76);
        assert!(close(rate, 2.46, 0.005), "{rate}");
        assert!(close(24.0 / 9.76, 2.46, 0.005));
    }

    #[test]
    fn erlang_b_published_values() {
        assert!(close(erlang_b(1, 0.25), 0.2000, 5e-5));
        assert!(
            close(erlang_b(2, 0.25), 0.0244, 5e-5),
            "{}",
            erlang_b(2, 0.25)
        );
        assert_eq!(erlang_b(0, 3.0), 1.0);
    }

    #[test]
    fn baltic_detachment_readiness() {
        // docs/sources.md: P(at least 2 of 4 ready) = 0.916 at MC rate 0.7, 0.973 at 0.8.
        assert!(
            close(binomial_at_least(4, 2, 0.7), 0.916, 5e-4),
            "{}",
            binomial_at_least(4, 2, 0.7)
        );
        assert!(close(binomial_at_least(4, 2, 0.8), 0.973, 5e-4));
        assert_eq!(binomial_at_least(4, 0, 0.5), 1.0);
        assert_eq!(binomial_at_least(4, 5, 0.9), 0.0);
        assert_eq!(binomial_at_least(4, 4, 1.0), 1.0);
    }

    #[test]
    fn fleet_for_confidence_is_the_smallest_that_reaches_it() {
        // 2 of 4 at 0.7 gives 0.916; 2 of 3 gives 0.784. So 4 is the answer at 90 %.
        assert_eq!(fleet_for_confidence(2, 0.7, 0.9), Some(4));
        assert_eq!(fleet_for_confidence(2, 0.7, 0.95), Some(5));
        assert_eq!(fleet_for_confidence(6, 1.0, 0.99), Some(6));
        assert_eq!(fleet_for_confidence(2, 0.0, 0.9), None);
        assert_eq!(fleet_by_division(6, 0.73), Some(9));
        assert_eq!(fleet_by_division(6, 0.75), Some(8));
    }

    #[test]
    fn rotation_count_hand_worked() {
        // The textbook scenario: t_os 2.5 h, t_tr 0.5 h, t_g 2 h, overlap 0.5 h, pairs.
        let c = cycle_h(2.5, 0.5, 2.0);
        assert_eq!(c, 5.5);
        assert_eq!(rotation_count(2, c, 2.5, 0.5), Some(6)); // 2 · ceil(2.75)
        assert_eq!(rotation_lower_bound(2, c, 2.5), 4.4);
        assert_eq!(sorties_per_day(2, 2.5, 0.5), 24.0);
        assert_eq!(flight_hours_per_day(24.0, 2.5, 0.5), 84.0);
    }

    #[test]
    fn time_away_for_fuel_hand_worked() {
        // tests/refuelling.rs's pair: 2,500 kg taken per sortie, 2,800 kg per top-up (a full
        // 5,000 kg less 1,500 kg of bingo fuel, less the fifth kept as margin): one trip of two
        // 40 km legs at 800 km/h and a 10 min hook-up.
        assert_eq!(tanker_trips_per_sortie(2500.0, 2800.0), 1);
        assert_eq!(tanker_trips_per_sortie(5600.0, 2800.0), 2);
        assert_eq!(tanker_trips_per_sortie(5601.0, 2800.0), 3);
        assert_eq!(tanker_trips_per_sortie(0.0, 2800.0), 0);
        let away = away_for_fuel_h(1, 0.05, 1.0 / 6.0);
        assert!((away - (0.1 + 1.0 / 6.0)).abs() < 1e-12);
    }

    #[test]
    fn rotation_count_at_the_exact_integer_edge() {
        // C / (t_os − o) exactly 3: three aircraft per slot, not four.
        assert_eq!(rotation_count(2, 6.0, 2.5, 0.5), Some(6));
        // 6.0 / (2.3 − 0.3) is 3.0000000000000004 in floating point; it is still 3.
        let (c, t_os, o) = std::hint::black_box((6.0, 2.3, 0.3));
        assert!(c / (t_os - o) > 3.0);
        assert_eq!(rotation_count(1, c, t_os, o), Some(3));
        // Just past the edge needs one more.
        assert_eq!(rotation_count(1, 6.01, 2.5, 0.5), Some(4));
        // No time on station beyond the overlap: no rotation works.
        assert_eq!(rotation_count(2, 5.0, 0.5, 0.5), None);
        // A rotation of more aircraft than any scenario may hold is none (it used to overflow).
        assert_eq!(rotation_count(2, 1e308, 2.5, 0.5), None);
        assert_eq!(rotation_count(2, 20_000.0, 2.5, 0.5), Some(20_000));
    }
}
