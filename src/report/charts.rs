//! The report's charts, drawn with plotters' SVG backend. Each function returns one SVG document.

use crate::montecarlo::RunResult;
use crate::sizing::CurvePoint;
use plotters::prelude::*;

type Res = Result<String, String>;

pub(super) const W: u32 = 760;
pub(super) const H: u32 = 420;
pub(super) const PALETTE: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

/// Axis labels for whole numbers: "4", not "4.0"; ticks between whole numbers are left blank.
pub(super) fn whole(x: &f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        String::new()
    }
}

pub(super) fn err<E: std::fmt::Display>(e: E) -> String {
    format!("cannot draw a chart: {e}")
}

/// Aircraft on station per post over time, from a trace: `(post, [(time_h, count)])`.
pub type Timeline = Vec<(String, Vec<(f64, i32)>)>;

/// Aircraft on each station, track and orbit during a day after the warm-up: one strip per post,
/// with the required number marked.
pub fn timeline(series: &Timeline, required: &[u32], from_h: f64, to_h: f64) -> Res {
    let n = series.len().max(1);
    let strip = 84u32;
    let mut out = String::new();
    {
        let root =
            SVGBackend::with_string(&mut out, (W, 40 + strip * n as u32 + 20)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let root = root
            .titled(
                "One replication: aircraft on each station, track and orbit (dashed: required)",
                ("sans-serif", 16),
            )
            .map_err(err)?;
        let strips = root.split_evenly((n, 1));
        for (i, ((name, steps), area)) in series.iter().zip(strips.iter()).enumerate() {
            let need = required.get(i).copied().unwrap_or(1);
            let top = steps
                .iter()
                .map(|x| x.1)
                .max()
                .unwrap_or(0)
                .max(need as i32) as f64
                + 0.5;
            let last_strip = i + 1 == n;
            area.draw(&Text::new(
                format!("{name} (needs {need})"),
                (60, 2),
                ("sans-serif", 13),
            ))
            .map_err(err)?;
            let mut chart = ChartBuilder::on(area)
                .margin_right(10)
                .margin_top(18)
                .x_label_area_size(22)
                .y_label_area_size(60)
                .build_cartesian_2d(from_h..to_h, 0f64..top)
                .map_err(err)?;
            chart
                .configure_mesh()
                .y_labels(3)
                .y_label_formatter(&whole)
                .x_labels(if last_strip { 10 } else { 0 })
                .x_label_formatter(&whole)
                .y_desc("aircraft")
                .x_desc(if last_strip {
                    "hours from the start of the replication"
                } else {
                    ""
                })
                .disable_x_mesh()
                .draw()
                .map_err(err)?;
            let colour = PALETTE[i % PALETTE.len()];
            let pts = step_line(steps, from_h, to_h);
            chart
                .draw_series(std::iter::once(PathElement::new(
                    pts,
                    colour.stroke_width(2),
                )))
                .map_err(err)?;
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(from_h, f64::from(need)), (to_h, f64::from(need))],
                    4,
                    4,
                    BLACK.stroke_width(1),
                ))
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(out)
}

/// The step line of a count over `[from_h, to_h]`: the count reached before the window is where
/// the line starts, and each change inside it is a vertical step.
fn step_line(steps: &[(f64, i32)], from_h: f64, to_h: f64) -> Vec<(f64, f64)> {
    let before = steps.iter().take_while(|s| s.0 <= from_h).last();
    let mut last = before.map_or(0, |s| s.1);
    let mut pts = vec![(from_h, f64::from(last))];
    for &(t, c) in steps.iter().filter(|s| s.0 > from_h && s.0 <= to_h) {
        pts.push((t, f64::from(last)));
        pts.push((t, f64::from(c)));
        last = c;
    }
    pts.push((to_h, f64::from(last)));
    pts
}

