//! Where the job is: the places a posting names in its location fields, location
//! lines and sections, and its title. Rules that depend on the law (pay transparency)
//! look only here, never in running text, where "CA" or "IN" mean other things.

use super::prose::Prose;
use super::{Origin, Section, SectionKind, Title};
use crate::parse::front_matter::FrontMatter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LocationSource {
    FrontMatter,
    Section,
    Title,
}

#[derive(Debug, Clone)]
pub struct LocationMention {
    pub prose: Prose,
    pub source: LocationSource,
}

const KEYS: &[&str] = &[
    "location",
    "locations",
    "city",
    "office",
    "job_location",
    "job location",
    "work_location",
    "place",
    "region",
    "state",
];

/// Location lines beyond this many in one section are prose, not places.
const MAX_UNITS: usize = 4;

pub fn find(
    fm: Option<&FrontMatter>,
    sections: &[Section],
    title: Option<&Title>,
) -> Vec<LocationMention> {
    let mut out = Vec::new();
    if let Some(fm) = fm {
        for f in fm
            .fields
            .iter()
            .filter(|f| KEYS.iter().any(|k| f.key.eq_ignore_ascii_case(k)))
        {
            // `state: open` in some templates is a posting state, not a place.
            if f.key.eq_ignore_ascii_case("state")
                && f.text().split_whitespace().count() < 2
                && f.text().len() > 3
            {
                continue;
            }
            out.extend(f.values.iter().map(|v| LocationMention {
                prose: v.clone(),
                source: LocationSource::FrontMatter,
            }));
        }
    }
    for s in sections
        .iter()
        .filter(|s| s.kind == SectionKind::Location && s.origin == Origin::Body)
    {
        out.extend(s.units.iter().take(MAX_UNITS).map(|u| LocationMention {
            prose: u.prose.clone(),
            source: LocationSource::Section,
        }));
    }
    if let Some(t) = title {
        out.push(LocationMention {
            prose: t.prose.clone(),
            source: LocationSource::Title,
        });
    }
    out
}
