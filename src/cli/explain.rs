//! `jdlint rules` and `jdlint explain`.

use std::io::Write;

use super::args::{ExplainArgs, OutputFormat, RulesArgs};
use super::{EXIT_OK, EXIT_TROUBLE};

/// The linter of the configuration in force here, so pack rules are listed too.
fn here() -> Result<std::sync::Arc<super::settings::Loaded>, u8> {
    let mut configs = super::settings::Configs::new(super::settings::Mode::Discover);
    let loaded = configs.for_path(std::path::Path::new("."));
    if let Some(e) = configs.errors.first() {
        super::report_config_error(e);
        return Err(EXIT_TROUBLE);
    }
    Ok(loaded)
}

pub fn rules(args: RulesArgs) -> Result<u8, String> {
    let loaded = match here() {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let linter = &loaded.linter;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let w = |e: std::io::Error| e.to_string();
    match args.format {
        OutputFormat::Json => {
            let metas: Vec<_> = linter
                .registry()
                .metas()
                .map(|m| {
                    serde_json::json!({
                        "id": m.id, "category": m.category, "severity": m.severity,
                        "summary": m.summary, "fixable": m.fixable,
                    })
                })
                .collect();
            let doc = serde_json::json!({ "version": 1, "rules": metas });
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?
            )
            .map_err(w)?;
        }
        OutputFormat::Human => {
            for m in linter.registry().metas() {
                writeln!(
                    out,
                    "{:<36} {:<13} {:<8} {:<4} {}",
                    m.id,
                    m.category,
                    m.severity,
                    if m.fixable { "fix" } else { "" },
                    m.summary
                )
                .map_err(w)?;
            }
        }
    }
    Ok(EXIT_OK)
}

pub fn explain(args: ExplainArgs) -> Result<u8, String> {
    let loaded = match here() {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let linter = &loaded.linter;
    let registry = linter.registry();
    let Some(rule) = registry.get(&args.rule) else {
        let close = registry.closest(&args.rule);
        let hint = if close.is_empty() {
            "run `jdlint rules` to list them".to_string()
        } else {
            format!(
                "did you mean {}?",
                close
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        eprintln!("jdlint: error: unknown rule `{}`; {hint}", args.rule);
        return Ok(EXIT_TROUBLE);
    };
    let m = rule.meta();
    let mut out = std::io::stdout().lock();
    let w = |e: std::io::Error| e.to_string();
    writeln!(out, "# {}\n", m.id).map_err(w)?;
    writeln!(out, "{}\n", m.summary).map_err(w)?;
    writeln!(
        out,
        "Category: {}. Default severity: {}.{}\n",
        m.category,
        m.severity,
        if m.fixable { " Offers safe fixes." } else { "" }
    )
    .map_err(w)?;
    writeln!(out, "{}", m.explanation.trim_end()).map_err(w)?;
    if !m.options.is_empty() {
        writeln!(out, "\n## Options").map_err(w)?;
        for o in &m.options {
            writeln!(
                out,
                "- `{}` ({}, default {}): {}",
                o.name,
                o.kind(),
                o.default,
                o.description
            )
            .map_err(w)?;
        }
    }
    Ok(EXIT_OK)
}
