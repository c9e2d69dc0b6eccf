use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::{Category, Severity};
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
    unless_concrete: Vec<String>,
}

struct Compiled {
    always: Regex,
    unless_concrete: Regex,
}

static VAGUE: LazyLock<Compiled> = LazyLock::new(|| {
    // Embedded data, checked by a unit test.
    let d: Data = toml::from_str(DATA).unwrap_or_else(|e| panic!("rules/vague-duties.toml: {e}"));
    let build = |list: &[String]| {
        Regex::new(&format!(r"(?i)\b(?:{})(?:\b|$)", list.join("|")))
            .unwrap_or_else(|e| panic!("rules/vague-duties.toml: {e}"))
    };
    Compiled {
        always: build(&d.always),
        unless_concrete: build(&d.unless_concrete),
    }
});

static PROPER_NOUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[a-z,;:]\s+[A-Z][A-Za-z0-9]+").expect("static regex"));

/// An item that names a number, a technology or a proper noun is concrete.
fn concrete(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
        || !Technologies::get().find(text).is_empty()
        || PROPER_NOUN.is_match(text)
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
                if let Some(m) = v.always.find(text) {
                    sink.report(
                        unit.prose.source_span(m.range()),
                        format!("\"{}\" is a vague duty", m.as_str().trim()),
                    )
                    .help("name the task, its object and its outcome, or drop the catch-all");
                    continue;
                }
                if let Some(m) = v.unless_concrete.find(text) {
                    let mut r = sink
                        .report(
                            unit.prose.source_span(m.range()),
                            format!("\"{}\" says little about what the person will actually do", m.as_str().trim()),
                        )
                        .help("start with an action verb and name the object and outcome: \"Reconcile the weekly payroll in Xero\"");
                    if concrete(text) {
                        r = r.severity(Severity::Info);
                    }
                    let _ = r;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{ids, options};

    const RULE: &str = "vague-responsibility";

    fn findings(src: &str) -> Vec<crate::Diagnostic> {
        crate::lint(src, "a.md", &options())
            .into_iter()
            .filter(|d| d.rule == RULE)
            .collect()
    }

    #[test]
    fn vague_duties() {
        let d = findings("# E\n\n## Responsibilities\n\n- Assist with various projects\n- Other duties as assigned\n- Handle customer issues\n");
        assert_eq!(d.len(), 3);
        assert!(d.iter().all(|d| d.severity == crate::Severity::Warning));
    }

    #[test]
    fn concrete_items_are_info_and_other_sections_are_ignored() {
        let d = findings(
            "# E\n\n## Responsibilities\n\n- Handle 40 support tickets a day in Zendesk\n",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, crate::Severity::Info);
        assert!(!ids(
            "# E\n\n## Benefits\n\n- Help with childcare costs\n",
            "a.md"
        )
        .contains(&RULE.to_string()));
        assert!(!ids(
            "# E\n\n## Responsibilities\n\n- Design the billing API\n",
            "a.md"
        )
        .contains(&RULE.to_string()));
    }
}
