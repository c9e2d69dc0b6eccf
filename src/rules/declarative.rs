//! Declarative rules: phrase lists and substitutions written as TOML data (the
//! built-in ones in `rules/phrases/*.toml`, others in user packs). Each file is one
//! rule; its phrases are compiled once, into a single regex per rule.
//!
//! The format is documented in `docs/rule-format.md`.

use std::cell::RefCell;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock, OnceLock};

use crate::posting::ascii_regex::{self, TwoModeRegex};
use crate::posting::lean_regex::LeanRegex;
use crate::posting::pattern_set::PatternSet;
use regex::{Regex, RegexBuilder};
use regex_automata::meta;

use crate::posting::prose::ascii_shadow;
use serde::Deserialize;

use super::phrase_patterns;
use super::{Context, Rule, RuleMeta, Sink};
use crate::diagnostic::{Category, Severity};
use crate::posting::prose::Prose;
use crate::posting::{Posting, SectionKind};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Compiled size limit for one rule's patterns: a user pattern cannot blow up memory.
pub const REGEX_SIZE_LIMIT: usize = 2 * 1024 * 1024;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile {
    pub id: String,
    pub category: String,
    pub severity: String,
    pub summary: String,
    pub message: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub explanation: Option<String>,
    /// Section kinds to look in; empty means all.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Section kinds never to look in.
    #[serde(default)]
    pub skip_sections: Vec<String>,
    /// Also look in headings (default true).
    #[serde(default = "yes")]
    pub headings: bool,
    /// Also look in the job title (default true).
    #[serde(default = "yes")]
    pub title: bool,
    #[serde(default)]
    pub case_sensitive: bool,
    /// Facts about the posting under which the rule stays quiet (see `Condition`).
    #[serde(default)]
    pub unless: Vec<String>,
    #[serde(default, rename = "phrase")]
    pub phrases: Vec<PhraseDef>,
    #[serde(default)]
    pub tests: Option<Tests>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PhraseDef {
    /// Regular expressions (Rust `regex` syntax), matched at word boundaries.
    pub patterns: Vec<String>,
    /// Safe replacement offered as a fix.
    #[serde(default)]
    pub replacement: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub case_sensitive: Option<bool>,
    /// Replace only the part of the match this pattern finds ("he/she" in "he/she
    /// will"), so the fix stays grammatical.
    #[serde(default)]
    pub fix_find: Option<String>,
    /// A posting fact under which this phrase is reported as info.
    #[serde(default)]
    pub info_when: Option<String>,
}

/// Facts about a posting that declarative rules can depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// The posting states pay: an amount, a pay grade, a pay field or include.
    PayStated,
    /// The title says the role is for graduates, interns or trainees.
    GraduateRole,
}

impl Condition {
    pub const NAMES: &[&str] = &["pay-stated", "graduate-role"];

    fn parse(name: &str) -> Option<Condition> {
        match name {
            "pay-stated" => Some(Condition::PayStated),
            "graduate-role" => Some(Condition::GraduateRole),
            _ => None,
        }
    }