/// The pooled response-time histogram and, below it, the share of *all* `violations` (pooled over
/// the replications) intercepted within each time: violations never intercepted keep that curve
/// below 100 %, so at the target it reads as the headline share met in time. The target is marked.
pub fn response(r: &RunResult, violations: u64, target_min: Option<f64>) -> Res {
    let counts = &r.response_hist;
    let total = violations.max(counts.iter().sum());
    let last = counts.iter().rposition(|&c| c > 0).unwrap_or(0) + 2;
    let max_count = counts.iter().copied().max().unwrap_or(1).max(1);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (W, H)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let (top, bottom) = root.split_vertically(H / 2);
        let x_max = last as f64;
        let mut chart = ChartBuilder::on(&top)
            .caption(
                "Response times: from crossing the front to the intercept",
                ("sans-serif", 18),
            )
            .margin(8)
            .x_label_area_size(20)
            .y_label_area_size(50)
            .build_cartesian_2d(0f64..x_max, 0f64..(max_count as f64 * 1.1))
            .map_err(err)?;
        chart
            .configure_mesh()
            .y_desc("intercepts")
            .x_label_formatter(&whole)
            .y_label_formatter(&whole)
            .draw()
            .map_err(err)?;
        chart
            .draw_series(counts.iter().enumerate().take(last).map(|(i, &c)| {
                Rectangle::new(
                    [(i as f64, 0.0), (i as f64 + 1.0, c as f64)],
                    PALETTE[0].mix(0.7).filled(),
                )
            }))
            .map_err(err)?;
        let mut cdf = ChartBuilder::on(&bottom)
            .margin(8)
            .x_label_area_size(30)
            .y_label_area_size(50)
            .build_cartesian_2d(0f64..x_max, 0f64..1f64)
            .map_err(err)?;
        cdf.configure_mesh()
            .x_label_formatter(&whole)
            .y_label_formatter(&|y| format!("{:.0} %", 100.0 * y))
            .x_desc("minutes from crossing the front")
            .y_desc("share of all violations")
            .draw()
            .map_err(err)?;
        let mut acc = 0u64;
        let pts: Vec<(f64, f64)> = counts
            .iter()
            .take(last)
            .enumerate()
            .map(|(i, &c)| {
                acc += c;
                (
                    i as f64 + 1.0,
                    if total > 0 {
                        acc as f64 / total as f64
                    } else {
                        0.0
                    },
                )
            })
            .collect();
        cdf.draw_series(LineSeries::new(pts, PALETTE[0].stroke_width(2)))
            .map_err(err)?
            .label("share of all violations intercepted by then")
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], PALETTE[0].stroke_width(2))
            });
        if let Some(t) = target_min {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(t, 0.0), (t, max_count as f64 * 1.1)],
                    PALETTE[3].stroke_width(2),
                )))
                .map_err(err)?;
            cdf.draw_series(std::iter::once(PathElement::new(
                vec![(t, 0.0), (t, 1.0)],
                PALETTE[3].stroke_width(2),
            )))
            .map_err(err)?
            .label(format!("target, {t:.0} min"))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], PALETTE[3].stroke_width(2))
            });
        }
        cdf.configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(out)
}

/// Sorties and flight hours per day for each squadron: `(name, sorties, flight hours)`.
pub fn squadrons(rows: &[(String, f64, f64)]) -> Res {
    let n = rows.len().max(1) as u32;
    let max = rows.iter().map(|r| r.2.max(r.1)).fold(1.0, f64::max);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (W, H)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                "Per squadron and day: sorties and flight hours (means)",
                ("sans-serif", 18),
            )
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d((0u32..n).into_segmented(), 0f64..max * 1.1)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_labels(n as usize)
            .x_label_formatter(&|x| match x {
                SegmentValue::CenterOf(i) => {
                    rows.get(*i as usize).map_or(String::new(), |r| r.0.clone())
                }
                _ => String::new(),
            })
            .x_label_style(("sans-serif", 11))
            .disable_x_mesh()
            .draw()
            .map_err(err)?;
        // Per squadron, flight hours as a wide bar with sorties as a narrow bar in front.
        chart
            .draw_series(rows.iter().enumerate().map(|(i, r)| {
                let mut e = Rectangle::new(
                    [
                        (SegmentValue::Exact(i as u32), r.2),
                        (SegmentValue::Exact(i as u32 + 1), 0.0),
                    ],
                    PALETTE[1].filled(),
                );
                e.set_margin(0, 0, 8, 8);
                e
            }))
            .map_err(err)?
            .label("flight hours per day")
            .legend(|(x, y)| Rectangle::new([(x, y - 4), (x + 12, y + 4)], PALETTE[1].filled()));
        chart
            .draw_series(rows.iter().enumerate().map(|(i, r)| {
                let mut e = Rectangle::new(
                    [
                        (SegmentValue::Exact(i as u32), r.1),
                        (SegmentValue::Exact(i as u32 + 1), 0.0),
                    ],
                    PALETTE[0].filled(),
                );
                e.set_margin(0, 0, 20, 20);
                e
            }))
            .map_err(err)?
            .label("sorties per day")
            .legend(|(x, y)| Rectangle::new([(x, y - 4), (x + 12, y + 4)], PALETTE[0].filled()));
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(out)
}

