//! The rule engine: what a rule is, the context it runs in, and the registry that runs
//! them. Rules with logic live one per file under a folder named for their category;
//! declarative rules are data in `rules/*.toml` (see `declarative`).

pub mod catalog;
pub mod declarative;
pub mod registry;
pub mod structure;

use crate::date::Date;
use crate::diagnostic::{Category, Diagnostic, Fix, Label, Severity};
use crate::posting::Posting;
use crate::source::Source;
use std::ops::Range;

/// An option a rule accepts, shown by `jdlint explain`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RuleOption {
    pub name: &'static str,
    pub kind: &'static str,
    pub default: String,
    pub description: &'static str,
}

/// What every rule declares about itself.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RuleMeta {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub summary: String,
    /// Long explanation in Markdown: what it checks, why, an example, how to fix.
    pub explanation: String,
    pub options: Vec<RuleOption>,
    /// True when the rule can offer a safe fix.
    pub fixable: bool,
}

/// What a rule sees besides the posting.
pub struct Context<'a> {
    pub source: &'a Source,
    pub as_of: Date,
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink);
}

/// Collects one rule's findings, stamping them with the rule's id, category and
/// effective severity.
pub struct Sink<'a> {
    meta: &'a RuleMeta,
    severity: Severity,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(meta: &'a RuleMeta, severity: Severity, out: &'a mut Vec<Diagnostic>) -> Self {
        Sink {
            meta,
            severity,
            out,
        }
    }

    pub fn report(&mut self, span: Range<usize>, message: impl Into<String>) -> Report<'_> {
        self.out.push(Diagnostic {
            rule: self.meta.id.clone(),
            category: self.meta.category,
            severity: self.severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        });
        Report(self.out.last_mut().expect("just pushed"))
    }
}

/// Builder for the diagnostic just reported.
pub struct Report<'a>(&'a mut Diagnostic);

impl Report<'_> {
    pub fn help(self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }

    pub fn label(self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.0.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn fix(self, span: Range<usize>, replacement: impl Into<String>) -> Self {
        self.0.fix = Some(Fix {
            span,
            replacement: replacement.into(),
        });
        self
    }

    pub fn severity(self, severity: Severity) -> Self {
        self.0.severity = self.0.severity.min(severity);
        self
    }
}
