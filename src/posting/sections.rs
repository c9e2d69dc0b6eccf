//! From blocks to sections: recognise headings however a posting marks them, classify
//! each section with the vocabulary, infer kinds from content where headings say
//! nothing, and extract the facts rules need (title, pay, mentions).

use std::ops::Range;

use super::block::{Block, BlockKind};
use super::pay::{self, PayKind, PayMention};
use super::prose::{word_count, Prose};
use super::vocabulary::{Signal, Vocabulary};
use super::{experience, location};
use super::{
    Format, Heading, HeadingStyle, Mention, Origin, Posting, Section, SectionKind, Title,
    TitleSource, Unit, UnitKind,
};
use crate::parse::front_matter::FrontMatter;

/// Longest heading recognised from its look alone, in words.
const MAX_HEADING_WORDS: usize = 10;
/// Longest `Label:` before inline content, in words.
const MAX_LABEL_WORDS: usize = 5;
/// Longest line taken as a heading because the vocabulary knows it, in words.
const MAX_KNOWN_WORDS: usize = 6;

enum Piece {
    /// `paragraph` is set for headings recognised in a paragraph's line.
    Heading {
        prose: Prose,
        level: u8,
        style: HeadingStyle,
        paragraph: Option<u32>,
    },
    /// `Label: content` where the label names a known section.
    Labelled {
        label: Prose,
        content: Unit,
        kind: SectionKind,
    },
    Unit(Unit),
}

pub fn build(
    text: &str,
    format: Format,
    front_matter: Option<FrontMatter>,
    blocks: Vec<Block>,
    hidden: Vec<Range<usize>>,
    body_start: usize,
) -> Posting {
    let vocab = Vocabulary::get();
    let mut doc_title: Option<Prose> = None;
    // The blocks are used up: a huge posting does not hold three versions of itself at
    // once.
    let pieces = pieces(blocks, format, vocab, &mut doc_title);
    let mut sections = assemble(pieces, vocab);
    let has_title = doc_title.is_some()
        || front_matter.as_ref().is_some_and(|fm| {
            TITLE_KEYS
                .iter()
                .any(|k| fm.get(k).is_some_and(|f| !f.text().is_empty()))
        });
    mark_title(&mut sections, has_title);
    for s in sections.iter_mut() {
        infer_kind(s, vocab);
    }
    if let Some(fm) = &front_matter {
        sections.extend(front_matter_sections(fm, vocab));
    }
    sections.extend(include_sections(text, &hidden, vocab));
    sections.sort_by_key(|s| s.span.start);

    let title = find_title(front_matter.as_ref(), &sections, doc_title.as_ref()).or_else(|| {
        (format == Format::Text)
            .then(|| first_line_title(&sections, vocab))
            .flatten()
    });
    let pay = find_pay(front_matter.as_ref(), &sections);
    let experience = sections
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.units.iter().flat_map(move |u| {
                experience::find_in(&u.prose)
                    .into_iter()
                    .map(move |c| (i, c))
            })
        })
        .collect();
    let locations = location::find(front_matter.as_ref(), &sections, title.as_ref());
    let directives = crate::suppression::find(text, format, front_matter.as_ref());
    Posting {
        format,
        front_matter,
        sections,
        title,
        pay,
        mentions: Default::default(),
        experience,
        locations,
        directives,
        branches: crate::parse::mask::template_branches(text, &hidden),
        hidden,
        body_start,
    }
}

/// True when `range` (trimmed) of the line is covered by bold runs.
fn covered(strong: &[Range<usize>], range: Range<usize>) -> bool {
    if range.is_empty() {
        return false;
    }
    let mut at = range.start;
    loop {
        match strong.iter().find(|r| r.start <= at && r.end > at) {
            Some(r) if r.end >= range.end => return true,
            Some(r) => at = r.end,
            None => return false,
        }
    }
}

fn trimmed(s: &str, r: Range<usize>) -> Range<usize> {
    let sub = &s[r.clone()];
    let start = r.start + (sub.len() - sub.trim_start().len());
    let end = r.start + sub.trim_end().len();
    start..end.max(start)
}

/// An ALL-CAPS heading: upper-case words, not a code or figure ("3.6 LPA CTC").
fn is_all_caps(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let visible = s.chars().filter(|c| !c.is_whitespace()).count();
    s.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && !s.chars().any(|c| c.is_ascii_digit())
        && s.split_whitespace()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        && letters * 10 >= visible * 7
}