/// A sizing curve: aircraft → fraction of replications meeting the standard, with its Wilson
/// band and the confidence line.
pub fn sizing(name: &str, curve: &[CurvePoint], confidence: f64) -> Res {
    let x0 = curve.first().map_or(0, |p| p.aircraft) as f64 - 0.5;
    let x1 = curve.last().map_or(1, |p| p.aircraft) as f64 + 0.5;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (W, H)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("Sizing {name}: aircraft → share of replications meeting the standard"),
                ("sans-serif", 18),
            )
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(50)
            .build_cartesian_2d(x0..x1, 0f64..1.05f64)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("aircraft")
            .x_label_formatter(&whole)
            .y_desc("share meeting the standard")
            .draw()
            .map_err(err)?;
        let mut band: Vec<(f64, f64)> = curve
            .iter()
            .map(|p| (f64::from(p.aircraft), p.ci_high))
            .collect();
        band.extend(
            curve
                .iter()
                .rev()
                .map(|p| (f64::from(p.aircraft), p.ci_low)),
        );
        chart
            .draw_series(std::iter::once(Polygon::new(band, PALETTE[0].mix(0.2))))
            .map_err(err)?
            .label("Wilson 95 % interval")
            .legend(|(x, y)| {
                Rectangle::new([(x, y - 4), (x + 12, y + 4)], PALETTE[0].mix(0.2).filled())
            });
        chart
            .draw_series(LineSeries::new(
                curve.iter().map(|p| (f64::from(p.aircraft), p.probability)),
                PALETTE[0].stroke_width(2),
            ))
            .map_err(err)?
            .label("share meeting the standard")
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], PALETTE[0].stroke_width(2))
            });
        chart
            .draw_series(curve.iter().map(|p| {
                Circle::new(
                    (f64::from(p.aircraft), p.probability),
                    4,
                    PALETTE[0].filled(),
                )
            }))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x0, confidence), (x1, confidence)],
                PALETTE[3].stroke_width(2),
            )))
            .map_err(err)?
            .label(format!("confidence {:.0} %", 100.0 * confidence))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], PALETTE[3].stroke_width(2))
            });
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

