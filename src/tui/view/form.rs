//! A form popup: its title, the line that says what it will do, each field under its label (a
//! count of characters when a text nears its limit), the focused field marked, and the message
//! of a refused save beside the field it is about. Every text is wrapped to the columns it is
//! drawn in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::clear_popup;
use crate::i18n::Lang;
use crate::text::{clean_line, truncate, wrap};
use crate::tui::forms::{FieldKey, Form, FormField, FormKind, Input};
use crate::tui::keys::{self, Action, Mode};
use crate::tui::state::State;
use crate::tui::theme::Theme;

pub fn label(lang: Lang, field: &FormField, kind: &FormKind) -> &'static str {
    match field.key {
        FieldKey::Code => lang.field_code(),
        FieldKey::Category => lang.field_category(),
        FieldKey::Title => lang.field_title(),
        FieldKey::Description => lang.field_description(),
        FieldKey::Lead => lang.field_lead(),
        FieldKey::Unit if matches!(kind, FormKind::AddTask { .. }) => lang.field_units(),
        FieldKey::Unit => lang.field_unit(),
        FieldKey::Measure => lang.field_measure(),
        FieldKey::Person => lang.field_person(),
        FieldKey::Deadline => lang.field_deadline(),
        FieldKey::Support => lang.field_support(),
        FieldKey::Text => lang.field_text(),
        FieldKey::Date => lang.field_date(),
        FieldKey::Evidence => lang.field_evidence(),
        FieldKey::Status => lang.field_status(),
        FieldKey::Note => lang.field_note(),
        FieldKey::Reason => lang.field_reason(),
        FieldKey::ApprovedBy => lang.field_approved_by(),
        FieldKey::ExtendTo => lang.field_extend_to(),
        FieldKey::Round => lang.field_round(),
        FieldKey::Light => lang.field_light(),
        FieldKey::Format => lang.field_format(),
        FieldKey::Path => lang.field_path(),
        FieldKey::Overwrite => lang.field_overwrite(),
    }
}