/// Splits `Label: rest` (trimmed ranges) when the label is short and reads like one.
fn split_label(s: &str, t: Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    let text = &s[t.clone()];
    let colon = text.find(':')?;
    let label_r = trimmed(s, t.start..t.start + colon);
    let label = &s[label_r.clone()];
    let rest_r = trimmed(s, t.start + colon + 1..t.end);
    let label_words = word_count(label);
    let plausible = (1..=MAX_LABEL_WORDS).contains(&label_words)
        && starts_upper(label)
        && !label.contains(['.', '!', '?', '(', ')'])
        && label.chars().any(char::is_alphabetic);
    plausible.then_some((label_r, rest_r))
}

/// A `Label: content` line whose label names a known kind of section.
fn labelled(
    line: &Prose,
    label_r: Range<usize>,
    rest_r: Range<usize>,
    paragraph: u32,
    vocab: &Vocabulary,
) -> Option<Piece> {
    let kind = vocab.classify(&line.as_str()[label_r.clone()]);
    if kind == SectionKind::Other {
        return None;
    }
    let content = line.slice(rest_r);
    Some(Piece::Labelled {
        label: line.slice(label_r),
        content: Unit {
            kind: UnitKind::Line { paragraph },
            span: content.trimmed_span(),
            prose: content,
        },
        kind,
    })
}