    pub fn holds(self, posting: &Posting) -> bool {
        match self {
            Condition::PayStated => posting.pay.iter().any(|p| p.is_pay()),
            Condition::GraduateRole => posting.title.as_ref().is_some_and(|t| {
                let t = t.text.to_lowercase();
                [
                    "graduate",
                    "intern",
                    "trainee",
                    "apprentice",
                    "entry level",
                    "entry-level",
                    "new grad",
                    "early career",
                    "junior",
                ]
                .iter()
                .any(|w| t.contains(w))
            }),
        }
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Tests {
    #[serde(default, rename = "match")]
    pub must_match: Vec<String>,
    #[serde(default)]
    pub no_match: Vec<String>,
}

struct Phrase {
    replacement: Option<String>,
    fix_find: Option<TwoModeRegex>,
    message: Option<String>,
    help: Option<String>,
    severity: Option<Severity>,
    info_when: Option<Condition>,
}

// A phrase's `fix-find` pattern picks the part of a match a fix replaces ("rockstar"
// in "rockstar developer"). A user pack's is compiled when the pack loads, so its
// error shows at once; a built-in rule's on first use (the unit tests compile each),
// since most runs fix nothing and each took a millisecond of every start. It is
// case-insensitive, and searched in ASCII mode in ASCII text (see `TwoModeRegex`): a
// built-in rule's comes prebuilt that way.

/// A pack's fix-find pattern in Unicode mode, as it was always compiled.
fn compile_fix_find(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// A fix-find pattern as both modes read it: case-insensitive, as
/// `compile_fix_find` makes it.
fn fix_find_pattern(pattern: &str) -> String {
    format!("(?i:{pattern})")
}

pub struct DeclarativeRule {
    meta: RuleMeta,
    message: String,
    help: Option<String>,
    sections: Vec<SectionKind>,
    skip: Vec<SectionKind>,
    headings: bool,
    title: bool,
    /// One pattern per phrase, in phrase order; built from `alternatives` on first
    /// use for built-in rules, at load for packs (so their errors show at once).
    regex: OnceLock<Matcher>,
    alternatives: Vec<String>,
    size: Option<usize>,
    /// Shared by the built-in rules, with this rule's bit in the gate's answers:
    /// skips text that no phrase of this rule matches.
    gate: Option<(Arc<Gate>, u32)>,
    /// Every pattern is ASCII, so matching may use the ASCII shadow.
    ascii: bool,
    phrases: Vec<Phrase>,
    unless: Vec<Condition>,
    pub tests: Tests,
}

/// An error in a rule file, with the byte range it concerns where known.
#[derive(Debug, Clone)]
pub struct DefError {
    pub message: String,
    pub span: Option<Range<usize>>,
}

fn kinds(names: &[String], text: &str) -> Result<Vec<SectionKind>, DefError> {
    names
        .iter()
        .filter(|n| n.as_str() != "all")
        .map(|n| {
            n.parse().map_err(|_| DefError {
                message: format!(
                    "unknown section kind `{n}` (expected one of: {})",
                    SectionKind::ALL.map(|k| k.as_str()).join(", ")
                ),
                span: find_span(text, n),
            })
        })
        .collect()
}

/// Span of the first quoted occurrence of `needle` in the file, for error reports.
pub fn find_span(text: &str, needle: &str) -> Option<Range<usize>> {
    let quoted = format!("\"{needle}\"");
    text.find(&quoted)
        .map(|i| i + 1..i + 1 + needle.len())
        .or_else(|| {
            let single = format!("'{needle}'");
            text.find(&single).map(|i| i + 1..i + 1 + needle.len())
        })
}

impl DeclarativeRule {
    /// Parses and compiles a rule file. `id_prefix` is `pack/` for pack rules.
    pub fn from_toml(text: &str, id_prefix: &str) -> Result<DeclarativeRule, DefError> {
        Self::compile(parse_def(text)?, text, id_prefix, false)
    }

    /// A built-in rule file, whose patterns compile on first use: the unit tests
    /// compile every one, and a run that meets no phrase of a rule never needs it.
    fn builtin(json: &str, text: &str) -> Result<DeclarativeRule, DefError> {
        let def = crate::rule_data::load(json, text).map_err(|e| DefError {
            message: e.message().to_string(),
            span: e.span(),
        })?;
        Self::compile(def, text, "", true)
    }

    fn compile(
        def: RuleFile,
        text: &str,
        id_prefix: &str,
        lazy: bool,
    ) -> Result<DeclarativeRule, DefError> {
        let category: Category = def.category.parse().map_err(|m| DefError {
            message: m,
            span: find_span(text, &def.category),
        })?;
        let severity: Severity = def.severity.parse().map_err(|m| DefError {
            message: m,
            span: find_span(text, &def.severity),
        })?;
        let mut alternatives = Vec::new();
        let mut phrases = Vec::new();
        for p in &def.phrases {
            alternatives.push(phrase_patterns::alternative(
                &p.patterns,
                p.case_sensitive.unwrap_or(def.case_sensitive),
            ));
            let condition = |name: &str| {
                Condition::parse(name).ok_or_else(|| DefError {
                    message: format!(
                        "unknown condition `{name}` (expected one of: {})",
                        Condition::NAMES.join(", ")
                    ),
                    span: find_span(text, name),
                })
            };
            let fix_find = match &p.fix_find {
                Some(f) if lazy => Some(TwoModeRegex::new(fix_find_pattern(f))),
                Some(f) => Some(TwoModeRegex::user(
                    fix_find_pattern(f),
                    compile_fix_find(f).map_err(|e| DefError {
                        message: format!("invalid pattern: {}", first_line(&e.to_string())),
                        span: find_span(text, f),
                    })?,
                )),
                None => None,
            };
            phrases.push(Phrase {
                fix_find,
                info_when: p.info_when.as_deref().map(condition).transpose()?,
                replacement: p.replacement.clone(),
                message: p.message.clone(),
                help: p.help.clone(),
                severity: match &p.severity {
                    Some(s) => Some(s.parse().map_err(|m| DefError {
                        message: m,
                        span: find_span(text, s),
                    })?),
                    None => None,
                },
            });
        }
        if phrases.is_empty() {
            return Err(DefError {
                message: "a rule needs at least one [[phrase]]".into(),
                span: None,
            });
        }
        // All patterns compile as one regex, within the cap per pattern. Only when that
        // fails is each compiled alone, so the error names the pattern at fault without
        // every rule paying for a second compilation at start-up.
        let patterns = def.phrases.iter().map(|p| p.patterns.len()).sum::<usize>();
        // One pattern per phrase: a match says which phrase it is without capture groups,
        // whose engines are much slower than the DFA that finds the match.
        let size = Some(REGEX_SIZE_LIMIT * patterns.max(1));
        let ascii = def
            .phrases
            .iter()
            .flat_map(|p| &p.patterns)
            .all(|p| p.is_ascii());
        let regex = if lazy {
            OnceLock::new()
        } else {
            let (regex, _) = build_regex(&alternatives, ascii, size);
            let regex = regex.map_err(|e| {
                for pat in def.phrases.iter().flat_map(|p| &p.patterns) {
                    if let Err(e) = RegexBuilder::new(pat).size_limit(REGEX_SIZE_LIMIT).build() {
                        return DefError {
                            message: format!("invalid pattern: {}", first_line(&e.to_string())),
                            span: find_span(text, pat),
                        };
                    }
                }
                DefError {
                    message: format!(
                        "patterns too large or invalid together: {}",
                        first_line(&e.to_string())
                    ),
                    span: None,
                }
            })?;
            OnceLock::from(Matcher::Meta(regex))
        };
        let fixable = phrases.iter().any(|p| p.replacement.is_some());
        Ok(DeclarativeRule {
            meta: RuleMeta {
                id: format!("{id_prefix}{}", def.id),
                category,
                severity,
                summary: def.summary.clone(),
                explanation: def
                    .explanation
                    .clone()
                    .unwrap_or_else(|| def.summary.clone()),
                options: Vec::new(),
                fixable,
                supersedes: Vec::new(),
            },
            message: def.message.clone(),
            help: def.help.clone(),
            sections: kinds(&def.sections, text)?,
            skip: kinds(&def.skip_sections, text)?,
            headings: def.headings,
            title: def.title,
            regex,
            alternatives,
            size,
            gate: None,
            ascii,
            phrases,
            unless: def
                .unless
                .iter()
                .map(|n| {
                    Condition::parse(n).ok_or_else(|| DefError {
                        message: format!(
                            "unknown condition `{n}` (expected one of: {})",
                            Condition::NAMES.join(", ")
                        ),
                        span: find_span(text, n),
                    })
                })
                .collect::<Result<_, _>>()?,
            tests: def.tests.unwrap_or_default(),
        })
    }

    fn regex(&self) -> &Matcher {
        self.regex.get_or_init(|| {
            // Only built-in rules are lazy: their ASCII regexes come from the build
            // script, and a unit test builds each of them both ways.
            if let Some(lean) = self
                .ascii
                .then(|| LeanRegex::prebuilt(&self.alternatives))
                .flatten()
            {
                return Matcher::Lean(Box::new(lean));
            }
            Matcher::Meta(
                build_regex(&self.alternatives, self.ascii, self.size)
                    .0
                    .unwrap_or_else(|e| panic!("rule {}: {e}", self.meta.id)),
            )
        })
    }

    fn in_scope(&self, kind: SectionKind) -> bool {
        (self.sections.is_empty() || self.sections.contains(&kind)) && !self.skip.contains(&kind)
    }

    /// Every match in a text: (range in the text, phrase index).
    pub fn find(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        // ASCII patterns match the same on the ASCII shadow, far faster.
        if self.ascii {
            self.find_on(&ascii_shadow(text))
        } else {
            self.find_on(text)
        }
    }

    /// [`DeclarativeRule::find`] on prose, whose shadow is made once for every rule.
    fn find_in(&self, prose: &Prose) -> Vec<(Range<usize>, usize)> {
        if self.ascii {
            self.find_on(prose.ascii())
        } else {
            self.find_on(prose.as_str())
        }
    }

    fn find_on(&self, hay: &str) -> Vec<(Range<usize>, usize)> {
        self.regex().find_all(hay)
    }

    fn report(
        &self,
        cx: &Context,
        posting: &Posting,
        prose: &Prose,
        sink: &mut Sink,
        seen: &mut Vec<Range<usize>>,
    ) {
        if let Some((gate, bit)) = &self.gate {
            if gate.rules_matching(&cx.phrase_gate, posting, prose.ascii()) & (1 << bit) == 0 {
                return;
            }
        }
        for (range, i) in self.find_in(prose) {
            let span = prose.source_span(range.clone());
            if seen.contains(&span) {
                continue;
            }
            seen.push(span.clone());
            let found = &prose.as_str()[range];
            let Some(phrase) = self.phrases.get(i) else {
                continue;
            };
            let fix_find = phrase.fix_find.as_ref().map(|f| f.find(found));
            let replacement = phrase.replacement.as_deref().map(|r| {
                let target = fix_find
                    .clone()
                    .flatten()
                    .flatten()
                    .map_or(found, |t| &found[t]);
                match_case(target, r)
            });
            let fill = |t: &str| {
                t.replace("{match}", found)
                    .replace("{replacement}", replacement.as_deref().unwrap_or(""))
            };
            let message = fill(phrase.message.as_deref().unwrap_or(&self.message));
            let mut r = sink.report(span.clone(), message);
            if let Some(h) = phrase.help.as_deref().or(self.help.as_deref()) {
                r = r.help(fill(h));
            }
            if let Some(s) = phrase.severity {
                r = r.severity(s);
            }
            if phrase.info_when.is_some_and(|c| c.holds(posting)) {
                r = r.severity(Severity::Info);
            }
            // A replacement is only safe where the match is the exact source text.
            if let Some(rep) = &phrase.replacement {
                if sink_source_matches(found, &span) {
                    let target = match fix_find {
                        Some(Some(t)) => t,
                        Some(None) => None,
                        None => Some(0..found.len()),
                    };
                    if let Some(t) = target {
                        let rep = match_case(&found[t.clone()], rep);
                        r = r.fix(span.start + t.start..span.start + t.end, rep);
                    }
                }
            }
            let _ = r;
        }
    }
}

fn sink_source_matches(found: &str, span: &Range<usize>) -> bool {
    span.end - span.start == found.len()
}

/// The last line of a regex error ("error: unclosed character class"), without the
/// "error:" prefix, which the report adds itself.
fn first_line(s: &str) -> String {
    let line = s
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim();
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}

/// "Rockstar" -> "Expert", "ROCKSTAR" -> "EXPERT".
fn match_case(found: &str, replacement: &str) -> String {
    let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if found.chars().next().is_some_and(char::is_uppercase) {
        let mut c = replacement.chars();
        return match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        };
    }
    replacement.to_string()
}

impl Rule for DeclarativeRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        if self.unless.iter().any(|c| c.holds(posting)) {
            return;
        }
        let mut seen = Vec::new();
        if self.title {
            if let Some(t) = &posting.title {
                self.report(cx, posting, &t.prose, sink, &mut seen);
            }
        }
        for section in &posting.sections {
            if !self.in_scope(section.kind) {
                continue;
            }
            if self.headings {
                if let Some(h) = &section.heading {
                    self.report(cx, posting, &h.prose, sink, &mut seen);
                }
            }
            for unit in &section.units {
                self.report(cx, posting, &unit.prose, sink, &mut seen);
            }
        }
    }
}

