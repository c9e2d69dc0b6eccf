//! SARIF 2.1.0 for GitHub code scanning and other tools.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{FileError, Reporter, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleMeta;
use crate::source::Source;

pub struct Sarif {
    rules: Vec<RuleMeta>,
    results: Vec<Value>,
    notifications: Vec<Value>,
}

impl Sarif {
    pub fn new<'a>(rules: impl Iterator<Item = &'a RuleMeta>) -> Self {
        Sarif {
            rules: rules.cloned().collect(),
            results: Vec::new(),
            notifications: Vec::new(),
        }
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A URI for a path: relative paths stay relative (forward slashes, no `./`); an
/// absolute path becomes a `file://` URI, which is what SARIF viewers expect. Reserved
/// characters are escaped.
pub fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.trim_start_matches("./");
    let windows_drive = p.len() > 2 && p.as_bytes()[1] == b':' && p.as_bytes()[2] == b'/';
    let mut out = String::new();
    if p.starts_with('/') {
        out.push_str("file://");
    } else if windows_drive {
        out.push_str("file:///");
        out.push_str(&p[..2]);
        return out + &uri(&p[2..])[7..];
    }
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Reporter for Sarif {
    fn file(
        &mut self,
        _out: &mut dyn Write,
        source: &Source,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let fingerprints = super::fingerprint::for_file(source, diagnostics);
        for (d, fingerprint) in diagnostics.iter().zip(fingerprints) {
            let s = source.line_col(d.span.start);
            let e = source.line_col(d.span.end);
            let index = self.rules.iter().position(|m| m.id == d.rule).unwrap_or(0);
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(&format!(" (help: {h})"));
            }
            let mut result = json!({
                "ruleId": d.rule,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&source.path) },
                        "region": {
                            "startLine": s.line,
                            "startColumn": s.column,
                            "endLine": e.line,
                            "endColumn": e.column,
                        }
                    }
                }],
                "partialFingerprints": { "jdlint/v1": fingerprint },
            });
            if let Some(fix) = &d.fix {
                let fs = source.line_col(fix.span.start);
                let fe = source.line_col(fix.span.end);
                result["fixes"] = json!([{
                    "description": { "text": format!("replace with \"{}\"", fix.replacement) },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri(&source.path) },
                        "replacements": [{
                            "deletedRegion": {
                                "startLine": fs.line, "startColumn": fs.column,
                                "endLine": fe.line, "endColumn": fe.column
                            },
                            "insertedContent": { "text": fix.replacement }
                        }]
                    }]
                }]);
            }
            self.results.push(result);
        }
        Ok(())
    }

    fn error(&mut self, _out: &mut dyn Write, error: &FileError) -> io::Result<()> {
        self.notifications.push(json!({
            "level": "error",
            "message": { "text": format!("{}: {}", error.path, error.message) },
            "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&error.path) } } }],
        }));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|m| {
                json!({
                    "id": m.id,
                    "name": m.id.replace(['-', '/'], " "),
                    "shortDescription": { "text": m.summary },
                    "fullDescription": { "text": m.summary },
                    "help": { "text": m.explanation, "markdown": m.explanation },
                    "helpUri": format!("{}#rules", env!("CARGO_PKG_REPOSITORY")),
                    "defaultConfiguration": { "level": level(m.severity) },
                    "properties": { "category": m.category.as_str() },
                })
            })
            .collect();
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "jdlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": self.results,
                "invocations": [{
                    "executionSuccessful": self.notifications.is_empty(),
                    "toolExecutionNotifications": self.notifications,
                }],
            }]
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris_are_relative_or_file_uris() {
        assert_eq!(uri("./jobs/a b.md"), "jobs/a%20b.md");
        assert_eq!(uri("/srv/jobs/a.md"), "file:///srv/jobs/a.md");
        assert_eq!(uri("C:\\jobs\\a.md"), "file:///C:/jobs/a.md");
    }
}