/// A trade study: the share of replications meeting the standard against the first axis, one
/// line per value of the second, with Wilson bands; and the sized fleet when there is one.
pub fn sweep(r: &crate::sweep::SweepResult, words: &[String]) -> Res {
    let xs: Vec<f64> = r.axes[0].values.clone();
    let x0 = xs.iter().cloned().fold(f64::INFINITY, f64::min);
    let x1 = xs.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let (x0, x1) = if x1 > x0 {
        (x0, x1)
    } else {
        (x0 - 1.0, x1 + 1.0)
    };
    let lines: Vec<Option<f64>> = match r.axes.get(1) {
        Some(a) => a.values.iter().map(|v| Some(*v)).collect(),
        None => vec![None],
    };
    let sized = r.points.iter().any(|p| p.sizing.is_some());
    let mut out = String::new();
    {
        let root =
            SVGBackend::with_string(&mut out, (W, if sized { 640 } else { H })).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let (top, bottom) = if sized {
            root.split_vertically(H)
        } else {
            (root.clone(), root.clone())
        };
        let mut chart = ChartBuilder::on(&top)
            .caption(
                "Trade study: share of replications meeting the standard",
                ("sans-serif", 18),
            )
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(50)
            .build_cartesian_2d(x0..x1, 0f64..1.05f64)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc(words[0].as_str())
            .y_desc("share of replications meeting the standard")
            .y_label_formatter(&|y| format!("{:.0} %", 100.0 * y))
            .draw()
            .map_err(err)?;
        let mut fleet: Vec<(RGBColor, Vec<(f64, f64)>)> = Vec::new();
        for (k, second) in lines.iter().enumerate() {
            let colour = PALETTE[k % PALETTE.len()];
            let pts: Vec<&crate::sweep::SweepPoint> = r
                .points
                .iter()
                .filter(|p| second.is_none_or(|v| p.values.get(1) == Some(&v)))
                .collect();
            let mut band: Vec<(f64, f64)> =
                pts.iter().map(|p| (p.values[0], p.meets_ci.1)).collect();
            band.extend(pts.iter().rev().map(|p| (p.values[0], p.meets_ci.0)));
            chart
                .draw_series(std::iter::once(Polygon::new(band, colour.mix(0.15))))
                .map_err(err)?;
            let name = match (second, words.get(1)) {
                (Some(v), Some(w)) => format!("{w}: {v}"),
                _ => "share meeting the standard".to_string(),
            };
            chart
                .draw_series(LineSeries::new(
                    pts.iter().map(|p| (p.values[0], p.meets_standard)),
                    colour.stroke_width(2),
                ))
                .map_err(err)?
                .label(name.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(2))
                });
            chart
                .draw_series(
                    pts.iter()
                        .map(|p| Circle::new((p.values[0], p.meets_standard), 4, colour.filled())),
                )
                .map_err(err)?;
            let sized_pts: Vec<(f64, f64)> = pts
                .iter()
                .filter_map(|p| {
                    let total = p.sizing.as_ref()?.required.as_ref()?.iter().sum::<u32>();
                    Some((p.values[0], f64::from(total)))
                })
                .collect();
            fleet.push((colour, sized_pts));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(err)?;
        if sized {
            let top_fleet = fleet
                .iter()
                .flat_map(|f| f.1.iter().map(|p| p.1))
                .fold(1.0, f64::max);
            let mut c2 = ChartBuilder::on(&bottom)
                .caption(
                    "Fleet sized at each point (whole force)",
                    ("sans-serif", 16),
                )
                .margin(10)
                .x_label_area_size(30)
                .y_label_area_size(50)
                .build_cartesian_2d(x0..x1, 0f64..top_fleet * 1.1)
                .map_err(err)?;
            c2.configure_mesh()
                .x_desc(words[0].as_str())
                .y_desc("aircraft in the sized force")
                .y_label_formatter(&whole)
                .draw()
                .map_err(err)?;
            for (colour, pts) in fleet {
                c2.draw_series(LineSeries::new(pts.clone(), colour.stroke_width(2)))
                    .map_err(err)?;
                c2.draw_series(pts.into_iter().map(|p| Circle::new(p, 4, colour.filled())))
                    .map_err(err)?;
            }
        }
        root.present().map_err(err)?;
    }
    Ok(out)
}