fn parse_def(text: &str) -> Result<RuleFile, DefError> {
    toml::from_str(text).map_err(|e| DefError {
        message: e.message().to_string(),
        span: e.span(),
    })
}

/// How a rule's patterns compile. ASCII patterns run on the ASCII shadow, where
/// ASCII classes and case folding mean what the Unicode ones do and compile at a
/// third of the cost; only the forward and reverse lazy DFAs are needed (matches,
/// never captures). Otherwise, or when a pattern needs Unicode (`\p{L}`), the full
/// engine. Also says whether the ASCII build was used.
fn build_regex(
    alternatives: &[String],
    ascii: bool,
    size: Option<usize>,
) -> (Result<meta::Regex, meta::BuildError>, bool) {
    let lean = ascii
        .then(|| {
            ascii_regex::builder(false)
                .configure(meta::Config::new().nfa_size_limit(size))
                .build_many(alternatives)
                .ok()
        })
        .flatten();
    match lean {
        Some(regex) => (Ok(regex), true),
        None => (
            meta::Builder::new()
                .configure(meta::Config::new().nfa_size_limit(size))
                .build_many(alternatives),
            false,
        ),
    }
}

/// A rule's compiled phrases.
enum Matcher {
    /// A pack's rule, or a built-in one not in the build script's blob.
    Meta(meta::Regex),
    /// A built-in ASCII rule, from NFAs compiled at build time.
    Lean(Box<LeanRegex>),
}

