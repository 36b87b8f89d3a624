"""Reads what a printer needs from one sheet of an xlsx, with openpyxl (not the writer zhenggai
uses), and prints it as JSON: paper, orientation, fit, margins (inches), column widths (characters),
row heights (points), manual row breaks (the last row of each page, 1-based), print titles, merged
ranges (0-based, inclusive) and the cell texts (0-based rows).

    python3 read_print.py BOOK.xlsx SHEET
"""

import json
import sys

import openpyxl
from openpyxl.utils import get_column_letter


def main(path, name):
    with open(path, "rb") as file:  # a file object: the name need not end in .xlsx
        sheet = openpyxl.load_workbook(file)[name]
    setup, margins = sheet.page_setup, sheet.page_margins
    columns = sheet.max_column
    out = {
        "paper": int(setup.paperSize or 0),
        "orientation": setup.orientation,
        "fit_to_page": bool(sheet.sheet_properties.pageSetUpPr.fitToPage),
        "fit_width": setup.fitToWidth,
        "fit_height": setup.fitToHeight,
        "margins": [margins.left, margins.right, margins.top, margins.bottom],
        "widths": [sheet.column_dimensions[get_column_letter(c)].width for c in range(1, columns + 1)],
        "heights": [sheet.row_dimensions[r].height for r in range(1, sheet.max_row + 1)],
        "breaks": sorted(b.id for b in sheet.row_breaks.brk),
        "print_titles": sheet.print_title_rows,
        "merges": [
            [m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1] for m in sheet.merged_cells.ranges
        ],
        "cells": [
            ["" if v is None else str(v) for v in row]
            for row in sheet.iter_rows(values_only=True)
        ],
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
