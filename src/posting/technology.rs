//! Technologies and their first public release, from `rules/technologies.toml`.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::pattern_set::PatternSet;
use super::prose::ascii_shadow;
use super::technology_names;

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
    /// Every alias, matched in any case (in lower-cased text); the match is looked up
    /// in the names' index.
    insensitive: Names,
    exact: Names,
}

/// One set of names: each name, its technology, and the set that finds them (its
/// pattern `i` is `names[i]`).
struct Names {
    names: Vec<String>,
    index: HashMap<String, usize>,
    set: PatternSet,
}

/// All names in one set, reporting every occurrence: the boundaries are checked in
/// [`Technologies::find`]. (These were two regexes with a capture group, the longest
/// name first, whose compiling was a tenth of a one-file run; then two Aho-Corasick
/// automata, whose building was 3.4 M instructions of every run with a claim of
/// experience. The sets are DFAs built with jdlint.)
fn names(names: Vec<String>, index: HashMap<String, usize>) -> Result<Names, String> {
    let set = PatternSet::new(&technology_names::patterns(&names), 2 * 1024 * 1024)?;
    Ok(Names { names, index, set })
}

/// `\w` in ASCII.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether a name may start right after `before`: not inside a word, a version or a
/// name such as "C++", "C#", ".NET", "CI/CD-".
fn starts_after(before: u8) -> bool {
    !(is_word(before) || matches!(before, b'.' | b'+' | b'#' | b'-'))
}

/// Whether a name may end right before `after` ("Go." ends, "C++" does not end at "C").
fn ends_before(after: u8) -> bool {
    !(is_word(after) || matches!(after, b'+' | b'#'))
}

