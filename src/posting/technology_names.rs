//! Technology names as the patterns of the sets that find them (see `technology`).
//!
//! This file is also compiled into the build script (`#[path]`), which plans the two
//! sets ahead of time, so it uses nothing but `std` and `regex_syntax`.

/// Every alias, lower-cased, and every exact name, each list sorted and without
/// repeats: the order of the sets' patterns.
pub fn sorted<'a>(
    aliases: impl IntoIterator<Item = &'a str>,
    exact: impl IntoIterator<Item = &'a str>,
) -> [Vec<String>; 2] {
    let list = |names: Vec<String>| {
        let set: std::collections::BTreeSet<String> = names.into_iter().collect();
        set.into_iter().collect::<Vec<_>>()
    };
    [
        list(aliases.into_iter().map(str::to_lowercase).collect()),
        list(exact.into_iter().map(String::from).collect()),
    ]
}

/// The set's patterns: each name literally, byte for byte. The aliases, lower-cased,
/// are searched in lower-cased text, which matches them in any ASCII case (the names
/// are ASCII, which loading checks) with a DFA half the size of a case-insensitive
/// one.
pub fn patterns(names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| format!("(?-u){}", regex_syntax::escape(n)))
        .collect()
}
