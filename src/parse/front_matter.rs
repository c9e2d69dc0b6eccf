//! YAML front matter (`---` ... `---`) at the top of a Markdown posting.
//!
//! Postings use a small part of YAML: top-level keys whose values are scalars, block
//! scalars, lists of scalars, or nested maps. This reader covers exactly that and keeps
//! a byte span for every key and value, which a general YAML library would not give;
//! anything it does not understand is kept as plain text rather than rejected, because
//! a posting with odd front matter must still be linted.

use std::ops::Range;

use crate::posting::prose::Prose;

#[derive(Debug, Clone)]
pub struct FrontMatter {
    /// The whole block, delimiters included.
    pub span: Range<usize>,
    /// Where the body after the closing delimiter starts.
    pub body_start: usize,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The key as written.
    pub key: String,
    pub key_span: Range<usize>,
    /// Span of the key line through the end of its value.
    pub span: Range<usize>,
    /// Scalar value, or one entry per list item / nested value.
    pub values: Vec<Prose>,
    /// True when the value was a list (or nested map) rather than one scalar.
    pub is_list: bool,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key.eq_ignore_ascii_case(key))
    }
}

impl Field {
    /// The scalar text (first value), trimmed.
    pub fn text(&self) -> &str {
        self.values.first().map(|p| p.as_str().trim()).unwrap_or("")
    }
}

struct Line<'a> {
    start: usize,
    text: &'a str,
}

fn lines_of(text: &str, from: usize) -> impl Iterator<Item = Line<'_>> {
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let (len, term) = match super::line_break(rest) {
            Some(i) => {
                let t = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (i, t)
            }
            None => (rest.len(), 0),
        };
        let line = Line {
            start: pos,
            text: &rest[..len],
        };
        pos += len + term;
        Some(line)
    })
}

/// Finds and reads front matter starting at `start` (after any byte-order mark).
/// Returns `None` when there is none or when it is never closed.
pub fn parse(text: &str, start: usize) -> Option<FrontMatter> {
    let mut lines = lines_of(text, start);
    let first = lines.next()?;
    if first.text.trim_end() != "---" {
        return parse_unfenced(text, start);
    }
    let mut body: Vec<Line> = Vec::new();
    let mut close = None;
    for line in lines {
        let t = line.text.trim_end();
        if t == "---" || t == "..." {
            close = Some(line);
            break;
        }
        body.push(line);
    }
    let close = close?;
    Some(FrontMatter {
        span: start..close.start + close.text.len(),
        body_start: next_line(text, close.start + close.text.len()),
        fields: read_fields(&body),
    })
}

/// Offset just past the line terminator at `at` (or `at` if there is none).
fn next_line(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + if rest.starts_with("\r\n") {
        2
    } else {
        usize::from(rest.starts_with(['\n', '\r']))
    }
}

/// Front matter whose opening `---` was lost: the file starts with `key: value`, and
/// every line up to a `---` line looks like YAML. Site generators would show it as
/// text, but it is plainly metadata, not prose.
fn parse_unfenced(text: &str, start: usize) -> Option<FrontMatter> {
    let mut body: Vec<Line> = Vec::new();
    // A file cut off mid-comment may start with a stray line or two.
    let mut stray = 0;
    for line in lines_of(text, start) {
        let t = line.text.trim_end();
        if t == "---" {
            let keys = body
                .iter()
                .filter(|l| indent(l.text) == 0 && split_key(l.text).is_some())
                .count();
            if keys == 0 || (stray > 0 && keys < 3) {
                return None;
            }
            let end_of_close = line.start + line.text.len();
            return Some(FrontMatter {
                span: start..end_of_close,
                body_start: next_line(text, end_of_close),
                fields: read_fields(&body),
            });
        }
        let yamlish = is_blank_or_comment(t)
            || indent(t) > 0
            || t.starts_with("- ")
            || (split_key(t).is_some() && !t.starts_with(['*', '<', '[']));
        if !yamlish {
            stray += 1;
            if stray > 2 || body.len() > 3 {
                return None;
            }
        }
        if body.len() > 2000 {
            return None;
        }
        body.push(line);
    }
    None
}

fn indent(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t']).len()
}

fn is_blank_or_comment(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || t.starts_with('#')
}

/// Splits a `key: value` line into key and value offsets (relative to the line).
fn split_key(line: &str) -> Option<(Range<usize>, usize)> {
    let ind = indent(line);
    let rest = &line[ind..];
    if rest.starts_with(['-', '#', '[', '{', '"', '\'']) {
        return None;
    }
    let colon = rest
        .char_indices()
        .find(|&(i, c)| c == ':' && rest[i + 1..].chars().next().is_none_or(char::is_whitespace))?
        .0;
    let key = rest[..colon].trim_end();
    if key.is_empty() {
        return None;
    }
    let value_at = ind + colon + 1;
    let value_at = value_at + indent(&line[value_at..]);
    Some((ind..ind + key.len(), value_at))
}

