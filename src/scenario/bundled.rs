//! The scenarios shipped with the tool, compiled in so they work by name from any directory.

const BUNDLED: [(&str, &str); 4] = [
    ("ukraine", include_str!("../../scenarios/ukraine.toml")),
    ("baltic", include_str!("../../scenarios/baltic.toml")),
    ("textbook", include_str!("../../scenarios/textbook.toml")),
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
