//! `jdlint sections`: how each posting was understood.

use std::io::Write;

use serde::Serialize;

use jdlint::posting::{pay::PayKind, Posting};
use jdlint::{Format, Source};

use super::args::{OutputFormat, SectionsArgs};
use super::walk::{inputs, Input};
use super::{read, EXIT_OK, EXIT_TROUBLE};

#[derive(Serialize)]
struct SectionOut<'a> {
    kind: &'a str,
    heading: Option<&'a str>,
    origin: jdlint::posting::Origin,
    heading_style: Option<jdlint::posting::HeadingStyle>,
    inferred: bool,
    start_line: usize,
    end_line: usize,
    items: usize,
    lines: usize,
}

#[derive(Serialize)]
struct PayOut {
    line: usize,
    text: String,
    #[serde(flatten)]
    kind: PayKind,
}

#[derive(Serialize)]
struct FileOut<'a> {
    path: &'a str,
    format: Format,
    title: Option<&'a str>,
    sections: Vec<SectionOut<'a>>,
    pay: Vec<PayOut>,
    /// Lines that stand in for a missing section (why a `missing-*` rule stayed quiet).
    evidence: Vec<EvidenceOut>,
}

#[derive(Serialize)]
struct EvidenceOut {
    what: &'static str,
    line: usize,
    text: String,
}

fn describe<'a>(source: &'a Source, posting: &'a Posting, format: Format) -> FileOut<'a> {
    FileOut {
        path: &source.path,
        format,
        title: posting.title.as_ref().map(|t| t.text.as_str()),
        sections: posting
            .sections
            .iter()
            .map(|s| SectionOut {
                kind: s.kind.as_str(),
                heading: s.heading.as_ref().map(|h| h.text.as_str()),
                origin: s.origin,
                heading_style: s.heading.as_ref().map(|h| h.style),
                inferred: s.inferred,
                start_line: source.line_col(s.span.start).line,
                end_line: source
                    .line_col(s.span.end.saturating_sub(1).max(s.span.start))
                    .line,
                items: s.items().count(),
                lines: s.units.len(),
            })
            .collect(),
        pay: posting
            .pay
            .iter()
            .map(|p| PayOut {
                line: source.line_col(p.span.start).line,
                text: source.text[p.span.clone()].chars().take(80).collect(),
                kind: p.kind.clone(),
            })
            .collect(),
        evidence: [
            ("company background", posting.company_mention()),
            ("role overview", posting.summary_mention()),
            ("duties", posting.duty_mention()),
            ("requirements", posting.requirement_mention()),
        ]
        .into_iter()
        .filter_map(|(what, m)| {
            let m = m?;
            Some(EvidenceOut {
                what,
                line: source.line_col(m.span.start).line,
                text: source.text[m.span.clone()].chars().take(100).collect(),
            })
        })
        .collect(),
    }
}

pub fn run(args: SectionsArgs) -> Result<u8, String> {
    let mut code = EXIT_OK;
    let mut files = Vec::new();
    let mut configs = super::settings::Configs::new(super::settings::Mode::Discover);
    for input in inputs(&args.files, &mut configs, false) {
        match input {
            Input::Error { path, message } => {
                eprintln!("jdlint: error: {}: {message}", path.display());
                code = EXIT_TROUBLE;
            }
            Input::File { path, format } => match read::read_text(&path) {
                Ok(text) => files.push((Source::new(path.display().to_string(), text), format)),
                Err(message) => {
                    eprintln!("jdlint: error: {}: {message}", path.display());
                    code = EXIT_TROUBLE;
                }
            },
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let w = |e: std::io::Error| e.to_string();
    let parsed: Vec<(&Source, Posting, Format)> = files
        .iter()
        .map(|(s, f)| (s, jdlint::parse::parse(s, *f), *f))
        .collect();
    match args.format {
        OutputFormat::Json => {
            let all: Vec<FileOut> = parsed.iter().map(|(s, p, f)| describe(s, p, *f)).collect();
            let doc = serde_json::json!({ "version": 1, "files": all });
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?
            )
            .map_err(w)?;
        }
        OutputFormat::Human => {
            for (s, p, f) in &parsed {
                let d = describe(s, p, *f);
                writeln!(out, "{} ({:?})", d.path, d.format).map_err(w)?;
                writeln!(out, "  title: {}", d.title.unwrap_or("(none)")).map_err(w)?;
                for sec in &d.sections {
                    let kind = if sec.inferred {
                        format!("{}*", sec.kind)
                    } else {
                        sec.kind.to_string()
                    };
                    let heading = match (sec.heading, sec.origin) {
                        (Some(h), jdlint::posting::Origin::Body) => format!("\"{h}\""),
                        (Some(h), jdlint::posting::Origin::FrontMatter) => {
                            format!("front matter `{h}`")
                        }
                        (Some(h), jdlint::posting::Origin::Include) => format!("include `{h}`"),
                        (None, _) => "(no heading)".into(),
                    };
                    let lines = if sec.start_line == sec.end_line {
                        format!("line {}", sec.start_line)
                    } else {
                        format!("lines {}-{}", sec.start_line, sec.end_line)
                    };
                    let items = if sec.items > 0 {
                        format!(", {} items", sec.items)
                    } else {
                        String::new()
                    };
                    writeln!(out, "  {kind:<17} {heading}  [{lines}{items}]").map_err(w)?;
                }
                if d.pay.is_empty() {
                    writeln!(out, "  pay: (none found)").map_err(w)?;
                } else {
                    for p in &d.pay {
                        writeln!(out, "  pay: line {}: {}", p.line, p.text).map_err(w)?;
                    }
                }
                for e in &d.evidence {
                    writeln!(out, "  {}: line {}: {}", e.what, e.line, e.text).map_err(w)?;
                }
                writeln!(out).map_err(w)?;
            }
            writeln!(out, "(* = kind inferred from the content)").map_err(w)?;
        }
    }
    Ok(code)
}