impl Technologies {
    fn load() -> Result<Technologies, String> {
        let file: File =
            crate::rule_data::load(crate::rule_data::json!("technologies"), TECHNOLOGIES_TOML)
                .map_err(|e| e.to_string())?;
        let mut by_alias = HashMap::default();
        let mut by_exact = HashMap::default();
        for (i, t) in file.technology.iter().enumerate() {
            for a in &t.aliases {
                by_alias.entry(a.to_lowercase()).or_insert(i);
            }
            for a in &t.exact {
                by_exact.entry(a.clone()).or_insert(i);
            }
        }
        let [ins, exact] = technology_names::sorted(
            by_alias.keys().map(String::as_str),
            by_exact.keys().map(String::as_str),
        );
        if let Some(name) = ins.iter().chain(&exact).find(|n| !n.is_ascii()) {
            return Err(format!("`{name}`: names must be ASCII"));
        }
        if ins.iter().chain(&exact).any(|n| n.is_empty()) {
            return Err("a technology has an empty name".into());
        }
        Ok(Technologies {
            insensitive: names(ins, by_alias)?,
            exact: names(exact, by_exact)?,
            list: file.technology,
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
        // Every name is ASCII (checked on load), so the ASCII shadow, with the same
        // offsets, gives the same matches.
        let shadow = ascii_shadow(text);
        let mut found = scan(&shadow, &self.insensitive, true);
        found.extend(scan(&shadow, &self.exact, false));
        without_overlaps(found)
    }
}

/// Names in order; of two that overlap, the one that starts first, or the longer.
fn without_overlaps(
    mut found: Vec<(std::ops::Range<usize>, usize)>,
) -> Vec<(std::ops::Range<usize>, usize)> {
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

/// The names of one automaton in `hay`, left to right: at each place a name may
/// start, the longest that ends at a boundary; the next search resumes where that
/// name ends, so neighbours ("Go, Rust") both count but a name never starts on the
/// boundary character of the one before.
fn scan(hay: &str, names: &Names, any_case: bool) -> Vec<(std::ops::Range<usize>, usize)> {
    let bytes = hay.as_bytes();
    // ASCII lower-casing keeps every offset.
    let lower;
    let searched = if any_case {
        lower = hay.to_ascii_lowercase();
        lower.as_bytes()
    } else {
        bytes
    };
    // (start, end) of every name with a boundary on both sides.
    let mut bounded: Vec<(usize, usize)> = Vec::new();
    names.set.overlapping(searched, |pattern, end| {
        // A name's pattern matches exactly its bytes.
        let Some(start) = names
            .names
            .get(pattern)
            .and_then(|n| end.checked_sub(n.len()))
        else {
            return;
        };
        if bytes.get(end).is_none_or(|&b| ends_before(b))
            && (start == 0 || starts_after(bytes[start - 1]))
        {
            bounded.push((start, end));
        }
    });
    // The longest at each start.
    bounded.sort_unstable_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
    bounded.dedup_by_key(|(s, _)| *s);
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in bounded {
        // A name at 0 needs no character before it; any other needs one at or after
        // where the search resumed.
        if (start == 0 && at > 0) || (start > 0 && start - 1 < at) {
            continue;
        }
        let name = &hay[start..end];
        let key = if any_case {
            name.to_ascii_lowercase()
        } else {
            name.to_string()
        };
        if let Some(&i) = names.index.get(&key) {
            out.push((start..end, i));
        }
        at = end.max(at + 1);
    }
    out
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

    /// The two regexes the automata replaced.
    fn old_regexes(t: &Technologies) -> [regex_automata::meta::Regex; 2] {
        fn alternation(aliases: &[&str]) -> String {
            let mut sorted: Vec<&str> = aliases.to_vec();
            sorted.sort_by_key(|a| std::cmp::Reverse(a.len()));
            let alts: Vec<String> = sorted.iter().map(|a| regex::escape(a)).collect();
            format!(
                r"(?:^|[^\w.+#-])(?P<t>{})(?:$|[^\w+#]|\.(?:\s|$))",
                alts.join("|")
            )
        }
        let ins: Vec<&str> = t.insensitive.index.keys().map(String::as_str).collect();
        let exact: Vec<&str> = t.exact.index.keys().map(String::as_str).collect();
        let build = |p: &str| crate::posting::ascii_regex::builder(true).build(p).unwrap();
        [
            build(&format!("(?i){}", alternation(&ins))),
            build(&alternation(&exact)),
        ]
    }

    /// The search loop around the old regexes.
    fn by_regex(
        t: &Technologies,
        old: &[regex_automata::meta::Regex; 2],
        text: &str,
    ) -> Vec<(std::ops::Range<usize>, usize)> {
        use regex_automata::Input;
        let shadow = ascii_shadow(text);
        let hay = shadow.as_bytes();
        let mut found = Vec::new();
        for (re, exact, map) in [
            (&old[0], false, &t.insensitive.index),
            (&old[1], true, &t.exact.index),
        ] {
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
                if let Some(&i) = map.get(&key) {
                    found.push((m.range(), i));
                }
                at = m.end.max(at + 1);
            }
        }
        without_overlaps(found)
    }

    #[test]
    fn a_name_never_starts_inside_the_one_before() {
        // As the regex did: after "ab cd", the search resumes at its end, so "cd ef"
        // (whose boundary space lies inside "ab cd") is not a candidate and "ef" is.
        let list: Vec<String> = ["ab cd", "cd ef", "ef"].map(String::from).to_vec();
        let map: HashMap<String, usize> = list
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_string(), i))
            .collect();
        let found = scan("ab cd ef", &names(list, map).unwrap(), false);
        assert_eq!(found, [(0..5, 0), (6..8, 2)]);
    }

    #[test]
    fn both_sets_are_dfas_built_with_jdlint() {
        let t = Technologies::get();
        for set in [&t.insensitive.set, &t.exact.set] {
            assert!(set.is_prebuilt());
            if cfg!(target_endian = "little") {
                assert_eq!(set.dense_parts(), (1, 1));
            }
        }
    }

    #[test]
    fn the_automata_find_what_the_regexes_found() {
        let t = Technologies::get();
        let mut texts: Vec<String> = [
            "Go,Rust;C++ C#. .NET, ASP.NET Core and node.js/React-Native",
            "go-to-market, Go.\nPython3 python 3 C++11 c# f# .net5 CI/CD",
            "SwiftUI\u{2019}s K8s, k8s.io, AWS/GCP (Azure) TypeScript+JavaScript",
            "JavaJava Java_ _Java -Java Java- #Java Java# +Go Go+ .Go Go.x Go. x",
            "Java",
            "",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        // Every name in every case, alone and between neighbours of each kind.
        for name in t.insensitive.index.keys().chain(t.exact.index.keys()) {
            for around in [" ", ".", "-", "+", "#", "_", "x", "/", "(", ". "] {
                texts.push(format!(
                    "{name}{around}{}{around}{name}",
                    name.to_uppercase()
                ));
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/postings");
        for entry in std::fs::read_dir(root).unwrap().flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                texts.push(text);
            }
        }
        let old = old_regexes(t);
        for text in &texts {
            assert_eq!(t.find(text), by_regex(t, &old, text), "{text}");
        }
    }
}
