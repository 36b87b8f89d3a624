//! Text on a terminal: width in display columns (a Chinese character takes two), truncation and
//! padding by width, wrapping that never splits a wide character over the edge, and neutralising
//! control characters and escape sequences that came from the ledger.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display columns of `text` (after `clean`, control characters count as one column).
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Replaces what a terminal would act on: newlines and tabs become spaces (one line of a table),
/// other control characters become visible symbols (`␛` for escape, `·` for the rest).
pub fn clean_line(text: &str) -> String {
    text.chars().map(neutral_char).collect()
}

/// Like `clean_line` but keeps line breaks, for text shown over several lines.
pub fn clean_block(text: &str) -> String {
    text.chars()
        .map(|c| if c == '\n' { c } else { neutral_char(c) })
        .collect()
}

fn neutral_char(c: char) -> char {
    match c {
        '\n' | '\t' | '\r' => ' ',
        '\u{1b}' => '␛',
        c if c.is_control() => '·',
        // zero-width and bidi controls can reorder or hide what a line says
        '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '·',
        c => c,
    }
}

/// Appends `clean_line(text)` to `out`, without a string of its own.
pub fn push_clean(out: &mut String, text: &str) {
    if changed_by_cleaning(text) {
        out.extend(text.chars().map(neutral_char));
    } else {
        out.push_str(text);
    }
}

/// Whether `clean_line` would change a character of `text`, read from its UTF-8 bytes, which is
/// quicker than decoding them: the characters `neutral_char` replaces are the C0 and C1
/// controls (bytes below 0x20, 0x7f, and 0xc2 0x80–0x9f) and those of U+200B–U+200F,
/// U+202A–U+202E and U+2066–U+2069 (0xe2 0x80 0x8b–0x8f, 0xe2 0x80 0xaa–0xae, 0xe2 0x81 0xa6–0xa9).
fn changed_by_cleaning(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, byte)| match byte {
        0x00..=0x1f | 0x7f => true,
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0x8b..=0x8f | 0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    })
}

/// Appends `pad(&clean_line(text), columns)` to `out`, without building either: a table
/// writes one per cell, and `list` ten thousand lines in a blink (issue 16).
pub fn push_padded(out: &mut String, text: &str, columns: usize) {
    let start = out.len();
    push_clean(out, text);
    let mut used = width(&out[start..]);
    if used > columns {
        // cut as `truncate` cuts: before the first character that reaches the last column
        let mut kept = 0;
        let mut cut = out.len();
        for (i, c) in out[start..].char_indices() {
            let w = char_width(c);
            if columns == 0 || kept + w > columns - 1 {
                cut = start + i;
                break;
            }
            kept += w;
        }
        out.truncate(cut);
        if columns > 0 {
            out.push('…');
        }
        used = width(&out[start..]);
    }
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(used)));
}

/// At most `max` columns of `text`, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Exactly `columns` wide: truncated, then padded with spaces on the right.
pub fn pad(text: &str, columns: usize) -> String {
    let mut out = truncate(text, columns);
    let fill = columns.saturating_sub(width(&out));
    out.extend(std::iter::repeat_n(' ', fill));
    out
}

/// Punctuation that must not begin a line (避头点): it closes or follows what came before.
fn no_line_start(c: char) -> bool {
    "，。、；：！？）》」』”’…—,.;:!?)]}".contains(c)
}

