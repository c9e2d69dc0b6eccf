//! `jdlint check`: lint files and directories, stream a report, set the exit code.

use std::io::{self, BufWriter, Write};

use jdlint::report::{human::Human, json::Json, FileError, Reporter, Summary};
use jdlint::{Date, Options, Severity, Source};

use super::args::{CheckArgs, FailOn, OutputFormat};
use super::settings::{Configs, Mode};
use super::walk::{inputs, Input};
use super::{read, report_config_error, use_color, EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE};

pub fn run(args: CheckArgs) -> Result<u8, String> {
    let as_of_flag = match &args.as_of {
        Some(s) => Some(s.parse::<Date>().map_err(|e| format!("--as-of: {e}"))?),
        None => None,
    };
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths.clone()
    };
    let mode = match (&args.config, args.no_config) {
        (Some(p), _) => Mode::Explicit(p.clone()),
        (None, true) => Mode::None,
        (None, false) => Mode::Discover,
    };
    let mut configs = Configs::new(mode);
    let files = inputs(&paths, &mut configs);
    // A broken configuration stops the run before anything is linted.
    if !configs.errors.is_empty() {
        for e in &configs.errors {
            report_config_error(e);
        }
        return Ok(EXIT_TROUBLE);
    }
    if args.show_config {
        return show_config(&paths, &mut configs);
    }

    let mut reporter: Box<dyn Reporter> = match args.format {
        OutputFormat::Human => Box::new(Human::new(use_color(args.color))),
        OutputFormat::Json => Box::new(Json::new()),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let mut trouble = false;
    let mut failing = false;
    let write_err = |e: io::Error| format!("writing the report: {e}");

    for input in files {
        match input {
            Input::Error { path, message } => {
                trouble = true;
                let e = FileError {
                    path: path.display().to_string(),
                    message,
                };
                reporter.error(&mut out, &e).map_err(write_err)?;
            }
            Input::File { path, format } => {
                let display = path.display().to_string();
                let text = match read::read_text(&path) {
                    Ok(t) => t,
                    Err(message) => {
                        trouble = true;
                        reporter
                            .error(
                                &mut out,
                                &FileError {
                                    path: display,
                                    message,
                                },
                            )
                            .map_err(write_err)?;
                        continue;
                    }
                };
                let loaded = configs.for_path(&path);
                let eff = loaded.effective(&path);
                let options = Options {
                    as_of: as_of_flag.or(eff.as_of).unwrap_or_else(Date::today),
                    rule_options: eff.rule_options.clone(),
                    rules: Some(eff.rules.clone()),
                };
                let threshold = match args.fail_on {
                    Some(FailOn::Error) => Some(Severity::Error),
                    Some(FailOn::Warning) => Some(Severity::Warning),
                    Some(FailOn::Info) => Some(Severity::Info),
                    Some(FailOn::Never) => None,
                    None if eff.fail_never => None,
                    None => Some(eff.fail_on.unwrap_or(Severity::Error)),
                };
                let source = Source::new(display, text);
                let diagnostics = loaded.linter.lint(&source, format, &options);
                if threshold.is_some_and(|t| diagnostics.iter().any(|d| d.severity >= t)) {
                    failing = true;
                }
                summary.add(&diagnostics);
                reporter
                    .file(&mut out, &source, &diagnostics)
                    .map_err(write_err)?;
            }
        }
    }
    reporter.finish(&mut out, &summary).map_err(write_err)?;
    out.flush().map_err(write_err)?;
    Ok(if trouble {
        EXIT_TROUBLE
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// The settings that apply to each path: which file, which rules at which severity,
/// which options.
fn show_config(paths: &[std::path::PathBuf], configs: &mut Configs) -> Result<u8, String> {
    let mut out = io::stdout().lock();
    let w = |e: io::Error| e.to_string();
    for path in paths {
        let loaded = configs.for_path(path);
        let eff = loaded.effective(path);
        writeln!(out, "# {}", path.display()).map_err(w)?;
        match &loaded.path {
            Some(p) => writeln!(out, "config = {:?}", p.display().to_string()).map_err(w)?,
            None => writeln!(out, "config = \"(none: defaults)\"").map_err(w)?,
        }
        let fail = if eff.fail_never {
            "never".to_string()
        } else {
            eff.fail_on.unwrap_or(Severity::Error).to_string()
        };
        writeln!(out, "fail-on = {fail:?}").map_err(w)?;
        writeln!(
            out,
            "as-of = {:?}",
            eff.as_of.map_or("today".to_string(), |d| d.to_string())
        )
        .map_err(w)?;
        writeln!(out, "[severity]").map_err(w)?;
        for m in loaded.linter.registry().metas() {
            let s = eff
                .rules
                .get(&m.id)
                .map_or("off".to_string(), |s| s.to_string());
            writeln!(out, "{} = {s:?}", m.id).map_err(w)?;
        }
        for (rule, table) in &eff.rule_options {
            writeln!(out, "[rules.{rule}]").map_err(w)?;
            for (k, v) in table {
                writeln!(out, "{k} = {v}").map_err(w)?;
            }
        }
        writeln!(out).map_err(w)?;
    }
    Ok(EXIT_OK)
}
