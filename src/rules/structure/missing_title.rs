use crate::diagnostic::{Category, Severity};
use crate::posting::Posting;
use crate::rules::{Context, Rule, RuleMeta, Sink};

const EXPLANATION: &str = r#"## What it checks
That the posting names the job: a `title:` in the front matter, a first heading such as
`# Senior Data Engineer`, a `Job title:` line, or an HTML `<title>`/`<h1>`.

## Why it matters
The title is what candidates search for and what job boards index. A posting without
one is hard to find and leaves readers guessing which role the text is about.

## Example
Avoid: a posting that opens straight with "We are growing fast and need help."

Better:

    # Backend Engineer (Payments)

    We are growing fast and need help with our payment systems.

## How to fix
Add a `title:` key to the front matter or a top-level heading with the job title.
"#;

pub struct MissingTitle {
    meta: RuleMeta,
}

impl Default for MissingTitle {
    fn default() -> Self {
        MissingTitle {
            meta: RuleMeta::new(
                "missing-title",
                Category::Structure,
                Severity::Warning,
                "The posting has no job title",
                EXPLANATION,
            ),
        }
    }
}

impl Rule for MissingTitle {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, posting: &Posting, cx: &Context, sink: &mut Sink) {
        if posting.title.is_some() {
            return;
        }
        let at = super::first_body_line(posting, cx.source);
        sink.report(at, "no job title found")
            .help("add `title:` to the front matter, or start the posting with a heading that names the job (`# Product Designer`)");
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::ids;

    #[test]
    fn fires_without_a_title() {
        assert!(ids("We need help with things.\n", "a.md").contains(&"missing-title".to_string()));
    }

    #[test]
    fn title_sources() {
        for (src, path) in [
            ("---\ntitle: Data Engineer\n---\nBody text.\n", "a.md"),
            ("# Data Engineer\n\nBody text.\n", "a.md"),
            ("Job title: Data Engineer\n\nBody text.\n", "a.txt"),
            (
                "<html><head><title>Data Engineer</title></head><body><p>x</p></body></html>",
                "a.html",
            ),
        ] {
            assert!(
                !ids(src, path).contains(&"missing-title".to_string()),
                "{src}"
            );
        }
    }
}
