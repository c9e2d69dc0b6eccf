use crate::diagnostic::{Category, Severity};
use crate::posting::Posting;
use crate::rules::{Context, Rule, RuleMeta, RuleOption, Sink};

const EXPLANATION: &str = r#"## What it checks
Postings under 150 or over 1,200 words of text (both configurable). Markup,
template tags, comments and front matter metadata are not counted; front matter fields
that the page shows as sections (`description:`, `key objectives:`) are. Of a template
conditional (`{% if %}` ... `{% else %}`), only the longest branch counts.

## Why it matters
The sources disagree on the best length, so this is only info. Appcast (2015) found
postings of 4,000-5,000 characters had about a 15% click-to-apply rate against about 3%
under 1,000 characters; LinkedIn found postings under 150 words drew more applications
than those of 450-600 words; Textio advises 300-700 words. Very short postings leave out
what candidates need; very long ones bury it.

## Example
Avoid: a 90-word posting with a title, three bullet points and an e-mail address.

Better: 300-700 words covering the organisation, the role, duties, requirements, pay
and how to apply.

## How to fix
Add the missing parts, or cut repetition and boilerplate.
"#;

pub struct PostingLength {
    meta: RuleMeta,
}

impl Default for PostingLength {
    fn default() -> Self {
        PostingLength {
            meta: RuleMeta::new(
                "posting-length",
                Category::Clarity,
                Severity::Info,
                "Under 150 or over 1,200 words of posting text",
                EXPLANATION,
            )
            .with_options(vec![
                RuleOption::new("min-words", 150, "the fewest words that are not reported"),
                RuleOption::new("max-words", 1200, "the most words that are not reported"),
            ]),
        }
    }
}

/// Words a reader sees in the body: headings and text, not front matter or markup.
/// Of a template conditional only the longest branch counts: one is ever shown.
pub(crate) fn word_count(posting: &Posting) -> usize {
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    // Front matter fields that a template renders as sections (`key objectives:`,
    // `description:`) are read like the body; other keys are metadata.
    use crate::posting::Origin;
    for s in posting
        .sections
        .iter()
        .filter(|s| s.origin != Origin::Include)
    {
        if let Some(h) = s.heading.as_ref().filter(|_| s.origin == Origin::Body) {
            pieces.push((h.span.start, h.prose.word_count()));
        }
        pieces.extend(s.units.iter().map(|u| (u.span.start, u.prose.word_count())));
    }
    let total: usize = pieces.iter().map(|p| p.1).sum();
    let hidden: usize = posting
        .branches
        .iter()
        .map(|branches| {
            let per: Vec<usize> = branches
                .iter()
                .map(|r| {
                    pieces
                        .iter()
                        .filter(|p| r.contains(&p.0))
                        .map(|p| p.1)
                        .sum()
                })
                .collect();
            per.iter().sum::<usize>() - per.iter().max().copied().unwrap_or(0)
        })
        .sum();
    total.saturating_sub(hidden)
}

impl Rule for PostingLength {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        let (min, max) = (
            cx.number(&self.meta, "min-words") as usize,
            cx.number(&self.meta, "max-words") as usize,
        );
        let words = word_count(posting);
        let msg = if words < min {
            format!(
                "the posting has {words} words, under the {min} that give a reader what they need"
            )
        } else if words > max {
            format!("the posting has {words} words, over the {max} most readers will take in")
        } else {
            return;
        };
        let at = crate::rules::structure::anchor(posting, cx.source);
        sink.report(at, msg).help(if words < min {
            "add what is missing: the organisation, the duties, the requirements, the pay, how to apply"
        } else {
            "cut repetition and boilerplate; keep each section to what a candidate needs to decide"
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "posting-length";

    #[test]
    fn short_and_long() {
        assert!(ids("# E\n\nShort posting.\n", "a.md").contains(&RULE.to_string()));
        let long = format!("# E\n\n{}\n", "word ".repeat(1300));
        assert!(ids(&long, "a.md").contains(&RULE.to_string()));
        let fine = format!(
            "---\ntitle: E\ndescription: {}\n---\n\n{}\n",
            "x ".repeat(500),
            "word ".repeat(300)
        );
        assert!(!ids(&fine, "a.md").contains(&RULE.to_string()));
    }
}
