//! Readable text with a map back to the source.
//!
//! Rules match phrases against what a reader sees: markup stripped, entities decoded,
//! code, URLs and template tags hidden. `Prose` holds that text and, for every piece of
//! it, where it came from, so a match in prose becomes an exact source span.

use std::cell::{Cell, OnceCell};
use std::ops::Range;

/// Stands in for content a reader does not read as prose (code, a URL, a template tag):
/// it is not a word character, so phrases never match across or inside it.
pub const HIDDEN: char = '\u{FFFC}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Start in `Prose::text`.
    at: usize,
    /// Start in the source.
    src: usize,
    /// Length in the source.
    src_len: usize,
    /// True when the prose bytes are a byte-for-byte copy of the source bytes.
    verbatim: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    text: String,
    pieces: Vec<Piece>,
    derived: Derived,
}

/// The [`Views`] of a text, boxed on first use: a posting holds many `Prose` values
/// that are never asked, and a 400,000-item posting paid about 100 MB for empty cells
/// kept inline. Emptied by every change to the text; not part of equality. Cells, not
/// locks: a posting is built and read by one thread, and the locks' `Once` was a
/// seventieth of a many-file run (hundreds of views made per posting).
#[derive(Clone, Default)]
struct Derived(OnceCell<Box<Views>>);

/// Matching views of the text, made on first use and kept: section inference and
/// several rules ask for the same unit's view many times.
#[derive(Clone, Default)]
struct Views {
    shadow: OnceCell<Option<String>>,
    /// `None` when folding changes nothing (most ASCII text): no copy is kept.
    folded: OnceCell<Option<String>>,
    words: OnceCell<usize>,
    /// The content signals asked of the text (see [`Prose::signal`]): bit `2i` set
    /// once signal `i` was asked, bit `2i + 1` its answer.
    signals: Cell<u32>,
}

/// The new text when a view differs from the text, `None` when it is the same.
fn changed(view: std::borrow::Cow<'_, str>) -> Option<String> {
    match view {
        std::borrow::Cow::Borrowed(_) => None,
        std::borrow::Cow::Owned(o) => Some(o),
    }
}

impl Derived {
    fn get(&self) -> &Views {
        self.0.get_or_init(Box::default)
    }
}

impl PartialEq for Derived {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Derived {}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Derived")
    }
}

impl Prose {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text's ASCII shadow (see [`ascii_shadow`]): same length, same offsets.
    pub fn ascii(&self) -> &str {
        self.derived
            .get()
            .shadow
            .get_or_init(|| changed(ascii_shadow(&self.text)))
            .as_deref()
            .unwrap_or(&self.text)
    }

    /// The text folded for section signals (see [`super::vocabulary::fold`]); offsets
    /// differ from the text's.
    pub fn folded(&self) -> &str {
        self.derived
            .get()
            .folded
            .get_or_init(|| changed(super::vocabulary::fold(&self.text)))
            .as_deref()
            .unwrap_or(&self.text)
    }

    /// Whether content signal `id` (below 16) matches the text, as `ask` says: asked
    /// once. Section inference and the mention searches ask the same units (the
    /// company signal: one question in five was asked before).
    pub fn signal(&self, id: u8, ask: impl FnOnce(&str) -> bool) -> bool {
        let cell = &self.derived.get().signals;
        let (known, answer) = (1u32 << (2 * id), 1u32 << (2 * id + 1));
        if cell.get() & known != 0 {
            return cell.get() & answer != 0;
        }
        let yes = ask(self.folded());
        cell.set(cell.get() | known | if yes { answer } else { 0 });
        yes
    }

    /// How many words the text has (see [`word_count`]).
    pub fn word_count(&self) -> usize {
        *self
            .derived
            .get()
            .words
            .get_or_init(|| word_count(&self.text))
    }

