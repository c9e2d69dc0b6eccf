use crate::posting::ascii_regex::LazyAsciiRegex;

use crate::diagnostic::{Category, Severity};
use crate::posting::{Posting, SectionKind, UnitKind};
use crate::rules::{Context, Rule, RuleMeta, RuleOption, Sink};

const EXPLANATION: &str = r#"## What it checks
More than 10 items (configurable) listed as required qualifications, across all
requirement sections. Nice-to-have sections are not counted.

## Why it matters
Long lists of must-haves deter qualified people, most of all those who read
requirements literally. Tara Mohr's survey (Harvard Business Review, 2014) found the
top reason for not applying was "I didn't think they would hire me since I didn't meet
the qualifications"; Coffman, Collis and Kulkarni (Management Science) found that
clearer, shorter must-have lists raise applications from qualified women. The default
of 10 is generous: practitioners advise 5-7, though no study fixes a number.

## Example
Avoid: fourteen bullet points under "Requirements", half of them nice to have.

Better: five must-haves under "Requirements", the rest under "Nice to have".

## How to fix
Keep only what a person truly needs on day one; move the rest to a nice-to-have list.
"#;

/// Conditions of employment, or items that say they are optional ("a plus",
/// "preferred"): not requirements. One pattern, so one search per item.
static NOT_REQUIRED: LazyAsciiRegex = LazyAsciiRegex::new(concat!(
    r"(?i)\b(citizen(ship)?|national|background (check|investigation)|security clearance|clearance|selective service|direct deposit|trial period|probationary|drug (test|screen)|work (authori[sz]ation|permit)|authori[sz]ed to work|eligib(le|ility) to work|right to work|visa|sponsorship|financial disclosure|fingerprint)",
    "|",
    r"(?i)\b(a plus|is a plus|are a plus|plus\W*$|preferred|nice to have|nice-to-have|bonus|desirable|ideally|would be great|an advantage|advantageous|not required|optional)\b",
));

pub struct TooManyRequirements {
    meta: RuleMeta,
}

impl Default for TooManyRequirements {
    fn default() -> Self {
        TooManyRequirements {
            meta: RuleMeta::new(
                "too-many-requirements",
                Category::Requirements,
                Severity::Warning,
                "More than 10 required qualifications",
                EXPLANATION,
            )
            .with_options(vec![RuleOption::new(
                "max",
                10,
                "the most required items that are not reported",
            )]),
        }
    }
}

impl Rule for TooManyRequirements {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        let max = cx.number(&self.meta, "max") as usize;
        // Qualification lists only: eligibility, clearance and conditions of employment
        // are not skills a candidate is asked to bring.
        let vocab = crate::posting::vocabulary::Vocabulary::get();
        let sections: Vec<_> = posting
            .sections_of(SectionKind::Requirements)
            .filter(|s| {
                s.heading.as_ref().is_some_and(|h| {
                    vocab.class_of(&h.text).is_none_or(|c| {
                        matches!(
                            c.facet.as_str(),
                            "requirements" | "experience" | "skills" | "education"
                        )
                    })
                })
            })
            .collect();
        // Top-level list items (nested ones elaborate their parent); a plain-text
        // section without bullets counts its lines. Conditions of employment
        // (citizenship, background checks) are not qualifications.
        let items: Vec<_> = sections
            .iter()
            .flat_map(|s| {
                let top = s
                    .items()
                    .filter_map(|u| match u.kind {
                        UnitKind::Item { depth, .. } => Some(depth),
                        UnitKind::Line { .. } => None,
                    })
                    .min()
                    .unwrap_or(1);
                let items: Vec<_> = s
                    .items()
                    .filter(|u| {
                        matches!(u.kind, UnitKind::Item { depth, .. } if depth == top)
                            && !u.prose.is_empty()
                    })
                    .collect();
                if items.is_empty() && s.units.len() > 1 && posting.format == crate::Format::Text {
                    s.units.iter().collect()
                } else {
                    items
                }
            })
            .filter(|u| !NOT_REQUIRED.is_match(u.prose.ascii()))
            .collect();
        if items.len() <= max {
            return;
        }
        let first = sections[0];
        let at = first
            .heading
            .as_ref()
            .map_or(first.span.clone(), |h| h.span.clone());
        sink.report(
            at,
            format!(
                "{} required qualifications are listed; more than {max} deter qualified candidates",
                items.len()
            ),
        )
        .label(
            items[max].span.clone(),
            format!("item {} of {}", max + 1, items.len()),
        )
        .help("keep the few true must-haves here and move the rest to a \"Nice to have\" list");
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "too-many-requirements";

    fn list(n: usize) -> String {
        (1..=n).map(|i| format!("- Skill number {i}\n")).collect()
    }

    #[test]
    fn eleven_requirements_fire() {
        let src = format!("# E\n\n## Requirements\n\n{}", list(11));
        assert!(ids(&src, "a.md").contains(&RULE.to_string()));
    }

    #[test]
    fn ten_requirements_or_nice_to_haves_do_not() {
        let src = format!("# E\n\n## Requirements\n\n{}", list(10));
        assert!(!ids(&src, "a.md").contains(&RULE.to_string()));
        let src = format!(
            "# E\n\n## Requirements\n\n{}\n## Nice to have\n\n{}",
            list(6),
            list(8)
        );
        assert!(!ids(&src, "a.md").contains(&RULE.to_string()));
    }
}
