//! The command line of DESIGN.md §6: arguments (clap derive) here, the commands in `commands`,
//! tables in `table` and the stable JSON shapes in `json`.

mod changes;
mod commands;
mod json;
mod listing;
mod packets;
mod papers;
mod rounds;
mod session;
mod settings;
mod sheet;
mod table;
mod writes;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::i18n::help;

pub use commands::run;
pub use session::{Context, Session, language, ledger_path, open_ledger, session};

#[derive(Debug, Parser)]
#[command(name = "zhenggai", version, about = help::ABOUT)]
pub struct Cli {
    // a text, not a path: an empty value is ours to refuse, in the user's language
    #[arg(long, global = true, env = "ZHENGGAI_DB", value_name = "PATH", help = help::DB)]
    pub db: Option<String>,
    #[arg(long, global = true, env = "ZHENGGAI_TODAY", value_name = "DATE", allow_hyphen_values = true, help = help::TODAY)]
    pub today: Option<String>,
    #[arg(long, global = true, env = "ZHENGGAI_LANG", value_name = "zh|en", help = help::LANG)]
    pub lang: Option<String>,
    #[arg(long, global = true, env = "ZHENGGAI_USER", value_name = "NAME", help = help::USER)]
    pub user: Option<String>,
    #[arg(long, global = true, value_name = "REF", help = help::INSPECTION)]
    pub inspection: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(about = help::INIT)]
    Init {
        #[arg(long, help = help::EMPTY)]
        empty: bool,
    },
    #[command(about = help::LIST)]
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, help = help::JSON)]
        json: bool,
    },
    #[command(about = help::PROBLEMS)]
    Problems {
        #[arg(long, help = help::JSON)]
        json: bool,
    },
    #[command(about = help::SHOW)]
    Show {
        #[arg(value_name = "REF", help = help::REF)]
        reference: String,
        #[arg(long, help = help::JSON)]
        json: bool,
    },
    #[command(about = help::INSPECTION_CMD, subcommand)]
    Inspection(InspectionCommand),
    #[command(about = help::PROBLEM, subcommand)]
    Problem(ProblemCommand),
    #[command(about = help::TASK, subcommand)]
    Task(TaskCommand),
    #[command(about = help::ASSIGN)]
    Assign {
        #[arg(value_name = "CODE", help = help::PROBLEM_CODE)]
        problem: String,
        #[command(flatten)]
        owners: Owners,
        #[arg(long, allow_hyphen_values = true, help = help::MEASURE)]
        measure: String,
        #[arg(long, allow_hyphen_values = true, help = help::DEADLINE)]
        deadline: String,
        #[arg(long, allow_hyphen_values = true, help = help::PERSON)]
        person: Option<String>,
        #[arg(long, allow_hyphen_values = true, value_name = "DATE", help = help::ASSIGNED)]
        assigned: Option<String>,
    },
    #[command(about = help::PROGRESS)]
    Progress {
        #[arg(value_name = "N", help = help::TASK_N)]
        task: String,
        #[arg(long, allow_hyphen_values = true, help = help::PROGRESS_TEXT)]
        text: Option<String>,
        #[arg(long, allow_hyphen_values = true, help = help::PROGRESS_DATE)]
        date: Option<String>,
        #[arg(long, allow_hyphen_values = true, help = help::EVIDENCE)]
        evidence: Option<String>,
        #[arg(long, help = help::STATUS)]
        status: Option<String>,
        #[arg(long, value_name = "V", help = help::IF_VERSION)]
        if_version: Option<i64>,
    },
    #[command(about = help::CLOSE)]
    Close {
        #[arg(value_name = "REF", help = help::REF)]
        reference: String,
        #[arg(long, allow_hyphen_values = true, help = help::CLOSE_NOTE)]
        note: Option<String>,
        #[arg(long, allow_hyphen_values = true, help = help::EVIDENCE)]
        evidence: Option<String>,
        #[arg(long, allow_hyphen_values = true, value_name = "DATE", help = help::CLOSE_DATE)]
        date: Option<String>,
        #[arg(long, value_name = "V", help = help::IF_VERSION)]
        if_version: Option<i64>,
    },
    #[command(about = help::REOPEN)]
    Reopen {
        #[arg(value_name = "N", help = help::TASK_N)]
        task: String,
        #[arg(long, allow_hyphen_values = true, help = help::REASON)]
        reason: Option<String>,
        #[arg(long, allow_hyphen_values = true, value_name = "DATE", help = help::REOPEN_DATE)]
        date: Option<String>,
        #[arg(long, value_name = "V", help = help::IF_VERSION)]
        if_version: Option<i64>,
    },
    #[command(about = help::EXTEND)]
    Extend {
        #[arg(value_name = "N", help = help::TASK_N)]
        task: String,
        #[arg(long, allow_hyphen_values = true, value_name = "DATE", help = help::EXTEND_TO)]
        to: String,
        #[arg(long, allow_hyphen_values = true, help = help::EXTEND_REASON)]
        reason: Option<String>,
        #[arg(long, allow_hyphen_values = true, value_name = "P", help = help::APPROVED_BY)]
        approved_by: Option<String>,
        #[arg(long, allow_hyphen_values = true, value_name = "DATE", help = help::EXTEND_DATE)]
        date: Option<String>,
        #[arg(long, value_name = "V", help = help::IF_VERSION)]
        if_version: Option<i64>,
    },
    #[command(about = help::SETTING)]
    Setting {
        #[arg(value_name = "KEY", help = help::SETTING_KEY)]
        key: Option<String>,
        #[arg(value_name = "VALUE", allow_hyphen_values = true, help = help::SETTING_VALUE)]
        value: Option<String>,
        #[arg(long, help = help::JSON)]
        json: bool,
    },
    #[command(about = help::CHANGES)]
    Changes {
        #[arg(long, allow_hyphen_values = true, value_name = "D1", help = help::SINCE)]
        since: String,
        #[arg(long, allow_hyphen_values = true, value_name = "D2", help = help::UNTIL)]
        until: Option<String>,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, help = help::JSON)]
        json: bool,
    },
    #[command(about = help::BACKUP)]
    Backup {
        #[arg(help = help::BACKUP_FILE)]
        file: PathBuf,
    },
    #[command(about = help::CHECK)]
    Check {
        #[arg(long, help = help::JSON)]
        json: bool,
    },
    #[command(about = help::UNIT, subcommand)]
    Unit(UnitCommand),
    #[command(about = help::STATS)]
    Stats {
        #[arg(long, help = help::JSON)]
        json: bool,
    },
    #[command(about = help::EXPORT)]
    Export {
        #[arg(long, value_name = "xlsx|csv|md|json", help = help::FORMAT)]
        format: String,
        #[arg(short, long, value_name = "FILE", help = help::OUTPUT)]
        output: Option<PathBuf>,
        #[arg(long, help = help::FORCE)]
        force: bool,
        #[arg(long, help = help::TITLE)]
        title: Option<String>,
        #[arg(long, allow_hyphen_values = true, value_name = "D1", help = help::EXPORT_SINCE)]
        since: Option<String>,
        #[arg(long, value_name = "a4|a3", help = help::PAPER)]
        paper: Option<String>,
        #[arg(long, value_name = "folded|all", help = help::COLUMNS)]
        columns: Option<String>,
        #[arg(long, value_name = "N", help = help::ATTACHMENT)]
        attachment: Option<String>,
        #[arg(long, help = help::ALL_PROGRESS)]
        all_progress: bool,
        #[command(flatten)]
        filter: FilterArgs,
    },
    #[command(about = help::IMPORT)]
    Import {
        #[arg(help = help::IMPORT_FILE)]
        file: PathBuf,
        #[arg(long, help = help::DRY_RUN)]
        dry_run: bool,
        #[arg(long, help = help::JSON)]
        json: bool,
    },
    #[command(name = "import-sheet", about = help::IMPORT_SHEET)]
    ImportSheet {
        #[arg(value_name = "FILE.xlsx", help = help::IMPORT_SHEET_FILE)]
        file: PathBuf,
        #[arg(long, value_name = "NAME", help = help::SHEET_NAME)]
        sheet: Option<String>,
        #[arg(long, help = help::CREATE_UNITS)]
        create_units: bool,
        #[arg(long, help = help::DRY_RUN)]
        dry_run: bool,
        #[arg(long, help = help::JSON)]
        json: bool,
    },
    #[command(about = help::PACKET)]
    Packet {
        #[arg(long = "unit", value_name = "UNIT", help = help::PACKET_UNIT)]
        units: Vec<String>,
        #[arg(long, conflicts_with = "units", help = help::PACKET_KIND)]
        kind: Option<String>,
        #[arg(short, long, value_name = "DIR", help = help::PACKET_OUTPUT)]
        output: Option<PathBuf>,
        #[arg(long, allow_hyphen_values = true, value_name = "DATE", help = help::PACKET_DUE)]
        due: Option<String>,
        #[arg(long, allow_hyphen_values = true, value_name = "TEXT", help = help::PACKET_PERIOD)]
        period: Option<String>,
        #[arg(long, help = help::FORCE)]
        force: bool,
    },
    #[command(about = help::NOTICE)]
    Notice {
        #[arg(long = "unit", value_name = "UNIT", help = help::NOTICE_UNIT)]
        units: Vec<String>,
        #[arg(short, long, value_name = "DIR", help = help::NOTICE_OUTPUT)]
        output: Option<PathBuf>,
        #[arg(long, value_name = "docx|md", default_value = "docx", help = help::DOCUMENT_FORMAT)]
        format: String,
        #[arg(long, allow_hyphen_values = true, value_name = "DATE", help = help::NOTICE_DUE)]
        due: Option<String>,
        #[arg(long, help = help::FORCE)]
        force: bool,
    },
    #[command(about = help::REPORT)]
    Report {
        #[arg(short, long, value_name = "FILE", help = help::REPORT_OUTPUT)]
        output: Option<PathBuf>,
        #[arg(long, value_name = "docx|md", default_value = "docx", help = help::DOCUMENT_FORMAT)]
        format: String,
        #[arg(long, help = help::FORCE)]
        force: bool,
    },
    #[command(about = help::COLLECT)]
    Collect {
        #[arg(value_name = "FILE", required = true, help = help::COLLECT_FILES)]
        files: Vec<PathBuf>,
        #[arg(long, help = help::COLLECT_DRY_RUN)]
        dry_run: bool,
        #[arg(long, help = help::JSON)]
        json: bool,
    },
    #[command(about = help::REPORTS)]
    Reports {
        #[arg(long, allow_hyphen_values = true, value_name = "TEXT", help = help::REPORTS_PERIOD)]
        period: Option<String>,
        #[arg(long, help = help::JSON)]
        json: bool,
    },
    #[command(about = help::HISTORY)]
    History {
        #[arg(value_name = "REF", help = help::HISTORY_REF)]
        reference: Option<String>,
        #[arg(long, default_value_t = 50, help = help::LIMIT)]
        limit: usize,
        #[arg(long, help = help::JSON)]
        json: bool,
    },
}