fn read_fields(lines: &[Line]) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if is_blank_or_comment(line.text) || indent(line.text) > 0 {
            i += 1;
            continue;
        }
        let Some((key_range, value_at)) = split_key(line.text) else {
            i += 1;
            continue;
        };
        // The value's continuation: following lines that are indented, blank, or list
        // items at column 0 (YAML allows `key:\n- item`).
        let mut j = i + 1;
        while j < lines.len() {
            let t = lines[j].text;
            if t.trim().is_empty()
                || indent(t) > 0
                || t.starts_with("- ")
                || t == "-"
                || t.starts_with('#')
            {
                j += 1;
            } else {
                break;
            }
        }
        // Trailing blank lines are not part of the value.
        while j > i + 1 && lines[j - 1].text.trim().is_empty() {
            j -= 1;
        }
        let inline = &line.text[value_at..];
        let (values, is_list) = read_value(inline, line.start + value_at, &lines[i + 1..j]);
        let last = &lines[j - 1];
        fields.push(Field {
            key: line.text[key_range.clone()].to_string(),
            key_span: line.start + key_range.start..line.start + key_range.end,
            span: line.start..last.start + last.text.len(),
            values,
            is_list,
        });
        i = j;
    }
    fields
}

/// Strips a trailing ` # comment` from a plain scalar.
fn strip_comment(s: &str) -> &str {
    match s.find(" #") {
        Some(i) => &s[..i],
        None => s,
    }
}

fn push_scalar(p: &mut Prose, text: &str, at: usize) {
    // A `#` inside quotes is text, not a comment; what follows the closing quote is.
    let lead_ws = text.len() - text.trim_start().len();
    let body = &text[lead_ws..];
    let text = match body.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let close = body[1..]
                .char_indices()
                .find(|&(i, c)| c == q && (q == '\'' || !body[1..1 + i].ends_with('\\')))
                .map_or(body.len(), |(i, _)| i + 2);
            &text[..lead_ws + close]
        }
        _ => strip_comment(text),
    };
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    let double = trimmed.len() >= 2 && trimmed.starts_with('"') && trimmed.ends_with('"');
    let single = trimmed.len() >= 2 && trimmed.starts_with('\'') && trimmed.ends_with('\'');
    if double {
        push_unescaped(p, &trimmed[1..trimmed.len() - 1], at + lead + 1);
    } else if single {
        p.push_text(&trimmed[1..trimmed.len() - 1], at + lead + 1, true);
    } else {
        p.push_text(trimmed, at + lead, true);
    }
}

/// A double-quoted YAML string: `\n`, `\r`, `\t`, `\"` and `\\` escapes.
fn push_unescaped(p: &mut Prose, s: &str, at: usize) {
    let mut last = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'\\' {
            let decoded = match bytes[i + 1] {
                b'n' => Some("\n"),
                b'r' => Some(""),
                b't' => Some(" "),
                b'"' => Some("\""),
                b'\\' => Some("\\"),
                _ => None,
            };
            if let Some(d) = decoded {
                p.push_text(&s[last..i], at + last, true);
                if !d.is_empty() {
                    p.push_replaced(d, at + i..at + i + 2);
                }
                i += 2;
                last = i;
                continue;
            }
        }
        i += 1;
    }
    p.push_text(&s[last..], at + last, true);
}

