//! The `truce` binary: wires the stage crates together behind one command
//! line. It holds no pipeline logic of its own.

mod cli;
mod commands;
mod output;
mod pipeline;
mod record;
mod server;

use clap::Parser;
use std::process::ExitCode;

/// How a run ended, mapped to the exit status at the edge.
pub enum Outcome {
    /// Everything went well: 0.
    Success,
    /// Some input failed, the rest was done: 1.
    SomeFailed,
}

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli.command) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::SomeFailed) => ExitCode::from(1),
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("truce: {err:#}");
            ExitCode::from(2)
        }
    }
}
