//! Inline suppression: `<!-- jdlint-disable rule -->` and friends in Markdown and
//! HTML, `# jdlint-disable rule` or `// jdlint-disable rule` on a line of their own in
//! plain text, and `jdlint: { ignore: [rule] }` in front matter. Directives are read
//! once with the posting; they are applied after the rules have run, so a directive
//! that silences nothing can be reported.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::posting::{Format, Posting};
use crate::rules::registry::Registry;
use crate::rules::{Context, Rule, RuleMeta, Sink};
use crate::source::Source;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
}

#[derive(Debug, Clone)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule ids with their spans; empty means every rule.
    pub rules: Vec<(String, Range<usize>)>,
    pub span: Range<usize>,
    /// False for front matter `jdlint: { ignore: [...] }`, which is configuration.
    pub report_unused: bool,
}

static HTML_DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*jdlint-(disable-next-line|disable-file|disable|enable)\b(?P<ids>[^>]*?)-->")
        .expect("static regex")
});

static TEXT_DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(?:#|//)[ \t]*jdlint-(disable-next-line|disable-file|disable|enable)\b(?P<ids>[^\r\n]*)$")
        .expect("static regex")
});

static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9][\w./-]*").expect("static regex"));

/// Directive lines of a plain-text posting: not prose.
pub fn text_directive_ranges(text: &str) -> Vec<Range<usize>> {
    if !text.contains("jdlint-") {
        return Vec::new();
    }
    TEXT_DIRECTIVE.find_iter(text).map(|m| m.range()).collect()
}

fn kind(word: &str) -> DirectiveKind {
    match word {
        "disable-next-line" => DirectiveKind::DisableNextLine,
        "disable-file" => DirectiveKind::DisableFile,
        "enable" => DirectiveKind::Enable,
        _ => DirectiveKind::Disable,
    }
}

/// Directives in a posting's source.
pub fn find(
    text: &str,
    format: Format,
    front_matter: Option<&crate::parse::front_matter::FrontMatter>,
) -> Vec<Directive> {
    // Most postings hold no directive: they are spared compiling the regex (a fifth
    // of a one-file run's fresh memory: its classes are Unicode) and searching with it.
    let re = match format {
        _ if !text.contains("jdlint-") => None,
        Format::Text => Some(&*TEXT_DIRECTIVE),
        Format::Markdown | Format::Html => Some(&*HTML_DIRECTIVE),
    };
    let mut out: Vec<Directive> = re
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
        .map(|c| {
            let ids = c.name("ids").expect("group");
            Directive {
                kind: kind(&c[1]),
                rules: ID
                    .find_iter(ids.as_str())
                    .map(|m| {
                        (
                            m.as_str().to_string(),
                            ids.start() + m.start()..ids.start() + m.end(),
                        )
                    })
                    .collect(),
                span: c.get(0).expect("match").range(),
                report_unused: true,
            }
        })
        .collect();
    if let Some(field) = front_matter.and_then(|fm| fm.get("jdlint")) {
        // `jdlint: { ignore: [a, b] }` or a nested `ignore: [a, b]`.
        let raw = &text[field.span.clone()];
        if let Some(at) = raw.find("ignore") {
            let list_start = at + "ignore".len();
            let list_end = raw[list_start..]
                .find(']')
                .map_or(raw.len(), |e| list_start + e);
            let base = field.span.start + list_start;
            let ids: Vec<(String, Range<usize>)> = ID
                .find_iter(&raw[list_start..list_end])
                .map(|m| (m.as_str().to_string(), base + m.start()..base + m.end()))
                .collect();
            if !ids.is_empty() {
                out.push(Directive {
                    kind: DirectiveKind::DisableFile,
                    rules: ids,
                    span: field.span.clone(),
                    report_unused: false,
                });
            }
        }
    }
    out
}

