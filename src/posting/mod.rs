//! The posting model: what a posting says, parsed once, with spans into its source.
//! Rules read this model; they never parse text again.

pub(crate) mod ascii_blocks;
pub mod ascii_regex;
pub mod block;
pub(crate) mod capture_regex;
pub(crate) mod dfa_lanes;
pub mod experience;
pub(crate) mod lean_regex;
pub mod location;
pub(crate) mod nfa_format;
pub(crate) mod pattern_set;
pub mod pay;
pub mod prose;
pub(crate) mod section_patterns;
pub mod sections;
pub(crate) mod set_plan;
pub mod technology;
pub(crate) mod technology_names;
pub(crate) mod thread_cache;
pub mod vocabulary;

use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::parse::front_matter::FrontMatter;
use prose::Prose;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Text,
    Html,
}

impl Format {
    /// The format for a path, by extension; `None` for files jdlint does not read.
    pub fn from_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Title,
    Company,
    Summary,
    Responsibilities,
    Requirements,
    Preferred,
    Compensation,
    Benefits,
    Location,
    Apply,
    Eeo,
    Other,
}

impl SectionKind {
    pub const ALL: [SectionKind; 12] = [
        SectionKind::Title,
        SectionKind::Company,
        SectionKind::Summary,
        SectionKind::Responsibilities,
        SectionKind::Requirements,
        SectionKind::Preferred,
        SectionKind::Compensation,
        SectionKind::Benefits,
        SectionKind::Location,
        SectionKind::Apply,
        SectionKind::Eeo,
        SectionKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Title => "title",
            SectionKind::Company => "company",
            SectionKind::Summary => "summary",
            SectionKind::Responsibilities => "responsibilities",
            SectionKind::Requirements => "requirements",
            SectionKind::Preferred => "preferred",
            SectionKind::Compensation => "compensation",
            SectionKind::Benefits => "benefits",
            SectionKind::Location => "location",
            SectionKind::Apply => "apply",
            SectionKind::Eeo => "eeo",
            SectionKind::Other => "other",
        }
    }
}

impl fmt::Display for SectionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for SectionKind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        SectionKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(())
    }
}

/// Where a section comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The posting's body.
    Body,
    /// A front matter key whose value is rendered into the page (`key objectives:`).
    FrontMatter,
    /// A template include that renders it (`{% include job/salary_range.html %}`).
    Include,
}

/// How a heading was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingStyle {
    /// Marked up as a heading: ATX, setext, `<h1>`..`<h6>`.
    Markup,
    /// A paragraph or line that is only bold text.
    Bold,
    /// An ALL-CAPS line.
    Caps,
    /// A short `Label:` line, possibly with the content after the colon.
    Label,
    /// A short standalone line followed by a list.
    BeforeList,
    /// A short line that is a known heading ("Responsibilities").
    Known,
    /// A front matter key.
    Key,
    /// A template include.
    Include,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub text: String,
    /// The heading's prose, for rules that match words in headings.
    pub prose: Prose,
    pub span: Range<usize>,
    /// 1-6 for marked-up headings; 7 for headings recognised from their look.
    pub level: u8,
    pub style: HeadingStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// A line of a paragraph; lines of one paragraph share `paragraph`.
    Line { paragraph: u32 },
    /// A list item.
    Item { depth: u8, list: u32 },
}

/// One line of prose or one list item.
#[derive(Debug, Clone)]
pub struct Unit {
    pub kind: UnitKind,
    pub prose: Prose,
    pub span: Range<usize>,
}

impl Unit {
    pub fn is_item(&self) -> bool {
        matches!(self.kind, UnitKind::Item { .. })
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    pub kind: SectionKind,
    pub heading: Option<Heading>,
    pub units: Vec<Unit>,
    /// Heading through the end of the body.
    pub span: Range<usize>,
    pub origin: Origin,
    /// True when the kind comes from the content rather than the heading.
    pub inferred: bool,
    /// True for the untitled rest of a section that a `Label: value` line interrupted.
    pub continuation: bool,
}

impl Section {
    pub fn is_preamble(&self) -> bool {
        self.heading.is_none() && self.origin == Origin::Body && !self.continuation
    }

    pub fn items(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| u.is_item())
    }

    pub fn has_content(&self) -> bool {
        self.units.iter().any(|u| !u.prose.is_empty())
    }

