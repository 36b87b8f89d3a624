//! Inspection rounds (督查反馈): a ledger holds several (the feedback, a 回头看 a year later, the
//! next inspection). They are numbered in the order they were added, so that a number never
//! changes; the newest is the one of the latest feedback date. A round is named by its number,
//! its title (or a part of it only it has) or a uuid prefix. The store can be scoped to one
//! (`--inspection`): problem codes, unique within a round only, are then looked up in it, and new
//! problems go to it. As of a day, the ledger holds the rounds added by then.

use chrono::NaiveDate;

use super::Store;
use super::insert::{checked, insert_inspection};
use super::read;
use super::tx::Patch;
use crate::date;
use crate::error::{Error, Field, Result, RoundName, RoundProblem};
use crate::model::Inspection;

/// A new round of feedback.
#[derive(Debug, Clone, PartialEq)]
pub struct NewInspection {
    pub title: String,
    pub issuer: String,
    pub feedback_date: NaiveDate,
    pub note: String,
}

/// Changes to a round; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InspectionEdit {
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub feedback_date: Option<NaiveDate>,
    pub note: Option<String>,
}

/// The newest round: the latest feedback date, the last added of a day.
pub(super) fn newest(all: &[Inspection]) -> Option<&Inspection> {
    all.iter().max_by_key(|i| (i.feedback_date, i.id))
}

/// The rounds as they stood at the end of `day`: those whose making is dated by then (a round
/// is dated on its feedback date when added; an older file's, on the day it was recorded).
pub(super) fn as_of(conn: &rusqlite::Connection, day: NaiveDate) -> Result<Vec<Inspection>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id FROM inspection i
         WHERE coalesce((SELECT date FROM event WHERE entity_uuid = i.uuid ORDER BY id LIMIT 1),
                        i.feedback_date) > ?1",
    )?;
    let later: Vec<i64> = stmt
        .query_map([date::format(day)], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut all = read::inspections(conn)?;
    all.retain(|i| !later.contains(&i.id));
    Ok(all)
}

/// How messages name the rounds `all` (numbered by their place in it) that `keep` keeps.
pub(super) fn names(all: &[Inspection], keep: impl Fn(&Inspection) -> bool) -> Vec<RoundName> {
    all.iter()
        .enumerate()
        .filter(|(_, i)| keep(i))
        .map(|(n, i)| RoundName {
            number: n + 1,
            title: i.title.clone(),
            date: date::format(i.feedback_date),
        })
        .collect()
}

/// The round `text` names among `all` (in their order): `2` (its number), its title or a part
/// of the title only it has, or a uuid prefix of at least four characters.
pub(super) fn find(all: &[Inspection], text: &str) -> Result<Inspection> {
    let text = text.trim();
    let unknown = || Error::Round(RoundProblem::Unknown(text.to_string()));
    // a number the list shows; a larger one may be the start of a uuid
    let number = text.trim_start_matches(['#', '第']).trim_end_matches('轮');
    if let Ok(number) = number.parse::<usize>() {
        if let Some(round) = all.get(number.wrapping_sub(1)) {
            return Ok(round.clone());
        }
        // a number no round has names none by a part of a title (`0` is in `2020年…`)
        if text.len() < 4 {
            return Err(unknown());
        }
    }
    if let Some(exact) = all.iter().find(|i| i.title == text) {
        return Ok(exact.clone());
    }
    let hex = text.len() >= 4 && text.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    let lower = text.to_ascii_lowercase();
    let matches = |i: &Inspection| {
        (!text.is_empty() && i.title.contains(text)) || (hex && i.uuid.starts_with(&lower))
    };
    let found: Vec<&Inspection> = all.iter().filter(|i| matches(i)).collect();
    match found.as_slice() {
        [] => Err(unknown()),
        [one] => Ok((*one).clone()),
        _ => Err(Error::Round(RoundProblem::Ambiguous {
            text: text.to_string(),
            rounds: names(all, matches),
        })),
    }
}

impl Store {
    /// Scopes problem codes and new problems to one round (its row id), or to none.
    pub fn set_round(&mut self, round: Option<i64>) {
        self.round = round;
    }

    /// The round the store is scoped to.
    pub fn round(&self) -> Option<i64> {
        self.round
    }

    /// The round `text` names (see `find`).
    pub fn inspection(&self, text: &str) -> Result<Inspection> {
        find(&read::inspections(&self.conn)?, text)
    }

    /// The rounds the ledger held at the end of today, in their order.
    pub fn inspections(&self) -> Result<Vec<Inspection>> {
        as_of(&self.conn, self.today)
    }

    /// The number of a round, as `inspection list` shows it.
    pub fn round_number(&self, round: &Inspection) -> Result<usize> {
        let all = read::inspections(&self.conn)?;
        Ok(all
            .iter()
            .position(|i| i.id == round.id)
            .map_or(0, |n| n + 1))
    }

    /// The ledger's title: the round's title when the store is scoped to one, else the `title`
    /// setting, else the rounds' titles.
    pub fn ledger_title(&self) -> Result<String> {
        self.title_of(self.round)
    }

