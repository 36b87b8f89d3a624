//! Where things go on a screen of a size, worked out once per size and shared: `update` maps a
//! click to a row and pages by the same numbers `view` draws with.

use ratatui::layout::{Constraint, Layout as Split, Rect};

/// The smallest screen the layout is made for.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// Below this width the detail pane is not beside the table but replaces it (Enter).
const SIDE_BY_SIDE: u16 = 100;

/// The widest a form gets.
const FORM_WIDTH: u16 = 86;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub screen: Rect,
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
    /// The ledger table with its border.
    pub table: Rect,
    /// The detail pane beside the table, when there is room for both.
    pub detail: Option<Rect>,
}

impl Layout {
    pub fn of(size: (u16, u16)) -> Layout {
        let screen = Rect::new(0, 0, size.0, size.1);
        let [header, body, status, footer] = Split::vertical([
            Constraint::Length(2),
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(screen);
        let (table, detail) = if body.width >= SIDE_BY_SIDE {
            let [table, detail] =
                Split::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
                    .areas(body);
            (table, Some(detail))
        } else {
            (body, None)
        };
        Layout {
            screen,
            header,
            body,
            status,
            footer,
            table,
            detail,
        }
    }

    /// Nothing can be shown below the smallest size.
    pub fn too_small(&self) -> bool {
        self.screen.width < MIN_SIZE.0 || self.screen.height < MIN_SIZE.1
    }

    /// Rows of the ledger table that fit: the area less its border and the column header.
    pub fn table_rows(&self) -> usize {
        usize::from(self.table.height.saturating_sub(3)).max(1)
    }

    /// The first screen row of the table's rows (under the border and the column header).
    pub fn first_row_y(&self) -> u16 {
        self.table.y + 2
    }

    /// The detail pane where it is drawn: beside the table, or over the whole body.
    pub fn detail_area(&self) -> Rect {
        self.detail.unwrap_or(self.body)
    }

    /// The inside of a bordered box.
    pub fn inner(area: Rect) -> Rect {
        Rect::new(
            area.x + 1,
            area.y + 1,
            area.width.saturating_sub(2),
            area.height.saturating_sub(2),
        )
    }

    /// The width of a form, and the columns its texts are wrapped to (inside its border and
    /// margin, under the two columns of a field's marker).
    pub fn form_width(&self) -> (u16, usize) {
        let width = FORM_WIDTH.min(self.screen.width.saturating_sub(4));
        (width, usize::from(width.saturating_sub(6)))
    }

    /// A box in the middle of the screen, `w`×`h` at most.
    pub fn centered(&self, w: u16, h: u16) -> Rect {
        let area = self.screen;
        let w = w.min(area.width);
        let h = h.min(area.height);
        Rect::new(
            area.x + (area.width - w) / 2,
            area.y + (area.height - h) / 2,
            w,
            h,
        )
    }
}
