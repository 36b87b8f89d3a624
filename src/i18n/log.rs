//! The vocabulary of the event log: its fields, actions, kinds of record and values.

use super::Lang;
use crate::model::{Category, Key, Status, UnitKind};

impl Lang {
    /// A field name of the event log (`status`, `close_note`, …) as people read it.
    pub fn field(self, key: &str) -> String {
        let zh = match key {
            "status" => "状态",
            "measure" => "整改措施",
            "person" => "责任人",
            "deadline" => "整改时限",
            "unit" | "unit_id" => "责任单位",
            "problem_id" => "问题",
            "lead_unit_id" => "牵头单位",
            "inspection_id" => "督查反馈",
            "sort_order" => "排序",
            "support_units" => "配合单位",
            "problem" => "问题",
            "seq" => "编号",
            "task" => "任务",
            "code" => "问题编号",
            "category" => "问题类别",
            "title" => "标题",
            "description" => "问题描述",
            "lead_unit" => "牵头单位",
            "closed_at" => "销号记录时间",
            "closed_on" => "销号日期",
            "assigned" => "交办日期",
            "closed_by" => "销号人",
            "close_note" => "销号说明",
            "close_evidence" => "销号佐证",
            "reopen_reason" => "重开/退回原因",
            "original_deadline" => "原定时限",
            "extended_from" => "延期前时限",
            "extended_on" => "批准延期日期",
            "extension_reason" => "延期原因",
            "extension_approved_by" => "延期批准人",
            "date" => "日期",
            "text" => "内容",
            "evidence" => "佐证材料",
            "name" => "名称",
            "kind" => "类型",
            "active" => "启用",
            "issuer" => "发文单位",
            "feedback_date" => "反馈日期",
            "note" => "备注",
            "organisation" => "单位名称",
            "warn_days" => "临期预警天数",
            "notice_prefix" => "催办单编号前缀",
            "period" => "期次",
            "due" => "报送截止",
            "tasks" => "任务数",
            "collected_on" => "收回日期",
            "collected_by" => "收取人",
            "reporter" => "填报人",
            "number" => "编号",
            "listed" => "所列任务",
            "red" => "逾期任务",
            "yellow" => "临期任务",
            other => other,
        };
        match self {
            Lang::Zh => zh.to_string(),
            Lang::En => key.replace('_', " "),
        }
    }

    /// An event's action as people read it.
    pub fn action(self, action: &str) -> String {
        let (zh, en) = match action {
            "create" => ("新增", "created"),
            "update" => ("修改", "edited"),
            "status" => ("状态变更", "status changed"),
            "close" => ("销号", "closed"),
            "reopen" => ("重开（回头看）", "reopened"),
            "return" => ("退回", "returned"),
            "rename" => ("更名", "renamed"),
            "deactivate" => ("停用", "deactivated"),
            "activate" => ("启用", "activated"),
            "undo" => ("撤销", "undone"),
            "import" => ("导入", "imported"),
            "extend" => ("延期", "extended"),
            "collect" => ("收回", "collected"),
            "issue" => ("印发", "issued"),
            other => (other, other),
        };
        match self {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        }
    }

    /// An event's record kind as people read it.
    pub fn entity(self, entity: &str) -> String {
        let (zh, en) = match entity {
            "task" => ("任务", "task"),
            "problem" => ("问题", "problem"),
            "progress" => ("进展", "progress"),
            "unit" => ("单位", "unit"),
            "inspection" => ("督查反馈", "inspection"),
            "setting" => ("设置", "setting"),
            "packet" => ("报送表", "packet"),
            "notice" => ("催办单", "notice"),
            other => (other, other),
        };
        match self {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        }
    }

    /// A value `event` logged, as people read it: a deadline of none is 长期坚持, except where
    /// the event removed its record (an undo of its making), which leaves nothing.
    pub fn logged_value(
        self,
        event: &crate::model::Event,
        field: &str,
        value: &serde_json::Value,
    ) -> String {
        if field == "deadline" && value.is_null() && !event.removes_record() {
            return self.no_deadline().to_string();
        }
        self.value(field, value)
    }

