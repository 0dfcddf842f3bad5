//! Airspace violations: their arrival, track and detection, and the intercept geometry.
//!
//! A violator crosses the front at a point drawn by sector weight and then uniformly by length,
//! flies straight into the protected side at constant speed and altitude — perpendicular to the
//! front plus a uniform random spread, or toward one of its named points — and turns back after
//! its penetration depth or dwell time. Kinematics are in the theatre plane (km). Its track starts
//! at the crossing: it is detected at the first moment along the inbound leg when it is inside the
//! coverage circle of a sensor that is on station at the crossing.

use nalgebra::Vector2;

/// The earliest time `τ ≥ 0` at which an interceptor flying straight at `speed` from the origin
/// meets a target that starts at `target` and moves with velocity `velocity`: the smallest
/// non-negative root of `|target + velocity·τ| = speed·τ`. `None` when the geometry does not close
/// (a target as fast as or faster than the interceptor running away, or no real root).
pub fn intercept_time(target: Vector2<f64>, velocity: Vector2<f64>, speed: f64) -> Option<f64> {
    let c = target.norm_squared();
    if c == 0.0 {
        return Some(0.0);
    }
    let a = velocity.norm_squared() - speed * speed;
    let b = 2.0 * target.dot(&velocity);
    if a.abs() < 1e-12 {
        // Equal speeds: b·τ + c = 0.
        let t = -c / b;
        return (b < 0.0 && t >= 0.0).then_some(t);
    }
    let disc = b * b - 4.0 * a * c;
    if disc < 0.0 {
        return None;
    }
    let r = disc.sqrt();
    let (t1, t2) = ((-b - r) / (2.0 * a), (-b + r) / (2.0 * a));
    let (lo, hi) = if t1 <= t2 { (t1, t2) } else { (t2, t1) };
    if lo >= 0.0 {
        Some(lo)
    } else if hi >= 0.0 {
        Some(hi)
    } else {
        None
    }
}

/// The first time `τ` in `[0, duration]` at which a point starting at `start` with `velocity` is
/// within `radius` of `centre`; `None` if never.
pub fn first_entry(
    start: Vector2<f64>,
    velocity: Vector2<f64>,
    duration: f64,
    centre: Vector2<f64>,
    radius: f64,
) -> Option<f64> {
    let d = start - centre;
    let c = d.norm_squared() - radius * radius;
    if c <= 0.0 {
        return Some(0.0);
    }
    let a = velocity.norm_squared();
    let b = 2.0 * d.dot(&velocity);
    if a == 0.0 {
        return None;
    }
    let disc = b * b - 4.0 * a * c;
    if disc < 0.0 {
        return None;
    }
    let t = (-b - disc.sqrt()) / (2.0 * a);
    (t >= 0.0 && t <= duration).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(x: f64, y: f64) -> Vector2<f64> {
        Vector2::new(x, y)
    }

    #[test]
    fn head_on() {
        // Target 100 km north flying south at 500 km/h; interceptor 1,500 km/h: closing at
        // 2,000 km/h, they meet after 0.05 h.
        let t = intercept_time(v(0.0, 100.0), v(0.0, -500.0), 1500.0).unwrap();
        assert!((t - 0.05).abs() < 1e-12);
    }

    #[test]
    fn tail_chase() {
        // Target 100 km north flying north at 500 km/h; closing at 1,000 km/h: 0.1 h.
        let t = intercept_time(v(0.0, 100.0), v(0.0, 500.0), 1500.0).unwrap();
        assert!((t - 0.1).abs() < 1e-12);
    }

    #[test]
    fn crossing_at_right_angles() {
        // Target 100 km north flying east at 300 km/h; interceptor 500 km/h. Meeting at
        // (300τ, 100) with 500τ = √((300τ)² + 100²): 400τ = 100, τ = 0.25 h.
        let t = intercept_time(v(0.0, 100.0), v(300.0, 0.0), 500.0).unwrap();
        assert!((t - 0.25).abs() < 1e-12);
        let meet = v(0.0, 100.0) + v(300.0, 0.0) * t;
        assert!((meet.norm() - 500.0 * t).abs() < 1e-9);
    }

    #[test]
    fn a_slower_interceptor_cannot_catch_a_target_running_away() {
        assert_eq!(intercept_time(v(0.0, 100.0), v(0.0, 500.0), 400.0), None);
        assert_eq!(intercept_time(v(0.0, 100.0), v(0.0, 500.0), 500.0), None);
        // But it can meet one that comes toward it.
        let t = intercept_time(v(0.0, 100.0), v(0.0, -500.0), 400.0).unwrap();
        assert!((t - 100.0 / 900.0).abs() < 1e-12);
    }

    #[test]
    fn a_target_already_at_the_interceptor_is_met_at_once() {
        assert_eq!(
            intercept_time(v(0.0, 0.0), v(300.0, 0.0), 1000.0),
            Some(0.0)
        );
    }

    #[test]
    fn entry_into_a_coverage_circle() {
        // From (−200, 0) eastward at 100 km/h into a 50 km circle at the origin: 1.5 h.
        let t = first_entry(v(-200.0, 0.0), v(100.0, 0.0), 10.0, v(0.0, 0.0), 50.0).unwrap();
        assert!((t - 1.5).abs() < 1e-12);
        // Already inside.
        assert_eq!(
            first_entry(v(10.0, 0.0), v(100.0, 0.0), 1.0, v(0.0, 0.0), 50.0),
            Some(0.0)
        );
        // Passing by, and turning back before reaching it.
        assert_eq!(
            first_entry(v(-200.0, 80.0), v(100.0, 0.0), 10.0, v(0.0, 0.0), 50.0),
            None
        );
        assert_eq!(
            first_entry(v(-200.0, 0.0), v(100.0, 0.0), 1.0, v(0.0, 0.0), 50.0),
            None
        );
    }
}
