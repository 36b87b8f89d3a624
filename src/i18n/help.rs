//! Help texts for the command line, in both languages at once (they are shown before the
//! language of the run is known).

pub const ABOUT: &str = "整改台账：督查反馈问题的整改、销号与台账导出 · \
    a rectification ledger for the problems an inspection team raised";
pub const DB: &str = "台账文件 · the ledger file";
pub const TODAY: &str = "以此日期为“今天”（红黄绿灯、截至日期）· the date taken as today";
pub const LANG: &str = "界面语言 zh|en · language of messages";
pub const USER: &str = "记录在操作日志中的操作人 · the person recorded as making changes";
pub const INSPECTION: &str = "只看或只改这一轮督查反馈（轮次号、标题或 uuid 前缀）；新问题也加到这一轮 · the inspection round to read, write and add problems to";
pub const INSPECTION_CMD: &str =
    "督查反馈轮次：新增、列出、修改 · inspection rounds: add, list, edit";
pub const INSPECTION_ADD: &str = "新增一轮督查反馈 · add an inspection round";
pub const INSPECTION_LIST: &str =
    "列出各轮督查反馈（按反馈日期，最新在后）· list the rounds, newest last";
pub const INSPECTION_EDIT: &str =
    "修改一轮督查反馈（只改给出的项）· edit a round (only what is given)";
pub const INSPECTION_REF: &str = "轮次号、标题（或其中一段）或 uuid 前缀 · the round's number, title (or part of it) or uuid prefix";
pub const ROUND_TITLE: &str = "标题，如“省‘双打’工作督查反馈意见” · the title";
pub const ISSUER: &str = "反馈单位，如“省督查组” · the issuing body";
pub const FEEDBACK_DATE: &str = "反馈日期 · the day the feedback was given";
pub const ROUND_NOTE: &str = "备注（如文号）· a note (a document number, say)";
pub const INIT: &str = "新建台账（默认含省督查组反馈）· create a ledger (seeded unless --empty)";
pub const EMPTY: &str = "不含反馈内容的空台账 · an empty ledger";
pub const LIST: &str = "按问题分组列出任务 · tasks grouped by problem";
pub const PROBLEMS: &str = "每个问题一行 · one line per problem";
pub const SHOW: &str = "查看问题或任务（G1、12、#12、uuid 前缀）· show a problem or task";
pub const PROBLEM: &str = "新增或修改问题 · add or edit a problem";
pub const TASK: &str = "新增或修改任务 · add or edit a task";
pub const ASSIGN: &str = "把问题分解到多个单位 · split a problem into one task per unit";
pub const PROGRESS: &str = "记录进展 · add progress to a task";
pub const CLOSE: &str =
    "销号（任务，或问题下全部未销号任务）· close a task or a problem's open tasks";
pub const REOPEN: &str = "回头看重开或退回 · reopen a closed task or return a submitted one";
pub const UNIT: &str = "单位管理 · units";
pub const STATS: &str = "按单位统计与排名 · totals and ranking by unit";
pub const HISTORY: &str = "操作日志（最新在前）· the event log, newest first";
pub const JSON: &str = "输出 JSON · print JSON";
pub const STATUS: &str = "状态（可重复）· status (repeatable): not_started in_progress submitted closed ongoing / 未启动 整改中 待销号 已销号 长期坚持";
pub const OPEN: &str = "只看未销号 · not closed only";
pub const OVERDUE: &str = "只看逾期 · overdue only";
pub const LIGHT: &str = "灯色 red|yellow|green（红|黄|绿）· light";
pub const CATEGORY: &str = "问题类别 shared|weak|other（共性问题|薄弱环节|其他）· category";
pub const UNIT_FILTER: &str = "责任单位 · responsible unit";
pub const PROBLEM_FILTER: &str = "问题编号 · problem code";
pub const SEARCH: &str = "搜索文字（任意长度，含中文）· search text";
pub const DATE: &str = "日期：2019-12-31、2019/12/31、20191231、2019年12月31日、今天、+7d · a date";
pub const DEADLINE: &str =
    "整改时限：日期，或“长期坚持”（无时限）· the deadline: a date, or 长期坚持 (ongoing) for none";
pub const DEADLINE_EDIT: &str = "更正整改时限（不算延期；延期用 zhenggai extend）· correct the deadline (not an extension; see zhenggai extend)";
pub const EXTEND: &str = "延期：批准延长任务的整改时限，原定时限仍用于考核 · extend a task's deadline (the original still counts for the assessment)";
pub const EXTEND_TO: &str = "延期后的整改时限（须晚于现在的时限；+30d 即现时限后 30 天）· the new deadline, later than the one in force (+30d: 30 days after it)";
pub const EXTEND_REASON: &str = "延期原因（必填）· why (required)";
pub const APPROVED_BY: &str =
    "批准人（默认操作人）· who approved it (default: the person recording it)";