    /// The title of a list or sheet of `round` (its row id): the round's own; of every round,
    /// the `title` setting, else the titles of the rounds held today (one, or all of them).
    pub fn title_of(&self, round: Option<i64>) -> Result<String> {
        let all = read::inspections(&self.conn)?;
        if let Some(round) = round.and_then(|r| all.iter().find(|i| i.id == r)) {
            return Ok(round.title.clone());
        }
        if let Some(title) = read::setting(&self.conn, "title")? {
            return Ok(title);
        }
        let titles: Vec<String> = self.inspections()?.into_iter().map(|i| i.title).collect();
        Ok(titles.join("、"))
    }

    /// Adds a round; the change is dated on its feedback date, when the round began.
    pub fn add_inspection(&mut self, new: NewInspection) -> Result<Inspection> {
        let title = checked(Field::Title, &new.title, true, false)?;
        let issuer = checked(Field::Issuer, &new.issuer, false, false)?;
        let note = checked(Field::RoundNote, &new.note, false, true)?;
        self.write_on(new.feedback_date, |w| {
            refuse_twin(&w.tx, &title, new.feedback_date, None)?;
            let id = insert_inspection(w, &title, &issuer, new.feedback_date, &note)?;
            by_id(&w.tx, id)
        })
    }

    /// Edits a round's title, issuer, feedback date or note.
    pub fn edit_inspection(&mut self, text: &str, edit: InspectionEdit) -> Result<Inspection> {
        self.write(|w| {
            let round = find(&read::inspections(&w.tx)?, text)?;
            let mut patch = Patch::default();
            if let Some(title) = &edit.title {
                let title = checked(Field::Title, title, true, false)?;
                patch.text("title", &round.title, &title);
            }
            if let Some(issuer) = &edit.issuer {
                let issuer = checked(Field::Issuer, issuer, false, false)?;
                patch.text("issuer", &round.issuer, &issuer);
            }
            if let Some(note) = &edit.note {
                patch.text(
                    "note",
                    &round.note,
                    &checked(Field::RoundNote, note, false, true)?,
                );
            }
            if let Some(day) = edit.feedback_date {
                let latest = w.date().to_string();
                if date::format(day) > latest {
                    return Err(Error::FutureDate {
                        date: date::format(day),
                        today: latest,
                    });
                }
                patch.text(
                    "feedback_date",
                    &date::format(round.feedback_date),
                    &date::format(day),
                );
            }
            if patch.is_empty() {
                return Err(Error::NothingToChange);
            }
            let title = edit
                .title
                .as_deref()
                .map_or(round.title.as_str(), str::trim);
            let day = edit.feedback_date.unwrap_or(round.feedback_date);
            refuse_twin(&w.tx, title, day, Some(round.id))?;
            patch.apply(w, "inspection", round.id)?;
            w.event("inspection", &round.uuid, "update", &patch.changes)?;
            by_id(&w.tx, round.id)
        })
    }
}

/// Two rounds of one title and one feedback date would be one round told twice.
fn refuse_twin(
    conn: &rusqlite::Connection,
    title: &str,
    day: NaiveDate,
    except: Option<i64>,
) -> Result<()> {
    let all = read::inspections(conn)?;
    let twin = |i: &Inspection| i.title == title && i.feedback_date == day && Some(i.id) != except;
    match names(&all, twin).into_iter().next() {
        Some(name) => Err(Error::Round(RoundProblem::Duplicate(name))),
        None => Ok(()),
    }
}

fn by_id(conn: &rusqlite::Connection, id: i64) -> Result<Inspection> {
    read::inspections(conn)?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or_else(|| Error::Damaged(format!("inspection {id}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(id: i64, title: &str, day: &str) -> Inspection {
        Inspection {
            id,
            uuid: format!("{id:08x}-0000-4000-8000-000000000000"),
            title: title.into(),
            issuer: String::new(),
            feedback_date: date::from_stored(day).unwrap(),
            note: String::new(),
        }
    }

    #[test]
    fn a_round_is_named_by_number_title_part_or_uuid() {
        let all = [
            round(1, "省“双打”工作督查反馈意见", "2019-12-03"),
            round(2, "2020年“回头看”反馈意见", "2020-06-01"),
            round(0x1234, "第三轮", "2021-06-01"),
        ];
        assert_eq!(find(&all, "2").unwrap().id, 2);
        assert_eq!(find(&all, "第1轮").unwrap().id, 1);
        assert_eq!(find(&all, "回头看").unwrap().id, 2);
        assert_eq!(find(&all, "00000001").unwrap().id, 1);
        assert!(matches!(
            find(&all, "反馈意见"),
            Err(Error::Round(RoundProblem::Ambiguous { .. }))
        ));
        assert_eq!(find(&all, "3").unwrap().id, 0x1234);
        // a number beyond the list is a uuid prefix
        assert_eq!(find(&all, "00001234").unwrap().id, 0x1234);
        assert!(matches!(
            find(&all, "9"),
            Err(Error::Round(RoundProblem::Unknown(_)))
        ));
        assert!(matches!(
            find(&all, "0"),
            Err(Error::Round(RoundProblem::Unknown(_)))
        ));
    }
}
