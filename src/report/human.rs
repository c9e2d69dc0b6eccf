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
    /// No summary line.
    pub quiet: bool,
    config: Config,
}

impl Human {
    pub fn new(color: bool) -> Self {
        Human {
            color,
            quiet: false,
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
        // codespan counts a byte-order mark as a column; jdlint does not, so the mark
        // is cut off and every span moved back by its length.
        let bom = source.content_start();
        let shift =
            |r: &std::ops::Range<usize>| r.start.saturating_sub(bom)..r.end.saturating_sub(bom);
        let file = SimpleFile::new(source.path.as_str(), &source.text[bom..]);
        let mut buf = self.buffer();
        for d in diagnostics {
            let mut labels = vec![CsLabel::primary((), shift(&d.span))];
            labels.extend(
                d.labels.iter().map(|l| {
                    CsLabel::secondary((), shift(&l.span)).with_message(l.message.clone())
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
        if self.quiet {
            return Ok(());
        }
        writeln!(out, "{}", summary.line())
    }
}
