use std::collections::HashMap;

use crate::diagnostic::{Category, Severity};
use crate::posting::vocabulary::Vocabulary;
use crate::posting::{HeadingStyle, Origin, Posting, SectionKind};
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
Two sections of the same kind and topic under headings of their own: two
"Requirements", or "Qualifications" and later "What we're looking for". Topics that
postings keep apart on purpose are not duplicates ("Education" and "Experience" are both
requirements; "About the team" is not "About us"). Untitled continuations, `Label: value`
lines, sections of kind `other`, and sections shown under different template conditions
(`{% if %}` branches) are not counted.

## Why it matters
Splitting one topic over two places makes readers hunt for it and often hides
contradictions (a degree "required" in one list and "preferred" in the other).

## Example
Avoid: "Requirements" near the top and "Qualifications" again near the end.

Better: one "Requirements" section, and a separate "Nice to have" for the optional items.

## How to fix
Merge the two sections into one.
"#;

pub struct DuplicateSection {
    meta: RuleMeta,
}

impl Default for DuplicateSection {
    fn default() -> Self {
        DuplicateSection {
            meta: RuleMeta::new(
                "duplicate-section",
                Category::Structure,
                Severity::Info,
                "Two sections of the same kind",
                EXPLANATION,
            ),
        }
    }
}

impl Rule for DuplicateSection {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, _cx: &Context, sink: &mut Sink) {
        let vocab = Vocabulary::get();
        let mut first: HashMap<(SectionKind, &str), (&str, std::ops::Range<usize>, u8)> =
            HashMap::new();
        for s in &posting.sections {
            let Some(h) = &s.heading else { continue };
            if s.origin != Origin::Body
                || s.inferred
                || matches!(s.kind, SectionKind::Other | SectionKind::Title)
                || !matches!(
                    h.style,
                    HeadingStyle::Markup
                        | HeadingStyle::Caps
                        | HeadingStyle::Bold
                        | HeadingStyle::Known
                )
            {
                continue;
            }
            let Some(class) = vocab.class_of(&h.text).filter(|c| !c.repeatable) else {
                continue;
            };
            let key = (s.kind, class.facet.as_str());
            match first.get(&key) {
                // A sub-heading of the same kind (### under ##) refines, not repeats;
                // and other branches of a template conditional are never shown together.
                Some((_, _, level)) if h.level > *level && h.level <= 6 => {}
                Some((_, span, _)) if !posting.same_condition(span.start, h.span.start) => {}
                Some((text, span, _)) => {
                    sink.report(
                        h.span.clone(),
                        format!("\"{}\" repeats the {} section \"{}\"", h.text, s.kind, text),
                    )
                    .label(span.clone(), "first section of this kind")
                    .help("merge the two sections into one");
                }
                None => {
                    first.insert(key, (h.text.as_str(), h.span.clone(), h.level));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "duplicate-section";

    #[test]
    fn fires_on_two_requirement_sections() {
        let src =
            "# E\n\n## Requirements\n\n- A\n\n## Benefits\n\n- B\n\n## Qualifications\n\n- C\n";
        assert_eq!(ids(src, "a.md").iter().filter(|i| *i == RULE).count(), 1);
    }

    #[test]
    fn template_branches_are_not_duplicates() {
        let src = "# E\n\n{% if open %}\n## Requirements\n\n- A\n{% else %}\n## Requirements\n\n- A\n{% endif %}\n";
        assert!(!ids(src, "a.md").contains(&RULE.to_string()));
    }

    #[test]
    fn distinct_sections_are_fine() {
        let src = "# E\n\n## Requirements\n\n- A\n\n## Nice to have\n\n- C\n\n## Education\n\n- D\n\n## About the team\n\nT\n\n## About us\n\nU\n";
        assert!(!ids(src, "a.md").contains(&RULE.to_string()));
    }
}
