use crate::diagnostic::{Category, Severity};
use crate::posting::{HeadingStyle, Origin, Posting, SectionKind};
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
Headings with nothing under them before the next heading. A heading followed by a
template tag (`{% include ... %}`) is not empty: the template fills it.

## Why it matters
An empty heading is usually a leftover from a template ("Benefits" with the list never
filled in). Readers notice, and it makes the posting look unfinished.

## Example
Avoid:

    ## Benefits

    ## How to apply

Better: fill in the section, or delete the heading.

## How to fix
Write the section's content or remove the heading.
"#;

pub struct EmptySection {
    meta: RuleMeta,
}

impl Default for EmptySection {
    fn default() -> Self {
        EmptySection {
            meta: RuleMeta::new(
                "empty-section",
                Category::Structure,
                Severity::Warning,
                "A heading with no content under it",
                EXPLANATION,
            ),
        }
    }
}

impl Rule for EmptySection {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        let body: Vec<_> = posting
            .sections
            .iter()
            .filter(|s| s.origin == Origin::Body)
            .collect();
        for (i, s) in body.iter().enumerate() {
            let Some(h) = &s.heading else { continue };
            if s.kind == SectionKind::Title || s.has_content() {
                continue;
            }
            // Only headings the author marked as such; a bold line is often a label.
            if !matches!(
                h.style,
                HeadingStyle::Markup
                    | HeadingStyle::Caps
                    | HeadingStyle::Bold
                    | HeadingStyle::Known
            ) {
                continue;
            }
            let next = body.get(i + 1);
            let next_start = next.map_or(usize::MAX, |n| {
                n.heading.as_ref().map_or(n.span.start, |h| h.span.start)
            });
            // Template tags between this heading and the next fill the section.
            let filled = posting.hidden.iter().any(|r| {
                r.start >= h.span.end && r.start < next_start && renders(&cx.source.text[r.clone()])
            });
            if filled {
                continue;
            }
            // A heading followed by a deeper one introduces it. A heading recognised only
            // by its look (bold, capitals) is empty only when a marked-up heading follows:
            // before another such line it is usually a group label, and at the end of a
            // document it is usually a button or a sign-off.
            let next_heading = next.and_then(|n| n.heading.as_ref());
            // A heading followed by an unknown heading of the same level often
            // introduces it ("Essential skills" over "Agile working").
            let next_known = next.is_some_and(|n| n.kind != SectionKind::Other);
            let empty = match next_heading {
                Some(nh) => {
                    nh.level <= h.level
                        && next_known
                        && (h.level <= 6 || nh.style == HeadingStyle::Markup)
                }
                None => h.style == HeadingStyle::Markup,
            };
            if !empty {
                continue;
            }
            sink.report(
                h.span.clone(),
                format!("the \"{}\" section is empty", h.text),
            )
            .help("write the section's content, or remove the heading");
        }
    }
}

/// Hidden ranges hold comments and template tags; only output tags and includes
/// render content.
fn renders(tag: &str) -> bool {
    tag.starts_with("{{") || (tag.starts_with("{%") && tag.contains("include"))
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "empty-section";

    #[test]
    fn fires_on_an_empty_heading() {
        let src = "# Engineer\n\n## Benefits\n\n## How to apply\n\nEmail us.\n";
        assert_eq!(ids(src, "a.md").iter().filter(|i| *i == RULE).count(), 1);
    }

    #[test]
    fn template_filled_and_parent_headings_are_not_empty() {
        for src in [
            "# Engineer\n\n## Benefits\n\n{% include benefits.html %}\n\n## Apply\n\nEmail us.\n",
            "# Engineer\n\n## Requirements\n\n### Technical\n\n- Rust\n",
            "# Engineer\n\n## Details\n\n**Location:**\nRemote\n",
            "# Engineer\n\nQualifications\n\nWhat you bring:\n- Rust\n",
            "# Engineer\n\n### Salary: $90,000\n\n### Location: Remote\n",
        ] {
            assert!(!ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }
}
