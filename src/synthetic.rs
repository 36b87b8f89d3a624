//! Synthetic ledgers for benchmarks and tests at scale: realistic Chinese text made from the
//! phrases of the 2019 feedback, up to 100 units, one task per problem and unit, about five
//! progress entries per task, a mix of statuses, deadlines around an as-of day. Deterministic:
//! the same seed makes the same records. `examples/genledger.rs` writes them to a file.

use chrono::{Days, NaiveDate};

use crate::exchange::{
    InspectionRecord, ProblemRecord, ProgressRecord, Records, TaskRecord, UnitRecord,
};
use crate::model::{Category, Status, UnitKind};

const PLACES: &[&str] = &[
    "汉滨", "汉阴", "石泉", "宁陕", "紫阳", "岚皋", "平利", "镇坪", "旬阳", "白河", "恒口", "瀛湖",
    "大河", "张滩", "五里", "关庙", "吉河", "流水", "茨沟", "谭坝", "石梯", "晏坝", "中原", "叶坪",
    "大同", "牛蹄", "县河", "建民", "江北", "新城",
];
const DEPARTMENTS: &[&str] = &[
    "市场监管局",
    "公安局",
    "农业农村局",
    "文化和旅游局",
    "商务局",
    "知识产权局",
    "税务局",
    "卫生健康委",
    "交通运输局",
    "邮政管理局",
    "林业局",
    "版权局",
];
const FIELDS: &[&str] = &[
    "食品药品",
    "农资",
    "建材",
    "汽车配件",
    "电子商务",
    "出版物",
    "种子",
    "化妆品",
    "烟草",
    "酒类",
    "儿童用品",
    "互联网",
];
const PROBLEMS: &[&str] = &[
    "侵权假冒案件办案量不达标",
    "报送工作信息不达标",
    "维护和管理“侵权假冒网”不达标",
    "未开展“两法”衔接培训",
    "宣传报道工作不力",
    "举报投诉处理不及时",
    "联合执法机制未建立",
    "重点工作任务欠账较大",
];
const MEASURES: &[&str] = &[
    "紧盯重点领域、重点行业开展专项执法检查和专项整治，查办大案要案并公开曝光",
    "严格信息通报制度，执法信息及时、准确录入“两法衔接信息平台”，杜绝不录、漏录、错录",
    "通过新闻媒体和各类自媒体加强“双打”宣传，做好教育引导和舆论监督",
    "发挥举报投诉机制作用，建立完善快速核查处理机制",
    "确定专门科室和联络员，建立联合执法工作机制",
    "组织开展“两法”衔接培训，提高执法人员业务能力",
];
const PROGRESS: &[&str] = &[
    "已开展{f}领域专项检查{n}次，查处案件{m}起",
    "召开{f}领域整改推进会，明确责任分工",
    "向“两法衔接信息平台”补录执法信息{n}条",
    "在县电视台和政务新媒体发布“双打”信息{n}篇",
    "受理{f}类举报投诉{n}件，办结{m}件",
    "组织执法人员培训{m}期，培训{n}人次",
];

/// A small deterministic generator: the same seed makes the same ledger.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    fn uuid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            b >> 52,
            b & 0xffff_ffff_ffff
        )
    }
}

fn stamp(day: NaiveDate, seconds: u64) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}.000Z",
        day.format("%Y-%m-%d"),
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60
    )
}

fn units(dice: &mut Dice, count: usize, at: &str) -> Vec<UnitRecord> {
    let mut names: Vec<(String, UnitKind)> = vec![("市“双打”办".into(), UnitKind::Office)];
    for d in DEPARTMENTS {
        names.push((format!("市{d}"), UnitKind::Department));
    }
    for p in PLACES {
        names.push((format!("{p}县"), UnitKind::County));
        for d in DEPARTMENTS {
            names.push((format!("{p}县{d}"), UnitKind::Department));
        }
    }
    names.truncate(count);
    names
        .into_iter()
        .enumerate()
        .map(|(i, (name, kind))| UnitRecord {
            uuid: dice.uuid(),
            name,
            kind,
            sort_order: i as i64 + 1,
            active: true,
            updated_at: at.to_string(),
        })
        .collect()
}

