//! The theatre map: country borders and coastlines (Natural Earth, public domain), the front and
//! its protected side, bases, CAP stations, tanker tracks and AEW&C orbits by name, radar cover,
//! a scale bar and a legend, in the same azimuthal equidistant projection the engine uses (true
//! distances from the theatre's centre, true proportions across it).
//!
//! The map is written as SVG by hand rather than through plotters: it needs a clip path for the
//! land and radar circles, text placed to avoid other text, and one scale in both directions.

use super::esc;
use super::labels::{Box4, Labels, text_width};
use crate::geo::{LatLon, Projection, coverage_radius_km};
use crate::scenario::Scenario;
use std::fmt::Write;

/// Natural Earth 1:50m admin-0 countries over Central and Eastern Europe, made by
/// `scripts/borders.py`.
const BORDERS: &str = include_str!("borders.txt");

const WIDTH: f64 = 760.0;
const MAX_MAP_HEIGHT: f64 = 640.0;
const TITLE: f64 = 30.0;

const SEA: &str = "#dbe7f0";
const LAND: &str = "#f4f1ea";
const BORDER: &str = "#a09a90";
const FRONT: &str = "#d62728";
const CAP: &str = "#1f77b4";
const TANKER: &str = "#ff7f0e";
const AEW: &str = "#9467bd";
const SITE: &str = "#8c564b";

/// A country of the extract: its name and outlines, `(lon, lat)` degrees.
pub(crate) struct Country {
    pub name: &'static str,
    pub rings: Vec<Vec<(f64, f64)>>,
}

/// The countries of the shipped extract.
pub(crate) fn countries() -> Result<Vec<Country>, String> {
    let mut out: Vec<Country> = Vec::new();
    for (i, line) in BORDERS.lines().enumerate() {
        let bad = || {
            format!(
                "borders.txt line {}: not `country NAME` or `ring LON,LAT …`",
                i + 1
            )
        };
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix("country ") {
            out.push(Country {
                name,
                rings: Vec::new(),
            });
        } else if let Some(pts) = line.strip_prefix("ring ") {
            let ring = pts
                .split(' ')
                .map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect::<Option<Vec<(f64, f64)>>>()
                .ok_or_else(bad)?;
            out.last_mut().ok_or_else(bad)?.rings.push(ring);
        } else {
            return Err(bad());
        }
    }
    Ok(out)
}

/// Pixel placement of the projected map.
struct Frame {
    proj: Projection,
    /// Plane extent, km: west, south, east, north.
    x0: f64,
    y1: f64,
    /// Pixels per km.
    k: f64,
    /// Top-left corner of the map area, pixels.
    left: f64,
    top: f64,
}

impl Frame {
    fn px(&self, p: &LatLon) -> (f64, f64) {
        let v = self.proj.forward(p);
        (
            self.left + (v.x - self.x0) * self.k,
            self.top + (self.y1 - v.y) * self.k,
        )
    }
}

/// An SVG path through pixel points, closed when asked.
fn path(pts: &[(f64, f64)], closed: bool) -> String {
    let mut d = String::new();
    for (i, (x, y)) in pts.iter().enumerate() {
        let _ = write!(d, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" });
    }
    if closed {
        d.push('Z');
    }
    d
}

/// A circle of `radius_km` around `c`, in pixels.
fn circle(f: &Frame, c: &LatLon, radius_km: f64) -> Vec<(f64, f64)> {
    (0..72)
        .map(|i| f.px(&c.destination(f64::from(i) * 5.0, radius_km)))
        .collect()
}

/// Sutherland–Hodgman clipping of a closed ring to the map area (pixels), so that filled land
/// ends at the frame.
fn clip(ring: &[(f64, f64)], b: &Box4) -> Vec<(f64, f64)> {
    let mut pts = ring.to_vec();
    let edges: [(usize, f64, bool); 4] = [
        (0, b.0, true),
        (0, b.2, false),
        (1, b.1, true),
        (1, b.3, false),
    ];
    for (axis, v, keep_above) in edges {
        if pts.is_empty() {
            break;
        }
        let inside = |p: &(f64, f64)| {
            let c = if axis == 0 { p.0 } else { p.1 };
            if keep_above { c >= v } else { c <= v }
        };
        let cut = |a: &(f64, f64), q: &(f64, f64)| {
            let (ca, cq) = if axis == 0 { (a.0, q.0) } else { (a.1, q.1) };
            let t = (v - ca) / (cq - ca);
            (a.0 + t * (q.0 - a.0), a.1 + t * (q.1 - a.1))
        };
        let mut out = Vec::with_capacity(pts.len());
        let mut prev = *pts.last().expect("not empty");
        for p in &pts {
            if inside(p) {
                if !inside(&prev) {
                    out.push(cut(&prev, p));
                }
                out.push(*p);
            } else if inside(&prev) {
                out.push(cut(&prev, p));
            }
            prev = *p;
        }
        pts = out;
    }
    pts
}

/// Area and centroid of a closed ring (pixels).
fn area_centroid(pts: &[(f64, f64)]) -> (f64, (f64, f64)) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for (i, p) in pts.iter().enumerate() {
        let q = pts[(i + 1) % pts.len()];
        let c = p.0 * q.1 - q.0 * p.1;
        a += c;
        cx += (p.0 + q.0) * c;
        cy += (p.1 + q.1) * c;
    }
    if a.abs() < 1e-9 {
        return (0.0, pts[0]);
    }
    (a.abs() / 2.0, (cx / (3.0 * a), cy / (3.0 * a)))
}

