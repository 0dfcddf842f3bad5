//! The ladder's chart: how much protection for how many aircraft ([`crate::ladder`]).

use super::charts::{H, PALETTE, W, err, whole};
use plotters::prelude::*;

/// How much protection for how many aircraft: the sized force against the level of one target,
/// one line per posture (rungs without a force are left out).
pub fn ladder(ladders: &[crate::ladder::Ladder]) -> Result<String, String> {
    let target = ladders.first().map_or("", |l| l.target.as_str());
    let levels = ladders.iter().flat_map(|l| l.rungs.iter().map(|r| r.level));
    let (lo, hi) = levels.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let (lo, hi) = if lo < hi {
        (lo, hi)
    } else {
        (lo - 0.01, lo + 0.01)
    };
    let pad = (hi - lo) * 0.05;
    let top = ladders
        .iter()
        .flat_map(|l| l.rungs.iter().filter_map(|r| r.total))
        .max()
        .unwrap_or(1);
    let percent = hi <= 1.0;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (W, H)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("Aircraft for each level of {target}"),
                ("sans-serif", 18),
            )
            .margin(10)
            .x_label_area_size(35)
            .y_label_area_size(50)
            .build_cartesian_2d(lo - pad..hi + pad, 0f64..f64::from(top) * 1.15)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc(if percent {
                format!("{target} (%)")
            } else {
                target.to_string()
            })
            .y_desc("aircraft in all")
            .x_label_formatter(&|x| {
                if percent {
                    format!("{:.0}", 100.0 * x)
                } else {
                    format!("{x:.0}")
                }
            })
            .y_label_formatter(&whole)
            .draw()
            .map_err(err)?;
        for (k, l) in ladders.iter().enumerate() {
            let colour = PALETTE[k % PALETTE.len()];
            let points: Vec<(f64, f64)> = l
                .rungs
                .iter()
                .filter_map(|r| r.total.map(|t| (r.level, f64::from(t))))
                .collect();
            chart
                .draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))
                .map_err(err)?
                .label(l.scenario.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(2))
                });
            chart
                .draw_series(points.iter().map(|&p| Circle::new(p, 4, colour.filled())))
                .map_err(err)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(out)
}
