//! Human output: codespan-reporting snippets, then one summary line.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::Buffer, Config};

use super::{FileError, Reporter, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

pub struct Human {
    pub color: bool,
    config: Config,
}

impl Human {
    pub fn new(color: bool) -> Self {
        Human {
            color,
            config: Config::default(),
        }
    }

    fn buffer(&self) -> Buffer {
        if self.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        }
    }
}

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// Renders one diagnostic as codespan-reporting would print it.
pub fn render(source: &Source, d: &Diagnostic, color: bool) -> String {
    let mut h = Human::new(color);
    let mut out = Vec::new();
    let _ = h.file(&mut out, source, std::slice::from_ref(d));
    String::from_utf8_lossy(&out).into_owned()
}

impl Reporter for Human {
    fn file(
        &mut self,
        out: &mut dyn Write,
        source: &Source,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        if diagnostics.is_empty() {
            return Ok(());
        }
        let file = SimpleFile::new(source.path.as_str(), source.text.as_str());
        let mut buf = self.buffer();
        for d in diagnostics {
            let mut labels = vec![CsLabel::primary((), d.span.clone())];
            labels.extend(
                d.labels.iter().map(|l| {
                    CsLabel::secondary((), l.span.clone()).with_message(l.message.clone())
                }),
            );
            let mut notes = Vec::new();
            if let Some(help) = &d.help {
                notes.push(format!("help: {help}"));
            }
            if let Some(fix) = &d.fix {
                notes.push(format!("fix: replace with \"{}\"", fix.replacement));
            }
            let cs = CsDiagnostic::new(severity(d.severity))
                .with_message(d.message.clone())
                .with_code(d.rule.clone())
                .with_labels(labels)
                .with_notes(notes);
            term::emit_to_write_style(&mut buf, &self.config, &file, &cs)
                .map_err(|e| io::Error::other(e.to_string()))?;
        }
        out.write_all(buf.as_slice())
    }

    fn error(&mut self, out: &mut dyn Write, error: &FileError) -> io::Result<()> {
        let mut buf = self.buffer();
        let cs: CsDiagnostic<()> =
            CsDiagnostic::error().with_message(format!("{}: {}", error.path, error.message));
        let file = SimpleFile::new("", "");
        term::emit_to_write_style(&mut buf, &self.config, &file, &cs)
            .map_err(|e| io::Error::other(e.to_string()))?;
        out.write_all(buf.as_slice())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        writeln!(out, "{}", summary.line())
    }
}
