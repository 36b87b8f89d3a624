//! The `zhenggai` binary: parse arguments, then run a command or the TUI, and map errors to exit
//! codes (0 done, 2 a wrong request that changed nothing, 1 a failure of the system).

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use zhenggai::cli::{self, Cli};
use zhenggai::{Error, tui};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // a bad --lang is itself reported in the default language
    let lang = cli::language(&cli).unwrap_or_default();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let result = if cli.command.is_none() {
        run_tui(&cli, &mut err)
    } else {
        cli::run(cli, &mut out, &mut err).and_then(|()| Ok(out.flush()?))
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `zhenggai list | head`: the reader left; that is not a failure
        Err(Error::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = out.flush();
            let _ = writeln!(err, "{}", lang.error(&error));
            ExitCode::from(if error.is_request() { 2 } else { 1 })
        }
    }
}

/// `zhenggai` alone: the TUI on the ledger, or a hint when this is not a terminal.
fn run_tui(cli: &Cli, err: &mut dyn Write) -> zhenggai::Result<()> {
    let session = cli::session(cli)?;
    if !tui::has_terminal() {
        return Err(Error::NotATerminal);
    }
    let store = cli::open_ledger(&session, err)?;
    tui::run(store, session.lang, session.today)
}
