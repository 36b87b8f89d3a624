//! A form popup: its title, each field under its label, the focused field marked, and the message
//! of a refused save beside the field it is about.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::Theme;
use super::{centered, clear_popup};
use crate::i18n::Lang;
use crate::text::{clean_line, wrap};
use crate::tui::app::App;
use crate::tui::form::{FieldKey, Form, Input};
use crate::tui::keys::{self, Mode};

pub fn label(lang: Lang, key: FieldKey) -> &'static str {
    match key {
        FieldKey::Code => lang.field_code(),
        FieldKey::Category => lang.field_category(),
        FieldKey::Title => lang.field_title(),
        FieldKey::Description => lang.field_description(),
        FieldKey::Lead => lang.field_lead(),
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
        FieldKey::Light => lang.field_light(),
        FieldKey::Format => lang.field_format(),
        FieldKey::Path => lang.field_path(),
        FieldKey::Overwrite => lang.field_overwrite(),
    }
}

/// The keys of forms, from the keymap: `Tab 下一项 · Ctrl-S 保存 · Esc 取消`.
fn form_keys(lang: Lang) -> String {
    keys::bindings(Mode::Form, true)
        .map(|b| format!("{} {}", keys::keys_label(b), keys::label(b.action, lang)))
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, form: &Form, area: Rect) {
    let lang = app.lang;
    let width = 76u16.min(area.width.saturating_sub(4));
    let inner_width = usize::from(width.saturating_sub(4));
    let error_lines = |key: Option<FieldKey>| -> Vec<String> {
        match &form.error {
            Some((field, message)) if *field == key => wrap(&clean_line(message), inner_width),
            _ => Vec::new(),
        }
    };
    let fields_height: u16 = form
        .fields
        .iter()
        .map(|f| 1 + f.height() + error_lines(Some(f.key)).len() as u16)
        .sum();
    // borders, and a blank line above the bottom border with the hint
    let height = fields_height + error_lines(None).len() as u16 + 3;
    let rect = centered(area, width, height);
    clear_popup(frame, rect);
    let block = Block::bordered()
        .border_style(theme.focused())
        .title(Span::styled(
            format!(" {} ", clean_line(&form.title)),
            theme.title(),
        ))
        .title_bottom(Line::from(format!(" {} ", form_keys(lang))));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);

    let x = inner.x + 1;
    let w = inner.width.saturating_sub(2);
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
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
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!("{marker}{}", label(lang, field.key)),
                style,
            )),
            Rect::new(x, y, w, 1),
        );
        y += 1;
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
        }
        y += h;
        for line in error_lines(Some(field.key)) {
            if y < bottom {
                frame.render_widget(
                    Paragraph::new(Line::styled(line, theme.error())),
                    Rect::new(x + 2, y, w.saturating_sub(2), 1),
                );
                y += 1;
            }
        }
    }
    for line in error_lines(None) {
        if y < bottom {
            frame.render_widget(
                Paragraph::new(Line::styled(line, theme.error())),
                Rect::new(x, y, w, 1),
            );
            y += 1;
        }
    }
}
