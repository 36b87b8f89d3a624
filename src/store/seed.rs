//! The bundled feedback of DESIGN.md §3: the provincial inspection team's 2019 feedback to Ankang,
//! six shared problems and four weak points, split into 21 tasks over 13 units.
//! Titles are verbatim from the speech (安政通报 第五十三期), with its full-width quotes; each
//! description holds the feedback sentence the problem came from and, where the speech says more,
//! the passage that asks for its rectification. Codes and owners are ours.

use chrono::NaiveDate;

use super::insert::{Measure, insert_inspection, insert_problem, insert_task, insert_unit};
use super::read;
use super::request::NewProblem;
use super::tx::Writer;
use crate::error::Result;
use crate::model::{Category, SettingKey, UnitKind};

const INSPECTION_TITLE: &str = "省“双打”工作督查反馈意见";
const ISSUER: &str = "省督查组";
const INSPECTION_NOTE: &str = "2019年12月3日全市“双打”工作会议通报，见安政通报第五十三期（安康市人民政府办公室，2019年12月6日）";
const OFFICE: &str = "市“双打”办";
/// The organisation that keeps the seeded ledger.
const ORGANISATION: &str = "安康市“双打”办";

const UNITS: &[(&str, UnitKind)] = &[
    (OFFICE, UnitKind::Office),
    ("市公安局", UnitKind::Department),
    ("市农业农村局", UnitKind::Department),
    ("汉滨区", UnitKind::County),
    ("汉阴县", UnitKind::County),
    ("石泉县", UnitKind::County),
    ("宁陕县", UnitKind::County),
    ("紫阳县", UnitKind::County),
    ("岚皋县", UnitKind::County),
    ("平利县", UnitKind::County),
    ("镇坪县", UnitKind::County),
    ("旬阳县", UnitKind::County),
    ("白河县", UnitKind::County),
];

/// Who owns the tasks of a problem.
enum Owners {
    Units(&'static [&'static str]),
    AllCounties,
}

struct SeedProblem {
    code: &'static str,
    category: Category,
    title: &'static str,
    /// The passage of the speech on this problem's rectification, if it says more than the title.
    passage: &'static str,
    measure: &'static str,
    owners: Owners,
}

const SHARED_INTRO: &str = "省督查组指出，我市存在全省各地市都有的共性问题：";
const WEAK_INTRO: &str = "省督查组指出，我市存在四个方面薄弱环节，";
const ORDINALS: [&str; 4] = ["一", "二", "三", "四"];

const PROBLEMS: &[SeedProblem] = &[
    SeedProblem {
        code: "G1",
        category: Category::Shared,
        title: "侵权假冒案件办案量不达标",
        passage: "各县区“双打”工作领导小组、市直各成员单位要紧紧围绕通报中重点领域、重点行业专项执法检查任务，结合《2019年“双打”工作要点》和《考核评价办法》，认真履行职责，扎实开展专项整治，对破坏市场秩序、侵犯知识产权和制售假冒伪劣商品的行为给予坚决打击，维护好公平公正的市场秩序。要注重典型案例的发现，力争查办几件大案要案，通过依法查处，公开曝光等形式，达到整治一点、教育一片、震慑一方面的效果。",
        measure: "紧盯重点领域、重点行业开展专项执法检查和专项整治，查办大案要案并公开曝光",
        owners: Owners::Units(&["市公安局", "市农业农村局", OFFICE]),
    },
    SeedProblem {
        code: "G2",
        category: Category::Shared,
        title: "报送工作信息不达标",
        passage: "信息公开和“两法”衔接是“双打”绩效考核的重要内容，县区“双打”工作领导小组、市“双打”工作成员单位要将执法信息及时、准确在“两法衔接信息平台”上录入，确保不出现不录、漏录、错录等问题。",
        measure: "严格信息通报制度，执法信息及时、准确录入“两法衔接信息平台”，杜绝不录、漏录、错录",
        owners: Owners::Units(&[OFFICE]),
    },
    SeedProblem {
        code: "G3",
        category: Category::Shared,
        title: "维护和管理“侵权假冒网”不达标",
        passage: "",
        measure: "落实“侵权假冒网”维护和管理责任，及时更新信息",
        owners: Owners::Units(&[OFFICE]),
    },
    SeedProblem {
        code: "G4",
        category: Category::Shared,
        title: "未开展“两法”衔接培训",
        passage: "",
        measure: "组织开展“两法”衔接培训",
        owners: Owners::Units(&[OFFICE]),
    },
    SeedProblem {
        code: "G5",
        category: Category::Shared,
        title: "宣传报道网监侵权假冒工作不力",
        passage: "各县区、各成员单位要积极通过新闻媒体和各类自媒体，做好教育引导、舆论监督、跟踪督办落实等工作，扩大“双打”工作震慑力和影响力。",
        measure: "通过新闻媒体和各类自媒体加强“双打”宣传，做好教育引导和舆论监督",
        owners: Owners::Units(&[OFFICE]),
    },
    SeedProblem {
        code: "G6",
        category: Category::Shared,
        title: "社会对打击侵权假冒工作满意度不高",
        passage: "要积极发挥现有举报投诉机制的作用，建立和完善快速核查处理机制，果断及时打击查实侵权、制假售假违法犯罪行为，坚决维护广大人民群众和权利人的合法权益。",
        measure: "发挥举报投诉机制作用，建立完善快速核查处理机制",
        owners: Owners::Units(&[OFFICE]),
    },
    SeedProblem {
        code: "W1",
        category: Category::Weak,
        title: "个别县区“双打”工作领导小组未建立",
        passage: "我市仍有个别县区到现在还未建立“双打”工作机制，对“双打”工作不重视、不安排，未明确县区“双打”工作领导小组办公室单位及其职责，对上级部署的“双打”工作任务不落实。希望这些县区充分认识“双打”工作的重要意义，迅速整改落实。",
        measure: "自查并建立县区“双打”工作领导小组，明确办公室单位及其职责",
        owners: Owners::AllCounties,
    },
    SeedProblem {
        code: "W2",
        category: Category::Weak,
        title: "工作机制尚未完全理顺",
        passage: "市直各单位要确定专门科室和具体工作人员（联络员），督促各项任务落实；市“双打”办要对各县区和成员单位进行检查、督促，推动工作落实到位。要多部门齐抓共管，建立联合行动机制。",
        measure: "市直各单位确定专门科室和联络员；建立联合执法工作机制",
        owners: Owners::Units(&[OFFICE]),
    },
    SeedProblem {
        code: "W3",
        category: Category::Weak,
        title: "重点工作任务欠账较大",
        passage: "年内时间有限，要想完成任务，必须紧盯重点任务，补齐工作短板。",
        measure: "紧盯重点任务，补齐工作短板，完成年度目标任务",
        owners: Owners::Units(&[OFFICE]),
    },
    SeedProblem {
        code: "W4",
        category: Category::Weak,
        title: "市“双打”办综合协调能力需要提升",
        passage: "市“双打”办要履行好综合协调和督查督办职能，各县区、各成员单位要积极履行各自职责，强化沟通，互相支持，协同作战，做好联合执法，发挥整体合力。市“双打”工作领导小组办公室要定期检查，年内可以发一期通报，对任务欠账大的部门给予督促、批评，通报要抄送市政府和市政府督查室。",
        measure: "履行综合协调和督查督办职能，定期检查，年内发一期通报（抄送市政府和市政府督查室），组织考核",
        owners: Owners::Units(&[OFFICE]),
    },
];

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid seed date")
}

