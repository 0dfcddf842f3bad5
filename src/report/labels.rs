//! Labels on the map placed clear of one another and of the markers.

use super::esc;
use std::fmt::Write;

/// A box on the page, pixels: left, top, right, bottom.
pub(super) type Box4 = (f64, f64, f64, f64);

pub(super) fn overlap(a: &Box4, b: &Box4) -> f64 {
    let w = a.2.min(b.2) - a.0.max(b.0);
    let h = a.3.min(b.3) - a.1.max(b.1);
    if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
}

/// Width of `text` at `size` px, estimated for a sans-serif face.
pub(super) fn text_width(text: &str, size: f64) -> f64 {
    0.56 * size * text.chars().count() as f64
}

/// Places labels beside their points without covering one another or the markers: each label
/// tries eight places around its point and takes the first free one inside the map, else the
/// least covered.
pub(super) struct Labels {
    pub(super) taken: Vec<Box4>,
    pub(super) area: Box4,
    pub(super) svg: String,
    /// The boxes of the labels placed, in order.
    pub(super) placed: Vec<Box4>,
}

impl Labels {
    pub(super) fn place(&mut self, text: &str, at: (f64, f64), size: f64, style: &str, gap: f64) {
        let w = text_width(text, size);
        let h = size;
        let (x, y) = at;
        let spots = [
            (x + gap, y - h / 2.0),
            (x - gap - w, y - h / 2.0),
            (x - w / 2.0, y - gap - h),
            (x - w / 2.0, y + gap),
            (x + gap, y - gap - h),
            (x + gap, y + gap),
            (x - gap - w, y - gap - h),
            (x - gap - w, y + gap),
        ];
        let cost = |b: &Box4| -> f64 {
            let outside = (b.2 - b.0) * (b.3 - b.1) - overlap(b, &self.area);
            self.taken.iter().map(|t| overlap(b, t)).sum::<f64>() + 4.0 * outside
        };
        let boxes: Vec<Box4> = spots.iter().map(|&(l, t)| (l, t, l + w, t + h)).collect();
        let best = boxes
            .iter()
            .find(|b| cost(b) == 0.0)
            .copied()
            .unwrap_or_else(|| {
                *boxes
                    .iter()
                    .min_by(|a, b| cost(a).total_cmp(&cost(b)))
                    .expect("eight spots")
            });
        self.taken.push(best);
        self.placed.push(best);
        let _ = write!(
            self.svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{size}\" {style} paint-order=\"stroke\" stroke=\"white\" stroke-width=\"3\" stroke-linejoin=\"round\">{}</text>",
            best.0,
            best.3 - 0.2 * h,
            esc(text)
        );
    }

    /// A label that is dropped rather than placed over anything.
    pub(super) fn place_if_free(&mut self, text: &str, centre: (f64, f64), size: f64, style: &str) {
        let w = text_width(text, size);
        let b = (
            centre.0 - w / 2.0,
            centre.1 - size / 2.0,
            centre.0 + w / 2.0,
            centre.1 + size / 2.0,
        );
        if self.taken.iter().all(|t| overlap(&b, t) == 0.0)
            && overlap(&b, &self.area) > 0.99 * (b.2 - b.0) * (b.3 - b.1)
        {
            self.taken.push(b);
            self.placed.push(b);
            let _ = write!(
                self.svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{size}\" {style}>{}</text>",
                b.0,
                b.3 - 0.2 * size,
                esc(text)
            );
        }
    }
}