/// Where each directive applies, as byte ranges of the source.
fn scope(d: &Directive, all: &[Directive], source: &Source) -> Range<usize> {
    let end = source.text.len();
    match d.kind {
        DirectiveKind::DisableFile => 0..end,
        DirectiveKind::Enable => 0..0,
        DirectiveKind::DisableNextLine => {
            let line = source.line_index(d.span.end.min(end));
            (line + 1..source.line_count())
                .map(|i| source.line_range(i))
                .find(|r| !source.text[r.clone()].trim().is_empty())
                .unwrap_or(end..end)
        }
        DirectiveKind::Disable => {
            let ids: Vec<&str> = d.rules.iter().map(|(r, _)| r.as_str()).collect();
            let stop = all
                .iter()
                .filter(|e| e.kind == DirectiveKind::Enable && e.span.start > d.span.end)
                .find(|e| {
                    e.rules.is_empty() || e.rules.iter().any(|(r, _)| ids.contains(&r.as_str()))
                })
                .map_or(end, |e| e.span.start);
            d.span.end..stop
        }
    }
}

/// Removes suppressed findings, then reports directives that silenced nothing and rule
/// ids that do not exist.
pub fn apply(
    source: &Source,
    posting: &Posting,
    diagnostics: &mut Vec<Diagnostic>,
    registry: &Registry,
    cx: &Context,
) {
    let directives = &posting.directives;
    if directives.is_empty() {
        return;
    }
    // For each directive, and each of its ids, whether it silenced anything.
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.rules.len().max(1)])
        .collect();
    let scopes: Vec<Range<usize>> = directives
        .iter()
        .map(|d| scope(d, directives, source))
        .collect();
    diagnostics.retain(|diag| {
        let mut keep = true;
        for (k, d) in directives.iter().enumerate() {
            let in_scope =
                d.kind == DirectiveKind::DisableFile || scopes[k].contains(&diag.span.start);
            if d.kind == DirectiveKind::Enable || !in_scope {
                continue;
            }
            if d.rules.is_empty() {
                used[k][0] = true;
                keep = false;
            } else if let Some(i) = d.rules.iter().position(|(r, _)| r == &diag.rule) {
                used[k][i] = true;
                keep = false;
            }
        }
        keep
    });
    let known = |id: &str| registry.get(id).is_some();
    let mut extra = Vec::new();
    let enabled = |id: &str| cx.options.rules.as_ref().is_none_or(|r| r.contains_key(id));
    let severity = |id: &str, default: Severity| {
        cx.options
            .rules
            .as_ref()
            .and_then(|r| r.get(id).copied())
            .unwrap_or(default)
    };
    for (k, d) in directives.iter().enumerate() {
        if d.kind == DirectiveKind::Enable {
            continue;
        }
        for (i, (id, span)) in d.rules.iter().enumerate() {
            if !known(id) {
                if enabled(INVALID) {
                    let close = registry.closest(id);
                    extra.push(diag(
                        INVALID,
                        severity(INVALID, Severity::Warning),
                        span.clone(),
                        format!("unknown rule `{id}` in a jdlint directive"),
                        Some(match close.first() {
                            Some(c) => format!("did you mean `{c}`?"),
                            None => "run `jdlint rules` to list the rule ids".into(),
                        }),
                    ));
                }
            } else if d.report_unused && !used[k][i] && enabled(UNUSED) {
                extra.push(diag(
                    UNUSED,
                    severity(UNUSED, Severity::Info),
                    span.clone(),
                    format!("this directive suppresses no `{id}` finding"),
                    Some("remove it, or the rule id from it".into()),
                ));
            }
        }
        if d.rules.is_empty() && d.report_unused && !used[k][0] && enabled(UNUSED) {
            extra.push(diag(
                UNUSED,
                severity(UNUSED, Severity::Info),
                d.span.clone(),
                "this directive suppresses nothing".into(),
                Some("remove it".into()),
            ));
        }
    }
    diagnostics.extend(extra);
}

pub const UNUSED: &str = "unused-suppression";
pub const INVALID: &str = "invalid-suppression";

fn diag(
    rule: &str,
    severity: Severity,
    span: Range<usize>,
    message: String,
    help: Option<String>,
) -> Diagnostic {
    Diagnostic {
        rule: rule.to_string(),
        category: Category::Structure,
        severity,
        message,
        span,
        labels: Vec::new(),
        help,
        fix: None,
    }
}

/// The two suppression rules, registered so they can be configured and explained;
/// their findings come from `apply`, after the other rules.
pub struct SuppressionRule {
    meta: RuleMeta,
}