fn starts_upper(s: &str) -> bool {
    s.trim_start()
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Classifies a line of a paragraph: a heading, a `Label: content` line, or prose.
#[derive(Clone, Copy)]
struct LineContext {
    format: Format,
    paragraph: u32,
    first_line: bool,
    whole_paragraph: bool,
    next_is_item: bool,
    /// The next line of the paragraph starts in lower case: this one is mid-sentence.
    next_continues: bool,
}

fn line_role(
    line: &Prose,
    strong: &[Range<usize>],
    links: &[Range<usize>],
    lc: &LineContext,
    vocab: &Vocabulary,
) -> Piece {
    let LineContext {
        format,
        paragraph,
        first_line,
        whole_paragraph,
        next_is_item,
        next_continues,
    } = *lc;
    let s = line.as_str();
    let t = trimmed(s, 0..s.len());
    let text = &s[t.clone()];
    // The line's own count (trimming removes only white space), kept with the unit
    // it may become: the rules count it again.
    let words = line.word_count();
    let unit = || {
        Piece::Unit(Unit {
            kind: UnitKind::Line { paragraph },
            prose: line.clone(),
            span: line.trimmed_span(),
        })
    };
    // A line that is only a link ("[Benefits](...)") is navigation, not a heading.
    if words == 0 || covered(links, t.clone()) {
        return unit();
    }
    let ends_sentence = text.ends_with(['.', ',', ';', '!']) && !text.ends_with("...");
    // Bold: the whole line (a trailing colon may sit outside the bold).
    let core = trimmed(s, t.start..t.end - usize::from(text.ends_with(':')));
    if words <= MAX_HEADING_WORDS + 2 && covered(strong, core.clone()) && !ends_sentence {
        return Piece::Heading {
            prose: line.slice(core),
            level: 7,
            style: HeadingStyle::Bold,
            paragraph: Some(paragraph),
        };
    }
    // `Label:` alone, or `Label: content`.
    if let Some((label_r, rest_r)) = split_label(s, t.clone()) {
        if rest_r.is_empty() {
            if words <= MAX_HEADING_WORDS {
                return Piece::Heading {
                    prose: line.slice(label_r),
                    level: 7,
                    style: HeadingStyle::Label,
                    paragraph: Some(paragraph),
                };
            }
        } else if let Some(piece) = labelled(line, label_r, rest_r, paragraph, vocab) {
            return piece;
        }
    }
    let intro = whole_paragraph && next_is_item && text.ends_with(':');
    if ends_sentence || (words > MAX_HEADING_WORDS && !intro) || next_continues {
        return unit();
    }
    if is_all_caps(text) {
        return Piece::Heading {
            prose: line.slice(t),
            level: 7,
            style: HeadingStyle::Caps,
            paragraph: Some(paragraph),
        };
    }
    // A known heading on a line of its own: in plain text anywhere (its writers often
    // leave no blank line), elsewhere only as a paragraph's first line.
    let own_line = format == Format::Text || first_line;
    // A line introducing what follows ("... if you:", "... will...") may be longer.
    let max_known = if text.ends_with([':', '\u{2026}']) || text.ends_with("...") {
        MAX_HEADING_WORDS + 4
    } else {
        MAX_KNOWN_WORDS
    };
    if own_line
        && starts_upper(text)
        && words <= max_known
        && vocab.classify_line(text) != SectionKind::Other
    {
        return Piece::Heading {
            prose: line.slice(t),
            level: 7,
            style: HeadingStyle::Known,
            paragraph: Some(paragraph),
        };
    }
    // A line introducing a list; with a colon it may be a longer phrase ("A great
    // candidate will be able to show that they can:").
    let max_words = if text.ends_with(':') {
        MAX_HEADING_WORDS + 4
    } else {
        8
    };
    if whole_paragraph && next_is_item && starts_upper(text) && words <= max_words {
        return Piece::Heading {
            prose: line.slice(t),
            level: 7,
            style: HeadingStyle::BeforeList,
            paragraph: Some(paragraph),
        };
    }
    unit()
}

fn pieces(
    blocks: Vec<Block>,
    format: Format,
    vocab: &Vocabulary,
    doc_title: &mut Option<Prose>,
) -> Vec<Piece> {
    // Usually one piece per block: reserved at once, a huge posting's pieces do not
    // pass through a vector twice their size on the way.
    let mut out = Vec::with_capacity(blocks.len());
    let mut paragraph = 0u32;
    // Blocks taken, not borrowed: a list item's text, a term's and a title's move into
    // what is made of them instead of being copied.
    let mut blocks = blocks.into_iter().peekable();
    while let Some(block) = blocks.next() {
        let next_is_item = blocks
            .peek()
            .is_some_and(|b| matches!(b.kind, BlockKind::Item { .. }));
        match block.kind {
            BlockKind::DocTitle => {
                if doc_title.is_none() {
                    *doc_title = Some(block.prose);
                }
            }
            BlockKind::Term => {
                // `<dt>Salary</dt><dd>£40,000</dd>` is `Salary: £40,000`.
                paragraph += 1;
                let kind = vocab.classify(block.prose.as_str());
                let value = (kind != SectionKind::Other)
                    .then(|| blocks.next_if(|b| b.kind == BlockKind::Paragraph))
                    .flatten();
                match value {
                    Some(v) => out.push(Piece::Labelled {
                        label: block.prose.slice(block.prose.trimmed_range()),
                        content: Unit {
                            kind: UnitKind::Line { paragraph },
                            span: v.prose.trimmed_span(),
                            prose: v.prose,
                        },
                        kind,
                    }),
                    None => out.push(Piece::Unit(Unit {
                        kind: UnitKind::Line { paragraph },
                        span: block.prose.trimmed_span(),
                        prose: block.prose,
                    })),
                }
            }
            BlockKind::Heading(level) => {
                let r = block.prose.trimmed_range();
                // A marked-up "heading" that holds a paragraph is prose.
                let text = &block.prose.as_str()[r.clone()];
                if word_count(text) > 20 || covered(&block.links, r.clone()) {
                    paragraph += 1;
                    out.push(Piece::Unit(Unit {
                        kind: UnitKind::Line { paragraph },
                        span: block.prose.trimmed_span(),
                        prose: block.prose.slice(r.clone()),
                    }));
                    continue;
                }
                // `### Salary: £40,000` is a label with its value, not a heading.
                if let Some((label_r, rest_r)) = split_label(block.prose.as_str(), r.clone())
                    .filter(|(_, rest)| !rest.is_empty())
                {
                    paragraph += 1;
                    let piece = labelled(&block.prose, label_r, rest_r, paragraph, vocab)
                        .unwrap_or_else(|| {
                            Piece::Unit(Unit {
                                kind: UnitKind::Line { paragraph },
                                span: block.prose.trimmed_span(),
                                prose: block.prose.slice(r.clone()),
                            })
                        });
                    out.push(piece);
                    continue;
                }
                out.push(Piece::Heading {
                    prose: block.prose.slice(r),
                    level,
                    style: HeadingStyle::Markup,
                    paragraph: None,
                });
            }
            BlockKind::Item { depth, list } => {
                let span = block.prose.trimmed_span();
                out.push(Piece::Unit(Unit {
                    kind: UnitKind::Item { depth, list },
                    prose: block.prose,
                    span,
                }));
            }
            BlockKind::Paragraph => {
                paragraph += 1;
                let s = block.prose.as_str();
                let mut starts = vec![0];
                starts.extend(s.match_indices('\n').map(|(i, _)| i + 1));
                let n = starts.len();
                for (k, &from) in starts.iter().enumerate() {
                    let to = starts.get(k + 1).map_or(s.len(), |&x| x - 1);
                    let line = block.prose.slice(from..to);
                    let clip = |ranges: &[Range<usize>]| -> Vec<Range<usize>> {
                        ranges
                            .iter()
                            .filter(|r| r.end > from && r.start < to)
                            .map(|r| r.start.max(from) - from..r.end.min(to) - from)
                            .collect()
                    };
                    let (strong, links) = (clip(&block.strong), clip(&block.links));
                    let lc = LineContext {
                        format,
                        paragraph,
                        first_line: k == 0,
                        whole_paragraph: n == 1,
                        next_is_item: k + 1 == n && next_is_item,
                        next_continues: s[to..]
                            .trim_start()
                            .chars()
                            .next()
                            .is_some_and(char::is_lowercase),
                    };
                    out.push(line_role(&line, &strong, &links, &lc, vocab));
                }
            }
        }
    }
    out
}

fn new_section(kind: SectionKind, heading: Option<Heading>, at: usize) -> Section {
    let span = heading.as_ref().map_or(at..at, |h| h.span.clone());
    Section {
        kind,
        heading,
        units: Vec::new(),
        span,
        origin: Origin::Body,
        inferred: false,
        continuation: false,
    }
}

fn heading_of(prose: &Prose, level: u8, style: HeadingStyle) -> Heading {
    let text = prose
        .as_str()
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_string();
    Heading {
        text,
        span: prose.trimmed_span(),
        prose: prose.clone(),
        level,
        style,
    }
}

/// When a short section opened by a label ends.
#[derive(Clone, Copy)]
enum InlineEnd {
    /// At the end of this paragraph.
    Paragraph(u32),
    /// At the end of the next paragraph (a `Job title:` line with its value below).
    NextParagraph,
}

fn assemble(pieces: Vec<Piece>, vocab: &Vocabulary) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut cur = new_section(SectionKind::Other, None, 0);
    // The section in force under any `Label: value` sections, resumed after them.
    let mut base = SectionKind::Other;
    let mut inline: Option<InlineEnd> = None;

    for piece in pieces {
        match piece {
            Piece::Heading {
                prose,
                level,
                style,
                paragraph,
            } => {
                let heading = heading_of(&prose, level, style);
                if word_count(&heading.text) == 0 {
                    continue;
                }
                let kind = vocab.classify(&heading.text);
                let cur_level = cur.heading.as_ref().map_or(0, |h| h.level);
                let sub_heading = kind == SectionKind::Other
                    && cur.heading.is_some()
                    && (level > cur_level || (level == 7 && cur.kind != SectionKind::Other));
                if sub_heading {
                    continue;
                }
                push_section(
                    &mut sections,
                    std::mem::replace(&mut cur, new_section(kind, Some(heading), 0)),
                );
                // A title label names the job; it does not open a part of the posting.
                if kind == SectionKind::Title && level == 7 {
                    inline = Some(paragraph.map_or(InlineEnd::NextParagraph, InlineEnd::Paragraph));
                } else {
                    base = kind;
                    inline = None;
                }
            }
            Piece::Labelled {
                label,
                content,
                kind,
            } => {
                let paragraph = match content.kind {
                    UnitKind::Line { paragraph } => paragraph,
                    UnitKind::Item { .. } => 0,
                };
                let heading = heading_of(&label, 7, HeadingStyle::Label);
                let mut s = new_section(kind, Some(heading), 0);
                s.span.end = content.span.end;
                s.units.push(content);
                push_section(&mut sections, std::mem::replace(&mut cur, s));
                inline = Some(InlineEnd::Paragraph(paragraph));
            }
            Piece::Unit(unit) => {
                let paragraph = match unit.kind {
                    UnitKind::Line { paragraph } => Some(paragraph),
                    UnitKind::Item { .. } => None,
                };
                let ends = match inline {
                    Some(InlineEnd::Paragraph(p)) => {
                        paragraph != Some(p)
                            && !(cur.units.is_empty() && cur.kind == SectionKind::Title)
                    }
                    Some(InlineEnd::NextParagraph) => !cur.units.is_empty(),
                    None => false,
                };
                if ends {
                    let mut next = new_section(base, None, unit.span.start);
                    next.continuation = true;
                    push_section(&mut sections, std::mem::replace(&mut cur, next));
                    inline = None;
                } else if inline.is_some() && cur.units.is_empty() {
                    // A title label's value: this paragraph and no further.
                    inline = Some(paragraph.map_or(InlineEnd::NextParagraph, InlineEnd::Paragraph));
                }
                if cur.units.is_empty() && cur.heading.is_none() {
                    cur.span = unit.span.clone();
                }
                cur.span.end = cur.span.end.max(unit.span.end);
                cur.units.push(unit);
            }
        }
    }
    push_section(&mut sections, cur);
    sections
}

