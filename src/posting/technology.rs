//! Technologies and their first public release, from `rules/technologies.toml`.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex_automata::meta::Regex;
use regex_automata::Input;

use super::ascii_regex;

use super::prose::ascii_shadow;
use serde::Deserialize;

pub const TECHNOLOGIES_TOML: &str = include_str!("../../rules/technologies.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Technology {
    pub name: String,
    pub year: i32,
    #[serde(default)]
    pub month: Option<u32>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub exact: Vec<String>,
    #[serde(default = "yes")]
    pub verified: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct File {
    technology: Vec<Technology>,
}

pub struct Technologies {
    pub list: Vec<Technology>,
    /// One pattern over every alias; the match is looked up in the maps below.
    insensitive: Regex,
    exact: Regex,
    by_alias: HashMap<String, usize>,
    by_exact: HashMap<String, usize>,
}

/// Word boundaries that also work for names such as "C++", "C#" and ".NET".
fn alternation(aliases: &[&str]) -> String {
    let mut sorted: Vec<&str> = aliases.to_vec();
    sorted.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let alts: Vec<String> = sorted.iter().map(|a| regex::escape(a)).collect();
    format!(
        r"(?:^|[^\w.+#-])(?P<t>{})(?:$|[^\w+#]|\.(?:\s|$))",
        alts.join("|")
    )
}

/// An ASCII-mode pattern for the shadow, with its capture group (the name).
fn compile(pattern: &str) -> Result<Regex, String> {
    ascii_regex::builder(true)
        .build(pattern)
        .map_err(|e| e.to_string())
}

impl Technologies {
    fn load() -> Result<Technologies, String> {
        let file: File = toml::from_str(TECHNOLOGIES_TOML).map_err(|e| e.to_string())?;
        let mut by_alias = HashMap::new();
        let mut by_exact = HashMap::new();
        for (i, t) in file.technology.iter().enumerate() {
            for a in &t.aliases {
                by_alias.entry(a.to_lowercase()).or_insert(i);
            }
            for a in &t.exact {
                by_exact.entry(a.clone()).or_insert(i);
            }
        }
        let ins: Vec<&str> = by_alias.keys().map(String::as_str).collect();
        let exact: Vec<&str> = by_exact.keys().map(String::as_str).collect();
        if let Some(name) = ins.iter().chain(&exact).find(|n| !n.is_ascii()) {
            return Err(format!("`{name}`: names must be ASCII"));
        }
        Ok(Technologies {
            insensitive: compile(&format!("(?i){}", alternation(&ins)))?,
            exact: compile(&alternation(&exact))?,
            list: file.technology,
            by_alias,
            by_exact,
        })
    }

    pub fn get() -> &'static Technologies {
        static TECH: LazyLock<Technologies> = LazyLock::new(|| {
            // Embedded data, checked by a unit test.
            Technologies::load().unwrap_or_else(|e| panic!("rules/technologies.toml: {e}"))
        });
        &TECH
    }

    /// Technologies named in `text`: (byte range in `text`, index into `list`), in order,
    /// longest name first where two overlap.
    pub fn find(&self, text: &str) -> Vec<(std::ops::Range<usize>, usize)> {
        let mut found: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
        // Every name is ASCII (checked on load), so the ASCII shadow, with the same
        // offsets, gives the same matches to far cheaper byte patterns.
        let shadow = ascii_shadow(text);
        let hay = shadow.as_bytes();
        let mut scan = |re: &Regex, exact: bool| {
            let mut caps = re.create_captures();
            let mut at = 0;
            while at <= hay.len() {
                re.search_captures(&Input::new(hay).span(at..hay.len()), &mut caps);
                let Some(m) = caps.get_group_by_name("t") else {
                    break;
                };
                let name = &shadow[m.range()];
                let key = if exact {
                    name.to_string()
                } else {
                    name.to_ascii_lowercase()
                };
                let map = if exact {
                    &self.by_exact
                } else {
                    &self.by_alias
                };
                if let Some(&i) = map.get(&key) {
                    found.push((m.range(), i));
                }
                // Continue right after the name so neighbours ("Go, Rust") both match.
                at = m.end.max(at + 1);
            }
        };
        scan(&self.insensitive, false);
        scan(&self.exact, true);
        found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        let mut out: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
        for (r, i) in found {
            if out.last().is_some_and(|(p, _)| r.start < p.end) {
                continue;
            }
            out.push((r, i));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_loads_and_finds_names() {
        let t = Technologies::get();
        assert!(t.list.len() > 100);
        let names = |s: &str| -> Vec<String> {
            t.find(s)
                .into_iter()
                .map(|(_, i)| t.list[i].name.clone())
                .collect()
        };
        assert_eq!(names("SwiftUI, C++ and Go"), ["SwiftUI", "C++", "Go"]);
        assert_eq!(names("go to market with react"), Vec::<String>::new());
        assert_eq!(names("ASP.NET and C#."), [".NET Framework", "C#"]);
        assert_eq!(names("Kubernetes (k8s)"), ["Kubernetes", "Kubernetes"]);
    }
}
