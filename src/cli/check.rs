//! `jdlint check`: lint files and directories, stream a report, set the exit code.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jdlint::fix;
use jdlint::report::{
    github::Github, gitlab::Gitlab, human::Human, json::Json, sarif::Sarif, short::Short,
    statistics::Statistics, FileError, Reporter, Summary,
};
use jdlint::{Date, Diagnostic, Format, Severity, Source};

use super::args::{CheckArgs, FailOn, ReportFormat};
use super::ordered::{self, Step};
use super::settings::{Configs, Loaded, Mode};
use super::walk::{inputs, io_message, Input};
use super::{read, report_config_error, use_color, write, EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE};

/// What happens to fixes in this run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FixMode {
    Report,
    Write,
    Diff,
}

/// One thing to lint: a file, or the posting on stdin.
enum Job {
    File { path: PathBuf, format: Format },
    Stdin { name: Option<PathBuf> },
    Error { path: PathBuf, message: String },
}

pub fn run(args: CheckArgs) -> Result<u8, String> {
    // No warm-up thread any more: compiling the model's patterns on a spare thread at
    // start paid while they took milliseconds; now that they are read from the binary,
    // the thread's start and its fresh heap pages cost more than it saved (one file:
    // 3.7-4.2 ms without it against 3.8-4.6 ms with it, 475-562 page faults against
    // 476-773; 10,000 postings the same).
    let as_of_flag = match &args.as_of {
        Some(s) => Some(s.parse::<Date>().map_err(|e| format!("--as-of: {e}"))?),
        None => None,
    };
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-")
        || (args.paths.is_empty() && args.stdin_filename.is_some());
    if stdin && args.paths.len() > 1 {
        return Err("`-` (stdin) cannot be combined with other paths".into());
    }
    if args.stdin_filename.is_some() && !stdin {
        return Err("--stdin-filename names the posting on stdin; pass `-` as the path".into());
    }
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
    let jobs: Vec<Job> = if stdin {
        // Loads the configuration that applies to the named path.
        configs.for_path(args.stdin_filename.as_deref().unwrap_or(Path::new("-")));
        vec![Job::Stdin {
            name: args.stdin_filename.clone(),
        }]
    } else {
        inputs(&paths, &mut configs, args.force_exclude)
            .into_iter()
            .map(|i| match i {
                Input::File { path, format } => Job::File { path, format },
                Input::Error { path, message } => Job::Error { path, message },
            })
            .collect()
    };
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

    let fix_mode = if args.diff {
        FixMode::Diff
    } else if args.fix {
        FixMode::Write
    } else {
        FixMode::Report
    };
    // The fixed posting owns stdout when it came from stdin; the report moves aside.
    let text_to_stdout = stdin && fix_mode == FixMode::Write;
    let sink: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(
            std::fs::File::create(p)
                .map_err(|e| format!("--output {}: {}", p.display(), io_message(&e)))?,
        ),
        None if text_to_stdout => Box::new(io::stderr()),
        None => Box::new(io::stdout()),
    };
    let mut out = BufWriter::new(sink);
    let color = args.output.is_none() && !text_to_stdout && use_color(args.color);
    let mut reporter: Box<dyn Reporter> = if args.statistics {
        Box::new(Statistics::new(args.quiet))
    } else {
        match args.format {
            ReportFormat::Human => {
                let mut h = Human::new(color);
                h.quiet = args.quiet;
                Box::new(h)
            }
            ReportFormat::Short => Box::new(Short),
            ReportFormat::Json => Box::new(Json::new()),
            ReportFormat::Sarif => Box::new(Sarif::new(configs.metas().iter())),
            ReportFormat::Github => Box::new(Github::new(args.quiet)),
            ReportFormat::Gitlab => Box::new(Gitlab::default()),
        }
    };
    let mut summary = Summary::default();
    let mut trouble = false;
    let mut failing = false;
    let mut would_fix = 0;
    let write_err = |e: io::Error| format!("writing the report: {e}");

    let plan = Plan {
        fix_mode,
        as_of: as_of_flag,
        fail_on: args.fail_on,
        stdin,
    };
    // Files are linted in parallel and reported in input order as they finish, so
    // output streams and memory stays bounded by the window, not the repository.
    // One posting (what a pre-commit hook usually passes) is linted on this thread:
    // the thread pool's start-up, and its idle threads spinning for work, cost more
    // than one posting's work.
    let mut handle =
        |out: &mut BufWriter<Box<dyn Write>>, outcome: Outcome| -> Result<(), String> {
            match outcome {
                Outcome::Failed(e) => {
                    trouble = true;
                    reporter.error(out, &e).map_err(write_err)?;
                }
                Outcome::Diff {
                    display,
                    old,
                    new,
                    applied,
                } => {
                    if old != new {
                        would_fix += applied;
                        summary.files_fixed += 1;
                        write_diff(out, &display, &old, &new).map_err(write_err)?;
                    }
                }
                Outcome::Linted {
                    source,
                    diagnostics,
                    failing: f,
                    fixed,
                    write_error,
                } => {
                    if let Some(e) = write_error {
                        trouble = true;
                        reporter.error(out, &e).map_err(write_err)?;
                    }
                    if plan.stdin && plan.fix_mode == FixMode::Write {
                        let mut o = io::stdout().lock();
                        o.write_all(source.text.as_bytes())
                            .and_then(|()| o.flush())
                            .map_err(|e| format!("writing the fixed posting: {e}"))?;
                    }
                    if fixed > 0 {
                        summary.fixed += fixed;
                        summary.files_fixed += 1;
                    }
                    failing |= f;
                    summary.add(&diagnostics);
                    reporter
                        .file(out, &source, &diagnostics)
                        .map_err(write_err)?;
                }
            }
            Ok(())
        };
    if jobs.len() == 1 {
        for job in jobs {
            handle(&mut out, process(Work::new(job, &mut configs), &plan))?;
        }
    } else {
        let works = jobs.into_iter().map(|job| Work::new(job, &mut configs));
        let window = rayon::current_num_threads().max(1) * 32;
        ordered::run(works, window, &|w| process(w, &plan), |step| match step {
            Step::Next(outcome) => handle(&mut out, outcome),
            Step::Waiting => out.flush().map_err(write_err),
        })?;
    }

    if fix_mode == FixMode::Diff {
        out.flush().map_err(write_err)?;
        if !args.quiet {
            eprintln!(
                "jdlint: {} fix{} available in {} file{}",
                would_fix,
                if would_fix == 1 { "" } else { "es" },
                summary.files_fixed,
                if summary.files_fixed == 1 { "" } else { "s" }
            );
        }
        return Ok(if trouble {
            EXIT_TROUBLE
        } else if summary.files_fixed > 0 && !args.exit_zero {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        });
    }
    reporter.finish(&mut out, &summary).map_err(write_err)?;
    out.flush().map_err(write_err)?;
    let too_many_warnings = args.max_warnings.is_some_and(|n| summary.warnings > n);
    if too_many_warnings && !args.quiet {
        eprintln!(
            "jdlint: {} warnings, more than --max-warnings {}",
            summary.warnings,
            args.max_warnings.unwrap_or_default()
        );
    }
    let fixed_fails = args.exit_non_zero_on_fix && summary.fixed > 0;
    Ok(if trouble {
        EXIT_TROUBLE
    } else if args.exit_zero {
        EXIT_OK
    } else if failing || too_many_warnings || fixed_fails {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// Settings every file of a run shares.
struct Plan {
    fix_mode: FixMode,
    as_of: Option<Date>,
    fail_on: Option<FailOn>,
    stdin: bool,
}

/// One file, with its configuration resolved; read and linted on a worker thread.
struct Work {
    path: PathBuf,
    display: String,
    format: Format,
    loaded: Arc<Loaded>,
    /// Already read (stdin) or a problem found while walking.
    text: Option<Result<String, String>>,
}

impl Work {
    fn new(job: Job, configs: &mut Configs) -> Work {
        match job {
            Job::Error { path, message } => Work {
                display: path.display().to_string(),
                loaded: configs.for_path(&path),
                path,
                format: Format::Text,
                text: Some(Err(message)),
            },
            Job::File { path, format } => Work {
                display: path.display().to_string(),
                loaded: configs.for_file(&path),
                path,
                format,
                text: None,
            },
            Job::Stdin { name } => {
                let display = name
                    .as_ref()
                    .map_or("<stdin>".to_string(), |n| n.display().to_string());
                let path = name.unwrap_or_else(|| PathBuf::from("-"));
                let loaded = configs.for_path(&path);
                let format = loaded.format_of(&path).unwrap_or(Format::Markdown);
                Work {
                    path,
                    display,
                    format,
                    loaded,
                    text: Some(read::read_stdin()),
                }
            }
        }
    }
}

enum Outcome {
    Failed(FileError),
    Diff {
        display: String,
        old: String,
        new: String,
        applied: usize,
    },
    Linted {
        source: Source,
        diagnostics: Vec<Diagnostic>,
        /// A finding at or above the file's fail-on level.
        failing: bool,
        /// Fixes applied to this file.
        fixed: usize,
        write_error: Option<FileError>,
    },
}

/// Reads, lints and (with --fix) fixes and writes one file.
fn process(work: Work, plan: &Plan) -> Outcome {
    let Work {
        path,
        display,
        format,
        loaded,
        text,
    } = work;
    let text = match text.unwrap_or_else(|| read::read_text(&path)) {
        Ok(t) => t,
        Err(message) => {
            return Outcome::Failed(FileError {
                path: display,
                message,
            })
        }
    };
    let (eff, options) = loaded.options(&path, plan.as_of);
    let threshold = match plan.fail_on {
        Some(FailOn::Error) => Some(Severity::Error),
        Some(FailOn::Warning) => Some(Severity::Warning),
        Some(FailOn::Info) => Some(Severity::Info),
        Some(FailOn::Never) => None,
        None if eff.fail_never => None,
        None => Some(eff.fail_on.unwrap_or(Severity::Error)),
    };
    let linted = |source: Source, diagnostics: Vec<Diagnostic>, fixed, write_error| {
        let failing = threshold.is_some_and(|t| diagnostics.iter().any(|d| d.severity >= t));
        Outcome::Linted {
            source,
            diagnostics,
            failing,
            fixed,
            write_error,
        }
    };
    if plan.fix_mode == FixMode::Report {
        let source = Source::new(display, text);
        let diagnostics = loaded.linter.lint(&source, format, &options);
        return linted(source, diagnostics, 0, None);
    }
    let fixed = fix::fix(&loaded.linter, &display, text.clone(), format, &options);
    let changed = fixed.text != text;
    if plan.fix_mode == FixMode::Diff {
        // An unchanged file carries its text twice; nothing is printed for it.
        return Outcome::Diff {
            display,
            old: text,
            new: fixed.text,
            applied: fixed.applied,
        };
    }
    if changed && !plan.stdin {
        if let Err(message) = write::replace(&path, &text, &fixed.text) {
            // The file is untouched: report what it still holds.
            let e = FileError {
                path: display.clone(),
                message,
            };
            let source = Source::new(display, text);
            let diagnostics = loaded.linter.lint(&source, format, &options);
            return linted(source, diagnostics, 0, Some(e));
        }
    }
    let applied = if changed { fixed.applied } else { 0 };
    linted(
        Source::new(display, fixed.text),
        fixed.remaining,
        applied,
        None,
    )
}

/// Relative paths get git's `a/` and `b/`; absolute ones stay as they are.
fn prefixed(prefix: &str, path: &str) -> String {
    if Path::new(path).is_absolute() {
        path.to_string()
    } else {
        format!("{prefix}{}", path.trim_start_matches("./"))
    }
}

/// A unified diff with `a/` and `b/` prefixes, as `git apply` and `patch -p1` read it.
fn write_diff(out: &mut dyn Write, path: &str, old: &str, new: &str) -> io::Result<()> {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&prefixed("a/", path), &prefixed("b/", path))
        .to_string();
    out.write_all(text.as_bytes())
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
