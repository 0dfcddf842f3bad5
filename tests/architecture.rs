//! The shape of the house: no source file longer than the limit a reader can hold, and imports
//! that flow one way — no cycle between the library's modules, nor between the simulation's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a source file under `src/` may be, in lines.
const MAX_LINES: usize = 700;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_source_file_is_longer_than_the_limit() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .map(|f| (f, std::fs::read_to_string(f).unwrap().lines().count()))
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(f, n)| format!("{} ({n} lines)", f.display()))
        .collect();
    assert!(long.is_empty(), "longer than {MAX_LINES} lines: {long:?}");
}

/// The module path of a library file: `src/sim/engine/fleet.rs` is `["sim", "engine", "fleet"]`.
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// Every absolute module path a file's code (not its comments) names with `crate::` or
/// `super::`.
fn references(file: &Path) -> Vec<Vec<String>> {
    let here = module_of(file);
    let text = std::fs::read_to_string(file).unwrap();
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(i) = rest.find(['c', 's']) {
            rest = &rest[i..];
            let before_ok = line.len() == rest.len()
                || !line[..line.len() - rest.len()]
                    .ends_with(|c: char| c.is_alphanumeric() || c == '_');
            let path: Option<(Vec<String>, &str)> = if !before_ok {
                None
            } else if let Some(r) = rest.strip_prefix("crate::") {
                Some((Vec::new(), r))
            } else if rest.starts_with("super::") {
                let mut base = here.clone();
                let mut r = rest;
                while let Some(x) = r.strip_prefix("super::") {
                    base.pop();
                    r = x;
                }
                Some((base, r))
            } else {
                None
            };
            match path {
                Some((mut base, r)) => {
                    let names: Vec<&str> = r
                        .split("::")
                        .map(|s| {
                            s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                                .next()
                                .unwrap_or("")
                        })
                        .take_while(|s| !s.is_empty())
                        .collect();
                    base.extend(names.iter().map(|s| s.to_string()));
                    out.push(base);
                    rest = &rest[1..];
                }
                None => rest = &rest[1..],
            }
        }
    }
    out
}

/// The edges between the modules at `depth` below `prefix` (`[]` and 0: the library's top
/// modules; `["sim"]` and 1: the simulation's).
fn graph(prefix: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let depth = prefix.len();
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files.iter().filter(|f| !f.starts_with(src().join("bin"))) {
        let m = module_of(f);
        if m.len() <= depth || m[..depth] != *prefix {
            continue;
        }
        let from = m[depth].clone();
        for r in references(f) {
            if r.len() > depth && r[..depth] == *prefix && r[depth] != from {
                g.entry(from.clone()).or_default().insert(r[depth].clone());
            }
        }
    }
    g
}

/// A cycle in `g`, if there is one.
fn cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == n) {
            let mut c = stack[i..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|n| visit(n, g, &mut Vec::new(), &mut done))
}

#[test]
fn the_library_modules_import_one_way() {
    let g = graph(&[]);
    // The story of the data, read downwards (a sanity check that the graph was read at all).
    assert!(g["sim"].contains("scenario"), "{g:?}");
    assert!(g["sizing"].contains("montecarlo"), "{g:?}");
    assert!(!g["montecarlo"].contains("sizing"), "{g:?}");
    assert_eq!(cycle(&g), None, "{g:?}");
}

#[test]
fn the_simulation_modules_import_one_way() {
    let g = graph(&["sim"]);
    assert!(g["engine"].contains("model"), "{g:?}");
    assert_eq!(cycle(&g), None, "{g:?}");
}

#[test]
fn a_cycle_is_found_when_there_is_one() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert_eq!(cycle(&g), None);
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        cycle(&g),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}

#[test]
fn the_documentation_points_only_at_files_in_the_repository() {
    // The project's own model and sources live in docs/; no file may send a reader elsewhere.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let outside = [
        ["MODEL", ".md"].concat(),
        ["PARAMETERS", ".md"].concat(),
        ["STYLE", ".md"].concat(),
        ["../", "shared"].concat(),
    ];
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with('.') || name == "target" {
                continue;
            }
            if path.is_dir() {
                walk(&path, out);
            } else if ["rs", "md", "toml", "py", "pyi", "ipynb", "sh"]
                .iter()
                .any(|e| name.ends_with(&format!(".{e}")))
            {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(root, &mut files);
    assert!(files.len() > 50, "{} files read", files.len());
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            if outside.iter().any(|o| line.contains(o.as_str())) {
                found.push(format!(
                    "{}:{}",
                    f.strip_prefix(root).unwrap().display(),
                    i + 1
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "references outside the repository: {found:?}"
    );
}
