//! The packet as an xlsx workbook: sheet 整改进展报送表 with the unit's open tasks (grey, locked)
//! and the cells it fills in (white, unlocked), the footer it signs, the tasks it supports; the
//! sheet protected without a password (a guard against slips; `collect` checks what came back
//! against what the ledger recorded). A hidden sheet carries the ids the merge needs.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, ProtectionOptions,
    Workbook, Worksheet, XlsxError,
};
use sha2::{Digest, Sha256};

use super::{LAYOUT, MARKER};
use crate::error::Result;
use crate::exchange::{Locked, Packet};
use crate::i18n::Lang;
use crate::model::Status;
use crate::report::xlsx::{excel_date, failed, height, lines};

/// Column widths (Excel's units; a Chinese character takes two): 序号 … 上次进展, 本期进展,
/// 进展日期, 佐证材料, 申请状态, and the hidden 任务标识.
const WIDTHS: [f64; 12] = [
    5.0, 8.0, 22.0, 28.0, 12.0, 9.0, 24.0, 30.0, 11.0, 16.0, 10.0, 38.0,
];
/// The last visible column (申请状态) and the hidden one (任务标识).
const LAST: u16 = 10;
const ID_COLUMN: u16 = 11;
/// The fill-in columns: 本期进展, 进展日期, 佐证材料, 申请状态.
const PROGRESS: u16 = 7;
const DATE: u16 = 8;
const EVIDENCE: u16 = 9;
const STATUS: u16 = 10;

const A4: u8 = 9;
const LOCKED_FILL: u32 = 0xEDEDED;
const HEADER_FILL: u32 = 0xD9D9D9;

/// The statuses a unit may ask for: never 已销号 (only the office closes).
pub const ASKABLE: [Status; 3] = [Status::InProgress, Status::Submitted, Status::Ongoing];

struct Formats {
    title: Format,
    line: Format,
    hint: Format,
    header: Format,
    locked: Format,
    locked_centred: Format,
    fill: Format,
    fill_date: Format,
    label: Format,
}

impl Formats {
    fn new() -> Formats {
        let body = Format::new()
            .set_font_name("宋体")
            .set_font_size(10)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        let locked = body.clone().set_background_color(LOCKED_FILL);
        let fill = body.clone().set_unlocked();
        Formats {
            title: Format::new()
                .set_font_name("黑体")
                .set_font_size(18)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            line: Format::new()
                .set_font_name("宋体")
                .set_font_size(11)
                .set_align(FormatAlign::VerticalCenter),
            hint: Format::new()
                .set_font_name("宋体")
                .set_font_size(10)
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            header: Format::new()
                .set_font_name("黑体")
                .set_font_size(11)
                .set_background_color(HEADER_FILL)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            locked_centred: locked.clone().set_align(FormatAlign::Center),
            locked,
            fill_date: fill
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format("yyyy-mm-dd"),
            fill,
            label: body
                .set_background_color(HEADER_FILL)
                .set_align(FormatAlign::VerticalCenter),
        }
    }
}

/// The workbook of one packet.
pub fn write(packet: &Packet, lang: Lang) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    let sheet = workbook.add_worksheet();
    main_sheet(sheet, packet, lang, &formats).map_err(failed)?;
    id_sheet(workbook.add_worksheet(), packet, lang).map_err(failed)?;
    workbook.save_to_buffer().map_err(failed)
}

