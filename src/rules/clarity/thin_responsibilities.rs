use crate::diagnostic::{Category, Severity};
use crate::posting::vocabulary::sentences;
use crate::posting::{Origin, Posting};
use crate::rules::{Context, Rule, RuleMeta, RuleOption, Sink};

const EXPLANATION: &str = r#"## What it checks
Responsibilities sections that, together, list fewer than 3 duties (configurable):
list items, or sentences where there is no list. Duties filled in by a template
include are not judged, nor is a one-line deliverable in the front matter
(`deliverables: a logo`), which is the whole job of a small freelance task.

## Why it matters
One or two lines cannot show what a week in the job looks like. Candidates weigh a
posting by its duties more than by anything else except pay.

## Example
Avoid: "Responsibilities: Build features."

Better: three to eight concrete duties, each with an action verb, an object and an
outcome.

## How to fix
List the main duties, most time-consuming first.
"#;

/// Duties in running text: its sentences, or, where sentences run together without
/// full stops ("Work with customers Perform data analysis"), the capitalised duty
/// verbs that start each one.
fn duties_in(text: &str) -> usize {
    let by_sentence = sentences(text)
        .filter(|x| x.split_whitespace().count() > 2)
        .count();
    let vocab = crate::posting::vocabulary::Vocabulary::get();
    let by_verb = text
        .char_indices()
        .filter(|&(i, c)| {
            c.is_uppercase()
                && text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
                && vocab.duty_items.matches(
                    text[i..]
                        .split_whitespace()
                        .take(2)
                        .collect::<Vec<_>>()
                        .join(" ")
                        .as_str(),
                )
        })
        .count();
    by_sentence.max(by_verb)
}

pub struct ThinResponsibilities {
    meta: RuleMeta,
}

impl Default for ThinResponsibilities {
    fn default() -> Self {
        ThinResponsibilities {
            meta: RuleMeta::new(
                "thin-responsibilities",
                Category::Clarity,
                Severity::Info,
                "Fewer than 3 duties listed",
                EXPLANATION,
            )
            .with_options(vec![RuleOption::new(
                "min-items",
                3,
                "the fewest duties that are not reported",
            )]),
        }
    }
}

impl Rule for ThinResponsibilities {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        let min = cx.number(&self.meta, "min-items") as usize;
        // A front matter scalar ("deliverables: a logo") names a deliverable, not a list
        // of duties; only body sections and front matter lists are judged.
        let sections: Vec<_> = super::duty_sections(posting)
            .filter(|s| s.origin != Origin::FrontMatter || s.items().count() > 1)
            .collect();
        if sections.is_empty() || sections.iter().any(|s| s.origin == Origin::Include) {
            return;
        }
        let count: usize = sections
            .iter()
            .map(|s| {
                let items = s.items().filter(|u| !u.prose.is_empty()).count();
                if items > 0 {
                    items
                } else {
                    s.units.iter().map(|u| duties_in(u.prose.as_str())).sum()
                }
            })
            .sum();
        if count == 0 || count >= min {
            return;
        }
        let first = sections[0];
        let at = first
            .heading
            .as_ref()
            .map_or(first.span.clone(), |h| h.span.clone());
        sink.report(at, format!("only {count} dut{} listed", if count == 1 { "y is" } else { "ies are" }))
            .help("list the main duties, most time-consuming first, each with an action verb, an object and an outcome");
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "thin-responsibilities";

    #[test]
    fn few_duties() {
        assert!(ids(
            "# E\n\n## Responsibilities\n\n- Build features\n- Fix bugs\n",
            "a.md"
        )
        .contains(&RULE.to_string()));
    }

    #[test]
    fn enough_duties_or_none() {
        assert!(!ids(
            "# E\n\n## Responsibilities\n\n- Build\n- Fix\n- Ship\n",
            "a.md"
        )
        .contains(&RULE.to_string()));
        assert!(!ids("# E\n\nNo duties here.\n", "a.md").contains(&RULE.to_string()));
        assert!(!ids(
            "# E\n\n## Key objectives\n\n{% include key_objectives.html %}\n",
            "a.md"
        )
        .contains(&RULE.to_string()));
    }

    #[test]
    fn run_on_duties_count_by_their_verbs() {
        let src = "# E\n\n## Responsibilities\n\nSupport the team with data Work with customers on metrics Perform data analysis of incidents\n";
        assert!(!ids(src, "a.md").contains(&RULE.to_string()));
    }
}
