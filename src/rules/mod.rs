//! The rule engine: what a rule is, the context it runs in, and the registry that runs
//! them. Rules with logic live one per file under a folder named for their category;
//! declarative rules are data in `rules/*.toml` (see `declarative`).

pub mod catalog;
pub mod clarity;
pub mod compensation;
pub mod declarative;
pub mod inclusion;
pub(crate) mod law_names;
pub(crate) mod phrase_patterns;
pub mod registry;
pub mod requirements;
pub mod structure;

use crate::date::Date;
use crate::diagnostic::{Category, Diagnostic, Fix, Label, Severity};
use crate::posting::Posting;
use crate::source::Source;
use std::ops::Range;

/// An option a rule accepts, shown by `jdlint explain` and set in `jdlint.toml`
/// under `[rules.<id>]`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RuleOption {
    pub name: &'static str,
    pub default: toml::Value,
    pub description: &'static str,
}

impl RuleOption {
    pub fn new(
        name: &'static str,
        default: impl Into<toml::Value>,
        description: &'static str,
    ) -> Self {
        RuleOption {
            name,
            default: default.into(),
            description,
        }
    }

    /// "integer", "float", "string", ...
    pub fn kind(&self) -> &'static str {
        self.default.type_str()
    }
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
    /// Rules whose findings this one replaces when both fire on a posting (a
    /// pay-transparency finding says all a missing-compensation one would).
    pub supersedes: Vec<&'static str>,
}

impl RuleMeta {
    /// A rule's description with no options and no fix.
    pub fn new(
        id: &str,
        category: Category,
        severity: Severity,
        summary: &str,
        explanation: &str,
    ) -> RuleMeta {
        RuleMeta {
            id: id.to_string(),
            category,
            severity,
            summary: summary.to_string(),
            explanation: explanation.to_string(),
            options: Vec::new(),
            fixable: false,
            supersedes: Vec::new(),
        }
    }

    pub fn with_options(mut self, options: Vec<RuleOption>) -> Self {
        self.options = options;
        self
    }

    pub fn superseding(mut self, ids: &[&'static str]) -> Self {
        self.supersedes = ids.to_vec();
        self
    }
}

/// What a rule sees besides the posting.
pub struct Context<'a> {
    pub source: &'a Source,
    pub as_of: Date,
    pub options: &'a crate::Options,
    /// Which built-in phrase rules can match each text of this posting, asked by
    /// every phrase rule and answered once per text (see `declarative::Gate`).
    pub(crate) phrase_gate: declarative::GateMemo,
}

impl Context<'_> {
    fn option(&self, meta: &RuleMeta, name: &str) -> Option<toml::Value> {
        self.options
            .rule_options
            .get(&meta.id)
            .and_then(|t| t.get(name))
            .cloned()
            .or_else(|| {
                meta.options
                    .iter()
                    .find(|o| o.name == name)
                    .map(|o| o.default.clone())
            })
    }

    /// A numeric option: the user's value, else the rule's declared default.
    pub fn number(&self, meta: &RuleMeta, name: &str) -> f64 {
        match self.option(meta, name) {
            Some(toml::Value::Integer(i)) => i as f64,
            Some(toml::Value::Float(f)) => f,
            _ => 0.0,
        }
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink);
}

/// A rule shared between registries (the built-in phrase rules, loaded once).
impl<R: Rule + ?Sized> Rule for std::sync::Arc<R> {
    fn meta(&self) -> &RuleMeta {
        (**self).meta()
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        (**self).check(posting, cx, sink)
    }
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
