//! The report's raid charts: one raid member by member (when each crossed, and who shot it down
//! or whether it got through), read from a traced replication; and who made the kills over all
//! replications (`kill_share[..]`).

use super::charts::{PALETTE, W, err};
use crate::montecarlo::RunResult;
use crate::sim::trace::Recorder;
use plotters::prelude::*;
use std::collections::HashMap;

type Res = Result<String, String>;

/// What became of a raid member.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Fate {
    /// Shot down by this layer (`fighters` or an air-defence site or team).
    Killed(String),
    /// Met and identified as a decoy, or met and shadowed.
    Met,
    /// Given up (unseen, or out of every responder's reach) or still flying at the end: got
    /// through.
    Through,
}

/// A raid member: minutes from the raid's first crossing to its own, and to its fate (none
/// when it got through unanswered).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Member {
    pub cross_min: f64,
    pub end_min: Option<f64>,
    pub decoy: bool,
    pub fate: Fate,
}

/// The members of the first raid that crosses after `after_h` (the first raid at all when none
/// does), in the order they crossed; empty when the trace has no raid.
pub(super) fn first_raid(rec: &Recorder, after_h: f64) -> Vec<Member> {
    let viol = || rec.events.iter().filter(|e| e.squadron == "violation");
    // Each raid member's raid, role and crossing time.
    let crossings: Vec<(usize, &str, bool, f64)> = viol()
        .filter(|e| e.event == "violation_crosses")
        .filter_map(|e| {
            let task = e.task.as_deref()?.strip_prefix("raid ")?;
            let (raid, role) = task.split_once(' ')?;
            Some((e.tail, raid, role == "decoy", e.time_h))
        })
        .collect();
    let chosen = crossings
        .iter()
        .find(|c| c.3 >= after_h)
        .or(crossings.first())
        .map(|c| c.1);
    let Some(raid) = chosen else {
        return Vec::new();
    };
    let t0 = crossings
        .iter()
        .filter(|c| c.1 == raid)
        .map(|c| c.3)
        .fold(f64::INFINITY, f64::min);
    // In the order they crossed (by violator number on a tie), found by violator number.
    let mut members: Vec<(usize, Member)> = crossings
        .iter()
        .filter(|c| c.1 == raid)
        .map(|&(i, _, decoy, t)| {
            let m = Member {
                cross_min: (t - t0) * 60.0,
                end_min: None,
                decoy,
                fate: Fate::Through,
            };
            (i, m)
        })
        .collect();
    members.sort_by(|a, b| a.1.cross_min.total_cmp(&b.1.cross_min).then(a.0.cmp(&b.0)));
    let index: HashMap<usize, usize> = members
        .iter()
        .enumerate()
        .map(|(k, (i, _))| (*i, k))
        .collect();
    for e in viol() {
        let Some(&k) = index.get(&e.tail) else {
            continue;
        };
        let fate = match e.event {
            "shot_down_by_air_defence" => Fate::Killed(e.task.clone().unwrap_or_default()),
            "shot_down" => Fate::Killed("fighters".into()),
            "intercepted" | "identified_decoy" => Fate::Met,
            "unanswered" | "undetected" => Fate::Through,
            _ => continue,
        };
        members[k].1.end_min = Some((e.time_h - t0) * 60.0);
        members[k].1.fate = fate;
    }
    members.into_iter().map(|(_, m)| m).collect()
}

/// The colour of a layer: the fighters first, then the sites and teams in the scenario's order.
fn colour(layer: &str, layers: &[String]) -> RGBColor {
    let k = layers
        .iter()
        .position(|l| l == layer)
        .unwrap_or(layers.len());
    PALETTE[k % 6]
}

