//! Reports: one module per output format, all fed the same stream of per-file results.
//! A reporter writes as files arrive, so a large run never holds every result.

pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod sarif;
pub mod short;
pub mod statistics;

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

/// Totals for the closing line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub files_with_findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings fixed by `--fix`.
    pub fixed: usize,
    pub files_fixed: usize,
}

impl Summary {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        if !diagnostics.is_empty() {
            self.files_with_findings += 1;
        }
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// `N errors, M warnings, K infos in F of T files`.
    pub fn line(&self) -> String {
        fn n(count: usize, word: &str) -> String {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        }
        let mut line = format!(
            "{}, {}, {} in {} of {}",
            n(self.errors, "error"),
            n(self.warnings, "warning"),
            n(self.infos, "info"),
            self.files_with_findings,
            n(self.files, "file"),
        );
        if self.fixed > 0 {
            line.push_str(&format!(
                "; fixed {} in {}",
                n(self.fixed, "finding"),
                n(self.files_fixed, "file")
            ));
        }
        line
    }
}

/// A file that could not be linted.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

pub trait Reporter {
    fn file(
        &mut self,
        out: &mut dyn Write,
        source: &Source,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()>;
    fn error(&mut self, out: &mut dyn Write, error: &FileError) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}