    /// Every change to the text goes through here first.
    fn text_mut(&mut self) -> &mut String {
        if self.derived.0.get().is_some() {
            self.derived = Derived::default();
        }
        &mut self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Appends text that is an exact copy of `source[src..src + text.len()]`.
    pub fn push_verbatim(&mut self, text: &str, src: usize) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            if last.verbatim
                && last.src + last.src_len == src
                && last.at + last.src_len == self.text.len()
            {
                last.src_len += text.len();
                self.text_mut().push_str(text);
                return;
            }
        }
        self.pieces.push(Piece {
            at: self.text.len(),
            src,
            src_len: text.len(),
            verbatim: true,
        });
        self.text_mut().push_str(text);
    }

    /// Appends text that stands for the whole of `src` (a decoded entity, an escape, a
    /// hidden URL): a match touching it maps to all of `src`.
    pub fn push_replaced(&mut self, text: &str, src: Range<usize>) {
        if text.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            at: self.text.len(),
            src: src.start,
            src_len: src.end - src.start,
            verbatim: false,
        });
        self.text_mut().push_str(text);
    }

    /// Appends a separator (space or line break) that maps to a zero-width point.
    pub fn push_break(&mut self, text: &str, src: usize) {
        self.push_replaced(text, src..src);
    }

    /// Appends `text` found at `src`, hiding URLs, e-mail addresses and template tags
    /// inside it.
    pub fn push_text(&mut self, text: &str, src: usize, verbatim: bool) {
        if !verbatim {
            self.push_replaced(text, src..src + text.len().max(1));
            return;
        }
        let mark = crate::parse::mask::MASK_MARK;
        if text.contains(mark) {
            // The mark stands for a blanked template tag: read it as a space.
            let mut last = 0;
            for (i, _) in text.match_indices(mark) {
                self.push_text(&text[last..i], src + last, true);
                self.push_replaced(" ", src + i..src + i + mark.len_utf8());
                last = i + mark.len_utf8();
            }
            self.push_text(&text[last..], src + last, true);
            return;
        }
        let mut last = 0;
        for hidden in crate::parse::mask::hidden_spans(text) {
            self.push_verbatim(&text[last..hidden.start], src + last);
            self.push_replaced(&HIDDEN.to_string(), src + hidden.start..src + hidden.end);
            last = hidden.end;
        }
        self.push_verbatim(&text[last..], src + last);
    }

    pub fn append(&mut self, other: &Prose) {
        let base = self.text.len();
        self.text_mut().push_str(&other.text);
        self.pieces.extend(other.pieces.iter().map(|p| Piece {
            at: p.at + base,
            ..*p
        }));
    }

    fn piece_at(&self, offset: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.at <= offset);
        i.checked_sub(1).map(|i| &self.pieces[i])
    }

    /// Source offset of a prose offset, as the start of a span.
    pub fn source_start(&self, offset: usize) -> usize {
        match self.piece_at(offset) {
            Some(p) if p.verbatim => p.src + (offset - p.at).min(p.src_len),
            Some(p) => p.src,
            None => 0,
        }
    }

    /// Source offset of a prose offset, as the (exclusive) end of a span.
    pub fn source_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.source_start(0);
        }
        match self.piece_at(offset - 1) {
            Some(p) if p.verbatim => p.src + (offset - p.at).min(p.src_len),
            Some(p) => p.src + p.src_len,
            None => 0,
        }
    }

    /// Source span of a prose range. A range found on the ASCII shadow may have an edge
    /// inside a character (a pattern ending in `\W` stops within the spaces that stand
    /// for one symbol); it is widened to whole characters.
    pub fn source_span(&self, range: Range<usize>) -> Range<usize> {
        let range = self
            .text
            .floor_char_boundary(range.start.min(self.text.len()))
            ..self.text.ceil_char_boundary(range.end.min(self.text.len()));
        let start = self.source_start(range.start);
        let end = self.source_end(range.end).max(start);
        start..end
    }

    /// Source span of the whole text without leading and trailing white space.
    pub fn trimmed_span(&self) -> Range<usize> {
        let r = self.trimmed_range();
        self.source_span(r)
    }

    pub fn trimmed_range(&self) -> Range<usize> {
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len().max(start);
        start..end
    }

    /// A copy of a sub-range of this text, keeping its source map.
    pub fn slice(&self, range: Range<usize>) -> Prose {
        let mut out = Prose::new();
        if range.start >= range.end {
            return out;
        }
        let first = self
            .pieces
            .partition_point(|p| p.at <= range.start)
            .saturating_sub(1);
        for (i, p) in self.pieces.iter().enumerate().skip(first) {
            let p_end = self
                .pieces
                .get(i + 1)
                .map(|n| n.at)
                .unwrap_or(self.text.len());
            if p.at >= range.end {
                break;
            }
            let s = p.at.max(range.start);
            let e = p_end.min(range.end);
            if s >= e {
                continue;
            }
            let piece_text = &self.text[s..e];
            if p.verbatim {
                out.push_verbatim(piece_text, p.src + (s - p.at));
            } else {
                out.push_replaced(piece_text, p.src..p.src + p.src_len);
            }
        }
        out
    }

    /// Splits into lines at `\n`, keeping source maps.
    pub fn lines(&self) -> Vec<Prose> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, _) in self.text.match_indices('\n') {
            out.push(self.slice(start..i));
            start = i + 1;
        }
        out.push(self.slice(start..self.text.len()));
        out
    }
}

