//! JSON output: one document, written as files arrive.
//!
//! ```text
//! {"version":1,"diagnostics":[...],"summary":{...},"errors":[...]}
//! ```
//! The shape is documented in the README and is stable API.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileError, Reporter, Summary};
use crate::diagnostic::Diagnostic;
use crate::source::Source;

pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start_byte: usize,
    end_byte: usize,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    replacement: &'a str,
    start_byte: usize,
    end_byte: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    category: &'a str,
    severity: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start_byte: usize,
    end_byte: usize,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Default)]
pub struct Json {
    wrote_diagnostic: bool,
    errors: Vec<FileError>,
}

impl Json {
    pub fn new() -> Self {
        Self::default()
    }
}

fn encode<'a>(source: &'a Source, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let start = source.line_col(d.span.start);
    let end = source.line_col(d.span.end);
    JsonDiagnostic {
        path: &source.path,
        rule: &d.rule,
        category: d.category.as_str(),
        severity: d.severity.as_str(),
        message: &d.message,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        start_byte: d.span.start,
        end_byte: d.span.end,
        labels: d
            .labels
            .iter()
            .map(|l| {
                let s = source.line_col(l.span.start);
                let e = source.line_col(l.span.end);
                JsonLabel {
                    message: &l.message,
                    line: s.line,
                    column: s.column,
                    end_line: e.line,
                    end_column: e.column,
                    start_byte: l.span.start,
                    end_byte: l.span.end,
                }
            })
            .collect(),
        help: d.help.as_deref(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            replacement: &f.replacement,
            start_byte: f.span.start,
            end_byte: f.span.end,
        }),
    }
}

impl Reporter for Json {
    fn file(
        &mut self,
        out: &mut dyn Write,
        source: &Source,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            out.write_all(if self.wrote_diagnostic {
                b","
            } else {
                b"{\"version\":1,\"diagnostics\":["
            })?;
            self.wrote_diagnostic = true;
            serde_json::to_writer(&mut *out, &encode(source, d))?;
        }
        Ok(())
    }

    fn error(&mut self, _out: &mut dyn Write, error: &FileError) -> io::Result<()> {
        self.errors.push(error.clone());
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if !self.wrote_diagnostic {
            out.write_all(b"{\"version\":1,\"diagnostics\":[")?;
        }
        out.write_all(b"],\"summary\":")?;
        serde_json::to_writer(&mut *out, summary)?;
        out.write_all(b",\"errors\":")?;
        serde_json::to_writer(&mut *out, &self.errors)?;
        out.write_all(b"}\n")
    }
}
