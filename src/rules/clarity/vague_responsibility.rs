use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::diagnostic::{Category, Severity};
use crate::posting::ascii_regex::AsciiRegex;
use crate::posting::capture_regex::CaptureRegex;
use crate::posting::prose::word_count;
use crate::posting::technology::Technologies;
use crate::posting::Posting;
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
Duties that rest on vague phrasing: "other duties as assigned", "various tasks",
"miscellaneous", "etc.", "and more" always; "assist with", "help with", "handle", "be
responsible for", "deal with", "as needed" unless the same item names something
concrete (a number, a tool, a named system or team), in which case the finding is only
info. Only responsibilities sections are read. The phrase lists are in
`rules/vague-duties.toml`.

## Why it matters
HR guidance (BLR/HR Daily Advisor, employment-standards guides) advises starting each
duty with a present-tense action verb and naming its object and outcome. Vague duties
leave candidates unable to picture the job. "Other duties as assigned" is also weak in
law: duties not listed are hard to defend as essential functions (Conklin v. Hawbaker,
3rd Cir. 2019).

## Example
Avoid: "Assist with various projects and other duties as assigned."

Better: "Prepare the monthly sales report in Looker and present it to the leadership team."

## How to fix
Use an action verb, the object and the outcome or scale; drop catch-alls.
"#;

const DATA: &str = include_str!("../../../rules/vague-duties.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Data {
    always: Vec<String>,
    list_tails: Vec<String>,
    unless_concrete: Vec<String>,
}

struct Compiled {
    /// All three lists: most duties hold none of their phrases, and one search
    /// says so where three would.
    any: AsciiRegex,
    always: AsciiRegex,
    list_tails: AsciiRegex,
    unless_concrete: AsciiRegex,
}

/// Other words an item needs besides the vague phrase to name a real object.
const SPECIFIC_WORDS: usize = 6;

static VAGUE: LazyLock<Compiled> = LazyLock::new(|| {
    // Embedded data, checked by a unit test.
    let d: Data = crate::rule_data::load(crate::rule_data::json!("vague-duties"), DATA)
        .unwrap_or_else(|e| panic!("rules/vague-duties.toml: {e}"));
    if let Some(p) = d
        .always
        .iter()
        .chain(&d.list_tails)
        .chain(&d.unless_concrete)
        .find(|p| !p.is_ascii())
    {
        panic!("rules/vague-duties.toml: `{p}`: patterns are matched as ASCII");
    }
    let build = |list: &[String]| {
        AsciiRegex::build(&format!(r"(?i)\b(?:{})(?:\b|$)", list.join("|")))
            .unwrap_or_else(|e| panic!("rules/vague-duties.toml: {e}"))
    };
    let all: Vec<String> = [&d.always, &d.list_tails, &d.unless_concrete]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    Compiled {
        any: build(&all),
        always: build(&d.always),
        list_tails: build(&d.list_tails),
        unless_concrete: build(&d.unless_concrete),
    }
});

static PROPER_NOUN: LazyLock<CaptureRegex> =
    LazyLock::new(|| CaptureRegex::new(r"[a-z,;:]\s+[A-Z][A-Za-z0-9]+").expect("static regex"));

/// An item that names a number, a technology or a proper noun.
fn names_something(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
        || !Technologies::get().find(text).is_empty()
        || PROPER_NOUN.is_match(text)
}

/// Words of the item outside the vague phrase.
fn other_words(text: &str, phrase: Range<usize>) -> usize {
    word_count(&text[..phrase.start]) + word_count(&text[phrase.end..])
}

pub struct VagueResponsibility {
    meta: RuleMeta,
}

impl Default for VagueResponsibility {
    fn default() -> Self {
        VagueResponsibility {
            meta: RuleMeta::new(
                "vague-responsibility",
                Category::Clarity,
                Severity::Warning,
                "A duty rests on vague phrasing (\"other duties as assigned\", \"assist with\", \"handle\")",
                EXPLANATION,
            ),
        }
    }
}

impl Rule for VagueResponsibility {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, _cx: &Context, sink: &mut Sink) {
        let v = &*VAGUE;
        for section in super::duty_sections(posting) {
            for unit in &section.units {
                let text = unit.prose.as_str();
                // The phrases are ASCII: matched on the shadow, read from the text.
                let shadow = unit.prose.ascii();
                if !v.any.is_match(shadow) {
                    continue;
                }
                let span = |m: &Range<usize>| unit.prose.source_span(m.clone());
                let found = |m: &Range<usize>| text[m.clone()].trim().to_string();
                if let Some(m) = v.always.find(shadow) {
                    sink.report(span(&m), format!("\"{}\" is a vague duty", found(&m)))
                        .help("name the task, its object and its outcome, or drop the catch-all");
                    continue;
                }
                if let Some(m) = v.list_tails.find(shadow) {
                    // "(printers, laptops, etc.)" ends a list of examples; that is fine.
                    let before = &text[..m.start];
                    let clause = before.rsplit(['(', '.', ';', ':']).next().unwrap_or(before);
                    let examples = clause.matches(',').count() >= 2;
                    if !examples && other_words(text, m.clone()) < SPECIFIC_WORDS {
                        sink.report(
                            span(&m),
                            format!("\"{}\" leaves the duty open-ended", found(&m)),
                        )
                        .help("list what the duty covers, or drop the open tail");
                    }
                    continue;
                }
                let Some(m) = v.unless_concrete.find(shadow) else {
                    continue;
                };
                if other_words(text, m.clone()) >= SPECIFIC_WORDS {
                    continue;
                }
                let r = sink
                    .report(
                        span(&m),
                        format!("\"{}\" says little about what the person will actually do", found(&m)),
                    )
                    .help("start with an action verb and name the object and outcome: \"Reconcile the weekly payroll in Xero\"");
                if names_something(text) {
                    r.severity(Severity::Info);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{ids, options};

    const RULE: &str = "vague-responsibility";

    fn findings(duties: &str) -> Vec<crate::Diagnostic> {
        let src = format!("# E\n\n## Responsibilities\n\n{duties}");
        crate::lint(&src, "a.md", &options())
            .into_iter()
            .filter(|d| d.rule == RULE)
            .collect()
    }

    #[test]
    fn vague_duties() {
        let d = findings(
            "- Assist with various projects\n- Other duties as assigned\n- Handle customer issues\n- Admin, etc.\n",
        );
        assert_eq!(d.len(), 4);
        assert!(d.iter().all(|d| d.severity == crate::Severity::Warning));
    }

    #[test]
    fn concrete_items_are_info_or_fine() {
        let d = findings("- Handle 40 tickets in Zendesk\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, crate::Severity::Info);
        for clear in [
            "- Handle 40 support tickets a day in Zendesk\n",
            "- Design the billing API\n",
            "- Participate in code review, architecture discussions and feature prioritisation\n",
            "- Purchase IT assets (printers, laptops, etc.)\n",
            "- Work with clients on various projects across retail, banking and energy in Europe\n",
        ] {
            assert!(findings(clear).is_empty(), "{clear}");
        }
    }

    #[test]
    fn other_sections_are_ignored() {
        let src = "# E\n\n## Benefits\n\n- Help with childcare costs\n";
        assert!(!ids(src, "a.md").contains(&RULE.to_string()));
    }
}
