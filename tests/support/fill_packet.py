"""Fills a packet (报送表) as a unit would, with a program other than zhenggai: openpyxl opens
the workbook zhenggai wrote, finds the table by its header and each task by its 序号, writes
what the spec asks, and saves it under a new name, as Excel, WPS or LibreOffice would. The spec
comes as JSON on standard input:

    {"in": "...", "out": "...",
     "rows": {"1": {"progress": "...", "date": "2019-12-05", "date_as": "date|number|text",
                    "evidence": "...", "status": "待销号"}},
     "locked": {"1": {"整改措施": "a changed measure"}},
     "footer": {"填报人": "李四", "联系电话": "0915-1234567", "填报日期": "2019-12-08"},
     "footer_date_as": "date|number|text|raw",   (raw: the text as given)
     "add_row": {"progress": "...", "measure": "..."},
     "delete_row": 2,
     "copy_row": 1, "copy_progress": "...",   (row 1 again below the table)
     "every_row": {"progress": "..."},   (what each row not in "rows" gets)
     "unprotect": true, "unhide": true, "restyle": true, "reorder": true,
     "drop_id_column": true, "drop_id_sheet": true}

A row's date written "as number" is the Excel serial number in a cell with no date format; "as
text" is the text `2019年12月5日`.
"""

import datetime
import json
import sys

import openpyxl
from openpyxl.styles import Font, PatternFill

# the names of an English packet (`"lang": "en"` in the spec)
ENGLISH = {
    "整改进展报送表": "Progress report", "序号": "No.", "本期进展": "Progress", "进展日期": "Date",
    "佐证材料": "Evidence", "申请状态": "Ask for", "任务标识": "Task id", "整改措施": "Measure",
    "填报人": "Filled in by", "联系电话": "Phone", "填报日期": "Filled on",
}


def as_cell(text, how):
    day = datetime.datetime.strptime(text, "%Y-%m-%d")
    if how == "number":
        return (day - datetime.datetime(1899, 12, 30)).days, "General"
    if how == "text":
        return f"{day.year}年{day.month}月{day.day}日", "@"
    return day, "yyyy-mm-dd"


def main():
    spec = json.load(sys.stdin)
    english = spec.get("lang") == "en"

    def name(zh):
        return ENGLISH.get(zh, zh) if english else zh

    book = openpyxl.load_workbook(spec["in"])
    sheet = next(s for s in book.worksheets if s.title == name("整改进展报送表"))
    header_row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == name("序号"))
    by_name = {sheet.cell(header_row, c).value: c for c in range(1, 20)
               if sheet.cell(header_row, c).value}
    col = {zh: by_name[name(zh)] for zh in
           ["序号", "整改措施", "本期进展", "进展日期", "佐证材料", "申请状态", "任务标识"]}
    footer = {name(label): value for label, value in spec.get("footer", {}).items()}
    rows = {}
    r = header_row + 1
    while isinstance(sheet.cell(r, 1).value, (int, float)):
        rows[str(int(sheet.cell(r, 1).value))] = r
        r += 1
    last = r - 1

    if "every_row" in spec:
        spec.setdefault("rows", {})
        for number in rows:
            spec["rows"].setdefault(number, spec["every_row"])
    for number, fill in spec.get("rows", {}).items():
        r = rows[number]
        if "progress" in fill:
            sheet.cell(r, col["本期进展"], fill["progress"])
        if "date" in fill:
            value, form = as_cell(fill["date"], fill.get("date_as", "date"))
            cell = sheet.cell(r, col["进展日期"], value)
            cell.number_format = form
        if "date_text" in fill:
            sheet.cell(r, col["进展日期"], fill["date_text"]).number_format = "@"
        if "evidence" in fill:
            sheet.cell(r, col["佐证材料"], fill["evidence"])
        if "status" in fill:
            sheet.cell(r, col["申请状态"], fill["status"])
    for number, cells in spec.get("locked", {}).items():
        for header, value in cells.items():
            sheet.cell(rows[number], by_name[name(header)], value)

    for r in range(last + 1, sheet.max_row + 1):
        for c in range(1, 12):
            label = sheet.cell(r, c).value
            if label in footer:
                # the cell to fill is the first after the label's merged range
                target = c + 1
                while sheet.cell(r, target).value == label or type(sheet.cell(r, target)).__name__ == "MergedCell":
                    target += 1
                value = footer[label]
                if label == name("填报日期") and spec.get("footer_date_as") == "raw":
                    sheet.cell(r, target, value).number_format = "@"
                elif label == name("填报日期"):
                    value, form = as_cell(value, spec.get("footer_date_as", "date"))
                    sheet.cell(r, target, value).number_format = form
                else:
                    sheet.cell(r, target, value)

    if "copy_row" in spec:
        # the whole row again below the table (its hidden task id too), with its own progress
        source = rows[str(spec["copy_row"])]
        sheet.insert_rows(last + 1)
        for c in range(1, sheet.max_column + 1):
            sheet.cell(last + 1, c, sheet.cell(source, c).value)
        sheet.cell(last + 1, col["本期进展"], spec.get("copy_progress", "抄了一行"))
        last += 1
    if "add_row" in spec:
        sheet.insert_rows(last + 1)
        added = spec["add_row"]
        sheet.cell(last + 1, col["序号"], len(rows) + 1)
        sheet.cell(last + 1, col["整改措施"], added.get("measure", "新增的措施"))
        sheet.cell(last + 1, col["本期进展"], added.get("progress", "新增的进展"))
    if "delete_row" in spec:
        sheet.delete_rows(rows[str(spec["delete_row"])])
    if spec.get("drop_id_column"):
        sheet.delete_cols(col["任务标识"])
    if spec.get("unprotect"):
        sheet.protection.sheet = False
        for other in book.worksheets:
            other.protection.sheet = False
    if spec.get("unhide"):
        for letter in list(sheet.column_dimensions):
            sheet.column_dimensions[letter].hidden = False
        for other in book.worksheets:
            other.sheet_state = "visible"
    if spec.get("restyle"):
        for row in sheet.iter_rows(min_row=header_row, max_row=last):
            for cell in row:
                if type(cell).__name__ != "MergedCell":
                    cell.font = Font(name="Arial", size=12, bold=True)
                    cell.fill = PatternFill("solid", fgColor="FFFF00")
    if spec.get("reorder"):
        # the id sheet first, then a sheet of the unit's own, then the table
        book.move_sheet(sheet, offset=len(book.worksheets) - 1)
        notes = book.create_sheet("说明", 0)
        notes["A1"] = "本单位自用的说明"
    if spec.get("drop_id_sheet"):
        for other in list(book.worksheets):
            if other is not sheet:
                book.remove(other)
    book.save(spec["out"])


if __name__ == "__main__":
    main()
