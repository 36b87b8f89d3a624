//! 本期变化 as a sheet or a section of the meeting list (`export --since D`): one line per change
//! of the period, by kind, built once here for every writer.

use crate::date;
use crate::i18n::Lang;
use crate::model::Period;

/// One change of the period, as a row: its kind, date, task, unit and what it was.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeLine {
    pub kind: &'static str,
    pub date: String,
    pub task: String,
    pub unit: String,
    pub what: String,
}

impl ChangeLine {
    pub fn cells(&self) -> [&str; 5] {
        [self.kind, &self.date, &self.task, &self.unit, &self.what]
    }
}

/// The section: its title, the counts line, and its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    pub title: String,
    pub counts: String,
    pub lines: Vec<ChangeLine>,
}

impl Changes {
    /// The headers of the section's table, in the order of `ChangeLine::cells`.
    pub fn columns(lang: Lang) -> [&'static str; 5] {
        [
            lang.period_columns_kind(),
            lang.period_columns_date(),
            lang.period_columns_task(),
            lang.period_columns_unit(),
            lang.period_columns_what(),
        ]
    }

    pub fn of(lang: Lang, period: &Period) -> Changes {
        let (since, until) = (date::format(period.since), date::format(period.until));
        let mut lines = Vec::new();
        let task = |seq: i64| format!("#{seq}");
        for t in &period.added {
            lines.push(ChangeLine {
                kind: lang.period_added(),
                date: date::format(t.assigned),
                task: task(t.seq),
                unit: t.unit.clone(),
                what: t.measure.clone(),
            });
        }
        for m in &period.moves {
            let from = m.from.map_or("", |s| lang.status(s));
            let mut what = format!("{}：{from} → {}", lang.action(&m.action), lang.status(m.to));
            if let Some(reason) = &m.reason {
                what.push_str(&lang.aside(reason));
            }
            lines.push(ChangeLine {
                kind: lang.period_moves(),
                date: date::format(m.date),
                task: task(m.seq),
                unit: m.unit.clone(),
                what,
            });
        }
        for m in &period.deadlines {
            lines.push(ChangeLine {
                kind: lang.period_deadlines(),
                date: date::format(m.date),
                task: task(m.seq),
                unit: m.unit.clone(),
                what: {
                    let mark = if m.extension {
                        lang.aside(lang.label_extension())
                    } else {
                        String::new()
                    };
                    format!("{} → {}{mark}", lang.deadline(m.from), lang.deadline(m.to))
                },
            });
        }
        for t in &period.became_overdue {
            lines.push(ChangeLine {
                kind: lang.period_overdue(),
                date: lang.deadline(t.deadline),
                task: task(t.seq),
                unit: t.unit.clone(),
                what: t.measure.clone(),
            });
        }
        for p in &period.progress {
            lines.push(ChangeLine {
                kind: lang.period_progress(),
                date: date::format(p.entry.date),
                task: task(p.seq),
                unit: p.unit.clone(),
                what: p.entry.text.clone(),
            });
        }
        for unit in period
            .units
            .iter()
            .filter(|u| u.entries == 0 && u.open_tasks > 0)
        {
            lines.push(ChangeLine {
                kind: lang.period_not_reported_kind(),
                date: String::new(),
                task: String::new(),
                unit: unit.unit.clone(),
                what: lang.period_open_tasks(unit.open_tasks),
            });
        }
        Changes {
            title: lang.period_title(&since, &until),
            counts: lang.period_counts(&period.counts()),
            lines,
        }
    }
}
