//! Content that is in the file but is not prose a reader sees: HTML comments,
//! template tags (Liquid, Jinja, Handlebars), URLs and e-mail addresses.

use std::ops::Range;
use std::sync::LazyLock;

use crate::posting::capture_regex::CaptureRegex;

/// Returns a copy of `text` of the same byte length in which HTML comments and
/// template tags (and whole `{% comment %}`/`{% raw %}` blocks) are replaced by spaces,
/// keeping line breaks, so a parser run on it yields offsets valid in `text`.
/// Also returns the ranges that were blanked.
pub fn blank_non_prose(text: &str) -> (String, Vec<Range<usize>>) {
    let ranges = non_prose_ranges(text);
    if ranges.is_empty() {
        return (text.to_string(), ranges);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for r in &ranges {
        out.push_str(&text[last..r.start]);
        let mut chars = text[r.clone()].chars().peekable();
        // A tag at the start of a line with text after it would leave that text
        // indented, which Markdown reads as a code block; a leading zero-width
        // space (not white space to CommonMark) keeps the line a paragraph.
        if opens_line_with_text_after(text, r) {
            out.push(MASK_MARK);
            let mut width = 0;
            while width < MASK_MARK.len_utf8() {
                width += chars.next().map_or(1, char::len_utf8);
            }
            out.extend(std::iter::repeat_n(' ', width - MASK_MARK.len_utf8()));
        }
        for c in chars {
            match c {
                '\n' | '\r' => out.push(c),
                _ => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
            }
        }
        last = r.end;
    }
    out.push_str(&text[last..]);
    (out, ranges)
}

/// Written at the start of a blanked tag that begins a line; prose readers treat it as
/// a space.
pub const MASK_MARK: char = '\u{200B}';

fn opens_line_with_text_after(text: &str, r: &Range<usize>) -> bool {
    let line_start = text[..r.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before_blank = text[line_start..r.start].trim().is_empty();
    let rest = &text[r.end..];
    let line_rest = &rest[..super::line_break(rest).unwrap_or(rest.len())];
    let first_line_len = super::line_break(&text[r.clone()]).unwrap_or(r.len());
    before_blank && !line_rest.trim().is_empty() && first_line_len >= MASK_MARK.len_utf8()
}

/// Ranges of HTML comments and template tags, in order and not overlapping.
pub fn non_prose_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        // Every opener starts with `<` or `{`: skip to the next one (ASCII, so always
        // a character boundary) instead of testing each character.
        match memchr::memchr2(b'<', b'{', &bytes[i..]) {
            Some(p) => i += p,
            None => break,
        }
        if i + 1 >= bytes.len() {
            break;
        }
        let rest = &text[i..];
        let found = if rest.starts_with("<!--") {
            Some(find_end(text, i + 4, "-->").unwrap_or(text.len()))
        } else if rest.starts_with("{%") {
            find_end(text, i + 2, "%}").map(|end| {
                let tag =
                    text[i + 2..end - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
                let word = tag.split_whitespace().next().unwrap_or("");
                match word {
                    "comment" => block_end(text, end, "endcomment"),
                    "raw" => block_end(text, end, "endraw"),
                    _ => end,
                }
            })
        } else if rest.starts_with("{{") {
            find_end(text, i + 2, "}}")
        } else if rest.starts_with("{#") {
            find_end(text, i + 2, "#}")
        } else {
            None
        };
        match found {
            Some(end) => {
                out.push(i..end);
                i = end;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// End (exclusive) of `close` searched from `from`; template tags must close within
/// a bounded distance so a stray `{{` in prose does not swallow the file.
fn find_end(text: &str, from: usize, close: &str) -> Option<usize> {
    let limit = if close == "-->" {
        text.len()
    } else {
        (from + 4096).min(text.len())
    };
    let hay = text.get(from..limit).or_else(|| text.get(from..))?;
    hay.find(close).map(|p| from + p + close.len())
}

/// End of a `{% comment %}` style block: after its `{% endcomment %}` tag, or at the
/// end of the opening tag if the block is never closed.
fn block_end(text: &str, from: usize, end_word: &str) -> usize {
    let mut i = from;
    while let Some(p) = text[i..].find("{%") {
        let start = i + p;
        let Some(end) = find_end(text, start + 2, "%}") else {
            break;
        };
        let tag = text[start + 2..end - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        if tag.split_whitespace().next() == Some(end_word) {
            return end;
        }
        i = end;
    }
    from
}

/// The first word of a template tag (`{%- if x -%}` -> `if`).
fn tag_word(tag: &str) -> Option<&str> {
    let inner = tag.strip_prefix("{%")?.strip_suffix("%}")?;
    inner
        .trim_matches(|c: char| c == '-' || c == '~' || c.is_whitespace())
        .split_whitespace()
        .next()
}

/// Branches of template conditionals: for each `if`/`unless`/`case` block, the
/// ranges of its branches, split at `elsif`/`elif`/`else`/`when`, inner blocks first.
pub fn template_branches(text: &str, hidden: &[Range<usize>]) -> Vec<Vec<Range<usize>>> {
    let mut done = Vec::new();
    // Open blocks: finished branches and where the current one starts.
    let mut open: Vec<(Vec<Range<usize>>, usize)> = Vec::new();
    for r in hidden {
        let Some(word) = tag_word(&text[r.clone()]) else {
            continue;
        };
        match word {
            "if" | "unless" | "case" => open.push((Vec::new(), r.end)),
            "elsif" | "elif" | "else" | "when" => {
                if let Some((branches, from)) = open.last_mut() {
                    branches.push(*from..r.start);
                    *from = r.end;
                }
            }
            "endif" | "endunless" | "endcase" => {
                if let Some((mut branches, from)) = open.pop() {
                    branches.push(from..r.start);
                    done.push(branches);
                }
            }
            _ => {}
        }
    }
    done
}

// ASCII word classes and boundaries: Unicode ones made this pattern about a
// millisecond to compile, paid by every run with an address in a posting, and a
// Unicode `\b` sends text with any non-ASCII character to a slower engine. An e-mail
// address with non-ASCII letters ("josé@example.com") is no longer hidden whole;
// corpus findings are the same either way.
static HIDDEN_IN_TEXT: LazyLock<CaptureRegex> = LazyLock::new(|| {
    CaptureRegex::new(
        r"(?xi)
        (?-u:\b)(?:https?|ftp)://[^\s<>\x22'`]+[^\s<>\x22'`.,;:!?)\]]
        | (?-u:\b)mailto:[^\s<>]+
        | (?-u:\b)www\.[^\s<>\x22'`]+[^\s<>\x22'`.,;:!?)\]]
        | [0-9A-Za-z_.+-]+@[0-9A-Za-z_-]+(?:\.[0-9A-Za-z_-]+)+
        | (?-u:\b)[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|gov|edu|co|ai|dev|app|uk|ca|de|eu)/[^\s<>\x22'`]*[^\s<>\x22'`.,;:!?)\]]
        ",
    )
    .expect("static regex")
});

/// What each alternative of `HIDDEN_IN_TEXT` needs in its match, in any case: a scheme,
/// `mailto:`, `www.`, an `@`, or a top-level domain before a `/` (also with the Kelvin
/// sign, which `(?i)` reads as a "k").
const ADDRESS_MARKS: &[&str] = &[
    "://",
    "mailto:",
    "www.",
    "@",
    ".com/",
    ".org/",
    ".net/",
    ".io/",
    ".gov/",
    ".edu/",
    ".co/",
    ".ai/",
    ".dev/",
    ".app/",
    ".uk/",
    ".u\u{212A}/",
    ".ca/",
    ".de/",
    ".eu/",
];

static ADDRESS_MARK: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(ADDRESS_MARKS)
        .expect("literal patterns")
});

/// Ranges of URLs and e-mail addresses inside a run of text.
pub fn hidden_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    // One pass for the two bytes most marks hold ("://", "@", ".com/"), then the two
    // marks without them.
    static WWW: LazyLock<memchr::memmem::Finder> =
        LazyLock::new(|| memchr::memmem::Finder::new("www."));
    static MAILTO: LazyLock<memchr::memmem::Finder> =
        LazyLock::new(|| memchr::memmem::Finder::new("mailto:"));
    let b = text.as_bytes();
    let quick = memchr::memchr2(b'/', b'@', b).is_some()
        || WWW.find(b).is_some()
        || MAILTO.find(b).is_some();
    // A "/" alone ("and/or", "CI/CD") let most texts through to the regex, whose
    // `\w` classes send it to a slow engine on non-ASCII text: 8% of a large run.
    // Only a text with one of the marks can hold a match.
    (quick && ADDRESS_MARK.is_match(text))
        .then(|| HIDDEN_IN_TEXT.find_all(text))
        .into_iter()
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_texts_with_an_address_mark_can_hold_an_address() {
        let texts = [
            "and/or CI/CD 24/7 a/b/c",
            "see example.com/jobs or EXAMPLE.ORG/x, shop.co.uk/path",
            "mail jobs@example.com or MAILTO:a@b.c, Www.Example.com and http://x.io",
            "caf\u{e9}.com/men\u{fc} jos\u{e9}@exampl\u{e9}.de \u{2019}www.a.eu/\u{2019}",
            "weird.u\u{212A}/path and .UK/x and example.dev/ and mailto:x",
            "no marks here at all, just text with a slash / and dots.",
        ];
        for text in texts {
            let all: Vec<_> = HIDDEN_IN_TEXT.find_all(text);
            if !ADDRESS_MARK.is_match(text) {
                assert!(all.is_empty(), "{text}: {all:?}");
            }
            // Piece by piece too: every match holds a mark.
            for r in &all {
                assert!(ADDRESS_MARK.is_match(&text[r.clone()]), "{text}: {r:?}");
            }
        }
    }

    #[test]
    fn blanks_comments_and_template_tags() {
        let src = "a <!-- x\ny --> b {{ page.title }} c {% if x %}d{% endif %}";
        let (masked, ranges) = blank_non_prose(src);
        assert_eq!(masked.len(), src.len());
        assert_eq!(ranges.len(), 4);
        assert!(masked.contains('\n'));
        assert!(!masked.contains("page"));
        assert!(masked.contains('d'));
    }

    #[test]
    fn comment_blocks_are_hidden_whole() {
        let src = "x {% comment %} hidden ninja {% endcomment %} y";
        let (masked, _) = blank_non_prose(src);
        assert!(!masked.contains("ninja"));
        assert!(masked.ends_with('y'));
    }

    #[test]
    fn a_tag_opening_a_line_does_not_indent_its_text() {
        let src = "{{ page.org }} is a small office.";
        let (masked, _) = blank_non_prose(src);
        assert_eq!(masked.len(), src.len());
        assert!(masked.starts_with(MASK_MARK));
        let (masked, _) = blank_non_prose("{% include x.html %}\nText");
        assert!(!masked.contains(MASK_MARK));
    }

    #[test]
    fn stray_braces_are_left_alone() {
        let src = "a {{ never closed";
        let (masked, ranges) = blank_non_prose(src);
        assert_eq!(masked, src);
        assert!(ranges.is_empty());
    }

    #[test]
    fn conditional_branches() {
        let src = "{% if a %}one{% elsif b %}two{% else %}three{% endif %} after";
        let (_, hidden) = blank_non_prose(src);
        let b = template_branches(src, &hidden);
        assert_eq!(b.len(), 1);
        let parts: Vec<_> = b[0].iter().map(|r| &src[r.clone()]).collect();
        assert_eq!(parts, ["one", "two", "three"]);
    }

    #[test]
    fn finds_urls_and_emails() {
        let t = "mail jo@acme.io or see https://acme.io/rockstar, and acme.com/ninja.";
        let spans: Vec<_> = hidden_spans(t).map(|r| &t[r]).collect();
        assert_eq!(
            spans,
            ["jo@acme.io", "https://acme.io/rockstar", "acme.com/ninja"]
        );
    }
}
