//! GitHub Actions workflow commands: one annotation per finding
//! (`::error file=...,line=...::message`), with the escaping GitHub requires.

use std::io::{self, Write};

use super::{FileError, Reporter, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

/// GitHub shows at most this many annotations of each kind per step.
pub const SHOWN_PER_KIND: usize = 10;

#[derive(Default)]
pub struct Github {
    counts: [usize; 3],
    quiet: bool,
}

impl Github {
    pub fn new(quiet: bool) -> Self {
        Github {
            counts: [0; 3],
            quiet,
        }
    }
}

/// Escapes a message (the command's data).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (file, title): also `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl Reporter for Github {
    fn file(
        &mut self,
        out: &mut dyn Write,
        source: &Source,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            let s = source.line_col(d.span.start);
            let e = source.line_col(d.span.end);
            self.counts[d.severity as usize] += 1;
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(d.severity),
                escape_property(&source.path),
                s.line,
                s.column,
                e.line,
                e.column,
                escape_property(&format!("jdlint {}", d.rule)),
                escape_data(&message)
            )?;
        }
        Ok(())
    }

    fn error(&mut self, out: &mut dyn Write, error: &FileError) -> io::Result<()> {
        writeln!(
            out,
            "::error file={},title=jdlint::{}",
            escape_property(&error.path),
            escape_data(&error.message)
        )
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let [infos, warnings, errors] = self.counts;
        let hidden = [errors, warnings, infos]
            .iter()
            .any(|&c| c > SHOWN_PER_KIND);
        if !self.quiet {
            writeln!(out, "jdlint: {}", summary.line())?;
        }
        if hidden {
            writeln!(
                out,
                "jdlint: GitHub shows only {SHOWN_PER_KIND} annotations of each kind per step ({errors} errors, {warnings} warnings, {infos} notices were sent); run `jdlint check` locally or upload SARIF to see them all"
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_hostile_text() {
        assert_eq!(escape_data("50% off\r\nnext"), "50%25 off%0D%0Anext");
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
    }
}
