//! The words of packets (报送表): the sheet a unit fills in, what `collect` says of each file,
//! and `reports`.

use chrono::{Datelike, NaiveDate};

use super::Lang;
use crate::error::{CellProblem, PacketProblem, RowProblem};
use crate::exchange::{Collected, PacketState, latest_per_unit};

labels! {
    packet_sheet => "整改进展报送表", "Progress report";
    packet_id_sheet => "报送表标识", "Packet id";
    packet_supporting => "配合任务（仅供了解，不需填写）", "Tasks you support (for reading; nothing to fill in)";
    packet_fill_hint => "白色格由本单位填写；灰色格为双打办所列，请勿改动。申请状态可选：整改中、待销号、长期坚持（销号由双打办核实后办理）。", "Fill in the white cells; the grey ones are the office's and must not be changed. Status may be 整改中, 待销号 or 长期坚持 (the office closes tasks).";
    packet_reporter => "填报人", "Filled in by";
    packet_phone => "联系电话", "Phone";
    packet_signer => "单位负责人（签字）", "Head of unit (signature)";
    packet_filled_on => "填报日期", "Filled on";
    packet_status_title => "申请状态", "Ask for";
    col_period => "期次", "Period";
    col_sent => "发出", "Sent";
    col_due => "截止", "Due";
    col_collected => "收回", "Collected";
    col_report_state => "报送情况", "State";
    report_collected => "已报送", "reported";
    report_waiting => "未报送", "not yet";
    report_late => "逾期未报送", "late";
    report_none => "—", "—";
    no_packets => "还没有发出过报送表。", "No packet has been sent yet.";
    col_last_report => "最近报送", "Last report";
    collect_dry_run => "试收取：以上均未写入台账。", "Dry run: nothing above was written to the ledger.";
}

sentences! {
    packet_status_error(choices: &str) => "请从下拉列表中选择：{choices}。销号由双打办核实后办理。", "Choose from the list: {choices}. The office closes tasks after checking them.";
    collect_failed(file: &str, why: &str) => "{file}：未收取。{why}", "{file}: not collected. {why}";
    reports_summary(collected: usize, waiting: usize, late: usize) => "已报送 {collected} 个单位，未报送 {waiting} 个，逾期未报送 {late} 个。", "{collected} units reported, {waiting} not yet, {late} late.";
    packet_title(unit: &str) => "{unit}整改进展报送表", "{unit}: progress report";
    packet_written(count: usize, folder: &str) => "已生成 {count} 份报送表，在 {folder}：", "Made {count} packets in {folder}:";
    packet_file_line(unit: &str, tasks: usize, file: &str) => "  {unit}：{tasks} 项任务 → {file}", "  {unit}: {tasks} tasks → {file}";
}

impl Lang {
    /// The file name of a packet: `<period>-<unit>-整改进展报送表.xlsx`, with no character a
    /// folder name or another system would misread.
    pub fn packet_file(self, period: &str, unit: &str) -> String {
        let name = format!("{period}-{unit}-{}.xlsx", self.packet_sheet());
        name.chars()
            .map(|c| match c {
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
                c if c.is_control() => '_',
                c => c,
            })
            .collect()
    }

    /// The period a packet is for when none is given: the month of today (`2019年12月`).
    pub fn default_period(self, today: NaiveDate) -> String {
        match self {
            Lang::Zh => format!("{}年{}月", today.year(), today.month()),
            Lang::En => today.format("%Y-%m").to_string(),
        }
    }

    /// The line under a packet's title: period, due date, sender.
    pub fn packet_line(self, period: &str, due: Option<NaiveDate>, organisation: &str) -> String {
        let mut parts = vec![match self {
            Lang::Zh => format!("期次：{period}"),
            Lang::En => format!("Period: {period}"),
        }];
        if let Some(due) = due {
            parts.push(match self {
                Lang::Zh => format!(
                    "请于 {}年{}月{}日 前报送",
                    due.year(),
                    due.month(),
                    due.day()
                ),
                Lang::En => format!("please send it back by {}", crate::date::format(due)),
            });
        }
        if !organisation.is_empty() {
            parts.push(match self {
                Lang::Zh => format!("发出单位：{organisation}"),
                Lang::En => format!("from {organisation}"),
            });
        }
        parts.join("　")
    }