impl Matcher {
    /// Every leftmost-first match in `hay`, with its pattern (phrase).
    fn find_all(&self, hay: &str) -> Vec<(Range<usize>, usize)> {
        match self {
            Matcher::Meta(regex) => regex
                .find_iter(hay)
                .map(|m| (m.range(), m.pattern().as_usize()))
                .collect(),
            Matcher::Lean(regex) => regex.find_all(hay.as_bytes()),
        }
    }
}

/// The built-in declarative rules, sharing one [`Gate`]. Loaded once per process: the
/// files are constants, and a run with several configuration files builds a registry
/// for each, which would otherwise parse every file again and compile and warm its own
/// gate and patterns.
pub fn builtin() -> Vec<Arc<DeclarativeRule>> {
    static BUILTIN: LazyLock<Vec<Arc<DeclarativeRule>>> = LazyLock::new(load_builtin);
    BUILTIN.clone()
}

fn load_builtin() -> Vec<Arc<DeclarativeRule>> {
    let mut rules: Vec<DeclarativeRule> = BUILTIN_RULE_FILES
        .iter()
        .zip(BUILTIN_RULE_JSON)
        .map(|((name, text), json)| {
            // Built-in files are checked by a unit test, so a failure here is a bug.
            DeclarativeRule::builtin(json, text)
                .unwrap_or_else(|e| panic!("rules/phrases/{name}: {}", e.message))
        })
        .collect();
    // One bit per gated rule (see `phrase_patterns::gate_layout`; a unit test checks
    // the gated rules all build in ASCII mode).
    let phrase_patterns::GateLayout {
        patterns,
        rule_of,
        gated,
    } = phrase_patterns::gate_layout(rules.iter().map(|r| (r.alternatives.as_slice(), r.ascii)));
    let gate = Arc::new(Gate {
        patterns,
        rule_of,
        set: OnceLock::new(),
    });
    for (bit, &i) in gated.iter().enumerate() {
        rules[i].gate = Some((gate.clone(), bit as u32));
    }
    rules.into_iter().map(Arc::new).collect()
}

