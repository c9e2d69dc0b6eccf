//! `jdlint check`: lint files and directories, stream a report, set the exit code.

use std::io::{self, BufWriter, Write};

use jdlint::report::{human::Human, json::Json, FileError, Reporter, Summary};
use jdlint::{Date, Linter, Options, Severity, Source};

use super::args::{CheckArgs, FailOn, OutputFormat};
use super::walk::{inputs, Input};
use super::{read, use_color, EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE};

pub fn run(args: CheckArgs) -> Result<u8, String> {
    let as_of = match &args.as_of {
        Some(s) => s.parse::<Date>().map_err(|e| format!("--as-of: {e}"))?,
        None => Date::today(),
    };
    let options = Options {
        as_of,
        ..Default::default()
    };
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths.clone()
    };
    let linter = Linter::new();
    let mut reporter: Box<dyn Reporter> = match args.format {
        OutputFormat::Human => Box::new(Human::new(use_color(args.color))),
        OutputFormat::Json => Box::new(Json::new()),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let mut trouble = false;
    let mut failing = false;
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let write_err = |e: io::Error| format!("writing the report: {e}");

    for input in inputs(&paths) {
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
                let source = Source::new(display, text);
                let diagnostics = linter.lint(&source, format, &options);
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
