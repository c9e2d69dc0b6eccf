//! The commands behind `jdlint`.

pub mod args;
mod check;
mod explain;
mod ordered;
mod read;
mod sections;
mod settings;
mod walk;
mod write;

use std::io::IsTerminal;

use args::{Cli, ColorChoice, Command};

pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

pub fn version() -> &'static str {
    concat!(
        env!("CARGO_PKG_VERSION"),
        " (rule data ",
        env!("JDLINT_RULE_DATA"),
        ")"
    )
}

pub fn run(cli: Cli) -> Result<u8, String> {
    match cli.command {
        Command::Check(a) => check::run(a),
        Command::Sections(a) => sections::run(a),
        Command::Rules(a) => explain::rules(a),
        Command::Explain(a) => explain::explain(a),
        Command::Init(a) => init(a),
        Command::TestPack(a) => test_pack(a),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "jdlint", &mut std::io::stdout());
            Ok(EXIT_OK)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd)
                .render(&mut std::io::stdout())
                .map_err(|e| format!("writing the man page: {e}"))?;
            Ok(EXIT_OK)
        }
    }
}

/// `jdlint init`: a commented configuration; never overwrites.
fn init(args: args::InitArgs) -> Result<u8, String> {
    let text = jdlint::config::template(&jdlint::Registry::builtin());
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&args.path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "jdlint: error: {} already exists; not overwriting it",
                args.path.display()
            );
            return Ok(EXIT_TROUBLE);
        }
        Err(e) => return Err(format!("{}: {}", args.path.display(), walk::io_message(&e))),
    };
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| e.to_string())?;
    println!("wrote {}", args.path.display());
    Ok(EXIT_OK)
}

/// `jdlint test-pack PATH`: every rule's match and no-match cases.
fn test_pack(args: args::TestPackArgs) -> Result<u8, String> {
    let name = args
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "pack".into());
    let files = match settings::read_pack(&args.path) {
        Ok(f) => f,
        Err(m) => {
            eprintln!("jdlint: error: {m}");
            return Ok(EXIT_TROUBLE);
        }
    };
    let rules = match jdlint::packs::load(&name, &files) {
        Ok(r) => r,
        Err(e) => {
            report_config_error(&e);
            return Ok(EXIT_TROUBLE);
        }
    };
    let (mut passed, mut failed) = (0, 0);
    for rule in &rules {
        let cases = rule.tests.must_match.len() + rule.tests.no_match.len();
        let failures = jdlint::rules::declarative::run_tests(rule);
        for f in &failures {
            println!("FAIL {}: {f}", jdlint::rules::Rule::meta(rule).id);
        }
        failed += failures.len();
        passed += cases - failures.len();
    }
    println!("{} rules: {passed} passed, {failed} failed", rules.len());
    Ok(if failed > 0 { EXIT_FINDINGS } else { EXIT_OK })
}

/// Prints a configuration or pack error with codespan-reporting, pointing at the
/// offending line and column when the error has a span.
pub fn report_config_error(e: &jdlint::config::ConfigError) {
    use codespan_reporting::diagnostic::{Diagnostic, Label};
    use codespan_reporting::files::SimpleFile;
    use codespan_reporting::term::{
        self,
        termcolor::{ColorChoice, StandardStream},
        Config,
    };
    let text = std::fs::read_to_string(&e.path).unwrap_or_default();
    let file = SimpleFile::new(e.path.as_str(), text.as_str());
    let mut d = Diagnostic::error().with_message(&e.message);
    if let Some(span) = e.span.clone().filter(|s| s.end <= text.len()) {
        d = d.with_labels(vec![Label::primary((), span).with_message(&e.message)]);
    } else {
        d = d.with_message(format!("{}: {}", e.path, e.message));
    }
    if let Some(h) = &e.help {
        d = d.with_notes(vec![format!("help: {h}")]);
    }
    let choice = if use_color(args::ColorChoice::Auto) {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let err = StandardStream::stderr(choice);
    let _ = term::emit_to_write_style(&mut err.lock(), &Config::default(), &file, &d);
}

/// Colour only on a terminal, and never when NO_COLOR is set.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
