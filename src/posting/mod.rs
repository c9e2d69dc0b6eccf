//! The posting model: what a posting says, parsed once, with spans into its source.
//! Rules read this model; they never parse text again.

pub mod ascii_regex;
pub mod block;
pub(crate) mod capture_regex;
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
    /// A line that describes the organisation, outside a company section.
    pub company_mention: Option<Mention>,
    /// A line that gives an overview of the role, outside a summary section.
    pub summary_mention: Option<Mention>,
    /// A sentence that says what the person will do, outside a responsibilities section.
    pub duty_mention: Option<Mention>,
    /// A sentence that says what a candidate needs, outside a requirements section.
    pub requirement_mention: Option<Mention>,
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

impl Posting {
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
