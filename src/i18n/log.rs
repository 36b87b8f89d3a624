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
            "closed_at" => "销号时间",
            "closed_by" => "销号人",
            "close_note" => "销号说明",
            "close_evidence" => "销号佐证",
            "reopen_reason" => "重开/退回原因",
            "date" => "日期",
            "text" => "内容",
            "evidence" => "佐证材料",
            "name" => "名称",
            "kind" => "类型",
            "active" => "启用",
            "issuer" => "发文单位",
            "feedback_date" => "反馈日期",
            "note" => "备注",
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
            other => (other, other),
        };
        match self {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        }
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