fn push_section(sections: &mut Vec<Section>, s: Section) {
    if s.heading.is_some() || s.has_content() {
        sections.push(s);
    }
}

/// The first top-level heading that names no section is the posting's title; text
/// under it is a preamble of its own.
fn mark_title(sections: &mut Vec<Section>, has_title: bool) {
    let Some(i) = sections.iter().position(|s| s.heading.is_some()) else {
        return;
    };
    let min_level = sections
        .iter()
        .filter_map(|s| s.heading.as_ref())
        .filter(|h| h.style == HeadingStyle::Markup)
        .map(|h| h.level)
        .min();
    let s = &sections[i];
    let Some(h) = &s.heading else { return };
    let content_before = sections[..i]
        .iter()
        .map(|s| word_count_units(&s.units))
        .sum::<usize>();
    // With a title in the front matter or <title>, only a level-1 heading repeats it.
    let is_title = h.style == HeadingStyle::Markup
        && matches!(s.kind, SectionKind::Other | SectionKind::Title)
        && (h.level == 1 || (!has_title && Some(h.level) == min_level))
        && content_before <= 40;
    if !is_title {
        return;
    }
    sections[i].kind = SectionKind::Title;
    let units = std::mem::take(&mut sections[i].units);
    if let Some(h) = &sections[i].heading {
        sections[i].span = h.span.clone();
    }
    if !units.is_empty() {
        let mut body = new_section(SectionKind::Other, None, units[0].span.start);
        body.span = units[0].span.start..units.last().map_or(0, |u| u.span.end);
        body.units = units;
        sections.insert(i + 1, body);
    }
}

