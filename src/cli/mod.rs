//! The commands behind `jdlint`.

pub mod args;
mod check;
mod explain;
mod read;
mod sections;
mod walk;

use std::io::IsTerminal;

use args::{Cli, ColorChoice, Command};

pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

pub fn version() -> &'static str {
    concat!(
        env!("CARGO_PKG_VERSION"),
        " (rule data ",
        env!("CARGO_PKG_VERSION"),
        ")"
    )
}

pub fn run(cli: Cli) -> Result<u8, String> {
    match cli.command {
        Command::Check(a) => check::run(a),
        Command::Sections(a) => sections::run(a),
        Command::Rules(a) => explain::rules(a),
        Command::Explain(a) => explain::explain(a),
    }
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