/// One raid, member by member: a line from its crossing to its fate, a filled dot in the colour
/// of the layer that shot it down, a hollow dot where it was met and not shot (a decoy or a
/// shadowed intruder), a red cross at the right edge where it got through. `layers` are
/// `fighters` and the scenario's air-defence sites and teams.
pub(super) fn timeline(members: &[Member], layers: &[String], rep: u64) -> Res {
    let n = members.len().max(1) as f64;
    let last = members
        .iter()
        .map(|m| m.end_min.unwrap_or(m.cross_min))
        .fold(0.0, f64::max);
    let x_max = (last * 1.15).max(10.0);
    let h = (180.0 + 16.0 * n).min(640.0) as u32;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (W, h)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("One raid, member by member (replication {rep})"),
                ("sans-serif", 18),
            )
            .margin(10)
            .x_label_area_size(36)
            .y_label_area_size(50)
            .build_cartesian_2d(0f64..x_max, 0f64..n + 1.0)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("minutes after the raid's first crossing")
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_desc("member")
            .y_label_formatter(&|y| {
                if y.fract() == 0.0 && *y >= 1.0 && *y <= n {
                    format!("{y:.0}")
                } else {
                    String::new()
                }
            })
            .disable_y_mesh()
            .draw()
            .map_err(err)?;
        let grey = RGBColor(150, 150, 150);
        chart
            .draw_series(members.iter().enumerate().map(|(k, m)| {
                let y = k as f64 + 1.0;
                let end = m
                    .end_min
                    .filter(|_| m.fate != Fate::Through)
                    .unwrap_or(x_max);
                let style = if m.decoy {
                    grey.mix(0.45).stroke_width(1)
                } else {
                    grey.stroke_width(2)
                };
                PathElement::new(vec![(m.cross_min, y), (end, y)], style)
            }))
            .map_err(err)?;
        for (l, layer) in layers.iter().enumerate() {
            let dots: Vec<(f64, f64)> = members
                .iter()
                .enumerate()
                .filter(|(_, m)| m.fate == Fate::Killed(layer.clone()))
                .filter_map(|(k, m)| Some((m.end_min?, k as f64 + 1.0)))
                .collect();
            if dots.is_empty() {
                continue;
            }
            let c = colour(layer, layers);
            let label = if l == 0 {
                format!("shot down by the {layer}")
            } else {
                format!("shot down by {layer}")
            };
            chart
                .draw_series(dots.into_iter().map(|p| Circle::new(p, 5, c.filled())))
                .map_err(err)?
                .label(label)
                .legend(move |(x, y)| Circle::new((x + 6, y), 5, c.filled()));
        }
        let met: Vec<(f64, f64)> = members
            .iter()
            .enumerate()
            .filter(|(_, m)| m.fate == Fate::Met)
            .filter_map(|(k, m)| Some((m.end_min?, k as f64 + 1.0)))
            .collect();
        if !met.is_empty() {
            chart
                .draw_series(
                    met.into_iter()
                        .map(|p| Circle::new(p, 5, BLACK.stroke_width(1))),
                )
                .map_err(err)?
                .label("met, not shot (a decoy, or shadowed)")
                .legend(|(x, y)| Circle::new((x + 6, y), 5, BLACK.stroke_width(1)));
        }
        let through: Vec<(f64, f64)> = members
            .iter()
            .enumerate()
            .filter(|(_, m)| m.fate == Fate::Through && !m.decoy)
            .map(|(k, _)| (x_max, k as f64 + 1.0))
            .collect();
        if !through.is_empty() {
            let red = PALETTE[3];
            chart
                .draw_series(
                    through
                        .into_iter()
                        .map(|p| Cross::new(p, 5, red.stroke_width(2))),
                )
                .map_err(err)?
                .label("got through (a threat, not met)")
                .legend(move |(x, y)| Cross::new((x + 6, y), 5, red.stroke_width(2)));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(out)
}

/// Who made the kills over all replications: one bar per layer, its mean `kill_share[..]`.
/// `None` when the run has no such metric or shot nothing down.
pub(super) fn kill_shares(r: &RunResult, layers: &[String]) -> Option<Res> {
    let shares: Vec<(String, f64)> = layers
        .iter()
        .filter_map(|l| {
            let m = r.metric(&format!("kill_share[{l}]"))?;
            m.mean.is_finite().then(|| (l.clone(), m.mean))
        })
        .collect();
    (!shares.is_empty()).then(|| kill_bars(&shares, layers))
}

