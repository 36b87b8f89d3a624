"""Writes a workbook for the import tests with a writer other than zhenggai's own: openpyxl
(xlsx) or xlwt (xls). The spec comes as JSON on standard input:

    {"path": "...", "format": "xlsx" | "xls",
     "sheets": [{"name": "...", "rows": [[cell, ...], ...], "merges": ["A3:A5", ...]}]}

A cell is a string, a number, null, or {"date": "2019-12-31"} for a real date cell.
"""

import datetime
import json
import sys


def value(cell):
    if isinstance(cell, dict) and "date" in cell:
        return datetime.datetime.strptime(cell["date"], "%Y-%m-%d")
    return cell


def write_xlsx(spec):
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet_spec in spec["sheets"]:
        sheet = book.create_sheet(sheet_spec["name"])
        for r, row in enumerate(sheet_spec["rows"], start=1):
            for c, cell in enumerate(row, start=1):
                if cell is None:
                    continue
                target = sheet.cell(row=r, column=c, value=value(cell))
                if isinstance(cell, dict):
                    target.number_format = "yyyy-mm-dd"
        for merge in sheet_spec.get("merges", []):
            sheet.merge_cells(merge)
    book.save(spec["path"])


def write_xls(spec):
    import xlwt
    from openpyxl.utils import range_boundaries

    book = xlwt.Workbook(encoding="utf-8")
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for sheet_spec in spec["sheets"]:
        sheet = book.add_sheet(sheet_spec["name"])
        merged = {}
        for merge in sheet_spec.get("merges", []):
            min_col, min_row, max_col, max_row = range_boundaries(merge)
            merged[(min_row - 1, min_col - 1)] = (max_row - 1, max_col - 1)
        covered = set()
        for (top, left), (bottom, right) in merged.items():
            for r in range(top, bottom + 1):
                for c in range(left, right + 1):
                    if (r, c) != (top, left):
                        covered.add((r, c))
        for r, row in enumerate(sheet_spec["rows"]):
            for c, cell in enumerate(row):
                if cell is None or (r, c) in covered:
                    continue
                v = value(cell)
                if (r, c) in merged:
                    bottom, right = merged[(r, c)]
                    if isinstance(v, datetime.datetime):
                        sheet.write_merge(r, bottom, c, right, v, dates)
                    else:
                        sheet.write_merge(r, bottom, c, right, v)
                elif isinstance(v, datetime.datetime):
                    sheet.write(r, c, v, dates)
                else:
                    sheet.write(r, c, v)
    book.save(spec["path"])


def main():
    spec = json.load(sys.stdin)
    if spec.get("format", "xlsx") == "xls":
        write_xls(spec)
    else:
        write_xlsx(spec)


if __name__ == "__main__":
    main()
