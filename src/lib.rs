//! jdlint: a linter for job postings.
//!
//! The library is a pure core: it parses a posting into a model and runs rules over
//! it, with no I/O. The `jdlint` binary is a thin shell around it (file walking,
//! configuration, output formats, exit codes).
//!
//! ```
//! let findings = jdlint::lint("We need a rockstar.\n", "job.md", &jdlint::Options::default());
//! assert!(findings.iter().any(|d| d.rule == "missing-title"));
//! ```

pub mod config;
pub mod date;
pub mod diagnostic;
pub mod fix;
pub mod packs;
pub mod parse;
pub mod posting;
pub mod report;
pub mod rule_data;
pub mod rules;
pub mod source;
pub mod suppression;

#[cfg(test)]
mod testing;

use std::sync::LazyLock;

pub use date::Date;
pub use diagnostic::{Category, Diagnostic, Severity};
pub use posting::{Format, Posting};
pub use rules::registry::Registry;
pub use source::Source;

/// Settings for one lint run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Reference date for rules that depend on time.
    pub as_of: Date,
    /// Rule options by rule id (`[rules.<id>]` in `jdlint.toml`).
    pub rule_options: std::collections::BTreeMap<String, toml::Table>,
    /// The rules that run and their severity; `None` runs every rule at its default.
    pub rules: Option<std::collections::BTreeMap<String, Severity>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            as_of: Date::today(),
            rule_options: Default::default(),
            rules: None,
        }
    }
}

/// Rules compiled once, shared by every file of a run.
pub struct Linter {
    registry: Registry,
}

impl From<Registry> for Linter {
    fn from(registry: Registry) -> Self {
        Linter { registry }
    }
}

impl Default for Linter {
    fn default() -> Self {
        Self::new()
    }
}

impl Linter {
    pub fn new() -> Self {
        Linter {
            registry: Registry::builtin(),
        }
    }

    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Parses and lints one source. Findings are ordered by position, then rule id.
    pub fn lint(&self, source: &Source, format: Format, options: &Options) -> Vec<Diagnostic> {
        let posting = parse::parse(source, format);
        self.lint_posting(source, &posting, options)
    }

    pub fn lint_posting(
        &self,
        source: &Source,
        posting: &Posting,
        options: &Options,
    ) -> Vec<Diagnostic> {
        let cx = rules::Context {
            source,
            as_of: options.as_of,
            options,
            phrase_gate: Default::default(),
        };
        let mut out = self.registry.check(posting, &cx);
        suppression::apply(source, posting, &mut out, &self.registry, &cx);
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        out
    }
}

/// Lints a posting held in a string; `path` selects the format by its extension
/// (plain text when unknown).
pub fn lint(text: &str, path: &str, options: &Options) -> Vec<Diagnostic> {
    static LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);
    let source = Source::new(path, text);
    let format = Format::from_path(path).unwrap_or(Format::Text);
    LINTER.lint(&source, format, options)
}