/// Words in `text`: runs of non-space characters with a letter or digit in them
/// ("-" and "&" alone are not words). A word is counted at its first letter or digit,
/// where the last character that was white space or alphanumeric was white space.
/// Runs of ASCII are counted 64 bytes at a time from their classes (see
/// `ascii_blocks`); a character outside ASCII (a curly quote, a dash, a letter) is
/// classified as `split_whitespace` and `is_alphanumeric` have it.
pub fn word_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    // 1 when the last white space or alphanumeric character was white space, as at
    // the start.
    let mut after_space = 1u64;
    if text.is_ascii() {
        return ascii_words(bytes, &mut after_space);
    }
    let mut words = 0;
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        words += ascii_words(&bytes[i..i + run], &mut after_space);
        i += run;
        if let Some(c) = text[i..].chars().next() {
            let alnum = c.is_alphanumeric();
            words += usize::from(alnum && after_space == 1);
            if c.is_whitespace() {
                after_space = 1;
            } else if alnum {
                after_space = 0;
            }
            i += c.len_utf8();
        }
    }
    words
}

/// The words of ASCII text that start in it (see [`word_count`]), from the classes of
/// 64 bytes at a time: about a quarter of the time of a table read a byte at a time.
/// `after_space` is carried in and out.
fn ascii_words(bytes: &[u8], after_space: &mut u64) -> usize {
    use super::ascii_blocks::{self, BLOCK};
    let mut words = 0;
    for chunk in bytes.chunks(BLOCK) {
        let c = ascii_blocks::classes(chunk);
        let alnum = c.letters | c.digits;
        // White space, and the state carried in, spread over the bytes after it that
        // are not alphanumeric.
        let spaced = ascii_blocks::spread(c.spaces | *after_space, !alnum);
        words += (alnum & ((spaced << 1) | *after_space)).count_ones() as usize;
        // The state after the chunk's last byte (bits past a short chunk's end are
        // of no class, so the spread reaches bit 63 just as from its last byte).
        *after_space = spaced >> 63;
    }
    words
}

