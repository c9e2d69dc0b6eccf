//! The set of rules a run uses: built-in logic rules, built-in declarative rules and
//! any from user packs, each looked up by id.

use super::{catalog, declarative, Context, Rule, RuleMeta, Sink};
use crate::diagnostic::Diagnostic;
use crate::posting::Posting;

pub struct Registry {
    rules: Vec<Box<dyn Rule>>,
}

impl Registry {
    /// Every built-in rule. Built once per run: it compiles all patterns.
    pub fn builtin() -> Registry {
        let mut rules = catalog::logic_rules();
        rules.extend(
            declarative::builtin()
                .into_iter()
                .map(|r| Box::new(r) as Box<dyn Rule>),
        );
        rules.sort_by(|a, b| a.meta().id.cmp(&b.meta().id));
        Registry { rules }
    }

    /// Adds rules from packs (ids `<pack>/<rule>`).
    pub fn add(&mut self, rules: Vec<Box<dyn Rule>>) {
        self.rules.extend(rules);
        self.rules.sort_by(|a, b| a.meta().id.cmp(&b.meta().id));
    }

    pub fn rules(&self) -> impl Iterator<Item = &dyn Rule> {
        self.rules.iter().map(|r| r.as_ref())
    }

    pub fn metas(&self) -> impl Iterator<Item = &RuleMeta> {
        self.rules.iter().map(|r| r.meta())
    }

    pub fn get(&self, id: &str) -> Option<&dyn Rule> {
        self.rules().find(|r| r.meta().id == id)
    }

    /// Ids closest to an unknown one, best first.
    pub fn closest(&self, id: &str) -> Vec<&str> {
        let mut scored: Vec<(usize, &str)> = self
            .metas()
            .map(|m| (edit_distance(id, &m.id), m.id.as_str()))
            .filter(|(d, m)| *d <= m.len().max(id.len()) / 2 || m.contains(id))
            .collect();
        scored.sort();
        scored.into_iter().take(3).map(|(_, id)| id).collect()
    }

    /// Runs every rule on a posting.
    pub fn check(&self, posting: &Posting, cx: &Context) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for rule in self.rules() {
            let meta = rule.meta();
            let severity = match &cx.options.rules {
                Some(enabled) => match enabled.get(&meta.id) {
                    Some(s) => *s,
                    None => continue,
                },
                None => meta.severity,
            };
            let mut sink = Sink::new(meta, severity, &mut out);
            rule.check(posting, cx, &mut sink);
        }
        let superseded: Vec<&str> = self
            .metas()
            .filter(|m| out.iter().any(|d| d.rule == m.id))
            .flat_map(|m| m.supersedes.iter().copied())
            .collect();
        if !superseded.is_empty() {
            out.retain(|d| !superseded.contains(&d.rule.as_str()));
        }
        out
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