/// A tornado chart: per parameter (largest swing on top), the whole-force fleet with the
/// parameter lowered (blue) and raised (orange), joined by a bar; an end that no fleet within
/// the limit reached sits at the right edge, marked "not reached".
pub fn tornado(bars: &[crate::sweep::TornadoBar], percent: f64) -> Res {
    let n = bars.len().max(1) as u32;
    let ends = || {
        bars.iter()
            .flat_map(|b| [b.fleet_low, b.fleet_high])
            .flatten()
    };
    let given = bars.first().and_then(|b| b.fleet_given);
    let lo = ends().chain(given).min().unwrap_or(0) as f64;
    let hi = ends().chain(given).max().unwrap_or(1) as f64;
    let span = (hi - lo).max(4.0);
    let (x0, x1) = ((lo - 0.15 * span).max(0.0), hi + 0.3 * span);
    let edge = x1 - 0.08 * span;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (W, 90 + 38 * n)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!(
                    "Whole-force fleet with each parameter lowered and raised by {percent:.0} %"
                ),
                ("sans-serif", 17),
            )
            .margin(10)
            .x_label_area_size(34)
            .y_label_area_size(230)
            .build_cartesian_2d(x0..x1, (0u32..(n - 1).max(1)).into_segmented())
            .map_err(err)?;
        // Row 0 at the bottom: the largest swing goes on top.
        let row = |i: usize| n - 1 - i as u32;
        chart
            .configure_mesh()
            .y_labels(n as usize)
            .y_label_formatter(&|y| match y {
                SegmentValue::CenterOf(r) => (n - 1)
                    .checked_sub(*r)
                    .and_then(|i| bars.get(i as usize))
                    .map_or(String::new(), |b| b.parameter.clone()),
                _ => String::new(),
            })
            .y_label_style(("sans-serif", 11))
            .x_desc("aircraft in the whole force")
            .x_label_formatter(&|x| {
                if x.fract() == 0.0 {
                    format!("{x:.0}")
                } else {
                    String::new()
                }
            })
            .light_line_style(WHITE)
            .disable_y_mesh()
            .draw()
            .map_err(err)?;
        let at = |v: Option<u32>| v.map_or(edge, f64::from);
        if let Some(g) = given {
            let g = f64::from(g);
            chart
                .draw_series(DashedLineSeries::new(
                    [(g, SegmentValue::Exact(0)), (g, SegmentValue::Exact(n))],
                    6,
                    4,
                    BLACK.stroke_width(1),
                ))
                .map_err(err)?
                .label(format!("as given: {g:.0}"))
                .legend(|(x, y)| PathElement::new([(x, y), (x + 18, y)], BLACK));
        }
        chart
            .draw_series(bars.iter().enumerate().map(|(i, b)| {
                let (a, c) = (at(b.fleet_low), at(b.fleet_high));
                let mut e = Rectangle::new(
                    [
                        (a.min(c), SegmentValue::Exact(row(i))),
                        (a.max(c), SegmentValue::Exact(row(i) + 1)),
                    ],
                    RGBColor(200, 200, 200).filled(),
                );
                e.set_margin(12, 12, 0, 0);
                e
            }))
            .map_err(err)?;
        for (k, (colour, label)) in [
            (PALETTE[0], format!("parameter lowered {percent:.0} %")),
            (PALETTE[1], format!("parameter raised {percent:.0} %")),
        ]
        .into_iter()
        .enumerate()
        {
            chart
                .draw_series(bars.iter().enumerate().map(|(i, b)| {
                    let v = if k == 0 { b.fleet_low } else { b.fleet_high };
                    Circle::new((at(v), SegmentValue::CenterOf(row(i))), 6, colour.filled())
                }))
                .map_err(err)?
                .label(label)
                .legend(move |(x, y)| Circle::new((x + 9, y), 5, colour.filled()));
        }
        chart
            .draw_series(
                bars.iter()
                    .enumerate()
                    .filter(|(_, b)| b.fleet_low.is_none() || b.fleet_high.is_none())
                    .map(|(i, _)| {
                        Text::new(
                            "not reached",
                            (edge + 0.02 * span, SegmentValue::CenterOf(row(i))),
                            ("sans-serif", 11),
                        )
                    }),
            )
            .map_err(err)?;
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

#[cfg(test)]
mod tests {
    use super::step_line;

    #[test]
    fn a_step_line_starts_at_the_count_reached_before_its_window() {
        // Two aircraft arrive before the window and one leaves inside it: the line starts at 2,
        // with no step at the left edge, and steps down to 1 at hour 30.
        let steps = [(3.0, 1), (5.0, 2), (30.0, 1), (60.0, 0)];
        assert_eq!(
            step_line(&steps, 24.0, 48.0),
            vec![(24.0, 2.0), (30.0, 2.0), (30.0, 1.0), (48.0, 1.0)]
        );
        // Nothing before the window: the line starts at zero.
        assert_eq!(
            step_line(&[(30.0, 1)], 24.0, 48.0),
            vec![(24.0, 0.0), (30.0, 0.0), (30.0, 1.0), (48.0, 1.0)]
        );
    }
}
