//! A notice in 公文 layout: the organisation and title, the number, the addressee, the
//! opening and table, the request, the signature, and under a cut line the reply slip (回执).

use docx_rs::AlignmentType;

use super::{Notice, cells};
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::Light;
use crate::report::docx::{self as page, SIZE_2, TITLE_FONT};

/// The text width of the page (210 − 28 − 26 mm) split among the table's columns.
const WIDTHS: [f64; 6] = [12.0, 29.0, 40.0, 26.0, 20.0, 29.0];
const RECEIPT: [f64; 2] = [45.0, 111.0];

/// The notice as the bytes of a .docx file.
pub fn docx(notice: &Notice, lang: Lang) -> Result<Vec<u8>> {
    let mut doc = page::page();
    if !notice.organisation.is_empty() {
        doc = doc.add_paragraph(
            docx_rs::Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(page::run(&notice.organisation, TITLE_FONT, SIZE_2).color("C00000")),
        );
    }
    doc = doc
        .add_paragraph(page::title(lang.notice_title()))
        .add_paragraph(page::plain(&notice.issued.number, AlignmentType::Center))
        .add_paragraph(page::blank())
        .add_paragraph(page::plain(
            &lang.notice_addressee(&notice.issued.unit),
            AlignmentType::Left,
        ))
        .add_paragraph(page::body(&lang.notice_opening(
            &notice.inspection,
            notice.as_of,
            notice.count(Light::Red),
            notice.count(Light::Yellow),
        )))
        .add_table(page::table(
            &WIDTHS,
            Some(&lang.notice_headers()),
            &cells(notice, lang),
        ))
        .add_paragraph(page::body(
            &lang.notice_request(notice.issued.due, &notice.organisation),
        ))
        .add_paragraph(page::blank())
        .add_paragraph(page::plain(&notice.organisation, AlignmentType::Right))
        .add_paragraph(page::plain(
            &lang.long_date(notice.as_of),
            AlignmentType::Right,
        ))
        .add_paragraph(page::blank())
        .add_paragraph(page::plain(lang.notice_cut(), AlignmentType::Center))
        .add_paragraph(page::plain(lang.notice_receipt(), AlignmentType::Center));
    let mut rows = vec![vec![
        lang.notice_receipt_of().to_string(),
        notice.issued.number.clone(),
    ]];
    for label in lang.notice_receipt_rows() {
        let blank = if label == lang.notice_receipt_rows()[0] {
            notice.issued.unit.clone()
        } else {
            String::new()
        };
        rows.push(vec![label.to_string(), blank]);
    }
    // room to write the progress in by hand
    if let Some(last) = rows.last_mut() {
        last[1] = "\n\n\n\n".to_string();
    }
    doc = doc.add_table(page::table(&RECEIPT, None, &rows));
    page::bytes(doc)
}