/// Every phrase of the built-in ASCII rules in one forward lazy DFA, asked once per
/// text which rules have a phrase there. Most text matches no phrase at all, and
/// without the gate each rule scanned all of it: eight passes where one answers.
/// It also spares compiling a rule whose phrases a run never meets.
///
/// Never hides a match: a rule's regex is the union of its patterns, all of which
/// are in the gate with the same ASCII-mode syntax, so when the gate finds none of a
/// rule's patterns in a text, neither can the rule. The gate may say yes where the
/// rule then finds nothing: its patterns with wide gaps are planned without them
/// (see `PatternSet::relaxed`).
pub struct Gate {
    patterns: Vec<String>,
    /// The rule (bit) of each pattern.
    rule_of: Vec<u32>,
    /// Built on first use; `None` if it cannot be (then every text is scanned).
    set: OnceLock<Option<PatternSet>>,
}

impl Gate {
    /// Bit `b` is set when a pattern of rule `b` matches somewhere in `shadow`, a
    /// text of `posting` or not.
    fn rules_matching(&self, memo: &GateMemo, posting: &Posting, shadow: &str) -> u64 {
        let Some(set) = self
            .set
            .get_or_init(|| PatternSet::relaxed(&self.patterns, 8 * 1024 * 1024).ok())
        else {
            return u64::MAX;
        };
        if !memo.asked.replace(true) {
            // Every text a phrase rule may read, asked together: searched side by
            // side, they take half the time they take one by one.
            let texts: Vec<&str> = posting
                .title
                .iter()
                .map(|t| t.prose.ascii())
                .chain(posting.sections.iter().flat_map(|s| {
                    let heading = s.heading.iter().map(|h| h.prose.ascii());
                    heading.chain(s.units.iter().map(|u| u.prose.ascii()))
                }))
                .collect();
            let bytes: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
            let found = set.is_match_each(&bytes);
            for (text, found) in texts.into_iter().zip(found) {
                let bits = if found { self.bits(set, text) } else { 0 };
                memo.answers.borrow_mut().insert(key(text), bits);
            }
        }
        if let Some(&known) = memo.answers.borrow().get(&key(shadow)) {
            return known;
        }
        let answer = if set.is_match(shadow.as_bytes()) {
            self.bits(set, shadow)
        } else {
            0
        };
        memo.answers.borrow_mut().insert(key(shadow), answer);
        answer
    }

