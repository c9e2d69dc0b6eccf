//! GitLab code quality report (a JSON array of Code Climate issues), for the merge
//! request widget: `artifacts: reports: codequality: gl-code-quality-report.json`.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{FileError, Reporter, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

#[derive(Default)]
pub struct Gitlab {
    issues: Vec<Value>,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

impl Reporter for Gitlab {
    fn file(
        &mut self,
        _out: &mut dyn Write,
        source: &Source,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let path = source.path.trim_start_matches("./");
        let fingerprints = super::fingerprint::for_file(source, diagnostics);
        for (d, fingerprint) in diagnostics.iter().zip(fingerprints) {
            let s = source.line_col(d.span.start);
            let e = source.line_col(d.span.end);
            self.issues.push(json!({
                "type": "issue",
                "check_name": d.rule,
                "description": d.message,
                "categories": ["Style"],
                "severity": severity(d.severity),
                "fingerprint": fingerprint,
                "location": {
                    "path": path,
                    "positions": {
                        "begin": { "line": s.line, "column": s.column },
                        "end": { "line": e.line, "column": e.column },
                    },
                },
            }));
        }
        Ok(())
    }

    fn error(&mut self, _out: &mut dyn Write, error: &FileError) -> io::Result<()> {
        self.issues.push(json!({
            "type": "issue",
            "check_name": "jdlint-error",
            "description": error.message,
            "categories": ["Bug Risk"],
            "severity": "blocker",
            "fingerprint": format!("{:016x}", super::fingerprint::fnv(error.path.as_bytes())),
            "location": { "path": error.path.trim_start_matches("./"), "lines": { "begin": 1 } },
        }));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.issues)?;
        writeln!(out)
    }
}
