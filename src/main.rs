//! The `zhenggai` binary: parse arguments, then run a command or the TUI, and map errors to exit
//! codes (0 done, 2 a wrong request that changed nothing, 1 a failure of the system).

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use zhenggai::cli::{self, Cli};
use zhenggai::error::FileCause;
use zhenggai::{Error, tui};

/// Standard output that never fails a command: the first error is kept and the rest of the
/// output dropped. A change that was saved must be reported as saved (exit 0) even when its
/// result cannot be printed, or a script would retry it and apply it twice.
struct Lenient<W: Write> {
    inner: W,
    error: Option<io::Error>,
}

impl<W: Write> Write for Lenient<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.error.is_none()
            && let Err(e) = self.inner.write_all(buf)
        {
            self.error = Some(e);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.error.is_none()
            && let Err(e) = self.inner.flush()
        {
            self.error = Some(e);
        }
        Ok(())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // a bad --lang is itself reported in the default language
    let lang = cli::language(&cli).unwrap_or_default();
    let mut err = io::stderr();
    if cli.command.is_none() {
        return match run_tui(&cli, &mut err) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => fail(&mut err, lang, &error),
        };
    }
    let mut out = Lenient {
        inner: io::BufWriter::new(io::stdout().lock()),
        error: None,
    };
    let result = cli::run(cli, &mut out, &mut err);
    let _ = out.flush();
    let changed = match result {
        Ok(changed) => changed,
        Err(error) => return fail(&mut err, lang, &error),
    };
    match out.error {
        None => ExitCode::SUCCESS,
        // `zhenggai list | head`: the reader left; that is not a failure
        Some(e) if e.kind() == io::ErrorKind::BrokenPipe && !changed => ExitCode::SUCCESS,
        Some(e) => {
            let cause = lang.file_cause(&FileCause::of(&e));
            if changed {
                let _ = writeln!(err, "{}", lang.output_failed_after_write(&cause));
                ExitCode::SUCCESS
            } else {
                let _ = writeln!(err, "{}", lang.output_failed(&cause));
                ExitCode::from(1)
            }
        }
    }
}

fn fail(err: &mut dyn Write, lang: zhenggai::i18n::Lang, error: &Error) -> ExitCode {
    let _ = writeln!(err, "{}", lang.error(error));
    ExitCode::from(if error.is_request() { 2 } else { 1 })
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