/// A guard on the locked cells of a task: the first 16 hex digits of their SHA-256.
pub fn digest(locked: &Locked) -> String {
    let hash = Sha256::digest(locked.join("\u{1f}").as_bytes());
    hash.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The rows of the sheet: title, line, hint, header, then the tasks.
const HEADER_ROW: u32 = 3;

fn main_sheet(sheet: &mut Worksheet, p: &Packet, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(lang.packet_sheet())?;
    for (c, w) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_column_hidden(ID_COLUMN)?;
    let visible: f64 = WIDTHS[..=LAST as usize].iter().sum();
    sheet.merge_range(0, 0, 0, LAST, &lang.packet_title(&p.unit), &f.title)?;
    sheet.set_row_height(0, 34)?;
    let line = lang.packet_line(&p.period, p.due, &p.organisation);
    sheet.merge_range(1, 0, 1, LAST, &line, &f.line)?;
    sheet.set_row_height(1, 20)?;
    sheet.merge_range(2, 0, 2, LAST, lang.packet_fill_hint(), &f.hint)?;
    sheet.set_row_height(2, height(lines(lang.packet_fill_hint(), visible)))?;
    for (c, name) in lang.packet_columns().iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, *name, &f.header)?;
    }
    sheet.set_row_height(HEADER_ROW, 30)?;

    let first = HEADER_ROW + 1;
    for (i, row) in p.rows.iter().enumerate() {
        let r = first + i as u32;
        sheet.write_number_with_format(r, 0, (i + 1) as f64, &f.locked_centred)?;
        for c in 1..row.locked.len() {
            let format = if matches!(c, 1 | 4 | 5) {
                &f.locked_centred
            } else {
                &f.locked
            };
            sheet.write_string_with_format(r, c as u16, &row.locked[c], format)?;
        }
        for c in [PROGRESS, EVIDENCE, STATUS] {
            sheet.write_blank(r, c, &f.fill)?;
        }
        sheet.write_blank(r, DATE, &f.fill_date)?;
        sheet.write_string_with_format(r, ID_COLUMN, &row.task_uuid, &f.locked)?;
        let most = (0..row.locked.len())
            .map(|c| lines(&row.locked[c], WIDTHS[c]))
            .max()
            .unwrap_or(1)
            .max(3); // room to write this period's progress in
        sheet.set_row_height(r, height(most))?;
    }
    let after = first + p.rows.len() as u32;
    if !p.rows.is_empty() {
        let asks: Vec<&str> = ASKABLE.iter().map(|s| lang.status(*s)).collect();
        let choice = DataValidation::new()
            .allow_list_strings(&asks)?
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title(lang.packet_status_title())?
            .set_error_message(lang.packet_status_error(&asks.join(lang.list_separator())))?;
        sheet.add_data_validation(first, STATUS, after - 1, STATUS, &choice)?;
    }
    let below = footer(sheet, after + 1, lang, f)?;
    supporting(sheet, p, below + 1, lang, f)?;

    sheet.set_paper_size(A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    sheet.set_print_center_horizontally(true);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_freeze_panes(first, 0)?;
    sheet.set_footer(format!("&C{}", lang.export_page_footer()));
    let guard = ProtectionOptions {
        // widening a column or a row to read a long cell is no edit
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    sheet.protect_with_options(&guard);
    Ok(())
}

/// 填报人, 联系电话 / 单位负责人（签字）, 填报日期: each label with its cell to fill in, merged
/// over two columns. Returns the row after it.
fn footer(sheet: &mut Worksheet, row: u32, lang: Lang, f: &Formats) -> Result<u32, XlsxError> {
    let pairs = [
        [lang.packet_reporter(), lang.packet_phone()],
        [lang.packet_signer(), lang.packet_filled_on()],
    ];
    for (i, [left, right]) in pairs.iter().enumerate() {
        let r = row + i as u32;
        sheet.merge_range(r, 0, r, 1, left, &f.label)?;
        sheet.merge_range(r, 2, r, 3, "", &f.fill)?;
        sheet.merge_range(r, 4, r, 5, right, &f.label)?;
        let value = if i == 1 { &f.fill_date } else { &f.fill };
        sheet.merge_range(r, 6, r, 7, "", value)?;
        sheet.set_row_height(r, height(lines(left, WIDTHS[0] + WIDTHS[1]).max(2)))?;
    }
    Ok(row + pairs.len() as u32)
}

/// The tasks the unit supports: to read, nothing to fill in. Nothing when there are none.
fn supporting(
    sheet: &mut Worksheet,
    p: &Packet,
    row: u32,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    if p.supporting.is_empty() {
        return Ok(());
    }
    sheet.merge_range(row, 0, row, LAST, lang.packet_supporting(), &f.line)?;
    sheet.set_row_height(row, 22)?;
    let header = row + 1;
    sheet.write_string_with_format(header, 0, lang.packet_columns()[0], &f.header)?;
    for (c, name) in lang.packet_supporting_columns().iter().enumerate() {
        sheet.write_string_with_format(header, c as u16 + 1, *name, &f.header)?;
    }
    for (i, task) in p.supporting.iter().enumerate() {
        let r = header + 1 + i as u32;
        sheet.write_number_with_format(r, 0, (i + 1) as f64, &f.locked_centred)?;
        // 问题编号, 反馈问题, 整改措施, 整改时限, 当前状态 where the main table has them
        for c in 1..=5 {
            let format = if matches!(c, 1 | 4 | 5) {
                &f.locked_centred
            } else {
                &f.locked
            };
            sheet.write_string_with_format(r, c as u16, &task.locked[c], format)?;
        }
        sheet.write_string_with_format(r, 6, &task.owner, &f.locked)?;
        let most = (1..=3)
            .map(|c| lines(&task.locked[c], WIDTHS[c]))
            .max()
            .unwrap_or(1);
        sheet.set_row_height(r, height(most))?;
    }
    Ok(())
}

/// The hidden sheet: marker and layout, the packet's id, unit and period, then each task's
/// uuid, version and digest, in the table's order.
fn id_sheet(sheet: &mut Worksheet, p: &Packet, lang: Lang) -> Result<(), XlsxError> {
    sheet.set_name(lang.packet_id_sheet())?;
    sheet.write_string(0, 0, MARKER)?;
    sheet.write_string(0, 1, LAYOUT)?;
    sheet.write_string(1, 0, &p.uuid)?;
    sheet.write_string(1, 1, &p.unit)?;
    sheet.write_string(1, 2, &p.period)?;
    sheet.write_date_with_format(
        1,
        3,
        &excel_date(p.made_on)?,
        &Format::new().set_num_format("yyyy-mm-dd"),
    )?;
    for (i, row) in p.rows.iter().enumerate() {
        let r = 2 + i as u32;
        sheet.write_string(r, 0, &row.task_uuid)?;
        sheet.write_number(r, 1, row.version as f64)?;
        sheet.write_string(r, 2, digest(&row.locked))?;
    }
    sheet.set_column_width(0, 38)?;
    sheet.set_hidden(true);
    sheet.protect();
    Ok(())
}
