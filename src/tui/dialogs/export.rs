//! The export dialog (`x`): a format and a file for the list as the screen filters it now. It
//! says before writing which filter and how many tasks the sheet will hold; the totals and the
//! unit sheet count the whole ledger. The file name follows the format chosen.

use std::path::PathBuf;

use crate::report::{self, Format};
use crate::tui::forms::{Choice, FieldKey, Form, FormField, FormKind, Input, Refusal, Submit};
use crate::tui::msg::ExportRequest;
use crate::tui::state::State;

pub fn open(state: &State) -> Result<Form, String> {
    // the count it would say is of rows the search has not narrowed yet
    if state.search_waiting() {
        return Err(state.lang.tui_search_waiting().into());
    }
    let lang = state.lang;
    let formats = Format::ALL
        .iter()
        .map(|f| Choice::new(f.extension(), f.extension()))
        .collect();
    let hint = report::default_path(lang, state.clock.today, Format::ALL[0]);
    let overwrite = vec![Choice::new(lang.no(), ""), Choice::new(lang.yes(), "yes")];
    let fields = vec![
        FormField::choice(FieldKey::Format, formats, "xlsx"),
        FormField::with_hint(FieldKey::Path, "", &hint.display().to_string()),
        FormField::choice(FieldKey::Overwrite, overwrite, ""),
    ];
    let note = lang.form_export_note(&state.filter_words(), state.task_rows());
    Ok(Form::new(FormKind::Export, lang.form_export().into(), fields).with_note(note))
}

fn format_of(form: &Form) -> Format {
    Format::parse(&form.value(FieldKey::Format)).unwrap_or(Format::ALL[0])
}

/// After the format changed: the default name shows the new extension, and a name typed with
/// the extension of another format takes the new one.
pub fn follow_format(form: &mut Form, lang: crate::i18n::Lang, today: chrono::NaiveDate) {
    let format = format_of(form);
    let hint = report::default_path(lang, today, format);
    let Some(field) = form.field_mut(FieldKey::Path) else {
        return;
    };
    if let Input::Text { area, .. } = &mut field.input {
        area.set_placeholder_text(hint.display().to_string());
        let typed = area.lines().join("");
        let path = PathBuf::from(&typed);
        let known = path
            .extension()
            .and_then(|e| Format::parse(&e.to_string_lossy()))
            .is_some();
        if known {
            let renamed = path.with_extension(format.extension());
            area.select_all();
            area.cut();
            area.insert_str(renamed.display().to_string());
        }
    }
}

pub fn submit(form: &Form, state: &State) -> Result<Submit, Refusal> {
    let format = format_of(form);
    let path = match form.value(FieldKey::Path).trim() {
        "" => report::default_path(state.lang, state.clock.today, format),
        typed => PathBuf::from(typed),
    };
    Ok(Submit::Export(ExportRequest {
        format,
        filter: state.effective_filter(),
        path,
        force: !form.value(FieldKey::Overwrite).is_empty(),
    }))
}