    /// A stored value of the event log as people read it: enumeration keys get their names.
    pub fn value(self, field: &str, value: &serde_json::Value) -> String {
        use serde_json::Value;
        match value {
            Value::Null => self.empty_value().to_string(),
            Value::String(s) if s.is_empty() => self.empty_value().to_string(),
            Value::String(s) => match field {
                "status" => Status::from_key(s).map_or(s.clone(), |v| self.status(v).into()),
                "category" => Category::from_key(s).map_or(s.clone(), |v| self.category(v).into()),
                "kind" => UnitKind::from_key(s).map_or(s.clone(), |v| self.unit_kind(v).into()),
                _ => s.clone(),
            },
            Value::Bool(b) => if *b { self.yes() } else { self.no() }.to_string(),
            Value::Array(items) if items.is_empty() => self.empty_value().to_string(),
            Value::Array(items) => items
                .iter()
                .map(|item| self.value(field, item))
                .collect::<Vec<_>>()
                .join("、"),
            other => other.to_string(),
        }
    }
}

impl Lang {
    /// An event in one line: its action, and for a record it made, what was made
    /// (`新增 任务 #22：石泉县 · 建立信息报送台账`).
    pub fn event_summary(self, event: &crate::model::Event) -> String {
        let action = self.action(&event.action);
        if !event.changes.iter().all(|c| c.old.is_null()) {
            return action;
        }
        let new = |field: &str| {
            event
                .changes
                .iter()
                .find(|c| c.field == field)
                .map(|c| self.value(field, &c.new))
                .filter(|v| !v.is_empty() && v != self.empty_value())
        };
        let fields: &[&str] = match event.entity.as_str() {
            "task" => &["unit", "measure"],
            "progress" => &["date", "text"],
            "problem" => &["title"],
            "unit" => &["name", "kind"],
            "inspection" => &["title"],
            _ => &[],
        };
        let what: Vec<String> = fields.iter().filter_map(|f| new(f)).collect();
        let entity = self.entity(&event.entity);
        let label = crate::text::clean_line(&event.label);
        let what = crate::text::truncate(&what.join(" · "), 60);
        match self {
            Lang::Zh if what.is_empty() => format!("{action} {entity} {label}"),
            Lang::Zh => format!("{action} {entity} {label}：{what}"),
            Lang::En if what.is_empty() => format!("{action} {entity} {label}"),
            Lang::En => format!("{action} {entity} {label}: {what}"),
        }
    }

    /// `状态：整改中 → 待销号` / `status: in progress → submitted`.
    pub fn change_line(self, field: &str, old: &str, new: &str) -> String {
        match self {
            Lang::Zh => format!("{field}：{old} → {new}"),
            Lang::En => format!("{field}: {old} → {new}"),
        }
    }

    /// A field given a value by a record's creation: `状态：未启动` / `status: not started`.
    pub fn set_line(self, field: &str, new: &str) -> String {
        match self {
            Lang::Zh => format!("{field}：{new}"),
            Lang::En => format!("{field}: {new}"),
        }
    }

    /// When an event was recorded and, when that is another day, the date it took effect:
    /// `记录于 2026-12-01 10:02，日期 2019-12-20`.
    pub fn recorded_and_dated(self, at: &str, date: Option<&str>) -> String {
        match (self, date) {
            (_, None) => at.to_string(),
            (Lang::Zh, Some(date)) => format!("记录于 {at}，日期 {date}"),
            (Lang::En, Some(date)) => format!("recorded {at}, dated {date}"),
        }
    }

    /// `（记录于 2026-12-01 10:02）`: when an event dated another day was typed in.
    pub fn recorded_at(self, at: &str) -> String {
        match self {
            Lang::Zh => format!("  （记录于 {at}）"),
            Lang::En => format!("  (recorded {at})"),
        }
    }

    /// How the items of a list are joined in running text.
    pub fn list_separator(self) -> &'static str {
        match self {
            Lang::Zh => "、",
            Lang::En => ", ",
        }
    }

    /// The separator of the changes of one event on one line.
    pub fn changes_separator(self) -> &'static str {
        match self {
            Lang::Zh => "；",
            Lang::En => "; ",
        }
    }
}
