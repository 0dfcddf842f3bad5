//! Scenario errors that point at the file, the line, the column and the field.

use std::fmt;

/// One step of a path into a scenario file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A key of a table.
    Key(String),
    /// An index into an array or array of tables.
    Index(usize),
}

/// A path to a field, printed as `squadrons[2].aircraft_count`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    /// The empty path: the whole file.
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path followed by a key.
    pub fn key(&self, k: &str) -> Self {
        let mut v = self.0.clone();
        for part in k.split('.').filter(|p| !p.is_empty()) {
            v.push(Segment::Key(part.to_string()));
        }
        Self(v)
    }

    /// This path followed by an index.
    pub fn index(&self, i: usize) -> Self {
        let mut v = self.0.clone();
        v.push(Segment::Index(i));
        Self(v)
    }

    /// Parses `squadrons[2].aircraft_count`; `None` for a malformed path.
    pub fn parse(text: &str) -> Option<Self> {
        let mut out = Vec::new();
        for part in text.split('.') {
            let (name, mut rest) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            if name.is_empty() {
                return None;
            }
            out.push(Segment::Key(name.to_string()));
            while let Some(stripped) = rest.strip_prefix('[') {
                let end = stripped.find(']')?;
                out.push(Segment::Index(stripped[..end].parse().ok()?));
                rest = &stripped[end + 1..];
            }
            if !rest.is_empty() {
                return None;
            }
        }
        Some(Self(out))
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for s in &self.0 {
            match s {
                Segment::Key(k) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The scenario cannot be used.
    Error,
    /// The scenario can be used, but something in it probably does not do what was meant.
    Warning,
}

/// A problem found in a scenario, located in its file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file (or bundled scenario name) the problem is in.
    pub file: String,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    /// The field path, e.g. `squadrons[2].aircraft_count`; empty for the whole file.
    pub path: String,
    /// What is wrong and what would be valid.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Line 0: not a place in the file (a value set by path, a check of the whole scenario).
        if self.line == 0 {
            write!(f, "{}: {sev}: ", self.file)?;
        } else {
            write!(f, "{}:{}:{}: {sev}: ", self.file, self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

fn did_you_mean(s: &Option<String>) -> String {
    s.as_ref()
        .map_or(String::new(), |s| format!("; did you mean `{s}`?"))
}

fn did_you_mean_aside(s: &Option<String>) -> String {
    s.as_ref()
        .map_or(String::new(), |s| format!(" (did you mean `{s}`?)"))
}

/// Why a scenario could not be loaded. Nothing is half-loaded: on any error there is no scenario.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioError {
    /// The file could not be read.
    #[error("{file}: cannot read the scenario: {source}{}", did_you_mean(.suggestion))]
    Read {
        /// The path given.
        file: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
        /// For a file that does not exist: the nearest bundled name or scenario file beside it.
        suggestion: Option<String>,
    },
    /// Neither a file nor a bundled scenario of that name.
    #[error(
        "`{name}` is neither a scenario file nor a bundled scenario{}; bundled scenarios are: {available}",
        did_you_mean_aside(.suggestion)
    )]
    Unknown {
        /// What was asked for.
        name: String,
        /// The bundled names, comma-separated.
        available: String,
        /// The nearest bundled name or scenario file, when one is close.
        suggestion: Option<String>,
    },
    /// The file was read but is not a valid scenario.
    #[error("{}", render(.diagnostics))]
    Invalid {
        /// Every problem found, errors first.
        diagnostics: Vec<Diagnostic>,
    },
}

fn render(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    out.push_str(&format!(
        "the scenario is not valid: {errors} error{}",
        if errors == 1 { "" } else { "s" }
    ));
    out
}

impl ScenarioError {
    /// The diagnostics of an invalid scenario (empty for the other kinds).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            ScenarioError::Invalid { diagnostics } => diagnostics,
            _ => &[],
        }
    }
}

/// Finds where paths are in a TOML text, to turn a path into a line and column.
pub(crate) struct Locator<'a> {
    text: &'a str,
    doc: Option<toml_edit::Document<&'a str>>,
}

/// A place in a parsed document: an item, a table of an array of tables, or a value.
#[derive(Clone, Copy)]
enum Node<'a> {
    Item(&'a toml_edit::Item),
    Table(&'a toml_edit::Table),
    Value(&'a toml_edit::Value),
}

type Span = std::ops::Range<usize>;

fn step<'a>(node: Node<'a>, seg: &Segment) -> Option<(Node<'a>, Option<Span>)> {
    use toml_edit::TableLike;
    match seg {
        Segment::Key(k) => {
            let table: &dyn TableLike = match node {
                Node::Item(it) => it.as_table_like()?,
                Node::Table(t) => t,
                Node::Value(v) => v.as_inline_table()?,
            };
            let (key, item) = table.get_key_value(k)?;
            Some((Node::Item(item), key.span().or_else(|| item.span())))
        }
        Segment::Index(i) => {
            let array = match node {
                Node::Item(it) => {
                    if let Some(aot) = it.as_array_of_tables() {
                        let t = aot.get(*i)?;
                        return Some((Node::Table(t), t.span()));
                    }
                    it.as_array()?
                }
                Node::Value(v) => v.as_array()?,
                Node::Table(_) => return None,
            };
            let v = array.get(*i)?;
            Some((Node::Value(v), v.span()))
        }
    }
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            text,
            doc: toml_edit::Document::parse(text).ok(),
        }
    }

    /// 1-based line and column of a byte offset.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// Line and column of the deepest part of `path` present in the file (1, 1 if none).
    pub(crate) fn locate(&self, path: &FieldPath) -> (usize, usize) {
        let Some(doc) = &self.doc else {
            return (1, 1);
        };
        let mut node = Node::Item(doc.as_item());
        let mut best: Option<Span> = None;
        for seg in &path.0 {
            let Some((next, span)) = step(node, seg) else {
                break;
            };
            node = next;
            best = span.or(best);
        }
        best.map_or((1, 1), |s| self.line_col(s.start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[scenario]\nname = \"x\"\n\n[[squadrons]]\nname = \"a\"\n\n[[squadrons]]\nname = \"b\"\naircraft_count = 3\n\n[front]\npoints = [[1.0, 2.0],\n  [3.0, 4.0]]\n";

    #[test]
    fn paths_print_and_parse() {
        let p = FieldPath::root()
            .key("squadrons")
            .index(2)
            .key("aircraft_count");
        assert_eq!(p.to_string(), "squadrons[2].aircraft_count");
        assert_eq!(FieldPath::parse("squadrons[2].aircraft_count"), Some(p));
        assert_eq!(FieldPath::parse("a[x]"), None);
        assert_eq!(FieldPath::parse("a..b"), None);
    }

    #[test]
    fn locator_finds_keys_in_arrays_of_tables() {
        let loc = Locator::new(TEXT);
        let p = FieldPath::parse("squadrons[1].aircraft_count").unwrap();
        assert_eq!(loc.locate(&p), (9, 1));
        let p = FieldPath::parse("scenario.name").unwrap();
        assert_eq!(loc.locate(&p), (2, 1));
    }

    #[test]
    fn locator_finds_array_elements_and_falls_back_to_the_parent() {
        let loc = Locator::new(TEXT);
        let p = FieldPath::parse("front.points[1]").unwrap();
        assert_eq!(loc.locate(&p), (13, 3));
        // A missing key points at the closest thing that exists.
        let p = FieldPath::parse("squadrons[1].base").unwrap();
        assert_eq!(loc.locate(&p).0, 7);
    }
}