/// The keys of forms, from the keymap: `Ctrl-S 保存 · Esc 取消 · Tab 下一项` (应用 for the filter).
fn form_keys(lang: Lang, kind: &FormKind) -> String {
    keys::bindings(Mode::Form, true)
        .map(|b| {
            let what = match b.action {
                Action::Save if *kind == FormKind::Filter => lang.key_apply(),
                other => keys::label(other, lang),
            };
            format!("{} {what}", keys::keys_label(b))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The lines of a choice of several: the unit at the cursor, then what is chosen.
fn picks_lines(lang: Lang, input: &Input, columns: usize) -> Vec<String> {
    let Input::Picks {
        picks,
        chosen,
        cursor,
    } = input
    else {
        return Vec::new();
    };
    let Some(pick) = picks.get(*cursor) else {
        return vec![lang.none().to_string()];
    };
    let all_chosen = pick.values.iter().all(|v| chosen.contains(v));
    let mark = if all_chosen { "☑" } else { "☐" };
    let has = pick.has.clone().unwrap_or_default();
    let first = format!(
        "◀ {mark} {}{has} ▶   {}",
        clean_line(&pick.label),
        lang.tui_picks_hint()
    );
    let names = if chosen.is_empty() {
        lang.none().to_string()
    } else {
        chosen.join(lang.list_separator())
    };
    vec![
        truncate(&first, columns),
        truncate(&clean_line(&lang.tui_picked(&names)), columns),
    ]
}

pub fn draw(frame: &mut Frame, state: &State, theme: Theme, form: &Form) {
    let lang = state.lang;
    let (width, columns) = state.layout.form_width();
    let error_lines = |key: Option<FieldKey>| -> Vec<String> {
        match &form.error {
            Some((field, message)) if *field == key => wrap(&clean_line(message), columns),
            _ => Vec::new(),
        }
    };
    let note_lines = form
        .note
        .as_deref()
        .map(|n| wrap(&clean_line(n), columns + 2))
        .unwrap_or_default();
    let fields_height: u16 = form
        .fields
        .iter()
        .map(|f| 1 + f.height() + error_lines(Some(f.key)).len() as u16)
        .sum();
    // borders, the note and a blank line under it, and a blank line above the bottom border
    let note_height = if note_lines.is_empty() {
        0
    } else {
        note_lines.len() as u16 + 1
    };
    let height = fields_height + note_height + error_lines(None).len() as u16 + 3;
    let rect = state.layout.centered(width, height);
    clear_popup(frame, rect);
    let mut title = clean_line(&form.title);
    if form.pending.is_some() {
        title = format!("{title} · {}", lang.tui_saving());
    }
    let keys_text = truncate(
        &form_keys(lang, &form.kind),
        usize::from(width).saturating_sub(4),
    );
    let block = Block::bordered()
        .border_style(theme.focused())
        .title(Span::styled(
            format!(
                " {} ",
                truncate(&title, usize::from(width).saturating_sub(4))
            ),
            theme.title(),
        ))
        .title_bottom(Line::from(format!(" {keys_text} ")));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);

    let x = inner.x + 1;
    let w = inner.width.saturating_sub(2);
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    for line in &note_lines {
        line_at(
            frame,
            bottom,
            &mut y,
            x,
            w,
            Line::styled(line.clone(), theme.muted()),
        );
    }
    if !note_lines.is_empty() {
        y += 1;
    }
    for (i, field) in form.fields.iter().enumerate() {
        if y >= bottom {
            break;
        }
        let focused = i == form.focus;
        let marker = if focused { "▶ " } else { "  " };
        let style = if focused {
            theme.focused()
        } else {
            theme.title()
        };
        let mut spans = vec![Span::styled(
            format!("{marker}{}", label(lang, field, &form.kind)),
            style,
        )];
        // near the limit, how much is left
        if let Some((held, max)) = field.fill()
            && held * 10 >= max * 9
        {
            spans.push(Span::styled(
                format!("  {}", lang.tui_fill(held, max)),
                theme.error(),
            ));
        }
        line_at(frame, bottom, &mut y, x, w, Line::from(spans));
        let h = field.height().min(bottom.saturating_sub(y));
        let field_area = Rect::new(x + 2, y, w.saturating_sub(2), h);
        match &field.input {
            Input::Text { area: text, .. } => frame.render_widget(&**text, field_area),
            Input::Choice { options, index } => {
                let current = options.get(*index).map(|o| o.label.as_str()).unwrap_or("");
                let text = format!("◀ {} ▶   {}", clean_line(current), lang.tui_choice_hint());
                let style = if focused {
                    theme.selected()
                } else {
                    Default::default()
                };
                frame.render_widget(Paragraph::new(Span::styled(text, style)), field_area);
            }
            picks @ Input::Picks { .. } => {
                let lines: Vec<Line> = picks_lines(lang, picks, columns)
                    .into_iter()
                    .enumerate()
                    .map(|(i, l)| {
                        if i == 0 && focused {
                            Line::styled(l, theme.selected())
                        } else {
                            Line::raw(l)
                        }
                    })
                    .collect();
                frame.render_widget(Paragraph::new(lines), field_area);
            }
        }
        y += h;
        let lines = error_lines(Some(field.key));
        errors_at(
            frame,
            bottom,
            &mut y,
            (x + 2, w.saturating_sub(2)),
            lines,
            theme,
        );
    }
    let lines = error_lines(None);
    errors_at(
        frame,
        bottom,
        &mut y,
        (x + 2, w.saturating_sub(2)),
        lines,
        theme,
    );
}

/// The lines of an error from `y` on, as many as there is room for above `bottom`.
fn errors_at(
    frame: &mut Frame,
    bottom: u16,
    y: &mut u16,
    (x, w): (u16, u16),
    lines: Vec<String>,
    theme: Theme,
) {
    for line in lines {
        line_at(frame, bottom, y, x, w, Line::styled(line, theme.error()));
    }
}

/// One line at `y`, when there is room above `bottom`.
fn line_at(frame: &mut Frame, bottom: u16, y: &mut u16, x: u16, w: u16, line: Line<'static>) {
    if *y < bottom {
        frame.render_widget(Paragraph::new(line), Rect::new(x, *y, w, 1));
        *y += 1;
    }
}