fn word_count_units(units: &[Unit]) -> usize {
    units.iter().map(|u| u.prose.word_count()).sum()
}

/// Whether a list reads as duties or as qualifications (at least 60% of its items).
fn list_kind(s: &Section, vocab: &Vocabulary, gerunds: bool) -> Option<SectionKind> {
    // Lists, or runs of short lines (plain-text postings often drop the bullets).
    let items: Vec<&Unit> = if s.items().count() >= 2 {
        s.items().collect()
    } else {
        s.units
            .iter()
            .filter(|u| u.prose.word_count() <= 30)
            .collect()
    };
    if items.len() * 2 < s.units.len() {
        return None;
    }
    if items.len() < 2 {
        return None;
    }
    list_verdict(
        items.len(),
        |i| {
            vocab.duty_items.matches_prose(&items[i].prose)
                || (gerunds && vocab.duty_gerunds.matches_prose(&items[i].prose))
        },
        |i| vocab.requirement_items.matches_prose(&items[i].prose),
    )
}

/// What a list of `n` items is, given which are duties and which qualifications:
/// duties when at least 60% are duties and more are duties than qualifications;
/// qualifications when at least 60% are and at least as many. Items are asked only
/// until the answer is known (most lists are neither, and each question is a search).
fn list_verdict(
    n: usize,
    duty: impl FnMut(usize) -> bool,
    req: impl FnMut(usize) -> bool,
) -> Option<SectionKind> {
    let need = (n * 6).div_ceil(10);
    let duties = count_reaching(n, need, duty);
    if duties >= need {
        // Qualifications win a tie, and then are 60% too.
        let reqs = count_reaching(n, duties, req);
        return Some(if reqs >= duties {
            SectionKind::Requirements
        } else {
            SectionKind::Responsibilities
        });
    }
    // Fewer than 60% are duties, so 60% qualifications are more than the duties.
    (count_reaching(n, need, req) >= need).then_some(SectionKind::Requirements)
}

/// How many of items `0..n` `yes` says yes to, asked in order, or any number below
/// `floor` once fewer than `floor` can be.
fn count_reaching(n: usize, floor: usize, mut yes: impl FnMut(usize) -> bool) -> usize {
    let mut count = 0;
    for i in 0..n {
        if count + (n - i) < floor {
            break;
        }
        count += usize::from(yes(i));
    }
    count
}

