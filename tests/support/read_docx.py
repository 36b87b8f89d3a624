"""Reads a .docx with python-docx (not the writer zhenggai uses) and prints it as JSON: the page
(size and margins in mm), each paragraph (text, its first run's East Asian font and size in pt,
alignment, highlight), each table as rows of cell texts, and the footers' texts.

    python3 read_docx.py FILE.docx
"""

import json
import sys

import docx
from docx.oxml.ns import qn


def mm(length):
    return round(length / 36000, 1)


def run_font(run):
    fonts = run._element.rPr.rFonts if run._element.rPr is not None else None
    east = fonts.get(qn("w:eastAsia")) if fonts is not None else None
    size = run.font.size.pt if run.font.size is not None else None
    return east, size


def paragraph(p):
    runs = [r for r in p.runs if r.text]
    east, size = run_font(runs[0]) if runs else (None, None)
    return {
        "text": p.text,
        "font": east,
        "size": size,
        "align": str(p.alignment) if p.alignment is not None else None,
        "highlight": any(r.font.highlight_color is not None for r in p.runs),
    }


def main(path):
    with open(path, "rb") as file:
        document = docx.Document(file)
    section = document.sections[0]
    out = {
        "page": {
            "width": mm(section.page_width),
            "height": mm(section.page_height),
            "top": mm(section.top_margin),
            "bottom": mm(section.bottom_margin),
            "left": mm(section.left_margin),
            "right": mm(section.right_margin),
        },
        "paragraphs": [paragraph(p) for p in document.paragraphs],
        "tables": [[[c.text for c in row.cells] for row in t.rows] for t in document.tables],
        "footers": [
            "".join(p.text for p in f.paragraphs)
            for f in (section.footer, section.even_page_footer)
        ],
        # the page number is a field: its instruction, not its cached text, is what counts
        "page_fields": sum(
            1
            for f in (section.footer, section.even_page_footer)
            for node in f._element.iter(qn("w:instrText"))
            if "PAGE" in (node.text or "")
        ),
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
