//! What a text a person typed, a problem code or a number must be to be stored.

/// A reason a piece of text cannot be stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    Empty,
    TooLong { max: usize },
    ControlCharacter,
}

/// Longest text accepted in a long field (description, measure, progress, notes), in characters.
pub const MAX_LONG_TEXT: usize = 10_000;
/// Longest text accepted in a name-like field (unit, person, code, title), in characters.
pub const MAX_NAME: usize = 200;

/// Checks a piece of text a person typed. Newline and tab are allowed only in long text.
pub fn check_text(text: &str, required: bool, long: bool) -> Result<(), TextProblem> {
    if required && text.trim().is_empty() {
        return Err(TextProblem::Empty);
    }
    let max = if long { MAX_LONG_TEXT } else { MAX_NAME };
    if text.chars().count() > max {
        return Err(TextProblem::TooLong { max });
    }
    let allowed = |c: char| long && (c == '\n' || c == '\t');
    if text.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(TextProblem::ControlCharacter);
    }
    Ok(())
}

/// Why a problem code cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblem {
    Text(TextProblem),
    /// A code is typed as one word.
    Space,
    /// `5` or `#7` would be read as a task number.
    LooksLikeNumber,
}

/// A task number as people type it: `12` or `#12`.
pub fn parse_seq(text: &str) -> Option<i64> {
    let digits = text.trim().trim_start_matches(['#', '＃']);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Checks a problem code (`G1`, `W4`): a short name of one word that no reference could take
/// for a task number.
pub fn check_code(code: &str) -> Result<(), CodeProblem> {
    check_text(code, true, false).map_err(CodeProblem::Text)?;
    if code.trim().chars().any(char::is_whitespace) {
        return Err(CodeProblem::Space);
    }
    if code.trim().starts_with(['#', '＃']) || parse_seq(code).is_some() {
        return Err(CodeProblem::LooksLikeNumber);
    }
    Ok(())
}

/// The largest task number: far more than any ledger needs, and far enough from the end of
/// the integers that the next number can always be counted.
pub const MAX_SEQ: i64 = 999_999_999;
/// The largest version counter of a task (bumped by one on every change).
pub const MAX_VERSION: i64 = 1 << 40;
/// Sort orders lie within ± this.
pub const MAX_SORT_ORDER: i64 = 1_000_000_000;

/// A uuid in the one form a ledger writes (`8-4-4-4-12` lowercase hex digits).
pub fn is_uuid(text: &str) -> bool {
    uuid::Uuid::parse_str(text).is_ok_and(|u| u.hyphenated().to_string() == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_checks() {
        assert_eq!(check_text("  ", true, true), Err(TextProblem::Empty));
        assert_eq!(check_text("", false, true), Ok(()));
        assert_eq!(check_text("第一行\n第二行\t", true, true), Ok(()));
        assert_eq!(
            check_text("名称\n", true, false),
            Err(TextProblem::ControlCharacter)
        );
        assert_eq!(
            check_text("a\u{1b}[31m", true, true),
            Err(TextProblem::ControlCharacter)
        );
        let long = "字".repeat(MAX_NAME + 1);
        assert_eq!(
            check_text(&long, true, false),
            Err(TextProblem::TooLong { max: MAX_NAME })
        );
        assert_eq!(check_text(&long, true, true), Ok(()));
    }

    #[test]
    fn codes_that_would_be_read_as_something_else() {
        assert_eq!(check_code("G1"), Ok(()));
        assert_eq!(check_code("W-12"), Ok(()));
        assert_eq!(check_code("5"), Err(CodeProblem::LooksLikeNumber));
        assert_eq!(check_code("#7"), Err(CodeProblem::LooksLikeNumber));
        assert_eq!(check_code("#A"), Err(CodeProblem::LooksLikeNumber));
        assert_eq!(check_code("G 1"), Err(CodeProblem::Space));
        assert_eq!(check_code(" "), Err(CodeProblem::Text(TextProblem::Empty)));
        assert!(is_uuid("0b4c1e4e-5a52-4f7e-9c37-3b3b1f0c9a11"));
        assert!(!is_uuid("0B4C1E4E-5A52-4F7E-9C37-3B3B1F0C9A11"));
        assert!(!is_uuid("0b4c1e4e5a524f7e9c373b3b1f0c9a11"));
        assert!(!is_uuid("not a uuid"));
    }
}