/// Pieces a line may break between: one wide character, one space, or a run of narrow
/// characters without spaces (a Latin word, a number, a date) that stays whole when it can.
fn pieces(paragraph: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = None;
    for (i, c) in paragraph.char_indices() {
        let alone = c == ' ' || char_width(c) != 1;
        if alone {
            if let Some(s) = start.take() {
                pieces.push(&paragraph[s..i]);
            }
            pieces.push(&paragraph[i..i + c.len_utf8()]);
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        pieces.push(&paragraph[s..]);
    }
    pieces
}

/// Breaks `text` into lines of at most `columns` display columns. Existing line breaks are kept.
/// Chinese breaks between any two characters, never inside a wide one; a Latin word or a number
/// moves to the next line whole unless it is longer than a line; a closing punctuation mark never
/// begins a line (the character before it moves down with it); a space at a break is dropped.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(2);
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        let mut line: Vec<char> = Vec::new();
        let mut used = 0;
        for piece in pieces(paragraph) {
            let w = width(piece);
            if used + w > columns && !line.is_empty() {
                if piece == " " {
                    lines.push(line.drain(..).collect());
                    used = 0;
                    continue;
                }
                let mut carried = Vec::new();
                if piece.starts_with(no_line_start) && line.len() > 1 {
                    carried.extend(line.pop());
                }
                lines.push(line.drain(..).collect());
                used = carried.iter().map(|c| char_width(*c)).sum();
                line = carried;
            }
            if used + w <= columns {
                line.extend(piece.chars());
                used += w;
                continue;
            }
            // a word longer than a line is cut where the line ends
            for c in piece.chars() {
                let cw = char_width(c);
                if used + cw > columns && !line.is_empty() {
                    lines.push(line.drain(..).collect());
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line.into_iter().collect());
    }
    // a space that ended up last on a line is not shown
    for line in &mut lines {
        let kept = line.trim_end_matches(' ').len();
        line.truncate(kept);
    }
    lines
}

/// How many lines `wrap(text, columns)` gives, without making them: a paragraph that fits
/// on a line is one (most cells of a sheet are), only a longer one is wrapped. Fits as `wrap`
/// measures it, piece by piece (a piece can be wider than the same characters in a string:
/// `⌚\u{FE0E}`).
pub fn line_count(text: &str, columns: usize) -> usize {
    let columns = columns.max(2);
    text.split('\n')
        .map(|paragraph| {
            let fits = pieces(paragraph).iter().map(|p| width(p)).sum::<usize>() <= columns;
            if fits {
                1
            } else {
                wrap(paragraph, columns).len()
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_count_is_the_count_of_wrapped_lines() {
        let texts = [
            "",
            "\n",
            "市公安局",
            "开展专项整治，查处案件12起、收缴侵权盗版出版物3000余册。\n第二段",
            "a very long English sentence that wraps at word breaks, not inside words",
            "一二三四五六七八九十一二三四五，",
            "  ",
            "⌚\u{FE0E}⌚\u{FE0E}",
            "\u{1780}\u{17D2}\u{1780}",
        ];
        for text in texts {
            for columns in [0, 2, 3, 7, 8, 9, 16, 40] {
                let wrapped = wrap(text, columns).len();
                assert_eq!(line_count(text, columns), wrapped, "{text:?} in {columns}");
            }
        }
    }

    #[test]
    fn width_counts_columns() {
        assert_eq!(width("G1"), 2);
        assert_eq!(width("市公安局"), 8);
        assert_eq!(width("市“双打”办"), 10);
    }

    #[test]
    fn truncate_and_pad_by_columns() {
        assert_eq!(truncate("紧盯重点领域", 7), "紧盯重…");
        assert_eq!(truncate("紧盯重点领域", 12), "紧盯重点领域");
        assert_eq!(pad("市公安局", 10), "市公安局  ");
        assert_eq!(width(&pad("紧盯重点领域、重点行业", 9)), 9);
        assert_eq!(width(&pad("ab", 0)), 0);
    }

    /// The byte test agrees with `neutral_char` on every character there is, alone and
    /// between others.
    #[test]
    fn changed_by_cleaning_knows_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let changed = neutral_char(c) != c;
            assert_eq!(changed_by_cleaning(&c.to_string()), changed, "{c:?}");
            assert_eq!(changed_by_cleaning(&format!("“{c}”")), changed, "{c:?}");
        }
    }

    /// A table's cells, written in place, are those of `pad` and `clean_line`, whatever the
    /// text: cut or not, wide, control, joined or zero-width characters, any column count.
    #[test]
    fn push_padded_pads_as_pad_does() {
        let texts = [
            "",
            "G1",
            "市公安局",
            "紧盯重点领域、重点行业",
            "a\u{1b}[31mb\nc\td",
            "x\u{202e}y\u{200b}z",
            "⌚\u{FE0E}⌚\u{FE0E}⌚",
            "👨\u{200d}👩\u{200d}👧 家",
            "e\u{301}\u{301}abc",
            "ａｂｃ１２３",
        ];
        for text in texts {
            for columns in 0..=14 {
                let mut out = String::from("前");
                push_padded(&mut out, text, columns);
                let expected = format!("前{}", pad(&clean_line(text), columns));
                assert_eq!(out, expected, "{text:?} in {columns}");
            }
            let mut out = String::new();
            push_clean(&mut out, text);
            assert_eq!(out, clean_line(text));
        }
    }

    #[test]
    fn wrap_never_passes_the_edge() {
        let text =
            "省督查组指出，我市存在全省各地市都有的共性问题：侵权假冒案件办案量不达标。\n第二段";
        for columns in [5, 10, 11, 33] {
            let lines = wrap(text, columns);
            assert!(lines.iter().all(|l| width(l) <= columns), "{columns}");
            assert_eq!(lines.concat(), text.replace('\n', ""));
        }
        assert_eq!(wrap("ab\ncd", 10), vec!["ab", "cd"]);
        // a comma never begins a line: the character before it comes along
        assert_eq!(wrap("一二三，四", 6), vec!["一二", "三，四"]);
        assert_eq!(wrap("一二三。", 6), vec!["一二", "三。"]);
        // Latin words and numbers stay whole; the space at the break goes
        assert_eq!(
            wrap("use zhenggai list --json now", 12),
            vec!["use zhenggai", "list --json", "now"]
        );
        assert_eq!(
            wrap("日期20191231无效", 10),
            vec!["日期", "20191231无", "效"]
        );
        assert_eq!(wrap("abcdefghijkl", 5), vec!["abcde", "fghij", "kl"]);
    }

    #[test]
    fn control_characters_are_neutralised() {
        assert_eq!(clean_line("a\u{1b}[31mb\nc"), "a␛[31mb c");
        assert_eq!(clean_block("a\nb\u{7}"), "a\nb·");
        assert_eq!(clean_line("x\u{202e}y"), "x·y");
    }
}