pub const EXTEND_DATE: &str = "批准延期的日期，默认今天 · the day it was granted, today by default";
pub const KIND: &str =
    "单位类型 县区|市直部门|双打办|其他 (county|department|office|other) · unit kind";
pub const SUPPORT: &str =
    "配合单位（可重复；--support \"\" 清空）· supporting units (repeatable; --support \"\" clears)";
pub const EXPORT: &str = "导出整改台账（Excel、CSV、Markdown）或整个台账（JSON）· export the meeting list or the whole ledger";
pub const FORMAT: &str = "格式 · format: xlsx | csv | md | json";
pub const OUTPUT: &str = "输出文件（默认 整改台账-YYYYMMDD.<扩展名>；- 为标准输出）· output file (- for standard output)";
pub const FORCE: &str = "覆盖已有文件 · overwrite an existing file";
pub const TITLE: &str = "表格标题（默认 <督查反馈标题>整改台账）· title of the sheet";
pub const IMPORT: &str = "导入 JSON 台账文件，按 uuid 合并 · merge a JSON ledger document by uuid";
pub const IMPORT_SHEET: &str = "导入单位已有的 Excel 整改台账（xlsx 或 xls），按表头认列 · bring an office's own Excel ledger in";
pub const IMPORT_SHEET_FILE: &str = "Excel 台账文件 · the workbook";
pub const SHEET_NAME: &str = "读取的工作表（默认第一张有台账表头的）· the sheet to read (default: the first with a ledger's header)";
pub const CREATE_UNITS: &str = "表格里有而台账没有的单位一并新建 · make the units the ledger lacks";
pub const DRY_RUN: &str = "只报告将会导入什么，不写入 · report what would change, write nothing";
pub const IF_VERSION: &str = "只在任务仍为此版本时修改（见 show --json 的 version），否则报冲突 · change only if the task is still at this version";
pub const BACKUP: &str = "在线备份台账到新文件（台账使用中也安全）· online backup into a new file";
pub const CHECK: &str = "检查台账文件的完整性与一致性 · check integrity and consistency";
pub const LIMIT: &str = "最多显示条数 · at most this many events";
pub const REF: &str = "问题编号（G1）、任务编号（12、#12）或 uuid 前缀 · a problem code, a task number or a uuid prefix";
pub const TASK_N: &str = "任务编号（12 或 #12）· the task number";
pub const PROBLEM_CODE: &str = "问题编号，如 G1 · the problem's code, e.g. G1";
pub const UNITS: &str = "责任单位，用逗号分隔 · responsible units, comma separated";
pub const MEASURE: &str = "整改措施 · the measure (what is to be done)";
pub const PERSON: &str = "责任人 · the person responsible";
pub const UNIT_NAME: &str = "责任单位名称 · the responsible unit's name";
pub const SUPPORT_ADD: &str = "配合单位（可重复）· a supporting unit (repeatable)";
pub const PROGRESS_TEXT: &str = "进展内容 · what was done";
pub const PROGRESS_DATE: &str =
    "进展日期（默认今天）：2019-12-20、20191220、今天 … · the date of the progress (default today)";
pub const EVIDENCE: &str = "佐证材料：文号或文件路径 · evidence: a document number or a file path";
pub const CLOSE_NOTE: &str = "销号说明（必填）· the closing note (required)";
pub const REASON: &str =
    "重开（回头看）或退回的原因（必填）· why it is reopened or returned (required)";
pub const CODE: &str = "问题编号：一个词，不能是纯数字 · the problem code: one word, not a number";
pub const NEW_CODE: &str = "新的问题编号 · the new problem code";
pub const PROBLEM_TITLE: &str = "反馈问题（标题）· the problem as the feedback states it";
pub const DESCRIPTION: &str = "问题描述 · the description";
pub const LEAD: &str = "牵头单位（\"\" 清空）· the lead unit (\"\" clears it)";
pub const PROBLEM_ADD: &str = "新增问题 · add a problem";
pub const PROBLEM_EDIT: &str = "修改问题（只改给出的项）· edit a problem (only what is given)";
pub const TASK_ADD: &str = "新增任务，打印其编号 · add a task and print its number";
pub const TASK_EDIT: &str = "修改任务（只改给出的项）· edit a task (only what is given)";
pub const UNIT_LIST: &str = "列出单位 · list the units";
pub const UNIT_ADD: &str = "新增单位 · add a unit";
pub const UNIT_RENAME: &str = "单位更名 · rename a unit";
pub const UNIT_DEACTIVATE: &str = "停用单位（不再承担新任务）· deactivate a unit (no new tasks)";
pub const UNIT_ACTIVATE: &str = "重新启用单位 · activate a unit again";
pub const NAME: &str = "单位名称 · the unit's name";
pub const OLD_NAME: &str = "现在的名称 · the name it has now";
pub const NEW_NAME: &str = "新的名称 · the new name";
pub const BACKUP_FILE: &str = "备份文件（必须是新文件）· the backup file (must not exist)";
pub const IMPORT_FILE: &str =
    "要导入的 JSON 台账文件（zhenggai export --format json 导出）· the JSON document to import";