    /// The rules whose patterns match in `text`.
    fn bits(&self, set: &PatternSet, text: &str) -> u64 {
        set.matches(text.as_bytes())
            .filter_map(|p| self.rule_of.get(p))
            .fold(0, |bits, bit| bits | 1 << bit)
    }
}

/// Texts of one posting are told apart by where they live: two texts at the same
/// place and of the same length are the same text.
fn key(text: &str) -> (usize, usize) {
    (text.as_ptr() as usize, text.len())
}

/// The gate's answers for the texts of one posting (see [`Context`]).
#[derive(Default)]
pub struct GateMemo {
    /// Whether the posting's texts have been asked about.
    asked: std::cell::Cell<bool>,
    answers: RefCell<HashMap<(usize, usize), u64>>,
}

/// Runs a rule's own test cases; returns the failures.
pub fn run_tests(rule: &DeclarativeRule) -> Vec<String> {
    let mut failures = Vec::new();
    for t in &rule.tests.must_match {
        if rule.find(t).is_empty() {
            failures.push(format!("expected a match in: {t:?}"));
        }
    }
    for t in &rule.tests.no_match {
        if let Some((r, _)) = rule.find(t).into_iter().next() {
            failures.push(format!("unexpected match {:?} in: {t:?}", &t[r]));
        }
    }
    failures
}

/// The built-in fix patterns as searched in ASCII mode, for the list of prebuilt
/// patterns (`ascii_regex`).
#[cfg(test)]
pub(crate) fn ascii_patterns() -> Vec<String> {
    builtin()
        .iter()
        .flat_map(|rule| rule.phrases.iter())
        .filter_map(|phrase| phrase.fix_find.as_ref().map(|f| f.pattern().to_string()))
        .collect()
}