fn read_value(inline: &str, inline_at: usize, rest: &[Line]) -> (Vec<Prose>, bool) {
    let inline_t = strip_comment(inline).trim();
    // Block scalar: every following line is text.
    if inline_t.starts_with('|') || inline_t.starts_with('>') {
        let mut p = Prose::new();
        for line in rest.iter().filter(|l| !l.text.trim().is_empty()) {
            if !p.as_str().is_empty() {
                p.push_break("\n", line.start);
            }
            let ind = indent(line.text);
            p.push_text(line.text[ind..].trim_end(), line.start + ind, true);
        }
        return (vec![p], false);
    }
    // Flow sequence on one line: [a, b, c]
    if inline_t.starts_with('[') && inline_t.ends_with(']') {
        let inner_at = inline_at + inline.find('[').unwrap_or(0) + 1;
        let inner = &inline_t[1..inline_t.len() - 1];
        let mut values = Vec::new();
        let mut off = 0;
        for part in inner.split(',') {
            let mut p = Prose::new();
            push_scalar(&mut p, part, inner_at + off);
            if !p.is_empty() {
                values.push(p);
            }
            off += part.len() + 1;
        }
        return (values, true);
    }
    if !inline_t.is_empty() {
        // Plain or quoted scalar, possibly folded over indented lines.
        let mut p = Prose::new();
        push_scalar(&mut p, inline, inline_at);
        for line in rest.iter().filter(|l| !is_blank_or_comment(l.text)) {
            p.push_break(" ", line.start);
            let ind = indent(line.text);
            let t = line.text[ind..].trim_end();
            let t = t.strip_suffix(['"', '\'']).unwrap_or(t);
            p.push_text(t, line.start + ind, true);
        }
        return (vec![p], false);
    }
    // Nested block: list items and nested `key: value` pairs, each one value.
    let mut values: Vec<Prose> = Vec::new();
    let mut current: Option<(Prose, usize)> = None;
    for line in rest.iter().filter(|l| !is_blank_or_comment(l.text)) {
        let ind = indent(line.text);
        let body = &line.text[ind..];
        let (item_at, item) = if let Some(after) = body
            .strip_prefix("- ")
            .or_else(|| body.strip_prefix('-').filter(|a| a.is_empty()))
        {
            let off = ind + (body.len() - after.len());
            (Some(off), after)
        } else {
            (None, body)
        };
        let starts_value = item_at.is_some() || split_key(line.text).is_some();
        if starts_value {
            if let Some((p, _)) = current.take() {
                if !p.is_empty() {
                    values.push(p);
                }
            }
            let base = item_at.unwrap_or(ind);
            // `- key: value` or `key: value`: the value is the text.
            let mut p = Prose::new();
            match split_key(item) {
                Some((_, v_at)) => push_scalar(&mut p, &item[v_at..], line.start + base + v_at),
                None => push_scalar(&mut p, item, line.start + base),
            }
            current = Some((p, ind));
        } else if let Some((p, _)) = current.as_mut() {
            // Continuation of a wrapped list item.
            p.push_break(" ", line.start);
            p.push_text(body.trim_end(), line.start + ind, true);
        }
    }
    if let Some((p, _)) = current {
        if !p.is_empty() {
            values.push(p);
        }
    }
    (values, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_scalars_lists_and_spans() {
        let src = "---\ntitle: \"Data Engineer\" # note\nsalary_min: '90,000'\nkey objectives:\n  - Build things\n    that matter\n  - Ship them\ntags: [a, b]\ndesc: >\n  One\n  two\n---\nBody";
        let fm = parse(src, 0).unwrap();
        assert_eq!(fm.get("title").unwrap().text(), "Data Engineer");
        let t = fm.get("title").unwrap();
        let r = t.values[0].trimmed_span();
        assert_eq!(&src[r], "Data Engineer");
        assert_eq!(fm.get("salary_min").unwrap().text(), "90,000");
        let ko = fm.get("key objectives").unwrap();
        assert!(ko.is_list);
        assert_eq!(ko.values.len(), 2);
        assert_eq!(ko.values[0].as_str(), "Build things that matter");
        assert_eq!(fm.get("tags").unwrap().values.len(), 2);
        assert_eq!(fm.get("desc").unwrap().text(), "One\ntwo");
        assert_eq!(&src[fm.body_start..], "Body");
    }

    #[test]
    fn front_matter_without_its_opening_fence() {
        let src = "title: A\n# a comment\nopens: 2024\n---\nBody";
        let fm = parse(src, 0).unwrap();
        assert_eq!(fm.get("title").unwrap().text(), "A");
        assert_eq!(&src[fm.body_start..], "Body");
        assert!(parse("Salary: 5\nWe are hiring.\n---\n", 0).is_none());
    }

    #[test]
    fn unterminated_front_matter_is_not_front_matter() {
        assert!(parse("---\ntitle: x\nno end", 0).is_none());
        assert!(parse("We need help.\n---\n", 0).is_none());
    }

    #[test]
    fn double_quoted_escapes() {
        let src = "---\ndeliverables: \"- Logo\\r\\n- Icons\"\n---\n";
        let fm = parse(src, 0).unwrap();
        assert_eq!(fm.get("deliverables").unwrap().text(), "- Logo\n- Icons");
    }

    #[test]
    fn crlf_front_matter() {
        let src = "---\r\ntitle: A\r\n---\r\nBody";
        let fm = parse(src, 0).unwrap();
        assert_eq!(fm.get("title").unwrap().text(), "A");
        assert_eq!(&src[fm.body_start..], "Body");
    }
}
