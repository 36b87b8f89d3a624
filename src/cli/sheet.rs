//! `zhenggai import-sheet FILE.xlsx`: an office's own Excel 台账 brought in, into the round
//! `--inspection` names (else the newest, else one made for it). Each cell that cannot be read
//! is listed by row and column, and then nothing is written.

use std::io::Write;
use std::path::Path;

use super::json;
use super::session::Context;
use crate::error::{Error, Result, SheetInProblem};
use crate::report;
use crate::report::sheet_in::SheetOptions;
use crate::store::SheetImport;

/// How many unreadable cells are listed one by one; a sheet with more is likely not a 台账 in
/// the form the reader expects, and the count says so.
const LISTED: usize = 50;

/// What `import-sheet` was given besides the file.
pub(super) struct SheetArgs {
    pub(super) sheet: Option<String>,
    pub(super) create_units: bool,
    pub(super) dry_run: bool,
    pub(super) json: bool,
}

pub(super) fn import(
    cx: &mut Context,
    file: &Path,
    args: SheetArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let lang = cx.lang;
    let bytes = report::read_document(file)?;
    let round = cx.store.round_for_sheet()?;
    let assigned = round.as_ref().map(|r| r.feedback_date);
    let options = SheetOptions {
        sheet: args.sheet,
        base: assigned,
        assigned,
        today: cx.today,
    };
    let plan = match report::sheet_in::read(&bytes, &options) {
        Err(Error::SheetIn(SheetInProblem::Rows(rows))) => {
            for problem in rows.iter().take(LISTED) {
                writeln!(err, "{}", lang.sheet_row_problem(problem))?;
            }
            if rows.len() > LISTED {
                writeln!(err, "{}", lang.sheet_more_problems(rows.len() - LISTED))?;
            }
            return Err(Error::SheetIn(SheetInProblem::Rows(rows)));
        }
        other => other?,
    };
    let how = SheetImport {
        create_units: args.create_units,
        dry_run: args.dry_run,
        fallback_title: lang.export_sheet_ledger().to_string(),
        close_note: lang.sheet_close_note().to_string(),
        extension_reason: lang.sheet_extension_reason().to_string(),
        remark_label: lang.heading(lang.col_note()),
    };
    let summary = cx.store.import_sheet(&plan, &how)?;
    if args.json {
        return json::print(out, &summary);
    }
    for line in lang.sheet_summary(&summary, args.dry_run) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}