fn infer_kind(s: &mut Section, vocab: &Vocabulary) {
    let headless = s.heading.is_none();
    let soft = s
        .heading
        .as_ref()
        .and_then(|h| vocab.class_of(&h.text))
        .is_some_and(|c| c.soft);
    if soft {
        if let Some(kind) = list_kind(s, vocab, false).filter(|k| *k != s.kind) {
            s.kind = kind;
            s.inferred = true;
        }
        return;
    }
    if !(headless || s.kind == SectionKind::Other) {
        return;
    }
    if let Some(kind) = list_kind(s, vocab, true) {
        s.kind = kind;
        s.inferred = true;
        return;
    }
    if s.units
        .iter()
        .any(|u| vocab.company.matches_prose(&u.prose))
    {
        s.kind = SectionKind::Company;
        s.inferred = true;
    } else if headless
        && s.kind == SectionKind::Other
        && s.units
            .iter()
            .any(|u| vocab.summary.matches_prose(&u.prose))
    {
        s.kind = SectionKind::Summary;
        s.inferred = true;
    }
}

fn key_heading(key: &str, span: Range<usize>) -> Heading {
    Heading {
        text: key.to_string(),
        prose: Prose::new(),
        span,
        level: 0,
        style: HeadingStyle::Key,
    }
}

fn front_matter_sections(fm: &FrontMatter, vocab: &Vocabulary) -> Vec<Section> {
    let mut out = Vec::new();
    for field in &fm.fields {
        let kind = vocab.classify(&field.key);
        let words: usize = field.values.iter().map(|v| word_count(v.as_str())).sum();
        let enough = match kind {
            SectionKind::Title | SectionKind::Other => false,
            SectionKind::Location | SectionKind::Compensation => words >= 1,
            _ => words >= 3,
        };
        if !enough {
            continue;
        }
        // A scalar holding a Markdown list ("- Logo\n- Icons") is rendered as one.
        let values: Vec<Prose> = field
            .values
            .iter()
            .flat_map(|v| {
                let lines = v.lines();
                if !field.is_list
                    && lines.len() > 1
                    && lines
                        .iter()
                        .all(|l| l.as_str().trim_start().starts_with(['-', '*']) || l.is_empty())
                {
                    lines
                        .into_iter()
                        .filter(|l| !l.is_empty())
                        .map(|l| {
                            let t = l.as_str();
                            let skip = t.len() - t.trim_start_matches(['-', '*', ' ']).len();
                            l.slice(skip..t.len())
                        })
                        .collect()
                } else {
                    vec![v.clone()]
                }
            })
            .collect();
        let as_list = field.is_list || values.len() > 1;
        let units = values
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| Unit {
                kind: if as_list {
                    UnitKind::Item {
                        depth: 1,
                        list: u32::MAX - k as u32,
                    }
                } else {
                    UnitKind::Line {
                        paragraph: u32::MAX,
                    }
                },
                span: v.trimmed_span(),
                prose: v.clone(),
            })
            .collect();
        out.push(Section {
            kind,
            heading: Some(key_heading(&field.key, field.key_span.clone())),
            units,
            span: field.span.clone(),
            origin: Origin::FrontMatter,
            inferred: false,
            continuation: false,
        });
    }
    out
}

/// `{% include job/salary_range.html %}` reads as "salary range".
fn include_name(tag: &str) -> Option<&str> {
    let inner = tag.strip_prefix("{%")?.trim_start_matches('-').trim_start();
    let rest = inner.strip_prefix("include")?.trim_start();
    let path = rest.split_whitespace().next()?.trim_matches(['"', '\'']);
    let file = path.rsplit('/').next()?;
    Some(file.split('.').next().unwrap_or(file))
}

fn include_sections(text: &str, hidden: &[Range<usize>], vocab: &Vocabulary) -> Vec<Section> {
    hidden
        .iter()
        .filter_map(|r| {
            let name = include_name(&text[r.clone()])?;
            let kind = vocab.classify(name);
            if matches!(kind, SectionKind::Other | SectionKind::Title) {
                return None;
            }
            Some(Section {
                kind,
                heading: Some(Heading {
                    text: name.replace(['_', '-'], " "),
                    prose: Prose::new(),
                    span: r.clone(),
                    level: 7,
                    style: HeadingStyle::Include,
                }),
                units: Vec::new(),
                span: r.clone(),
                origin: Origin::Include,
                inferred: false,
                continuation: false,
            })
        })
        .collect()
}