    /// The columns of a packet's table: the locked ones, then those to fill in, then the hidden
    /// id of each task.
    pub fn packet_columns(self) -> [&'static str; 12] {
        match self {
            Lang::Zh => [
                "序号",
                "问题编号",
                "反馈问题",
                "整改措施",
                "整改时限",
                "当前状态",
                "上次进展",
                "本期进展",
                "进展日期",
                "佐证材料",
                "申请状态",
                "任务标识",
            ],
            Lang::En => [
                "No.",
                "Problem",
                "Feedback",
                "Measure",
                "Deadline",
                "Status",
                "Last progress",
                "Progress",
                "Date",
                "Evidence",
                "Ask for",
                "Task id",
            ],
        }
    }

    /// A unit's 最近报送 on the unit board, from its packets (oldest first): the day its last
    /// packet came back, and 未报送 (逾期未报送 past the due date) while its newest is out.
    pub fn board_report<'a>(
        self,
        sent: impl Iterator<Item = &'a PacketState>,
        today: NaiveDate,
    ) -> String {
        let sent: Vec<PacketState> = sent.cloned().collect();
        let Some(newest) = latest_per_unit(&sent).pop() else {
            return self.report_none().to_string();
        };
        let last = sent.iter().rev().find_map(|p| p.collected_on);
        let out = match (newest.collected_on, newest.due) {
            (Some(_), _) => None,
            (None, Some(due)) if due < today => Some(self.report_late()),
            (None, _) => Some(self.report_waiting()),
        };
        match (last, out) {
            (Some(day), Some(mark)) => format!("{} {mark}", crate::date::format(day)),
            (Some(day), None) => crate::date::format(day),
            (None, Some(mark)) => mark.to_string(),
            (None, None) => self.report_none().to_string(),
        }
    }

    /// The columns of the 配合任务 section.
    pub fn packet_supporting_columns(self) -> [&'static str; 6] {
        match self {
            Lang::Zh => [
                "问题编号",
                "反馈问题",
                "整改措施",
                "整改时限",
                "当前状态",
                "责任单位",
            ],
            Lang::En => [
                "Problem", "Feedback", "Measure", "Deadline", "Status", "Unit",
            ],
        }
    }

    /// What the collection of one file did: `石泉县：进展 3 条，申请销号 1 项；拒收 1 行（第 5 行：…）`.
    pub fn collected_line(self, c: &Collected) -> String {
        let unit = &c.unit;
        let asked = c.moves.len();
        let submitted = c.moves.iter().filter(|(_, s)| s == "submitted").count();
        let mut line = match self {
            Lang::Zh => format!("{unit}：进展 {} 条", c.progress),
            Lang::En => format!("{unit}: {} progress entries", c.progress),
        };
        if submitted > 0 {
            line.push_str(&match self {
                Lang::Zh => format!("，申请销号 {submitted} 项"),
                Lang::En => format!(", {submitted} asking to be closed"),
            });
        }
        if asked > submitted {
            line.push_str(&match self {
                Lang::Zh => format!("，状态变更 {} 项", asked - submitted),
                Lang::En => format!(", {} other status moves", asked - submitted),
            });
        }
        if !c.conflicts.is_empty() {
            let seqs: Vec<String> = c.conflicts.iter().map(|s| format!("#{s}")).collect();
            line.push_str(&match self {
                Lang::Zh => format!(
                    "；{} 项状态未改（发出后已有变动：{}），其进展已收",
                    c.conflicts.len(),
                    seqs.join(" ")
                ),
                Lang::En => format!(
                    "; {} status moves not made (changed since the packet was sent: {}), their progress taken",
                    c.conflicts.len(),
                    seqs.join(" ")
                ),
            });
        }
        if !c.not_allowed.is_empty() {
            let seqs: Vec<String> = c.not_allowed.iter().map(|s| format!("#{s}")).collect();
            line.push_str(&match self {
                Lang::Zh => format!(
                    "；{} 项申请的状态不能由当前状态转入（{}），其进展已收",
                    c.not_allowed.len(),
                    seqs.join(" ")
                ),
                Lang::En => format!(
                    "; {} status moves not allowed from the task's status ({}), their progress taken",
                    c.not_allowed.len(),
                    seqs.join(" ")
                ),
            });
        }
        if !c.refused.is_empty() {
            let rows: Vec<String> = c
                .refused
                .iter()
                .map(|p| match self {
                    Lang::Zh => format!("第 {} 行：{}", p.row, self.cell_refusal(p)),
                    Lang::En => format!("row {}: {}", p.row, self.cell_refusal(p)),
                })
                .collect();
            line.push_str(&match self {
                Lang::Zh => format!("；拒收 {} 行（{}）", c.refused.len(), rows.join("；")),
                Lang::En => format!("; {} rows refused ({})", c.refused.len(), rows.join("; ")),
            });
        }
        if !c.missing.is_empty() {
            let seqs: Vec<String> = c.missing.iter().map(|s| format!("#{s}")).collect();
            line.push_str(&match self {
                Lang::Zh => format!("；表中删去了 {}", seqs.join(" ")),
                Lang::En => format!("; the file lost {}", seqs.join(" ")),
            });
        }
        if c.again {
            line.push_str(match self {
                Lang::Zh => "（此前已收取，没有新内容）",
                Lang::En => " (collected before; nothing new)",
            });
        }
        line.push_str(match self {
            Lang::Zh => "。",
            Lang::En => ".",
        });
        crate::text::clean_line(&line)
    }

    /// Why a row was refused, in a few words (`整改措施被修改`); `--json` gives the whole
    /// sentence of `sheet_row_problem`.
    fn cell_refusal(self, p: &RowProblem) -> String {
        let header = &p.header;
        let zh = self == Lang::Zh;
        match &p.what {
            CellProblem::Changed { .. } if zh => format!("{header}被修改"),
            CellProblem::Changed { .. } => format!("{header} was changed"),
            CellProblem::Added if zh => "新加的行".into(),
            CellProblem::Added => "a row added".into(),
            CellProblem::NotSent if zh => "不是本表发出的任务".into(),
            CellProblem::NotSent => "a task this packet did not send".into(),
            CellProblem::OnlyOfficeCloses if zh => "申请状态填了已销号（销号由双打办办理）".into(),
            CellProblem::OnlyOfficeCloses => "asks for 已销号 (only the office closes)".into(),
            CellProblem::Repeated if zh => "重复的行".into(),
            CellProblem::Repeated => "a repeated row".into(),
            CellProblem::NoDate if zh => "进展日期为空且填报日期无法识别".into(),
            CellProblem::NoDate => "no date (and 填报日期 is not a date)".into(),
            CellProblem::NoLongerTheirs(unit) if zh => format!("任务已改由{unit}负责"),
            CellProblem::NoLongerTheirs(unit) => format!("the task is now {unit}'s"),
            CellProblem::BadDate(text) if zh => format!("{header}“{text}”不是日期"),
            CellProblem::BadDate(text) => format!("{header} “{text}” is not a date"),
            CellProblem::BadStatus(text) if zh => format!("{header}“{text}”无法识别"),
            CellProblem::BadStatus(text) => format!("{header} “{text}” is not a status"),
            CellProblem::FutureDate(day) if zh => format!("{header} {day} 晚于今天"),
            CellProblem::FutureDate(day) => format!("{header} {day} is after today"),
            CellProblem::BeforeAssigned { date, assigned } if zh => {
                format!("{header} {date} 早于交办日期 {assigned}")
            }
            CellProblem::BeforeAssigned { date, assigned } => {
                format!("{header} {date} is before the task was assigned ({assigned})")
            }
            _ => self.sheet_row_problem(p),
        }
    }

    pub(super) fn packet_refused(self, problem: &PacketProblem) -> String {
        match (self, problem) {
            (Lang::Zh, PacketProblem::NothingToSend) => {
                "所选单位都没有未销号的任务，没有报送表可发。".into()
            }
            (Lang::En, PacketProblem::NothingToSend) => {
                "None of the units chosen has an open task; there is no packet to send.".into()
            }
            (Lang::Zh, PacketProblem::NotAPacket) => {
                "这个表格不是 zhenggai 生成的报送表（找不到报送表标识），未收取任何内容。".into()
            }
            (Lang::En, PacketProblem::NotAPacket) => {
                "This workbook is not a packet zhenggai made (it has no packet id); nothing was collected.".into()
            }
            (Lang::Zh, PacketProblem::OtherLedger) => {
                "这份报送表不是本台账发出的（可能来自另一个台账文件），未收取任何内容。".into()
            }
            (Lang::En, PacketProblem::OtherLedger) => {
                "This packet was not sent from this ledger (another ledger's, perhaps); nothing was collected.".into()
            }
            (Lang::Zh, PacketProblem::SameFile(name)) => {
                format!("两份报送表会用同一个文件名“{name}”；请用 --period 区分。")
            }
            (Lang::En, PacketProblem::SameFile(name)) => {
                format!("Two packets would have the same file name “{name}”; tell them apart with --period.")
            }
            (Lang::Zh, PacketProblem::Incomplete { files, rows }) => {
                format!("有未收取的内容：{files} 个文件整份未收取，{rows} 行被拒收（原因见上）；其余已收取。")
            }
            (Lang::En, PacketProblem::Incomplete { files, rows }) => {
                format!("Not everything was taken: {files} files not at all, {rows} rows refused (see above); the rest was.")
            }
        }
    }
}