/// Counts of built-in phrases per rule, for `--version`.
pub fn phrase_counts() -> BTreeMap<String, usize> {
    BUILTIN_RULE_FILES
        .iter()
        .filter_map(|(_, text)| toml::from_str::<RuleFile>(text).ok())
        .map(|d| (d.id, d.phrases.iter().map(|p| p.patterns.len()).sum()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
id = "sample"
category = "inclusion"
severity = "warning"
summary = "Sample"
message = "\"{match}\" is jargon"
help = "say {replacement}"
skip-sections = ["eeo"]
[[phrase]]
patterns = ["rock ?stars?"]
replacement = "expert"
[tests]
match = ["a Rockstar dev"]
no-match = ["rocks tar"]
"#;

    #[test]
    fn every_builtin_rule_file_compiles_and_passes_its_tests() {
        for (name, text) in BUILTIN_RULE_FILES {
            let rule = DeclarativeRule::from_toml(text, "")
                .unwrap_or_else(|e| panic!("{name}: {}", e.message));
            let failures = run_tests(&rule);
            assert!(failures.is_empty(), "{name}: {failures:?}");
            assert!(
                !rule.tests.must_match.is_empty() && !rule.tests.no_match.is_empty(),
                "{name}: every built-in rule carries match and no-match tests"
            );
        }
        // The lazily compiled parts of the built-in rules compile.
        for rule in builtin() {
            for phrase in &rule.phrases {
                if let Some(f) = &phrase.fix_find {
                    assert!(f.unicode().is_some(), "{}: {}", rule.meta.id, f.pattern());
                }
            }
        }
    }

    #[test]
    fn fix_patterns_find_in_ascii_mode_what_unicode_mode_finds() {
        let rules = builtin();
        let mut texts = test_texts(&rules);
        texts.extend(
            [
                "He/she will",
                "S/HE",
                "a Rock Star or ROCKSTARS",
                "10X",
                "ninja\u{e9} guru",
            ]
            .map(String::from),
        );
        let mut checked = 0;
        for rule in &rules {
            for f in rule.phrases.iter().filter_map(|p| p.fix_find.as_ref()) {
                let unicode = f.unicode().unwrap();
                for text in &texts {
                    let want = unicode.find(text).map(|m| m.range());
                    assert_eq!(f.find(text), Some(want), "{}: {text:?}", f.pattern());
                }
                checked += 1;
            }
        }
        assert!(checked >= 5, "{checked} fix patterns");
    }

    #[test]
    fn every_registry_shares_the_builtin_rules_and_their_gate() {
        let (a, b) = (builtin(), builtin());
        assert!(a.iter().zip(&b).all(|(a, b)| Arc::ptr_eq(a, b)));
        let gate =
            |rules: &[Arc<DeclarativeRule>]| rules.iter().find_map(|r| r.gate.clone()).unwrap().0;
        assert!(Arc::ptr_eq(&gate(&a), &gate(&b)));
    }

    #[test]
    fn the_gate_is_the_one_the_build_script_compiled() {
        let rules = builtin();
        let (gate, _) = rules.iter().find_map(|r| r.gate.as_ref()).unwrap();
        let texts: Vec<&str> = BUILTIN_RULE_FILES.iter().map(|(_, t)| *t).collect();
        assert_eq!(gate.patterns, phrase_patterns::gate_patterns(&texts));
        gate.rules_matching(&GateMemo::default(), &no_posting(), "a rockstar");
        assert!(gate.set.get().unwrap().as_ref().unwrap().is_prebuilt());
    }

    fn no_posting() -> Posting {
        crate::parse::parse(
            &crate::source::Source::new("x.txt", ""),
            crate::posting::Format::Text,
        )
    }

    #[test]
    fn the_gate_answers_a_posting_together_as_it_does_each_text_alone() {
        let rules = builtin();
        let (gate, _) = rules.iter().find_map(|r| r.gate.as_ref()).unwrap();
        let text = "# Rockstar developer\n\nWe are a crazy team.\n\n## What you will do\n\n\
                    - Crush it with a ninja attitude\n- Write tests\n- He will lead the guys\n\n\
                    ## Pay\n\nCompetitive salary, depending on experience.\n";
        let source = crate::source::Source::new("x.md", text);
        let posting = crate::parse::parse(&source, crate::posting::Format::Markdown);
        let memo = GateMemo::default();
        let mut texts: Vec<&str> = posting
            .sections
            .iter()
            .flat_map(|s| s.units.iter().map(|u| u.prose.ascii()))
            .collect();
        texts.extend(posting.title.iter().map(|t| t.prose.ascii()));
        let mut matched = 0;
        for t in texts {
            let together = gate.rules_matching(&memo, &posting, t);
            let alone = gate.rules_matching(&GateMemo::default(), &no_posting(), t);
            assert_eq!(together, alone, "{t:?}");
            matched += usize::from(alone != 0);
        }
        assert!(matched >= 4, "{matched}");
    }

    /// Every test text of the rules, must-match and no-match.
    fn test_texts(rules: &[Arc<DeclarativeRule>]) -> Vec<String> {
        rules
            .iter()
            .flat_map(|r| r.tests.must_match.iter().chain(&r.tests.no_match))
            .cloned()
            .collect()
    }

    #[test]
    fn builtin_ascii_rules_match_from_prebuilt_automata_as_the_meta_regex_does() {
        let rules = builtin();
        let mut texts = test_texts(&rules);
        texts.push("A rockstar ninja: he will crush it, salesman or chairman; DOE.".into());
        texts.push(String::new());
        for rule in rules.iter().filter(|r| r.ascii) {
            let Matcher::Lean(lean) = rule.regex() else {
                panic!("{}: not from the build script's automata", rule.meta.id);
            };
            let (meta, _) = build_regex(&rule.alternatives, rule.ascii, rule.size);
            let meta = Matcher::Meta(meta.unwrap());
            for text in &texts {
                let shadow = ascii_shadow(text);
                assert_eq!(
                    lean.find_all(shadow.as_bytes()),
                    meta.find_all(&shadow),
                    "{}: {text:?}",
                    rule.meta.id
                );
            }
        }
    }

    #[test]
    fn builtin_rules_are_gated_and_the_gate_never_hides_a_match() {
        let rules = builtin();
        let mut gapped = 0;
        for rule in &rules {
            // Every built-in rule, those with wide gaps too (the gate is planned
            // without the gaps).
            assert!(rule.gate.is_some(), "{}: gated", rule.meta.id);
            gapped += usize::from(
                rule.alternatives
                    .iter()
                    .any(|p| crate::posting::section_patterns::has_wide_gap(p)),
            );
            let (built, lean) = build_regex(&rule.alternatives, rule.ascii, rule.size);
            assert!(
                built.is_ok() && lean,
                "{}: not built in ASCII mode",
                rule.meta.id
            );
        }
        assert!(gapped > 0);
        let mut texts = test_texts(&rules);
        texts.push("Caf\u{e9} \u{2014} a rockstar ninja, he will \u{201c}crush it\u{201d}".into());
        texts.push("The ideal candidate keeps his calendar; salary depending on experience".into());
        for text in &texts {
            let shadow = ascii_shadow(text);
            for rule in &rules {
                let Some((gate, bit)) = rule.gate.as_ref() else {
                    continue;
                };
                let passes = gate.rules_matching(&GateMemo::default(), &no_posting(), &shadow)
                    & (1 << bit)
                    != 0;
                assert!(
                    passes || rule.find(text).is_empty(),
                    "{}: gate hides a match in {text:?}",
                    rule.meta.id
                );
            }
        }
    }

    #[test]
    fn sample_rule_matches_and_fixes() {
        let rule = DeclarativeRule::from_toml(SAMPLE, "").unwrap();
        assert!(run_tests(&rule).is_empty());
        assert_eq!(match_case("Rockstar", "expert"), "Expert");
    }

    #[test]
    fn bad_regex_is_reported_with_its_span() {
        let bad = SAMPLE.replace("rock ?stars?", "rock(");
        let e = DeclarativeRule::from_toml(&bad, "").err().unwrap();
        assert!(e.message.contains("invalid pattern"), "{}", e.message);
        assert_eq!(&bad[e.span.unwrap()], "rock(");
    }

    #[test]
    fn oversized_patterns_are_refused() {
        let bad = SAMPLE.replace("rock ?stars?", "((\\\\w{100}){100}){10}");
        let e = DeclarativeRule::from_toml(&bad, "").err().unwrap();
        assert!(e.message.contains("invalid pattern"), "{}", e.message);
    }

    #[test]
    fn unknown_key_is_reported() {
        let bad = SAMPLE.replace("summary =", "sumary =");
        let e = DeclarativeRule::from_toml(&bad, "").err().unwrap();
        assert!(e.span.is_some());
    }
}
