//! The standard in plain words: each target, its goal, and how often the replications met it, as
//! the command line, the report and the Python package say it.

use super::{Target, binding};

/// A target in plain words: what must hold, e.g. "every CAP station with a fighter on it".
pub fn words(t: &Target) -> String {
    crate::sim::metrics::label(&t.name)
}

/// A share as a percentage with one decimal ("—" when it is not a number).
pub fn pct(x: f64) -> String {
    if x.is_finite() {
        format!("{:.1} %", 100.0 * x)
    } else {
        "—".into()
    }
}

/// A number with `d` decimals ("—" when it is not a number).
pub fn fixed(x: f64, d: usize) -> String {
    if x.is_finite() {
        format!("{x:.d$}")
    } else {
        "—".into()
    }
}

/// A number rounded to a whole, with thousands separated by commas ("12,345"; "—" when it is not
/// a number).
pub fn grouped(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x.round() < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// US dollars in words with three significant figures: "$950,000", "$4.56 million",
/// "$12.3 billion" ("—" when it is not a number).
pub fn usd(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let three = |v: f64| {
        let d = if v >= 100.0 {
            0
        } else if v >= 10.0 {
            1
        } else {
            2
        };
        format!("{v:.d$}")
    };
    match x.abs() {
        a if a >= 1e9 => format!("${} billion", three(x / 1e9)),
        a if a >= 1e6 => format!("${} million", three(x / 1e6)),
        _ => format!("${}", grouped(x)),
    }
}

/// A number as a person writes it: whole numbers without decimals ("3"), others with one ("1.5").
pub fn short(x: f64) -> String {
    fixed(x, if x.fract() == 0.0 { 0 } else { 1 })
}

/// `met` over `of`, NaN when `of` is zero.
pub fn share(met: u64, of: u64) -> f64 {
    if of == 0 {
        f64::NAN
    } else {
        met as f64 / of as f64
    }
}

/// One target's line of the standard: its words, goal, mean value and pass rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The target in words.
    pub words: String,
    /// The least value that meets it.
    pub goal: f64,
    /// Its metric's mean; `None` when the scenario has no such metric (always met).
    pub mean: Option<f64>,
    /// Replications that met it.
    pub met: u64,
    /// Replications in all.
    pub of: u64,
}

/// The lines of the standard: per target, the mean of its metric (from `mean`, `None` when the
/// scenario has no such metric) and the replications of `of` that met it.
pub fn lines(
    targets: &[Target],
    met_each: &[u64],
    of: u64,
    mean: impl Fn(&str) -> Option<f64>,
) -> Vec<Line> {
    targets
        .iter()
        .zip(met_each)
        .map(|(t, &met)| Line {
            words: words(t),
            goal: t.goal,
            mean: t.index.and_then(|_| mean(&t.name)),
            met,
            of,
        })
        .collect()
}

/// The sentence naming the target met least often, if there are targets.
pub fn binds(lines: &[Line]) -> Option<String> {
    let met: Vec<u64> = lines.iter().map(|l| l.met).collect();
    binding(&met).map(|i| {
        let l = &lines[i];
        if l.met == l.of {
            format!(
                "Every target was met in every replication; none binds (the first, {}, stands for them).",
                l.words
            )
        } else {
            format!(
                "The target met least often, the one that binds: {} (at least {}), met in {} of the replications.",
                l.words,
                pct(l.goal),
                pct(share(l.met, l.of))
            )
        }
    })
}

/// `text` wrapped at `width` columns, every line starting with `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > indent.len() && len + 1 + word.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
        }
        if line.chars().count() > indent.len() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.trim().is_empty() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole_and_lines_short() {
        let w = wrap("one two three four five six", 12, "  ");
        assert_eq!(w, "  one two\n  three four\n  five six\n");
        assert!(
            wrap(&"word ".repeat(100), 40, "  ")
                .lines()
                .all(|l| l.len() <= 40)
        );
    }

    #[test]
    fn numbers_are_grouped_by_thousands_and_dollars_keep_three_figures() {
        assert_eq!(
            (short(3.0), short(1.5)),
            ("3".to_string(), "1.5".to_string())
        );
        assert_eq!(grouped(0.4), "0");
        assert_eq!(grouped(999.6), "1,000");
        assert_eq!(grouped(1234567.0), "1,234,567");
        assert_eq!(grouped(-4321.0), "-4,321");
        assert_eq!(grouped(f64::NAN), "—");
        assert_eq!(usd(950_000.0), "$950,000");
        assert_eq!(usd(4_564_000.0), "$4.56 million");
        assert_eq!(usd(45_600_000.0), "$45.6 million");
        assert_eq!(usd(456_000_000.0), "$456 million");
        assert_eq!(usd(12_345_000_000.0), "$12.3 billion");
    }
}
