//! One line per finding: `path:line:column: severity[rule] message`, for editors and grep.

use std::io::{self, Write};

use super::{FileError, Reporter, Summary};
use crate::diagnostic::Diagnostic;
use crate::source::Source;

#[derive(Default)]
pub struct Short;

impl Reporter for Short {
    fn file(
        &mut self,
        out: &mut dyn Write,
        source: &Source,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            let at = source.line_col(d.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                source.path, at.line, at.column, d.severity, d.rule, d.message
            )?;
        }
        Ok(())
    }

    fn error(&mut self, out: &mut dyn Write, error: &FileError) -> io::Result<()> {
        writeln!(out, "{}: error: {}", error.path, error.message)
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
