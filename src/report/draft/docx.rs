//! The report's blocks on the 公文 page: the title, the addressee, headings in 黑体 and 楷体,
//! the body in 仿宋, the placeholder highlighted for the clerk, the signature on the right.

use docx_rs::AlignmentType;

use super::{Block, Draft, blocks};
use crate::error::Result;
use crate::i18n::Lang;
use crate::report::docx as page;

/// The report as the bytes of a .docx file.
pub fn docx(draft: &Draft, lang: Lang) -> Result<Vec<u8>> {
    let mut doc = page::page();
    for block in blocks(draft, lang) {
        doc = match block {
            Block::Title(t) => doc.add_paragraph(page::title(&t)),
            Block::Addressee(t) => doc.add_paragraph(page::plain(&t, AlignmentType::Left)),
            Block::Heading(t, level) => doc.add_paragraph(page::heading(&t, level)),
            Block::Body(t) => doc.add_paragraph(page::body(&t)),
            Block::Placeholder(t) => doc.add_paragraph(
                docx_rs::Paragraph::new()
                    .indent(
                        None,
                        Some(docx_rs::SpecialIndentType::FirstLine(640)),
                        None,
                        None,
                    )
                    .add_run(page::run(&t, page::BODY_FONT, page::SIZE_3).highlight("yellow")),
            ),
            Block::Signature(lines) => {
                let mut doc = doc.add_paragraph(page::blank());
                for line in lines.iter().filter(|l| !l.is_empty()) {
                    doc = doc.add_paragraph(page::plain(line, AlignmentType::Right).indent(
                        None,
                        None,
                        Some(640),
                        None,
                    ));
                }
                doc
            }
        };
    }
    page::bytes(doc)
}
