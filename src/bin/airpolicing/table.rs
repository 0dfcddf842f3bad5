//! A plain-text table: a header row, aligned columns, numbers to the right.

pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table with only the columns headed `keep` (in the table's order), unless `all`.
    pub fn columns(mut self, keep: &[&str], all: bool) -> Self {
        if all {
            return self;
        }
        let kept: Vec<bool> = self
            .header
            .iter()
            .map(|h| keep.contains(&h.as_str()))
            .collect();
        let pick = |cells: &mut Vec<String>| {
            let mut i = 0;
            cells.retain(|_| {
                i += 1;
                kept.get(i - 1).copied().unwrap_or(false)
            });
        };
        pick(&mut self.header);
        for r in &mut self.rows {
            pick(r);
        }
        self
    }

    pub fn render(&self) -> String {
        let n = self.header.len();
        let mut width = vec![0; n];
        for r in std::iter::once(&self.header).chain(&self.rows) {
            for (i, c) in r.iter().enumerate().take(n) {
                width[i] = width[i].max(c.chars().count());
            }
        }
        let numeric = |i: usize| {
            self.rows.iter().all(|r| {
                r.get(i).is_none_or(|c| {
                    c.chars()
                        .next()
                        .is_none_or(|ch| ch.is_ascii_digit() || ch == '-' || ch == '—')
                })
            })
        };
        let right: Vec<bool> = (0..n).map(|i| i > 0 && numeric(i)).collect();
        let line = |cells: &[String]| {
            let mut s = String::from("  ");
            for (i, c) in cells.iter().enumerate().take(n) {
                let pad = width[i] - c.chars().count();
                if right[i] {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(c);
                } else {
                    s.push_str(c);
                    s.push_str(&" ".repeat(pad));
                }
                s.push_str("  ");
            }
            s.trim_end().to_string() + "\n"
        };
        let mut out = line(&self.header);
        out.push_str("  ");
        out.push_str(&"-".repeat(width.iter().sum::<usize>() + 2 * (n - 1)));
        out.push('\n');
        for r in &self.rows {
            out.push_str(&line(r));
        }
        out
    }
}

pub use airpolicing::standard::words::{fixed as f, pct};

/// An optional count.
pub fn count(x: Option<u32>) -> String {
    x.map_or("none works".into(), |n| n.to_string())
}

pub use airpolicing::standard::words::wrap;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_keeps_the_columns_asked_for() {
        let mut t = Table::new(&["a", "b", "c"]);
        t.row(vec!["1".into(), "2".into(), "3".into()]);
        let narrow = t.columns(&["a", "c"], false).render();
        assert!(narrow.starts_with("  a  c\n"));
        assert!(narrow.ends_with("  1  3\n"));
    }
}
