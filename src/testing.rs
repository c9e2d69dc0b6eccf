//! Helpers for rule tests.

use crate::{lint, Date, Options};

pub fn options() -> Options {
    Options {
        as_of: Date::new(2026, 11, 28).expect("valid date"),
        ..Default::default()
    }
}

/// Rule ids reported for a posting.
pub fn ids(text: &str, path: &str) -> Vec<String> {
    lint(text, path, &options())
        .into_iter()
        .map(|d| d.rule)
        .collect()
}
