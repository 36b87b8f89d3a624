//! The `zhenggai` binary: parse arguments, run a command, map errors to exit codes
//! (0 done, 2 a wrong request that changed nothing, 1 a failure of the system).

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use zhenggai::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // a bad --lang is itself reported in the default language
    let lang = cli::language(&cli).unwrap_or_default();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let result = cli::run(cli, &mut out, &mut err).and_then(|()| Ok(out.flush()?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `zhenggai list | head`: the reader left; that is not a failure
        Err(zhenggai::Error::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = out.flush();
            let _ = writeln!(err, "{}", lang.error(&error));
            ExitCode::from(if error.is_request() { 2 } else { 1 })
        }
    }
}
