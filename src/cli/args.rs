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

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to lint [default: .]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Reference date for rules that depend on time (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Lowest severity that makes the run fail (exit 1)
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
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
