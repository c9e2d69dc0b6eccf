//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(name = "jdlint", version = crate::cli::version(), about = "A linter for job postings", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint postings (Markdown, plain text, HTML); directories are walked.
    Check(CheckArgs),
    /// Show how postings were understood: their sections, title and pay.
    Sections(SectionsArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Explain a rule: what it checks, why, and how to fix it.
    Explain(ExplainArgs),
    /// Write a commented jdlint.toml with every setting at its default.
    Init(InitArgs),
    /// Run the test cases of a rule pack's rules.
    TestPack(TestPackArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff) to stdout.
    Man,
}

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// Where to write it
    #[arg(default_value = "jdlint.toml")]
    pub path: PathBuf,
}

#[derive(clap::Args, Debug)]
pub struct TestPackArgs {
    /// The pack's folder
    pub path: PathBuf,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Formats of the `check` report.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// Source snippets with labels, then a summary line
    Human,
    /// `path:line:column: severity[rule] message`, one line per finding
    Short,
    /// One JSON document (stable shape, see the README)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// GitLab code quality report (JSON array of Code Climate issues)
    Gitlab,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to lint, or `-` for stdin [default: .]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: ReportFormat,
    /// Write the report to this file instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Name the posting read from stdin: for configuration lookup, format detection
    /// and reports
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Apply safe fixes in place (to stdout when the input is `-`)
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the fixes as a unified diff and write nothing; exit 1 when there is one
    #[arg(long)]
    pub diff: bool,
    /// With --fix, exit 1 when anything was fixed (for pre-commit hooks)
    #[arg(long)]
    pub exit_non_zero_on_fix: bool,
    /// Exit 0 even when findings would fail the run (trouble still exits 2)
    #[arg(long)]
    pub exit_zero: bool,
    /// Exit 1 when there are more than N warnings
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Print the number of findings per rule instead of each finding
    #[arg(long)]
    pub statistics: bool,
    /// Print findings only: no summary line
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Reference date for rules that depend on time (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Lowest severity that makes the run fail (exit 1) [default: error, or fail-on
    /// in jdlint.toml]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Use this configuration file for every path
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every jdlint.toml
    #[arg(long)]
    pub no_config: bool,
    /// Apply include/exclude and extensions to files named on the command line too
    /// (for pre-commit and editors, which name every changed file)
    #[arg(long)]
    pub force_exclude: bool,
    /// Print the settings that apply to each path, and lint nothing
    #[arg(long)]
    pub show_config: bool,
}

#[derive(clap::Args, Debug)]
pub struct SectionsArgs {
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
}

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// A rule id, as listed by `jdlint rules`
    pub rule: String,
}