impl SuppressionRule {
    pub fn unused() -> Self {
        SuppressionRule {
            meta: RuleMeta::new(
                UNUSED,
                Category::Structure,
                Severity::Info,
                "A jdlint-disable directive that suppresses nothing",
                "## What it checks\nSuppression directives (`<!-- jdlint-disable rule -->`, \
                 `jdlint-disable-next-line`, `jdlint-disable-file`, or `# jdlint-disable` in plain \
                 text) that silenced no finding in this run.\n\n## Why it matters\nStale directives \
                 pile up as postings change, and one day hide a real problem nobody meant to accept.\n\n\
                 ## Example\nAvoid: `<!-- jdlint-disable buzzword -->` above a paragraph that no longer \
                 has a buzzword.\n\n## How to fix\nRemove the directive, or the rule id from it.\n",
            ),
        }
    }

    pub fn invalid() -> Self {
        SuppressionRule {
            meta: RuleMeta::new(
                INVALID,
                Category::Structure,
                Severity::Warning,
                "A jdlint directive names a rule that does not exist",
                "## What it checks\nRule ids in suppression directives and in front matter \
                 `jdlint: { ignore: [...] }` that no rule has.\n\n## Why it matters\nA misspelt id \
                 suppresses nothing, so the finding it was meant to silence still shows, and readers \
                 of the posting assume it was reviewed.\n\n## Example\nAvoid: \
                 `<!-- jdlint-disable buzzwords -->`\n\nBetter: `<!-- jdlint-disable buzzword -->`\n\n\
                 ## How to fix\nUse the id `jdlint rules` lists; the message suggests the closest.\n",
            ),
        }
    }
}

impl Rule for SuppressionRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, _posting: &Posting, _cx: &Context, _sink: &mut Sink) {}
}

#[cfg(test)]
mod tests {
    use crate::testing::options;

    fn rules(src: &str, path: &str) -> Vec<String> {
        crate::lint(src, path, &options())
            .into_iter()
            .map(|d| d.rule)
            .collect()
    }

    const BODY: &str = "# Rockstar Developer\n\nWe are a synergy company.\n";

    #[test]
    fn next_line_and_block_directives() {
        assert!(rules(BODY, "a.md").contains(&"buzzword".to_string()));
        let src = "# Rockstar Developer\n\n<!-- jdlint-disable-next-line buzzword -->\nWe are a synergy company.\n";
        let r = rules(src, "a.md");
        assert!(
            !r.contains(&"buzzword".to_string()) && !r.contains(&"unused-suppression".to_string()),
            "{r:?}"
        );
        let src = "<!-- jdlint-disable buzzword jargon-title -->\n# Rockstar Developer\n\nWe are a synergy company.\n<!-- jdlint-enable -->\n";
        let r = rules(src, "a.md");
        assert!(
            !r.contains(&"buzzword".to_string()) && !r.contains(&"jargon-title".to_string()),
            "{r:?}"
        );
    }

    #[test]
    fn file_directives_front_matter_and_plain_text() {
        let src =
            "<!-- jdlint-disable-file -->\n# Rockstar Developer\n\nWe are a synergy company.\n";
        assert!(rules(src, "a.md")
            .iter()
            .all(|r| r == "unused-suppression" || r.is_empty()));
        let src = "---\ntitle: Rockstar Developer\njdlint: { ignore: [jargon-title] }\n---\nWe are a synergy company.\n";
        assert!(!rules(src, "a.md").contains(&"jargon-title".to_string()));
        let src = "Rockstar Developer\n\n# jdlint-disable-next-line buzzword\nWe are a synergy company.\n";
        assert!(!rules(src, "a.txt").contains(&"buzzword".to_string()));
    }

    #[test]
    fn unused_and_unknown() {
        let src = "<!-- jdlint-disable-next-line buzzword -->\nNothing here.\n";
        assert!(rules(src, "a.md").contains(&"unused-suppression".to_string()));
        let src = "<!-- jdlint-disable-next-line buzzwords -->\nWe are a synergy company.\n";
        let d = crate::lint(src, "a.md", &options());
        let invalid = d.iter().find(|d| d.rule == "invalid-suppression").unwrap();
        assert_eq!(invalid.help.as_deref(), Some("did you mean `buzzword`?"));
        assert_eq!(&src[invalid.span.clone()], "buzzwords");
    }
}