    /// Span of the body (after the heading); empty at the heading's end if none.
    pub fn body_span(&self) -> Range<usize> {
        match (self.units.first(), self.units.last()) {
            (Some(f), Some(l)) => f.span.start..l.span.end,
            _ => {
                let end = self.heading.as_ref().map_or(self.span.end, |h| h.span.end);
                end..end
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TitleSource {
    FrontMatter,
    Heading,
    Label,
    HtmlTitle,
    /// The first line of a plain-text posting, standing alone.
    FirstLine,
}

#[derive(Debug, Clone)]
pub struct Title {
    pub text: String,
    pub prose: Prose,
    pub span: Range<usize>,
    pub source: TitleSource,
}

/// A place that says something the rules look for when no section names it.
#[derive(Debug, Clone)]
pub struct Mention {
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Posting {
    pub format: Format,
    pub front_matter: Option<FrontMatter>,
    pub sections: Vec<Section>,
    pub title: Option<Title>,
    /// Stated pay: amounts, ranges, pay grades, pay fields.
    pub pay: Vec<pay::PayMention>,
    /// Found on first asking (see [`Posting::company_mention`] and the others).
    mentions: Mentions,
    /// Experience claims ("5+ years of Go"), with the index of the section holding each.
    pub experience: Vec<(usize, experience::ExperienceClaim)>,
    /// Places named where a posting says where the job is.
    pub locations: Vec<location::LocationMention>,
    /// Inline suppression directives.
    pub directives: Vec<crate::suppression::Directive>,
    /// Ranges that are not prose: comments, template tags.
    pub hidden: Vec<Range<usize>>,
    /// Where the body starts (after front matter and any byte-order mark).
    pub body_start: usize,
    /// Template conditionals (`{% if %}` ... `{% else %}` ... `{% endif %}`): for each,
    /// the ranges of its branches. Only one branch is ever shown to a reader.
    pub branches: Vec<Vec<Range<usize>>>,
}

/// The mentions of a posting, each looked for when first asked. The rules ask only
/// when the posting lacks the section (a posting with a "Responsibilities" heading
/// needs no sentence that reads as a duty), and looking meant reading sentence after
/// sentence with the signal's automata: 14% of a many-file run's time, when all four
/// were looked for in every posting.
#[derive(Debug, Clone, Default)]
struct Mentions {
    company: OnceLock<Option<Mention>>,
    summary: OnceLock<Option<Mention>>,
    duty: OnceLock<Option<Mention>>,
    requirement: OnceLock<Option<Mention>>,
}

impl Posting {
    /// A line that describes the organisation, outside a company section.
    pub fn company_mention(&self) -> Option<&Mention> {
        let m = &self.mentions.company;
        m.get_or_init(|| sections::company_mention(self)).as_ref()
    }

    /// A line that gives an overview of the role, outside a summary section.
    pub fn summary_mention(&self) -> Option<&Mention> {
        let m = &self.mentions.summary;
        m.get_or_init(|| sections::summary_mention(self)).as_ref()
    }

    /// A sentence that says what the person will do, outside a responsibilities
    /// section.
    pub fn duty_mention(&self) -> Option<&Mention> {
        let m = &self.mentions.duty;
        m.get_or_init(|| sections::duty_mention(self)).as_ref()
    }

    /// A sentence that says what a candidate needs, outside a requirements section.
    pub fn requirement_mention(&self) -> Option<&Mention> {
        let m = &self.mentions.requirement;
        m.get_or_init(|| sections::requirement_mention(self))
            .as_ref()
    }

    /// True when `a` and `b` sit in different branches of one template conditional, so
    /// a reader never sees both.
    pub fn exclusive(&self, a: usize, b: usize) -> bool {
        self.branches.iter().any(|branches| {
            let which = |x: usize| branches.iter().position(|r| r.contains(&x));
            matches!((which(a), which(b)), (Some(i), Some(j)) if i != j)
        })
    }

    /// The innermost template branch holding `at`, as (conditional, branch) indexes.
    fn condition_of(&self, at: usize) -> Option<(usize, usize)> {
        self.branches
            .iter()
            .enumerate()
            .filter_map(|(c, branches)| {
                let b = branches.iter().position(|r| r.contains(&at))?;
                Some((branches[b].len(), (c, b)))
            })
            .min()
            .map(|(_, cb)| cb)
    }

    /// True when `a` and `b` are shown under the same template conditions (both
    /// unconditional, or in the same branch).
    pub fn same_condition(&self, a: usize, b: usize) -> bool {
        self.condition_of(a) == self.condition_of(b)
    }

    pub fn sections_of(&self, kind: SectionKind) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(move |s| s.kind == kind)
    }

    pub fn has_section(&self, kind: SectionKind) -> bool {
        self.sections_of(kind).next().is_some()
    }

    /// All prose units of the body, in document order.
    pub fn units(&self) -> impl Iterator<Item = (&Section, &Unit)> {
        self.sections
            .iter()
            .flat_map(|s| s.units.iter().map(move |u| (s, u)))
    }
}

#[cfg(test)]
mod tests {
    use crate::source::Source;
    use crate::{Linter, Options};

    fn lint(text: &str) -> super::Posting {
        let source = Source::new("posting.md", text);
        let posting = crate::parse::parse(&source, super::Format::Markdown);
        Linter::new().lint_posting(&source, &posting, &Options::default());
        posting
    }

    #[test]
    fn mentions_are_looked_for_only_where_a_section_is_missing() {
        let full = lint(
            "# Gardener\n\n## About us\n\nWe are a nursery that grows trees for city parks.\n\n\
             ## The role\n\nYou will care for our young trees.\n\n\
             ## Responsibilities\n\n- Water and prune the saplings\n- Keep the greenhouse logs\n\n\
             ## Requirements\n\n- Two years of nursery work\n- A driving licence\n",
        );
        let m = &full.mentions;
        assert!(m.company.get().is_none() && m.summary.get().is_none());
        assert!(m.duty.get().is_none() && m.requirement.get().is_none());

        // Without a company section the rule asks, and the answer is kept.
        let bare = lint(
            "# Gardener\n\n## Benefits\n\nFree lunches.\n\n\
             ## How to apply\n\nWe are a nursery that grows trees for city parks.\n",
        );
        assert!(!bare.has_section(super::SectionKind::Company));
        assert!(bare.mentions.company.get().is_some_and(Option::is_some));
        assert_eq!(bare.company_mention().map(|m| m.span.start), Some(57));
    }
}
