use crate::posting::ascii_regex::LazyAsciiRegex;

use crate::diagnostic::{Category, Severity};
use crate::posting::{Posting, SectionKind};
use crate::rules::{Context, Rule, RuleMeta, RuleOption, Sink};

const EXPLANATION: &str = r#"## What it checks
A posting whose title or level says the role is junior (junior, entry level, graduate,
intern, trainee, apprentice, associate) but whose requirements ask for 3 or more years
of experience (configurable). "Associate director" and similar senior titles do not
count as junior.

## Why it matters
Entry-level roles exist so that people can get the experience they do not yet have.
Asking juniors for years of experience shuts out the candidates the role is meant
for, and the contradiction makes readers doubt the rest of the posting.

## Example
Avoid: "Junior Developer" ... "3+ years of professional experience with React".

Better: "Junior Developer" ... "Some experience building web apps, from study,
personal projects or work."

## How to fix
Drop the years, or retitle the role to the level you are hiring for.
"#;

static JUNIOR: LazyAsciiRegex = LazyAsciiRegex::new(
    r"(?i)\b(junior|jr\.?|entry[- ]level|graduate|grad|intern|internship|trainee|apprentice|apprenticeship|associate|new grad)\b",
);

/// "Associate Director" and "graduate programme manager" are not junior roles.
static NOT_JUNIOR: LazyAsciiRegex = LazyAsciiRegex::new(
    r"(?i)\b(associate (director|partner|principal|vice president|vp|professor|dean|general counsel|creative director)|(graduate|intern|internship|apprentice|trainee)s? (programme|program|recruit\w*|coordinator|manager|lead|director|officer|scheme))\b",
);

const LEVEL_KEYS: &[&str] = &[
    "level",
    "seniority",
    "experience_level",
    "career_level",
    "job_level",
];

pub struct SeniorityMismatch {
    meta: RuleMeta,
}

impl Default for SeniorityMismatch {
    fn default() -> Self {
        SeniorityMismatch {
            meta: RuleMeta::new(
                "seniority-mismatch",
                Category::Requirements,
                Severity::Warning,
                "A junior or entry-level role asks for years of experience",
                EXPLANATION,
            )
            .with_options(vec![RuleOption::new(
                "min-years",
                3,
                "the years of experience that do not fit a junior role",
            )]),
        }
    }
}

/// Where the posting says the role is junior: the title or a level field.
fn junior_marker(posting: &Posting) -> Option<(std::ops::Range<usize>, String)> {
    let in_prose = |p: &crate::posting::prose::Prose| {
        // ASCII patterns, on the shadow; the words themselves come from the text.
        if NOT_JUNIOR.is_match(p.ascii()) {
            return None;
        }
        JUNIOR
            .find(p.ascii())
            .map(|m| (p.source_span(m.clone()), p.as_str()[m].to_string()))
    };
    if let Some(found) = posting.title.as_ref().and_then(|t| in_prose(&t.prose)) {
        return Some(found);
    }
    let fm = posting.front_matter.as_ref()?;
    fm.fields
        .iter()
        .filter(|f| LEVEL_KEYS.iter().any(|k| f.key.eq_ignore_ascii_case(k)))
        .flat_map(|f| f.values.iter())
        .find_map(in_prose)
}

impl Rule for SeniorityMismatch {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        let Some((marker, word)) = junior_marker(posting) else {
            return;
        };
        let min = cx.number(&self.meta, "min-years") as u32;
        let demand = posting.experience.iter().find(|(section, claim)| {
            let kind = posting.sections[*section].kind;
            claim.is_experience
                && !claim.capped
                && claim.min_years >= min
                && matches!(
                    kind,
                    SectionKind::Requirements | SectionKind::Other | SectionKind::Summary
                )
        });
        if let Some((_, claim)) = demand {
            sink.report(
                claim.span.clone(),
                format!(
                    "a role titled \"{word}\" asks for {} years of experience",
                    claim.min_years
                ),
            )
            .label(marker, "the title says the role is junior")
            .help(
                "drop the years for an entry-level role, or title the role for the level you need",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    const RULE: &str = "seniority-mismatch";

    #[test]
    fn junior_roles_asking_for_years() {
        for src in [
            "# Junior Developer\n\n## Requirements\n\n- 3+ years of professional experience\n",
            "---\ntitle: Analyst\nlevel: Entry level\n---\n\n## Requirements\n\n- 4 years of experience with SQL\n",
            "# Graduate Engineer\n\n## Requirements\n\n- At least five years of experience\n",
        ] {
            assert!(ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }

    #[test]
    fn senior_titles_and_small_numbers_are_fine() {
        for src in [
            "# Associate Director, Data\n\n## Requirements\n\n- 8 years of experience\n",
            "# Junior Developer\n\n## Requirements\n\n- 1-2 years of experience, or a bootcamp\n",
            "# Graduate Programme Manager\n\n## Requirements\n\n- 5 years of experience\n",
            "# Senior Developer\n\n## Requirements\n\n- 5 years of experience\n",
        ] {
            assert!(!ids(src, "a.md").contains(&RULE.to_string()), "{src}");
        }
    }
}
