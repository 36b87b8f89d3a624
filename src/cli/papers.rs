//! The papers the office sends: `notice` issues urge notices (催办单), one file a unit, numbered
//! and recorded in the ledger; `report` drafts the report on the rectification (整改情况报告).

use std::io::Write;
use std::path::PathBuf;

use super::session::{Context, bad_value};
use crate::error::{Error, Result, ValueKind};
use crate::report::{self, draft, notice};

/// The two forms a paper is written in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Docx,
    Markdown,
}

impl Form {
    fn parse(text: &str) -> Result<Form> {
        match text.trim().to_ascii_lowercase().as_str() {
            "docx" => Ok(Form::Docx),
            "md" | "markdown" => Ok(Form::Markdown),
            _ => Err(bad_value(ValueKind::Document, text)),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Form::Docx => "docx",
            Form::Markdown => "md",
        }
    }
}

/// What `notice` was given.
pub(super) struct NoticeArgs {
    pub(super) units: Vec<String>,
    pub(super) output: Option<PathBuf>,
    pub(super) format: String,
    pub(super) due: Option<String>,
    pub(super) force: bool,
}

/// How long a unit is given to answer a notice, when `--due` does not say.
const DAYS_TO_ANSWER: u64 = 7;

/// `notice`: every file is written whole beside its place, then each gets its name, then the
/// notices are recorded in one transaction; a run that fails on the way takes back the files it
/// named, so a number is never printed that the ledger did not record.
pub(super) fn notice(
    cx: &mut Context,
    args: NoticeArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let lang = cx.lang;
    let form = Form::parse(&args.format)?;
    let due = match args.due.as_deref() {
        Some(text) => cx.date(text)?,
        None => cx.today + chrono::Days::new(DAYS_TO_ANSWER),
    };
    if due < cx.today {
        return Err(Error::DueBeforeToday);
    }
    let request = notice::Request {
        units: args.units,
        due,
    };
    let notices = notice::plan(&cx.store, lang, &request)?;
    if notices.is_empty() {
        writeln!(out, "{}", lang.notice_none(cx.today))?;
        return Ok(());
    }
    let folder = args.output.unwrap_or_else(|| PathBuf::from("."));
    if !folder.exists() {
        std::fs::create_dir_all(&folder).map_err(|e| Error::file(&folder, e))?;
        writeln!(err, "{}", lang.folder_created(&folder))?;
    }
    let mut staged = Vec::new();
    let mut names = Vec::new();
    for n in &notices {
        let name = format!(
            "{}.{}",
            lang.notice_file(n.issued.year, n.issued.seq, &n.issued.unit),
            form.extension()
        );
        let bytes = match form {
            Form::Docx => notice::docx(n, lang)?,
            Form::Markdown => notice::markdown(n, lang).into_bytes(),
        };
        staged.push(report::stage(
            &folder.join(&name),
            &bytes,
            args.force,
            false,
        )?);
        names.push(name);
    }
    let mut placed = Vec::new();
    let issued: Vec<_> = notices.iter().map(|n| n.issued.clone()).collect();
    let result = staged
        .into_iter()
        .zip(&names)
        .try_for_each(|(file, name)| {
            file.place()?;
            placed.push(folder.join(name));
            Ok(())
        })
        .and_then(|()| cx.store.record_notices(&issued));
    if let Err(error) = result {
        for path in placed {
            let _ = std::fs::remove_file(path);
        }
        return Err(error);
    }
    writeln!(
        out,
        "{}",
        lang.notice_written(notices.len(), &folder.display().to_string())
    )?;
    for (n, name) in notices.iter().zip(&names) {
        let (red, yellow) = (
            n.count(crate::model::Light::Red),
            n.count(crate::model::Light::Yellow),
        );
        writeln!(
            out,
            "{}",
            lang.notice_line(&n.issued.number, &n.issued.unit, red, yellow, name)
        )?;
    }
    Ok(())
}

/// `report`: the draft as of today, written whole or not at all.
pub(super) fn report(
    cx: &Context,
    output: Option<PathBuf>,
    format: &str,
    force: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let lang = cx.lang;
    let form = Form::parse(format)?;
    let draft = draft::plan(&cx.store, lang)?;
    let bytes = match form {
        Form::Docx => draft::docx(&draft, lang)?,
        Form::Markdown => draft::markdown(&draft, lang).into_bytes(),
    };
    let path = output.unwrap_or_else(|| {
        PathBuf::from(format!(
            "{}.{}",
            lang.draft_file(cx.today),
            form.extension()
        ))
    });
    report::write_file(&path, &bytes, force, false)?;
    writeln!(out, "{}", lang.draft_written(&path))?;
    Ok(())
}
