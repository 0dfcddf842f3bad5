//! The scenarios shipped with the tool, compiled in so they work by name from any directory.

const BUNDLED: [(&str, &str); 10] = [
    ("ukraine", include_str!("../../scenarios/ukraine.toml")),
    (
        "ukraine_qra",
        include_str!("../../scenarios/ukraine_qra.toml"),
    ),
    (
        "ukraine_west",
        include_str!("../../scenarios/ukraine_west.toml"),
    ),
    (
        "ukraine_1250",
        include_str!("../../scenarios/ukraine_1250.toml"),
    ),
    (
        "ukraine_shield",
        include_str!("../../scenarios/ukraine_shield.toml"),
    ),
    (
        "poland_2025",
        include_str!("../../scenarios/poland_2025.toml"),
    ),
    ("baltic", include_str!("../../scenarios/baltic.toml")),
    ("textbook", include_str!("../../scenarios/textbook.toml")),
    ("mq9_orbit", include_str!("../../scenarios/mq9_orbit.toml")),
    ("reference", include_str!("../../scenarios/reference.toml")),
];

/// The text of a bundled scenario.
pub fn bundled(name: &str) -> Option<&'static str> {
    BUNDLED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Names of the bundled scenarios.
pub fn bundled_names() -> Vec<&'static str> {
    BUNDLED.iter().map(|(n, _)| *n).collect()
}

/// The bundled name or scenario file nearest to `asked`, when one is close: the same name in
/// another case, or one or two letters off (Damerau–Levenshtein) — among the bundled names and
/// the `.toml` files in the directory `asked` points into.
pub fn nearest_name(asked: &str) -> Option<String> {
    let path = std::path::Path::new(asked);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut candidates: Vec<String> = bundled_names().iter().map(|n| n.to_string()).collect();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten().take(10_000) {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "toml") && p.is_file() {
                let shown = if path.parent().is_some_and(|d| !d.as_os_str().is_empty()) {
                    p.display().to_string()
                } else {
                    e.file_name().to_string_lossy().into_owned()
                };
                candidates.push(shown);
            }
        }
    }
    let key = |s: &str| s.to_lowercase();
    let stem = |s: &str| key(s.strip_suffix(".toml").unwrap_or(s));
    candidates
        .into_iter()
        .filter(|c| c != asked)
        .map(|c| {
            let d = strsim::damerau_levenshtein(&key(asked), &key(&c))
                .min(strsim::damerau_levenshtein(&stem(asked), &stem(&c)));
            (d, c)
        })
        .filter(|(d, c)| *d <= 2 && *d < c.chars().count() / 2 + 1)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistyped_or_miscased_name_finds_the_bundled_one() {
        assert_eq!(nearest_name("Ukraine").as_deref(), Some("ukraine"));
        assert_eq!(nearest_name("ukriane").as_deref(), Some("ukraine"));
        assert_eq!(nearest_name("baltic.toml").as_deref(), Some("baltic"));
        assert_eq!(nearest_name("sahara"), None);
    }

    #[test]
    fn a_missing_file_finds_its_neighbour() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("my-theatre.toml"), "").unwrap();
        let asked = dir.path().join("my-theater.toml");
        assert_eq!(
            nearest_name(&asked.display().to_string()),
            Some(dir.path().join("my-theatre.toml").display().to_string())
        );
    }
}