/// The bars of [`kill_shares`]: `(layer, share)` top to bottom.
fn kill_bars(shares: &[(String, f64)], layers: &[String]) -> Res {
    let n = shares.len() as f64;
    let h = (120.0 + 44.0 * n) as u32;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (W, h)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                "Who shot the violators down: share of the kills by layer (mean of the replications)",
                ("sans-serif", 16),
            )
            .margin(10)
            .margin_right(30)
            .x_label_area_size(30)
            .y_label_area_size(150)
            .build_cartesian_2d(0f64..1f64, 0f64..n)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_label_formatter(&|x| format!("{:.0} %", 100.0 * x))
            .y_labels(shares.len() * 2 + 1)
            .y_label_formatter(&|y| {
                let k = (y - 0.5).round();
                if (y - 0.5 - k).abs() < 1e-9 && k >= 0.0 && (k as usize) < shares.len() {
                    shares[shares.len() - 1 - k as usize].0.clone()
                } else {
                    String::new()
                }
            })
            .disable_y_mesh()
            .draw()
            .map_err(err)?;
        chart
            .draw_series(shares.iter().enumerate().map(|(i, (l, s))| {
                let y = (shares.len() - 1 - i) as f64;
                Rectangle::new([(0.0, y + 0.2), (*s, y + 0.8)], colour(l, layers).filled())
            }))
            .map_err(err)?;
        chart
            .draw_series(shares.iter().enumerate().map(|(i, (_, s))| {
                let y = (shares.len() - 1 - i) as f64 + 0.5;
                Text::new(
                    format!("{:.0} % of the kills", 100.0 * s),
                    ((s + 0.01).min(0.82), y),
                    ("sans-serif", 13),
                )
            }))
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::LatLon;
    use crate::sim::trace::Recorded;

    fn ev(t: f64, tail: usize, event: &'static str, task: Option<&str>) -> Recorded {
        Recorded {
            time_h: t,
            squadron: "violation".into(),
            tail,
            event,
            position: LatLon {
                lat_deg: 0.0,
                lon_deg: 0.0,
            },
            fuel_kg: 0.0,
            task: task.map(str::to_string),
        }
    }

    #[test]
    fn a_raid_is_read_member_by_member_from_the_trace() {
        // Raid 1 crosses in the warm-up; raid 2 after it: a member shot down by a fighter (its
        // intercept, then its kill), one by a site, a decoy identified, one unanswered, one
        // still flying at the end; a violator of no raid between them is not a member.
        let rec = Recorder {
            events: vec![
                ev(1.0, 0, "violation_crosses", Some("raid 1 member")),
                ev(30.0, 1, "violation_crosses", Some("raid 2 member")),
                ev(30.1, 9, "violation_crosses", None),
                ev(30.25, 2, "violation_crosses", Some("raid 2 member")),
                ev(30.5, 3, "violation_crosses", Some("raid 2 decoy")),
                ev(30.5, 4, "violation_crosses", Some("raid 2 member")),
                ev(30.75, 5, "violation_crosses", Some("raid 2 member")),
                ev(31.0, 1, "intercepted", None),
                ev(31.0, 1, "shot_down", None),
                ev(31.5, 2, "shot_down_by_air_defence", Some("Patriot")),
                ev(31.5, 3, "identified_decoy", None),
                ev(30.625, 4, "unanswered", None),
                ev(31.2, 9, "shot_down", None),
            ],
        };
        let raid = first_raid(&rec, 24.0);
        let fates: Vec<(f64, Option<f64>, bool, Fate)> = raid
            .into_iter()
            .map(|m| (m.cross_min, m.end_min, m.decoy, m.fate))
            .collect();
        assert_eq!(
            fates,
            vec![
                (0.0, Some(60.0), false, Fate::Killed("fighters".into())),
                (15.0, Some(90.0), false, Fate::Killed("Patriot".into())),
                (30.0, Some(90.0), true, Fate::Met),
                (30.0, Some(37.5), false, Fate::Through),
                (45.0, None, false, Fate::Through),
            ]
        );
        // Without a raid after the warm-up, the first raid; without raids, nothing.
        assert_eq!(first_raid(&rec, 100.0).len(), 1);
        assert!(first_raid(&Recorder::default(), 0.0).is_empty());
    }
}