/// The records of a ledger of `tasks` tasks as of `today`.
pub fn records(tasks: usize, today: NaiveDate, seed: u64) -> Records {
    let mut dice = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let start = today - Days::new(60);
    let at = stamp(start, 0);
    let unit_count = tasks.clamp(1, 100);
    let problem_count = tasks.div_ceil(unit_count);
    let units = units(&mut dice, unit_count, &at);
    let inspection = InspectionRecord {
        uuid: dice.uuid(),
        title: "省“双打”工作督查反馈意见（合成）".into(),
        issuer: "省督查组".into(),
        feedback_date: start,
        note: "genledger 生成的合成台账，用于性能测试".into(),
        updated_at: at.clone(),
    };
    let mut r = Records {
        inspections: vec![inspection],
        ..Default::default()
    };
    for p in 0..problem_count {
        let category = if p % 3 == 2 {
            Category::Weak
        } else {
            Category::Shared
        };
        r.problems.push(ProblemRecord {
            uuid: dice.uuid(),
            inspection: r.inspections[0].uuid.clone(),
            code: format!(
                "{}{}",
                if category == Category::Weak { "W" } else { "G" },
                p + 1
            ),
            category,
            title: format!(
                "{}{}{}",
                dice.pick(PLACES),
                dice.pick(FIELDS),
                dice.pick(PROBLEMS)
            ),
            description: format!(
                "省督查组指出，我市存在{}领域{}的问题，要求{}。",
                dice.pick(FIELDS),
                dice.pick(PROBLEMS),
                dice.pick(MEASURES)
            ),
            lead_unit: Some(units[0].uuid.clone()),
            sort_order: p as i64 + 1,
            updated_at: at.clone(),
        });
    }
    for n in 0..tasks {
        let problem = &r.problems[n / unit_count];
        let unit = &units[n % unit_count];
        let deadline = start + Days::new(30 + dice.below(90));
        let status = match dice.below(100) {
            0..30 => Status::Closed,
            30..40 => Status::Submitted,
            40..75 => Status::InProgress,
            75..95 => Status::NotStarted,
            _ => Status::Ongoing,
        };
        let closed = status == Status::Closed;
        let closed_on = closed.then(|| today - Days::new(dice.below(20)));
        let task = TaskRecord {
            uuid: dice.uuid(),
            seq: n as i64 + 1,
            problem: problem.uuid.clone(),
            unit: unit.uuid.clone(),
            support_units: if n % 7 == 0 {
                vec![units[(n + 1) % unit_count].uuid.clone()]
            } else {
                vec![]
            }
            .into_iter()
            .filter(|u| *u != unit.uuid)
            .collect(),
            measure: format!("{}（{}）", dice.pick(MEASURES), dice.pick(FIELDS)),
            person: format!(
                "{}{}",
                dice.pick(&["王", "李", "张", "刘", "陈", "杨"]),
                dice.pick(&["军", "敏", "静", "伟", "芳", "强"])
            ),
            deadline: Some(deadline),
            status,
            closed_at: closed_on.map(|day| stamp(day, n as u64)),
            closed_by: closed.then(|| "市“双打”办".into()),
            close_note: closed.then(|| "经核查整改到位，同意销号".into()),
            close_evidence: None,
            reopen_reason: None,
            version: 1,
            created_at: at.clone(),
            updated_at: stamp(today - Days::new(dice.below(30)), n as u64),
            assigned: Some(start),
            closed_on,
            original_deadline: None,
            extended_from: None,
            extended_on: None,
            extension_reason: None,
            extension_approved_by: None,
        };
        let entries = if status == Status::NotStarted {
            0
        } else {
            2 + dice.below(9)
        };
        for e in 0..entries {
            let text = dice
                .pick(PROGRESS)
                .replace("{f}", dice.pick(FIELDS))
                .replace("{n}", &(1 + dice.below(40)).to_string())
                .replace("{m}", &(1 + dice.below(9)).to_string());
            let date = today - Days::new(dice.below(55) + 1);
            r.progress.push(ProgressRecord {
                uuid: dice.uuid(),
                task: task.uuid.clone(),
                date,
                text,
                evidence: format!("安双打〔2019〕{}号", 1 + (n + e as usize) % 200),
                author: unit.name.clone(),
                created_at: stamp(date, e),
            });
        }
        r.tasks.push(task);
    }
    r.units = units;
    r
}
