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
    first_reach(start, velocity, duration, centre, radius, 0.0)
}

/// The first time `τ` in `[0, duration]` at which a responder leaving `centre` at `speed` (km/h)
/// toward a point starting at `start` with `velocity` can have it within `radius`: the smallest
/// `τ ≥ 0` with `|start + velocity·τ − centre| ≤ radius + speed·τ`; `None` if never. With
/// `speed = 0` it is [`first_entry`].
pub fn first_reach(
    start: Vector2<f64>,
    velocity: Vector2<f64>,
    duration: f64,
    centre: Vector2<f64>,
    radius: f64,
    speed: f64,
) -> Option<f64> {
    let d = start - centre;
    let c = d.norm_squared() - radius * radius;
    if c <= 0.0 {
        return Some(0.0);
    }
    // |d + vτ|² − (r + sτ)² = aτ² + bτ + c, which is positive at τ = 0. Since r + sτ ≥ 0 for
    // τ ≥ 0, every root τ ≥ 0 is a true meeting, and the first is (−b − √disc) / 2a whether the
    // parabola opens upward (the smaller root) or downward (the one positive root).
    let a = velocity.norm_squared() - speed * speed;
    let b = 2.0 * (d.dot(&velocity) - radius * speed);
    let t = if a == 0.0 {
        if b >= 0.0 {
            return None;
        }
        -c / b
    } else {
        let disc = b * b - 4.0 * a * c;
        if disc < 0.0 {
            return None;
        }
        (-b - disc.sqrt()) / (2.0 * a)
    };
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
    fn a_moving_responder_reaches_range_sooner() {
        // A team at the origin with a 2 km reach, driving at 60 km/h toward a drone 200 km west
        // flying east at 180 km/h: it closes at 240 km/h and must close 198 km, so 0.825 h.
        let t = first_reach(v(-200.0, 0.0), v(180.0, 0.0), 10.0, v(0.0, 0.0), 2.0, 60.0);
        assert!((t.unwrap() - 0.825).abs() < 1e-12);
        // A drone passing 100 km north, flying east at 180 km/h; a helicopter at 250 km/h
        // with no reach meets it where 250τ = √((−200 + 180τ)² + 100²), that is
        // 30,100τ² + 72,000τ − 50,000 = 0, whose positive root is τ ≈ 0.56228 h.
        let t = first_reach(
            v(-200.0, 100.0),
            v(180.0, 0.0),
            10.0,
            v(0.0, 0.0),
            0.0,
            250.0,
        )
        .unwrap();
        let root =
            (-72_000.0 + (72_000.0f64.powi(2) + 4.0 * 30_100.0 * 50_000.0).sqrt()) / 60_200.0;
        assert!((t - root).abs() < 1e-12 && t > 0.0);
        assert!((v(-200.0 + 180.0 * t, 100.0).norm() - 250.0 * t).abs() < 1e-9);
        // The same as a fighter's intercept time when the reach is zero.
        let f = intercept_time(v(-200.0, 100.0), v(180.0, 0.0), 250.0).unwrap();
        assert!((t - f).abs() < 1e-12);
        // Equal speeds in a tail chase close at the reach only: never for a team behind it.
        assert_eq!(
            first_reach(v(10.0, 0.0), v(60.0, 0.0), 10.0, v(0.0, 0.0), 2.0, 60.0),
            None
        );
        // Too slow to catch a drone running away, and out of time.
        assert_eq!(
            first_reach(v(10.0, 0.0), v(180.0, 0.0), 10.0, v(0.0, 0.0), 2.0, 60.0),
            None
        );
        assert_eq!(
            first_reach(v(-200.0, 0.0), v(180.0, 0.0), 0.5, v(0.0, 0.0), 2.0, 60.0),
            None
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
