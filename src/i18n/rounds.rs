//! The words of inspection rounds (督查反馈轮次): their names, the `inspection` commands, and
//! what is said when a reference names none, several, or a code several rounds share.

use super::Lang;
use crate::error::{RoundName, RoundProblem};

labels! {
    col_round => "轮次", "Round";
    col_round_title => "督查反馈", "Inspection";
    col_issuer => "反馈单位", "Issuer";
    col_feedback_date => "反馈日期", "Feedback date";
    col_problems => "问题", "Problems";
    col_note => "备注", "Note";
    no_rounds => "台账里还没有督查反馈。", "The ledger has no inspection round yet.";
    all_rounds => "全部轮次", "all rounds";
    field_round => "督查轮次", "Round";
}

sentences! {
    round_mark(number: usize) => "〔{number}〕", "[{number}] ";
}

impl Lang {
    /// `第2轮 2020年“回头看”反馈意见（2020-06-01）`.
    pub fn round_name(self, round: &RoundName) -> String {
        let RoundName {
            number,
            title,
            date,
        } = round;
        match self {
            Lang::Zh => format!("第{number}轮 {title}（{date}）"),
            Lang::En => format!("round {number} {title} ({date})"),
        }
    }

    fn round_names(self, rounds: &[RoundName]) -> String {
        let names: Vec<String> = rounds.iter().map(|r| self.round_name(r)).collect();
        names.join(self.list_separator())
    }

    pub fn inspection_added(self, round: &RoundName) -> String {
        let name = self.round_name(round);
        match self {
            Lang::Zh => format!("已新增督查反馈：{name}。"),
            Lang::En => format!("Added the inspection {name}."),
        }
    }

    pub fn inspection_edited(self, round: &RoundName) -> String {
        let name = self.round_name(round);
        match self {
            Lang::Zh => format!("已修改督查反馈：{name}。"),
            Lang::En => format!("Edited the inspection {name}."),
        }
    }

    /// Said (on stderr) when a code several rounds have was read from the newest of them.
    pub fn newest_round_taken(self, code: &str, rounds: &[RoundName]) -> String {
        let newest = rounds
            .iter()
            .max_by_key(|r| (&r.date, r.number))
            .map(|r| self.round_name(r))
            .unwrap_or_default();
        let count = rounds.len();
        match self {
            Lang::Zh => format!(
                "{count} 轮督查都有问题 {code}，这里显示的是最新的{newest}的问题；看其他轮次请加 --inspection。"
            ),
            Lang::En => format!(
                "{count} rounds have a problem {code}; this is the newest round's ({newest}); add --inspection for another."
            ),
        }
    }

    pub(super) fn round_refused(self, problem: &RoundProblem) -> String {
        match (self, problem) {
            (Lang::Zh, RoundProblem::Unknown(text)) => format!(
                "没有“{text}”这一轮督查反馈；可写轮次号、标题（或其中一段）或 uuid 前缀，见 zhenggai inspection list。"
            ),
            (Lang::En, RoundProblem::Unknown(text)) => format!(
                "No inspection round is named “{text}”; give its number, its title (or part of it) or a uuid prefix (see zhenggai inspection list)."
            ),
            (Lang::Zh, RoundProblem::Ambiguous { text, rounds }) => format!(
                "“{text}”可以指多轮督查反馈：{}；请写得更具体，或写轮次号。",
                self.round_names(rounds)
            ),
            (Lang::En, RoundProblem::Ambiguous { text, rounds }) => format!(
                "“{text}” names several rounds: {}; be more precise, or give the number.",
                self.round_names(rounds)
            ),
            (Lang::Zh, RoundProblem::Duplicate(round)) => format!(
                "已有同一标题、同一反馈日期的督查反馈：{}。",
                self.round_name(round)
            ),
            (Lang::En, RoundProblem::Duplicate(round)) => format!(
                "An inspection round of this title and feedback date exists: {}.",
                self.round_name(round)
            ),
        }
    }

    pub(super) fn ambiguous_problem(self, code: &str, rounds: &[RoundName]) -> String {
        let names = self.round_names(rounds);
        match self {
            Lang::Zh => format!(
                "多轮督查都有问题 {code}：{names}；请加 --inspection 指定轮次（轮次号或标题）。"
            ),
            Lang::En => format!(
                "Several rounds have a problem {code}: {names}; add --inspection to say which (its number or title)."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ExtensionProblem};
    use crate::i18n::Front;

    /// The errors of rounds, shared codes, deadlines and extensions: one line in each language.
    #[test]
    fn each_error_is_one_line_in_each_language() {
        let round = RoundName {
            number: 2,
            title: "回头看".into(),
            date: "2020-06-15".into(),
        };
        let errors = [
            Error::Round(RoundProblem::Unknown("9".into())),
            Error::Round(RoundProblem::Ambiguous {
                text: "反馈".into(),
                rounds: vec![round.clone(), round.clone()],
            }),
            Error::Round(RoundProblem::Duplicate(round.clone())),
            Error::AmbiguousProblem {
                code: "G1".into(),
                rounds: vec![round.clone(), round],
            },
            Error::BadDeadline("明天见".into()),
            Error::Extension {
                seq: 1,
                problem: ExtensionProblem::Closed,
            },
            Error::Extension {
                seq: 1,
                problem: ExtensionProblem::NoDeadline,
            },
            Error::Extension {
                seq: 1,
                problem: ExtensionProblem::NotLater {
                    deadline: "2019-12-31".into(),
                    to: "2019-12-30".into(),
                },
            },
        ];
        for error in &errors {
            for lang in [Lang::Zh, Lang::En] {
                let line = lang.error_in(error, Front::Cli);
                assert!(
                    !line.is_empty() && !line.contains('\n'),
                    "{error:?}: {line}"
                );
                assert!(error.is_request(), "{error:?}");
            }
        }
    }
}
