//! The `jdlint` command: argument parsing and dispatch. The work is in the library;
//! `cli/` holds file walking, reading and the commands.

mod cli;

use std::process::ExitCode;

use clap::Parser;

// Compiling the rule patterns at start-up makes hundreds of thousands of small
// allocations; glibc's allocator spent a third of a one-file run on them.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::args::Cli::parse();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("jdlint: error: {e}");
            ExitCode::from(cli::EXIT_TROUBLE)
        }
    }
}