pub const HISTORY_REF: &str = "只看此问题或任务的日志 · only the events of this problem or task";
pub const ASSIGNED: &str = "交办日期，默认今天 · the day the task is assigned, today by default";
pub const CLOSE_DATE: &str = "销号日期，默认今天，不早于任务最近一次变动 · the date of the close, today by default, not before the task's last change";
pub const REOPEN_DATE: &str =
    "重开或退回的日期，默认今天 · the date of the reopen or return, today by default";
pub const CHANGES: &str = "两个日期之间的变化与未报送单位 · what changed between two days, and the units that reported nothing";
pub const SINCE: &str =
    "起始日期（不含当天） · the start of the period (the day itself not included)";
pub const UNTIL: &str =
    "截止日期（含当天），默认今天 · the end of the period (included), today by default";
pub const PAPER: &str =
    "Excel 的纸张（横向）：a4（默认）或 a3 · the paper of the xlsx (landscape): a4 (default) or a3";
pub const COLUMNS: &str = "Excel 的列：folded（默认，能合并的合并，A4 正常字号）或 all（每列分开，宜用 A3）· the xlsx's columns: folded (default) or all (every column apart, for A3)";
pub const ATTACHMENT: &str = "左上角的附件标记，如 1 印为“附件1” · the 附件 mark at the top left";
pub const ALL_PROGRESS: &str = "整改进展列出每一条（有 --since 时为本期的），而非最新一条 · every progress entry (of the period, with --since) instead of the latest";
pub const EXPORT_SINCE: &str = "加一张“本期变化”（此日之后至今天），仅 xlsx 和 md · add the changes since this day (xlsx and md)";
pub const PACKET: &str =
    "为各单位生成整改进展报送表（xlsx，每单位一份）· make each unit's fill-in progress sheet";
pub const PACKET_UNIT: &str = "只为此单位生成（可重复；默认所有有未销号任务的单位）· only for this unit (repeatable; default every unit with open tasks)";
pub const PACKET_KIND: &str = "只为此类单位生成：县区 或 市直部门 · only for units of this kind";
pub const PACKET_OUTPUT: &str =
    "存放报送表的文件夹（默认当前文件夹）· the folder to write them in (default: here)";
pub const PACKET_DUE: &str =
    "报送截止日期，写在表上 · the day to send it back by, printed on the sheet";
pub const PACKET_PERIOD: &str =
    "期次，如 2019年12月（默认本月）· the period, e.g. 2019年12月 (default: this month)";
pub const COLLECT: &str =
    "收取各单位填好的报送表：进展入账、状态申请核对 · take filled packets back into the ledger";
pub const COLLECT_FILES: &str = "填好的报送表（可多个）· the filled packets";
pub const COLLECT_DRY_RUN: &str =
    "只报告将会收取什么，不写入 · report what would be taken, write nothing";
pub const REPORTS: &str = "各单位报送情况：已报送、未报送、逾期未报送 · who has reported";
pub const REPORTS_PERIOD: &str = "只看此期次 · only this period";
pub const SETTING: &str = "查看或修改台账设置：标题、单位名称、临期预警天数、催办单编号前缀 · list, read or change the ledger's settings";
pub const SETTING_KEY: &str = "设置项：title、organisation、warn_days、notice_prefix · the setting";
pub const SETTING_VALUE: &str =
    "新的值；省略则显示当前值 · the new value; without it, the value is shown";
pub const NOTICE: &str = "为有逾期或临期任务的单位印发催办单（docx 或 md，每单位一份，编号入账）· issue urge notices to units with red or yellow tasks";
pub const NOTICE_UNIT: &str = "只给这个单位（可重复）· only this unit (repeatable)";
pub const NOTICE_OUTPUT: &str =
    "放催办单的文件夹，默认当前文件夹 · the folder for the notices (default: here)";
pub const NOTICE_DUE: &str =
    "要求报送的日期，默认 7 天后 · the day the units are to report by (default: in 7 days)";
pub const DOCUMENT_FORMAT: &str = "docx（默认）或 md · docx (default) or md";
pub const REPORT: &str =
    "生成整改情况报告初稿（docx 或 md）· draft the report on the rectification (docx or md)";
pub const REPORT_OUTPUT: &str =
    "报告文件，默认“整改情况报告-日期.docx” · the report file (default: 整改情况报告-<date>.docx)";
