use crate::diagnostic::{Category, Severity};
use crate::posting::technology::Technologies;
use crate::posting::Posting;
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
Experience demands that no one can meet: more years with a technology than the
technology has existed, as of the reference date (`--as-of`, default today). "10+ years
of SwiftUI" in 2026 asks for experience from before SwiftUI was released in 2019.

Technologies are recognised only inside an experience phrase ("5+ years of Go", "Go (5
years)", "at least five years' experience with Go and Rust", "3-5 years working with
Kafka"), so ordinary words such as "go" or "spark" are never read as names. Where a name
covers a family (Angular and AngularJS, .NET and .NET Core) the earliest release counts.
Release years come from `rules/technologies.toml`.

## Why it matters
An impossible requirement tells candidates the posting was written without care, and
it screens out exactly the people who know the technology well enough to see the
mistake. It also invites mockery when the posting is shared.

## Example
Avoid: "8+ years of experience with Kubernetes" (released 2014; possible in 2026: 12).
Avoid: "10+ years of SwiftUI" (released 2019; possible: 7).

Better: "Several years of building iOS apps, including production work with SwiftUI."

## How to fix
Ask for the years of the underlying skill, or for fewer years of the technology.
"#;

pub struct ExperienceExceedsTechnologyAge {
    meta: RuleMeta,
}

impl Default for ExperienceExceedsTechnologyAge {
    fn default() -> Self {
        ExperienceExceedsTechnologyAge {
            meta: RuleMeta::new(
                "experience-exceeds-technology-age",
                Category::Requirements,
                Severity::Error,
                "Asks for more years with a technology than it has existed",
                EXPLANATION,
            ),
        }
    }
}

impl Rule for ExperienceExceedsTechnologyAge {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        let tech = Technologies::get();
        for (_, claim) in &posting.experience {
            if claim.capped {
                continue;
            }
            for m in &claim.technologies {
                let t = &tech.list[m.technology];
                // Whole years between the release and the reference date.
                let mut possible = cx.as_of.year - t.year;
                if t.month.is_some_and(|month| cx.as_of.month < month) {
                    possible -= 1;
                }
                let possible = possible.max(0) as u32;
                if claim.min_years <= possible {
                    continue;
                }
                let released = match t.month {
                    Some(month) => format!("{}-{:02}", t.year, month),
                    None => t.year.to_string(),
                };
                sink.report(
                    claim.span.start.min(m.span.start)..claim.span.end.max(m.span.end),
                    format!(
                        "asks for {} years of {}, which was first released in {}: no one can have more than {} years as of {}",
                        claim.min_years, t.name, released, possible, cx.as_of
                    ),
                )
                .label(m.span.clone(), format!("{} exists since {}", t.name, t.year))
                .help(format!(
                    "ask for at most {possible} years of {}, or for years of the underlying skill",
                    t.name
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "experience-exceeds-technology-age";

    fn count(src: &str) -> usize {
        ids(src, "a.md").iter().filter(|i| *i == RULE).count()
    }

    #[test]
    fn impossible_demands() {
        assert_eq!(count("- 10+ years of SwiftUI\n"), 1);
        assert_eq!(count("- SwiftUI (9 years)\n"), 1);
        assert_eq!(
            count("- at least thirteen years' experience with Kubernetes and Rust\n"),
            1
        );
        assert_eq!(
            count("- 15-20 years working with Docker, Kubernetes and Go\n"),
            2
        );
    }

    #[test]
    fn possible_demands_and_ordinary_words() {
        assert_eq!(count("- 5+ years of Python\n"), 0);
        assert_eq!(count("- 6 years of SwiftUI\n"), 0);
        assert_eq!(count("- 12 years of go-to-market experience\n"), 0);
        assert_eq!(
            count("- 10 years of experience; familiarity with SwiftUI\n"),
            0
        );
        assert_eq!(
            count("- 15 years of Angular\n"),
            0,
            "AngularJS counts: 2010"
        );
        assert_eq!(count("- no more than 9 years of SwiftUI\n"), 0);
    }
}
