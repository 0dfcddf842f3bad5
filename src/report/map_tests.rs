//! Tests of the theatre map.

use super::super::labels::overlap;
use super::*;

#[test]
fn the_extract_parses_and_holds_the_theatre_countries() {
    let c = countries().unwrap();
    for name in [
        "Ukraine",
        "Poland",
        "Romania",
        "Lithuania",
        "Estonia",
        "Russia",
        "Belarus",
    ] {
        let k = c
            .iter()
            .find(|k| k.name == name)
            .unwrap_or_else(|| panic!("{name}"));
        assert!(!k.rings.is_empty(), "{name}");
    }
    // Kyiv lies inside Ukraine's outline and Warsaw outside it (even-odd rule).
    let inside = |ring: &[(f64, f64)], (x, y): (f64, f64)| {
        let mut c = false;
        for (i, a) in ring.iter().enumerate() {
            let b = ring[(i + 1) % ring.len()];
            if (a.1 > y) != (b.1 > y) && x < a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0) {
                c = !c;
            }
        }
        c
    };
    let ua = c.iter().find(|k| k.name == "Ukraine").unwrap();
    assert!(ua.rings.iter().any(|r| inside(r, (30.52, 50.45))));
    assert!(!ua.rings.iter().any(|r| inside(r, (21.01, 52.23))));
}

#[test]
fn clipping_a_square_to_a_box_keeps_the_overlap() {
    let sq = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)];
    let c = clip(&sq, &(5.0, -5.0, 20.0, 5.0));
    assert!((area_centroid(&c).0 - 25.0).abs() < 1e-9);
    assert_eq!(area_centroid(&c).1, (7.5, 2.5));
}

#[test]
fn a_label_moves_off_a_taken_spot_and_the_scale_bar_is_round() {
    let mut l = Labels {
        taken: vec![(108.0, 90.0, 200.0, 110.0)],
        area: (0.0, 0.0, 400.0, 400.0),
        svg: String::new(),
        placed: Vec::new(),
    };
    l.place("Kharkiv", (100.0, 100.0), 12.0, "", 8.0);
    let placed = l.taken[1];
    assert_eq!(overlap(&placed, &l.taken[0]), 0.0);
    assert!(placed.2 <= 92.0, "went left of the point: {placed:?}");
    assert_eq!(scale_km(1000.0), 200.0);
    assert_eq!(scale_km(450.0), 100.0);
}

#[test]
fn no_label_covers_another_on_the_bundled_maps() {
    for name in crate::scenario::bundled_names() {
        let s = Scenario::load(name).unwrap();
        let (_, boxes) = draw(&s).unwrap();
        let named =
            s.bases.len() + s.cap_stations.len() + s.tanker_tracks.len() + s.aew_orbits.len();
        assert!(
            boxes.len() >= named,
            "{name}: {} labels for {named} places",
            boxes.len()
        );
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[..i] {
                assert_eq!(overlap(a, b), 0.0, "{name}: {a:?} covers {b:?}");
            }
        }
    }
}

#[test]
fn a_circle_is_round_on_the_map_at_any_latitude() {
    // The old map drew a 62 km circle over the Baltic as a 2:1 ellipse.
    let s = Scenario::load("baltic").unwrap();
    let svg = map(&s).unwrap();
    assert!(svg.contains("LITHUANIA") || svg.contains("LATVIA"));
    let centre = LatLon::new(56.0, 24.0);
    let proj = Projection::new(centre);
    let f = Frame {
        proj,
        x0: -500.0,
        y1: 500.0,
        k: 0.5,
        left: 0.0,
        top: 0.0,
    };
    let pts = circle(&f, &LatLon::new(57.5, 26.0), 62.0);
    let (mut xa, mut xb, mut ya, mut yb) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (x, y) in &pts {
        xa = xa.min(*x);
        xb = xb.max(*x);
        ya = ya.min(*y);
        yb = yb.max(*y);
    }
    let ratio = (xb - xa) / (yb - ya);
    assert!((ratio - 1.0).abs() < 0.01, "width/height {ratio}");
    assert_eq!(f.px(&centre), (250.0, 250.0));
}