/// The feedback sentence a problem came from, then the speech's passage on it.
fn description(problem: &SeedProblem, weak_index: usize) -> String {
    let sentence = match problem.category {
        Category::Weak => format!(
            "{WEAK_INTRO}{}是{}。",
            ORDINALS[weak_index % ORDINALS.len()],
            problem.title
        ),
        _ => format!("{SHARED_INTRO}{}。", problem.title),
    };
    if problem.passage.is_empty() {
        sentence
    } else {
        format!("{sentence}\n{}", problem.passage)
    }
}

/// The day the feedback was conveyed: the business date of everything the seed writes, so that
/// its tasks are assigned (交办) on it.
pub(super) fn feedback_date() -> NaiveDate {
    day(2019, 12, 3)
}

/// Writes the bundled feedback into an empty ledger, inside the caller's transaction (one dated
/// `feedback_date`).
pub(super) fn seed(w: &Writer) -> Result<()> {
    for (name, kind) in UNITS {
        insert_unit(w, name, *kind)?;
    }
    let inspection = insert_inspection(
        w,
        INSPECTION_TITLE,
        ISSUER,
        feedback_date(),
        INSPECTION_NOTE,
    )?;
    let office = read::unit_by_name(&w.tx, OFFICE)?;
    let deadline = day(2019, 12, 31);
    let counties: Vec<&str> = UNITS
        .iter()
        .filter(|(_, kind)| *kind == UnitKind::County)
        .map(|(name, _)| *name)
        .collect();
    let mut weak_index = 0;
    for seed in PROBLEMS {
        let new = NewProblem {
            code: seed.code.to_string(),
            category: Some(seed.category),
            title: seed.title.to_string(),
            description: description(seed, weak_index),
            lead_unit: Some(OFFICE.to_string()),
            inspection: None,
        };
        if seed.category == Category::Weak {
            weak_index += 1;
        }
        let problem = insert_problem(w, inspection, &new, Some(&office))?;
        let owners: &[&str] = match &seed.owners {
            Owners::Units(names) => names,
            Owners::AllCounties => &counties,
        };
        for owner in owners {
            let unit = read::unit_by_name(&w.tx, owner)?;
            let measure = Measure {
                text: seed.measure,
                deadline: Some(deadline),
                person: "",
                support: &[],
            };
            insert_task(w, &problem, &unit, &measure)?;
        }
    }
    // whose ledger it is: the papers it prints say so
    super::settings::put_setting(w, SettingKey::Organisation, ORGANISATION)
}

/// The inspection round a problem goes to when a ledger has none yet (an empty ledger).
pub(super) fn default_inspection(w: &Writer) -> Result<i64> {
    let today = super::read::stored_date(w.date()).unwrap_or_else(|_| super::clock_today());
    insert_inspection(w, "督查反馈意见", "", today, "")
}