/// A same-length ASCII copy of `text` for matching ASCII patterns: each other
/// character becomes `x`s when it is a letter or digit and spaces otherwise, one per
/// byte, so match ranges are ranges in `text`. The regex engine's fast path handles
/// Unicode word boundaries only on ASCII; one em dash would otherwise send a whole
/// posting through the slow engine.
pub fn ascii_shadow(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return text.into();
    }
    super::section_patterns::map_non_ascii(text, |c, out| {
        let fill = if c.is_alphanumeric() { 'x' } else { ' ' };
        out.extend(std::iter::repeat_n(fill, c.len_utf8()));
    })
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_is_asked_once_until_the_text_changes() {
        let mut p = Prose::new();
        p.push_verbatim("We build boats.", 0);
        let asked = Cell::new(0);
        let asked = &asked;
        let ask = |yes: bool| {
            move |_: &str| {
                asked.set(asked.get() + 1);
                yes
            }
        };
        assert!(p.signal(3, ask(true)));
        assert!(p.signal(3, ask(false)));
        assert!(!p.signal(4, ask(false)));
        assert!(!p.signal(4, ask(true)));
        assert_eq!(asked.get(), 2);
        p.push_verbatim(" We sell them.", 15);
        assert!(!p.signal(3, ask(false)));
        assert_eq!(asked.get(), 3);
    }

    #[test]
    fn word_count_agrees_on_ascii_and_unicode() {
        for (text, n) in [
            ("", 0),
            ("one two  three\n", 3),
            ("Build - and & ship 2 apps.", 5),
            ("a\u{0b}b\u{0c}c", 3),
            ("caf\u{e9} \u{2014} menu", 2),
            ("a\u{a0}b\u{2003}c\u{3000}\u{65e5}\u{672c}", 4),
            ("\u{2014}\u{2014} \u{201c}x\u{201d}\u{85}\u{1680}y", 2),
        ] {
            assert_eq!(word_count(text), n, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn word_count_is_split_whitespace_across_blocks(
            text in "[ab9 \\t\\n\\x0b\\x1c&.'\u{e9}\u{2014}\u{a0}\u{201c}\u{3000}-]{0,300}"
        ) {
            let general = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            proptest::prop_assert_eq!(word_count(&text), general);
        }
    }

    #[test]
    fn word_count_is_the_general_one() {
        let general = |t: &str| {
            t.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        let alphabet = [
            "a", "b", " ", "Z", "9", "-", "&", "'", ".", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c",
            "_", " ", "(", "\u{e9}", "\u{2014}", "\u{a0}", "\u{3000}", "\u{65e5}", "\u{201c}",
            "\u{85}", "\u{1680}", "\u{2003}", "\u{660}",
        ];
        let mut seed: u64 = 7;
        for _ in 0..5000 {
            let mut text = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for _ in 0..(seed >> 60) * 3 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            assert_eq!(word_count(&text), general(&text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_shadow_is_the_char_by_char_mapping(text in "(a|Z|9| |\\.|é|—|“|’|ß|中|😀|\u{301}){0,40}") {
            let mut expected = String::new();
            for c in text.chars() {
                let fill = match c {
                    c if c.is_ascii() => c,
                    c if c.is_alphanumeric() => 'x',
                    _ => ' ',
                };
                let n = if c.is_ascii() { 1 } else { c.len_utf8() };
                expected.extend(std::iter::repeat_n(fill, n));
            }
            proptest::prop_assert_eq!(ascii_shadow(&text), expected);
        }
    }

    #[test]
    fn ascii_shadow_keeps_byte_offsets() {
        let text = "Café — “rockstar” wanted";
        let shadow = ascii_shadow(text);
        assert_eq!(shadow.len(), text.len());
        assert!(shadow.is_ascii());
        let at = shadow.find("rockstar").unwrap();
        assert_eq!(&text[at..at + 8], "rockstar");
        assert!(shadow.starts_with("Cafxx "));
    }

    #[test]
    fn maps_verbatim_and_replaced_pieces() {
        // source: "Tom &amp; Jerry"
        let mut p = Prose::new();
        p.push_verbatim("Tom ", 0);
        p.push_replaced("&", 4..9);
        p.push_verbatim(" Jerry", 9);
        assert_eq!(p.as_str(), "Tom & Jerry");
        assert_eq!(p.source_span(0..3), 0..3);
        assert_eq!(p.source_span(4..5), 4..9);
        assert_eq!(p.source_span(6..11), 10..15);
        assert_eq!(p.source_span(2..7), 2..11);
    }

    #[test]
    fn hides_urls() {
        let mut p = Prose::new();
        let src = "see https://rock.star/ninja now";
        p.push_text(src, 0, true);
        assert!(!p.as_str().contains("ninja"));
        let now = p.as_str().find("now").unwrap();
        assert_eq!(p.source_span(now..now + 3), 28..31);
    }

    #[test]
    fn slices_and_lines_keep_the_map() {
        let mut p = Prose::new();
        p.push_verbatim("ab", 10);
        p.push_break("\n", 12);
        p.push_verbatim("cd", 20);
        let lines = p.lines();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].as_str(), "cd");
        assert_eq!(lines[1].source_span(0..2), 20..22);
        assert_eq!(lines[0].source_span(0..2), 10..12);
    }
}