/// A scale bar length near a fifth of the map's width, in round kilometres.
fn scale_km(width_km: f64) -> f64 {
    let want = width_km / 5.0;
    [
        10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0,
    ]
    .into_iter()
    .min_by(|a: &f64, b: &f64| (a - want).abs().total_cmp(&(b - want).abs()))
    .expect("not empty")
}

/// The theatre map as one SVG document.
pub fn map(s: &Scenario) -> Result<String, String> {
    draw(s).map(|(svg, _)| svg)
}

/// The map and the boxes of its labels.
fn draw(s: &Scenario) -> Result<(String, Vec<Box4>), String> {
    // What the map must show, and the projection centred on it.
    let mut pts: Vec<LatLon> = s.front.vertices().to_vec();
    pts.extend(s.bases.iter().map(|b| b.position));
    pts.extend(s.cap_stations.iter().map(|c| c.position));
    pts.extend(
        s.tanker_tracks
            .iter()
            .chain(&s.aew_orbits)
            .map(|t| t.position),
    );
    pts.extend(s.ground_radars.iter().map(|r| r.position));
    pts.extend(s.points.iter().map(|p| p.position));
    pts.extend(s.file.air_defence.iter().map(|d| d.position));
    let (mut la0, mut la1, mut lo0, mut lo1) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
    for p in &pts {
        la0 = la0.min(p.lat_deg);
        la1 = la1.max(p.lat_deg);
        lo0 = lo0.min(p.lon_deg);
        lo1 = lo1.max(p.lon_deg);
    }
    let proj = Projection::new(LatLon::new((la0 + la1) / 2.0, (lo0 + lo1) / 2.0));
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in &pts {
        let v = proj.forward(p);
        x0 = x0.min(v.x);
        x1 = x1.max(v.x);
        y0 = y0.min(v.y);
        y1 = y1.max(v.y);
    }
    let pad = (0.12 * (x1 - x0).max(y1 - y0)).max(60.0);
    let (x0, x1, y0, y1) = (x0 - pad, x1 + pad, y0 - pad, y1 + pad);
    let k = ((WIDTH - 20.0) / (x1 - x0)).min(MAX_MAP_HEIGHT / (y1 - y0));
    let (w, h) = ((x1 - x0) * k, (y1 - y0) * k);
    let f = Frame {
        proj,
        x0,
        y1,
        k,
        left: (WIDTH - w) / 2.0,
        top: TITLE,
    };
    let area: Box4 = (f.left, f.top, f.left + w, f.top + h);
    let mut svg = String::new();
    let legend_top = f.top + h + 12.0;
    let height = legend_top + 64.0;
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height:.0}\" viewBox=\"0 0 {WIDTH} {height:.0}\" font-family=\"sans-serif\">\
<defs><clipPath id=\"map-area\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{h:.1}\"/></clipPath></defs>\
<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\
<text x=\"{}\" y=\"20\" font-size=\"17\" text-anchor=\"middle\">Theatre: front, bases, stations, tanker tracks, AEW&amp;C orbits and radar cover</text>\
<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{SEA}\"/><g clip-path=\"url(#map-area)\">",
        f.left,
        f.top,
        WIDTH / 2.0,
        f.left,
        f.top
    );

    // Land and borders, and the countries' names where they have room.
    let mut names: Vec<(f64, (f64, f64), &str)> = Vec::new();
    svg.push_str(&format!(
        "<g fill=\"{LAND}\" stroke=\"{BORDER}\" stroke-width=\"0.8\" stroke-linejoin=\"round\">"
    ));
    for c in countries()? {
        let mut d = String::new();
        let mut largest = (0.0, (0.0, 0.0));
        for r in &c.rings {
            let px: Vec<(f64, f64)> = r
                .iter()
                .map(|&(lon, lat)| f.px(&LatLon::new(lat, lon)))
                .collect();
            let clipped = clip(
                &px,
                &(area.0 - 5.0, area.1 - 5.0, area.2 + 5.0, area.3 + 5.0),
            );
            if clipped.len() < 3 {
                continue;
            }
            d.push_str(&path(&clipped, true));
            let inner = clip(&px, &area);
            if inner.len() >= 3 {
                let ac = area_centroid(&inner);
                if ac.0 > largest.0 {
                    largest = ac;
                }
            }
        }
        if !d.is_empty() {
            let _ = write!(svg, "<path d=\"{d}\"/>");
        }
        if largest.0 > 0.015 * w * h {
            names.push((largest.0, largest.1, c.name));
        }
    }
    svg.push_str("</g>");

    // Radar cover: against the low target (solid) and the high one (light).
    let low = s.file.front.low_target_m;
    let high = s.file.front.high_target_m;
    let mut sensors: Vec<(LatLon, f64, f64)> = Vec::new();
    for o in &s.aew_orbits {
        if let Some(a) = &s.squadron_type(o.squadron).aew {
            sensors.push((o.position, a.radar_range_km, a.orbit_altitude_m));
        }
    }
    for r in &s.ground_radars {
        sensors.push((r.position, r.range_km, r.antenna_height_m));
    }
    for (pos, range, at) in &sensors {
        let hi = circle(&f, pos, coverage_radius_km(*range, *at, high));
        let lo = circle(&f, pos, coverage_radius_km(*range, *at, low));
        let _ = write!(
            svg,
            "<path d=\"{}\" fill=\"{AEW}\" fill-opacity=\"0.04\" stroke=\"{AEW}\" stroke-opacity=\"0.45\" stroke-width=\"1\" stroke-dasharray=\"5 3\"/><path d=\"{}\" fill=\"{AEW}\" fill-opacity=\"0.06\" stroke=\"{AEW}\" stroke-width=\"1.6\"/>",
            path(&hi, true),
            path(&lo, true)
        );
    }

    // Defended points: the radius a violator must be stopped outside of.
    for p in &s.points {
        if let Some(r) = p.defend_radius_km {
            let _ = write!(
                svg,
                "<path d=\"{}\" fill=\"#444\" fill-opacity=\"0.08\" stroke=\"#444\" stroke-width=\"1.4\"/>",
                path(&circle(&f, &p.position, r), true)
            );
        }
    }

    // Air defence: a site's range, a moving team's reach (half its endurance out, plus its range).
    for d in &s.file.air_defence {
        let reach = d.range_km + d.speed_kmh * d.endurance_h.map_or(0.0, |e| e / 2.0);
        let (x, y) = f.px(&d.position);
        let _ = write!(
            svg,
            "<path d=\"{}\" fill=\"{SITE}\" fill-opacity=\"0.05\" stroke=\"{SITE}\" stroke-width=\"1\" stroke-dasharray=\"3 2\"/><rect x=\"{:.1}\" y=\"{:.1}\" width=\"7\" height=\"7\" fill=\"{SITE}\"/>",
            path(&circle(&f, &d.position, reach), true),
            x - 3.5,
            y - 3.5
        );
    }

    // The front, with a tick into the protected side.
    let front: Vec<(f64, f64)> = s.front.vertices().iter().map(|p| f.px(p)).collect();
    let _ = write!(
        svg,
        "<path d=\"{}\" fill=\"none\" stroke=\"{FRONT}\" stroke-width=\"3\" stroke-linejoin=\"round\"/>",
        path(&front, false)
    );
    let mid = s.front.length_km() / 2.0;
    let (a, b) = (
        f.px(&s.front.point_at(mid)),
        f.px(&s.front.offset_point(mid, 50.0)),
    );
    let _ = write!(
        svg,
        "<path d=\"{}\" stroke=\"{FRONT}\" stroke-width=\"2\"/>",
        path(&[a, b], false)
    );

    // Markers, each an obstacle for the labels.
    let mut taken: Vec<Box4> = Vec::new();
    let mut mark = |svg: &mut String, (x, y): (f64, f64), shape: String| {
        svg.push_str(&shape);
        taken.push((x - 7.0, y - 7.0, x + 7.0, y + 7.0));
    };
    let mut labelled: Vec<(String, (f64, f64), &str)> = Vec::new();
    for t in &s.tanker_tracks {
        let (x, y) = f.px(&t.position);
        mark(
            &mut svg,
            (x, y),
            format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"8\" fill=\"{TANKER}\" stroke=\"white\" stroke-width=\"0.8\"/>",
                x - 6.0,
                y - 4.0
            ),
        );
        labelled.push((t.name.clone(), (x, y), TANKER));
    }
    for o in &s.aew_orbits {
        let (x, y) = f.px(&o.position);
        mark(
            &mut svg,
            (x, y),
            format!(
                "<path d=\"M{:.1},{:.1}l10,10m0,-10l-10,10\" stroke=\"{AEW}\" stroke-width=\"3\"/>",
                x - 5.0,
                y - 5.0
            ),
        );
        labelled.push((o.name.clone(), (x, y), AEW));
    }
    for c in &s.cap_stations {
        let (x, y) = f.px(&c.position);
        mark(
            &mut svg,
            (x, y),
            format!(
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"{CAP}\" stroke=\"white\" stroke-width=\"1\"/>"
            ),
        );
        labelled.push((c.name.clone(), (x, y), CAP));
    }
    for r in &s.ground_radars {
        let (x, y) = f.px(&r.position);
        mark(
            &mut svg,
            (x, y),
            format!(
                "<path d=\"M{x:.1},{:.1}l5,5l-5,5l-5,-5z\" fill=\"{AEW}\" stroke=\"white\" stroke-width=\"0.8\"/>",
                y - 5.0
            ),
        );
        labelled.push((r.name.clone(), (x, y), AEW));
    }
    for p in &s.points {
        let (x, y) = f.px(&p.position);
        mark(
            &mut svg,
            (x, y),
            format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"#444\"/>"),
        );
        labelled.push((p.name.clone(), (x, y), "#444"));
    }
    for bs in &s.bases {
        let (x, y) = f.px(&bs.position);
        mark(
            &mut svg,
            (x, y),
            format!(
                "<path d=\"M{x:.1},{:.1}l6.5,11h-13z\" fill=\"black\" stroke=\"white\" stroke-width=\"0.8\"/>",
                y - 7.0
            ),
        );
        let qra: Vec<&str> = s
            .qra
            .iter()
            .filter(|q| s.bases[s.squadrons[q.squadron].base].name == bs.name)
            .map(|q| q.name.as_str())
            .collect();
        let name = if qra.is_empty() {
            bs.name.clone()
        } else {
            format!("{} (QRA)", bs.name)
        };
        labelled.push((name, (x, y), "black"));
    }
    svg.push_str("</g>");

    let mut labels = Labels {
        taken,
        area,
        svg: String::new(),
        placed: Vec::new(),
    };
    // The front's own label, a third of the way along, and the protected side's.
    let third = f.px(&s.front.point_at(s.front.length_km() / 3.0));
    labels.place(
        &format!("front ({:.0} km)", s.front.length_km()),
        third,
        12.0,
        &format!("fill=\"{FRONT}\" font-weight=\"bold\""),
        8.0,
    );
    labels.place("protected side", b, 11.0, &format!("fill=\"{FRONT}\""), 4.0);
    for (text, at, colour) in &labelled {
        labels.place(text, *at, 12.0, &format!("fill=\"{colour}\""), 9.0);
    }
    names.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, centre, name) in &names {
        labels.place_if_free(
            &name.to_uppercase(),
            *centre,
            11.0,
            "fill=\"#8a8478\" letter-spacing=\"1.5\"",
        );
    }
    svg.push_str(&labels.svg);

    // Frame, scale bar and north.
    let _ = write!(
        svg,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"none\" stroke=\"#555\"/>",
        f.left, f.top
    );
    let km = scale_km(x1 - x0);
    let len = km * k;
    let (sx, sy) = (f.left + 14.0, f.top + h - 16.0);
    let _ = write!(
        svg,
        "<g font-size=\"11\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"30\" fill=\"white\" fill-opacity=\"0.85\"/>\
<rect x=\"{sx:.1}\" y=\"{sy:.1}\" width=\"{:.1}\" height=\"5\" fill=\"black\"/><rect x=\"{:.1}\" y=\"{sy:.1}\" width=\"{:.1}\" height=\"5\" fill=\"white\" stroke=\"black\" stroke-width=\"0.8\"/>\
<text x=\"{sx:.1}\" y=\"{:.1}\">0</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{km:.0} km</text></g>",
        sx - 8.0,
        sy - 18.0,
        len + 30.0,
        len / 2.0,
        sx + len / 2.0,
        len / 2.0,
        sy - 4.0,
        sx + len + 10.0,
        sy - 4.0
    );
    let (nx, ny) = (f.left + w - 20.0, f.top + 14.0);
    let _ = write!(
        svg,
        "<g><path d=\"M{nx:.1},{ny:.1}l-6,14l6,-4l6,4z\" fill=\"#333\"/><text x=\"{nx:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">N</text></g>",
        ny + 26.0
    );

    // The legend, under the map.
    let mut items: Vec<(String, String)> = vec![
        (
            format!("<path d=\"M0,0h20\" stroke=\"{FRONT}\" stroke-width=\"3\"/>"),
            "front".into(),
        ),
        (
            "<path d=\"M6,-7l6.5,11h-13z\" fill=\"black\"/>".into(),
            "base".into(),
        ),
    ];
    let mut add = |present: bool, symbol: String, text: String| {
        if present {
            items.push((symbol, text));
        }
    };
    add(
        !s.cap_stations.is_empty(),
        format!("<circle cx=\"8\" cy=\"0\" r=\"6\" fill=\"{CAP}\"/>"),
        "CAP station".into(),
    );
    add(
        !s.tanker_tracks.is_empty(),
        format!("<rect x=\"2\" y=\"-4\" width=\"12\" height=\"8\" fill=\"{TANKER}\"/>"),
        "tanker track".into(),
    );
    add(
        !s.aew_orbits.is_empty(),
        format!("<path d=\"M3,-5l10,10m0,-10l-10,10\" stroke=\"{AEW}\" stroke-width=\"3\"/>"),
        "AEW&C orbit".into(),
    );
    add(
        !s.ground_radars.is_empty(),
        format!("<path d=\"M8,-5l5,5l-5,5l-5,-5z\" fill=\"{AEW}\"/>"),
        "ground radar".into(),
    );
    add(
        !s.points.is_empty(),
        "<circle cx=\"8\" cy=\"0\" r=\"3.5\" fill=\"#444\"/>".into(),
        "named place".into(),
    );
    add(
        s.points.iter().any(|p| p.defend_radius_km.is_some()),
        "<circle cx=\"8\" cy=\"0\" r=\"6\" fill=\"#444\" fill-opacity=\"0.08\" stroke=\"#444\" stroke-width=\"1.4\"/>".into(),
        "defended radius".into(),
    );
    add(
        !s.file.air_defence.is_empty(),
        format!("<rect x=\"4.5\" y=\"-3.5\" width=\"7\" height=\"7\" fill=\"{SITE}\"/>"),
        "air defence, and its reach".into(),
    );
    add(
        !sensors.is_empty(),
        format!("<path d=\"M0,0h20\" stroke=\"{AEW}\" stroke-width=\"1.6\"/>"),
        format!("radar cover against a target at {low:.0} m"),
    );
    add(
        !sensors.is_empty(),
        format!(
            "<path d=\"M0,0h20\" stroke=\"{AEW}\" stroke-opacity=\"0.45\" stroke-dasharray=\"5 3\"/>"
        ),
        format!("at {high:.0} m"),
    );
    let (mut lx, mut ly) = (f.left, legend_top + 8.0);
    let _ = write!(svg, "<g font-size=\"12\">");
    for (symbol, text) in &items {
        let width = 28.0 + text_width(text, 12.0) + 18.0;
        if lx + width > WIDTH - 10.0 {
            lx = f.left;
            ly += 20.0;
        }
        let _ = write!(
            svg,
            "<g transform=\"translate({lx:.1},{ly:.1})\">{symbol}<text x=\"26\" y=\"4\">{}</text></g>",
            esc(text)
        );
        lx += width;
    }
    let _ = write!(
        svg,
        "</g><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#666\">Azimuthal equidistant projection centred on the theatre. Borders and coastlines: Natural Earth 1:50m (public domain).</text></svg>",
        f.left,
        legend_top + 52.0
    );
    Ok((svg, labels.placed))
}

#[cfg(test)]
#[path = "map_tests.rs"]
mod tests;