const TITLE_KEYS: &[&str] = &[
    "title",
    "job_title",
    "jobtitle",
    "job title",
    "position",
    "position_title",
    "role_name",
    "role",
    "name",
];

fn find_title(
    fm: Option<&FrontMatter>,
    sections: &[Section],
    doc_title: Option<&Prose>,
) -> Option<Title> {
    if let Some(fm) = fm {
        for key in TITLE_KEYS {
            if let Some(f) = fm.get(key) {
                if !f.is_list && word_count(f.text()) > 0 {
                    let v = &f.values[0];
                    return Some(Title {
                        text: f.text().to_string(),
                        prose: v.clone(),
                        span: v.trimmed_span(),
                        source: TitleSource::FrontMatter,
                    });
                }
            }
        }
    }
    for s in sections.iter().filter(|s| s.kind == SectionKind::Title) {
        let Some(h) = &s.heading else { continue };
        if h.style == HeadingStyle::Markup {
            return Some(Title {
                text: h.text.clone(),
                prose: h.prose.clone(),
                span: h.span.clone(),
                source: TitleSource::Heading,
            });
        }
        if let Some(u) = s.units.first() {
            if u.prose.word_count() > 0 {
                return Some(Title {
                    text: u.prose.as_str().trim().to_string(),
                    prose: u.prose.clone(),
                    span: u.span.clone(),
                    source: TitleSource::Label,
                });
            }
        }
    }
    doc_title.filter(|p| !p.is_empty()).map(|p| Title {
        text: p.as_str().trim().to_string(),
        prose: p.clone(),
        span: p.trimmed_span(),
        source: TitleSource::HtmlTitle,
    })
}

/// Plain text has no heading markup: a short first line standing alone, that names no
/// section, is the title ("Warehouse Shift Lead").
fn first_line_title(sections: &[Section], vocab: &Vocabulary) -> Option<Title> {
    let first = sections.first().filter(|s| s.is_preamble())?;
    let unit = first.units.first()?;
    let UnitKind::Line { paragraph } = unit.kind else {
        return None;
    };
    let alone = first
        .units
        .get(1)
        .is_none_or(|u| u.kind != UnitKind::Line { paragraph });
    let text = unit.prose.as_str().trim();
    let words = unit.prose.word_count();
    let opener = text.split_whitespace().next().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "this"
                | "we"
                | "we're"
                | "our"
                | "welcome"
                | "hello"
                | "hi"
                | "join"
                | "are"
                | "do"
                | "is"
                | "the"
        )
    });
    let plausible = alone
        && !opener
        && (1..=8).contains(&words)
        && starts_upper(text)
        && !text.ends_with(['.', '!', '?', ':', ','])
        && vocab.classify(text) == SectionKind::Other;
    plausible.then(|| Title {
        text: text.to_string(),
        prose: unit.prose.clone(),
        span: unit.span.clone(),
        source: TitleSource::FirstLine,
    })
}

fn find_pay(fm: Option<&FrontMatter>, sections: &[Section]) -> Vec<PayMention> {
    let mut out = Vec::new();
    if let Some(fm) = fm {
        for f in fm.fields.iter().filter(|f| pay::is_pay_key(&f.key)) {
            for v in &f.values {
                let found = pay::find_in(v, true);
                if found.is_empty() && v.as_str().bytes().any(|b| b.is_ascii_digit()) {
                    out.push(PayMention {
                        span: v.trimmed_span(),
                        kind: PayKind::Field,
                        perk: false,
                    });
                }
                out.extend(found);
            }
        }
    }
    let mut proses = Vec::new();
    for s in sections {
        if s.origin == Origin::Include && s.kind == SectionKind::Compensation {
            out.push(PayMention {
                span: s.span.clone(),
                kind: PayKind::Include,
                perk: false,
            });
        }
        if s.origin == Origin::FrontMatter && pay_keyed(s) {
            continue;
        }
        let pay_context = s.kind == SectionKind::Compensation;
        proses.extend(s.units.iter().map(|u| (&u.prose, pay_context)));
    }
    out.extend(pay::find_in_each(&proses));
    out.sort_by_key(|m| m.span.start);
    out
}

fn pay_keyed(s: &Section) -> bool {
    s.heading.as_ref().is_some_and(|h| pay::is_pay_key(&h.text))
}