/// `--units U1,U2…` or `--kind 县区`: exactly one of them.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct Owners {
    #[arg(long, value_delimiter = ',', help = help::UNITS)]
    pub units: Vec<String>,
    #[arg(long, help = help::KIND)]
    pub kind: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum InspectionCommand {
    #[command(about = help::INSPECTION_ADD)]
    Add {
        #[arg(long, allow_hyphen_values = true, help = help::ROUND_TITLE)]
        title: String,
        #[arg(long, allow_hyphen_values = true, help = help::ISSUER)]
        issuer: Option<String>,
        #[arg(long, allow_hyphen_values = true, value_name = "DATE", help = help::FEEDBACK_DATE)]
        date: String,
        #[arg(long, allow_hyphen_values = true, help = help::ROUND_NOTE)]
        note: Option<String>,
    },
    #[command(about = help::INSPECTION_LIST)]
    List {
        #[arg(long, help = help::JSON)]
        json: bool,
    },
    #[command(about = help::INSPECTION_EDIT)]
    Edit {
        #[arg(value_name = "REF", help = help::INSPECTION_REF)]
        reference: String,
        #[arg(long, allow_hyphen_values = true, help = help::ROUND_TITLE)]
        title: Option<String>,
        #[arg(long, allow_hyphen_values = true, help = help::ISSUER)]
        issuer: Option<String>,
        #[arg(long, allow_hyphen_values = true, value_name = "DATE", help = help::FEEDBACK_DATE)]
        date: Option<String>,
        #[arg(long, allow_hyphen_values = true, help = help::ROUND_NOTE)]
        note: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProblemCommand {
    #[command(about = help::PROBLEM_ADD)]
    Add {
        #[arg(long, help = help::CODE)]
        code: String,
        #[arg(long, help = help::CATEGORY)]
        category: String,
        #[arg(long, allow_hyphen_values = true, help = help::PROBLEM_TITLE)]
        title: String,
        #[arg(long, allow_hyphen_values = true, help = help::DESCRIPTION)]
        description: Option<String>,
        #[arg(long, help = help::LEAD)]
        lead: Option<String>,
    },
    #[command(about = help::PROBLEM_EDIT)]
    Edit {
        #[arg(value_name = "CODE", help = help::PROBLEM_CODE)]
        problem: String,
        #[arg(long, help = help::NEW_CODE)]
        code: Option<String>,
        #[arg(long, help = help::CATEGORY)]
        category: Option<String>,
        #[arg(long, allow_hyphen_values = true, help = help::PROBLEM_TITLE)]
        title: Option<String>,
        #[arg(long, allow_hyphen_values = true, help = help::DESCRIPTION)]
        description: Option<String>,
        #[arg(long, help = help::LEAD)]
        lead: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    #[command(about = help::TASK_ADD)]
    Add {
        #[arg(long, value_name = "CODE", help = help::PROBLEM_CODE)]
        problem: String,
        #[arg(long, help = help::UNIT_NAME)]
        unit: String,
        #[arg(long, allow_hyphen_values = true, help = help::MEASURE)]
        measure: String,
        #[arg(long, allow_hyphen_values = true, help = help::DEADLINE)]
        deadline: String,
        #[arg(long, allow_hyphen_values = true, help = help::PERSON)]
        person: Option<String>,
        #[arg(long = "support", value_name = "UNIT", help = help::SUPPORT_ADD)]
        support: Vec<String>,
        #[arg(long, allow_hyphen_values = true, value_name = "DATE", help = help::ASSIGNED)]
        assigned: Option<String>,
    },
    #[command(about = help::TASK_EDIT)]
    Edit {
        #[arg(value_name = "N", help = help::TASK_N)]
        task: String,
        #[arg(long, value_name = "V", help = help::IF_VERSION)]
        if_version: Option<i64>,
        #[arg(long, allow_hyphen_values = true, help = help::MEASURE)]
        measure: Option<String>,
        #[arg(long, allow_hyphen_values = true, help = help::DEADLINE_EDIT)]
        deadline: Option<String>,
        #[arg(long, allow_hyphen_values = true, help = help::PERSON)]
        person: Option<String>,
        #[arg(long, help = help::UNIT_NAME)]
        unit: Option<String>,
        #[arg(long = "support", value_name = "UNIT", help = help::SUPPORT)]
        support: Option<Vec<String>>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UnitCommand {
    #[command(about = help::UNIT_LIST)]
    List {
        #[arg(long, help = help::JSON)]
        json: bool,
    },
    #[command(about = help::UNIT_ADD)]
    Add {
        #[arg(help = help::NAME)]
        name: String,
        #[arg(long, help = help::KIND)]
        kind: String,
    },
    #[command(about = help::UNIT_RENAME)]
    Rename {
        #[arg(help = help::OLD_NAME)]
        old: String,
        #[arg(help = help::NEW_NAME)]
        new: String,
    },
    #[command(about = help::UNIT_DEACTIVATE)]
    Deactivate {
        #[arg(help = help::NAME)]
        name: String,
    },
    #[command(about = help::UNIT_ACTIVATE)]
    Activate {
        #[arg(help = help::NAME)]
        name: String,
    },
}

/// FILTER of §6, shared by `list` (and later `export`).
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    #[arg(long, help = help::STATUS)]
    pub status: Vec<String>,
    #[arg(long, help = help::OPEN)]
    pub open: bool,
    #[arg(long, help = help::OVERDUE)]
    pub overdue: bool,
    #[arg(long, help = help::LIGHT)]
    pub light: Option<String>,
    #[arg(long, help = help::CATEGORY)]
    pub category: Option<String>,
    #[arg(long, help = help::UNIT_FILTER)]
    pub unit: Option<String>,
    #[arg(long, value_name = "CODE", help = help::PROBLEM_FILTER)]
    pub problem: Option<String>,
    #[arg(long, help = help::SEARCH)]
    pub search: Option<String>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every command says what it does and every option has a help line, in both languages
    /// (`中文 · English`), as `--help` shows them.
    #[test]
    fn every_command_and_option_explains_itself() {
        fn visit(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let about = command
                .get_about()
                .map(|a| a.to_string())
                .unwrap_or_default();
            if !about.contains('·') {
                missing.push(format!("{path}: about"));
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                if !help.contains('·') {
                    missing.push(format!("{path} --{id}"));
                }
            }
            for sub in command.get_subcommands() {
                if sub.get_name() == "help" {
                    continue;
                }
                visit(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        visit(&super::Cli::command(), "zhenggai", &mut missing);
        assert!(missing.is_empty(), "{missing:#?}");
    }
}