/// The first line outside the company sections that describes the organisation (see
/// [`Posting::company_mention`]). Postings often describe the organisation at the
/// end, after the benefits or a location line; only lists of duties and requirements
/// (and the EEO statement) are left out, where "experience at a company that..." is
/// about the candidate.
pub(super) fn company_mention(p: &Posting) -> Option<Mention> {
    use SectionKind::*;
    let scope = outside(&[Eeo, Requirements, Preferred, Responsibilities], true);
    mention(&p.sections, &Vocabulary::get().company, scope)
}

/// The first line that gives an overview of the role. "We are looking for a designer
/// to..." is an overview wherever it stands, and so is a title naming the task
/// ("Redesign our website").
pub(super) fn summary_mention(p: &Posting) -> Option<Mention> {
    use SectionKind::*;
    let vocab = Vocabulary::get();
    let scope = outside(&[Eeo, Benefits, Apply, Compensation, Location], false);
    mention(&p.sections, &vocab.summary, scope).or_else(|| task_title(p, vocab))
}

/// The first sentence that says what the person will do. Scopes exclude sections
/// whose heading names another topic; a kind inferred from content is not that sure,
/// so its sentences still count.
pub(super) fn duty_mention(p: &Posting) -> Option<Mention> {
    use SectionKind::*;
    let vocab = Vocabulary::get();
    let scope = outside(
        &[Requirements, Preferred, Benefits, Eeo, Apply, Compensation],
        true,
    );
    mention(&p.sections, &vocab.duty_mentions, scope)
        // Duties written as imperative sentences in running text ("Provide weekly
        // reports. Consult with the modelling team.").
        .or_else(|| {
            p.sections
                .iter()
                .filter(|s| {
                    s.is_preamble() || matches!(s.kind, SectionKind::Other | SectionKind::Summary)
                })
                .find(|s| {
                    s.units
                        .iter()
                        .map(|u| vocab.duty_items.count_sentences(&u.prose))
                        .sum::<usize>()
                        >= 3
                })
                .and_then(|s| s.units.first())
                .map(|u| Mention {
                    span: u.span.clone(),
                })
        })
        // A title such as "Logo for a bookscanner" says what the work is.
        .or_else(|| task_title(p, vocab))
}

/// The first sentence that says what a candidate needs.
pub(super) fn requirement_mention(p: &Posting) -> Option<Mention> {
    use SectionKind::*;
    let vocab = Vocabulary::get();
    let scope = outside(
        &[Responsibilities, Benefits, Eeo, Apply, Compensation],
        true,
    );
    mention(&p.sections, &vocab.requirement_mentions, scope).or_else(|| {
        let scope = outside(&[Benefits, Eeo], false);
        mention(&p.sections, &vocab.requirement_statements, scope)
    })
}

/// The posting's title, when it names a task.
fn task_title(p: &Posting, vocab: &Vocabulary) -> Option<Mention> {
    p.title
        .as_ref()
        .filter(|t| vocab.task_titles.matches(&t.text))
        .map(|t| Mention {
            span: t.span.clone(),
        })
}

/// A mention's scope: sections of none of `kinds`, and, when `inferred_counts`, any
/// section whose kind was inferred from its content.
fn outside(kinds: &[SectionKind], inferred_counts: bool) -> impl Fn(&Section) -> bool + '_ {
    move |s| (inferred_counts && s.inferred) || !kinds.contains(&s.kind)
}

fn mention(
    sections: &[Section],
    signal: &Signal,
    scope: impl Fn(&Section) -> bool,
) -> Option<Mention> {
    sections
        .iter()
        .filter(|s| scope(s))
        .flat_map(|s| s.units.iter())
        .find(|u| signal.matches_prose(&u.prose))
        .map(|u| Mention {
            span: u.span.clone(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_verdict_is_the_counted_one() {
        use SectionKind::*;
        for n in 2..=9usize {
            for duty in 0..1u32 << n {
                for req in 0..1u32 << n {
                    let (d, r) = (duty.count_ones() as usize, req.count_ones() as usize);
                    let expected = if d * 10 >= n * 6 && d > r {
                        Some(Responsibilities)
                    } else if r * 10 >= n * 6 && r >= d {
                        Some(Requirements)
                    } else {
                        None
                    };
                    let verdict = list_verdict(n, |i| duty & 1 << i != 0, |i| req & 1 << i != 0);
                    assert_eq!(verdict, expected, "{n} items: {duty:b} {req:b}");
                }
            }
        }
    }
}
