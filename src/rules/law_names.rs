//! The pay-transparency laws' place names and region codes as pattern sets, for the
//! quick look at which laws a location may name (see
//! `compensation::pay_transparency`). The build script plans them with this code, so
//! the binary reads their DFAs in place: building automata for the names at the first
//! location of a run was an eighth of a one-file run's instructions.

/// The patterns of place names, which match in any ASCII case, in the order given.
pub fn place_patterns<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    names
        .into_iter()
        .map(|n| format!("(?i-u){}", regex_syntax::escape(n)))
        .collect()
}

/// The patterns of region codes, which match only as written, in the order given.
pub fn code_patterns<'a>(codes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    codes
        .into_iter()
        .map(|c| format!("(?-u){}", regex_syntax::escape(c)))
        .collect()
}

/// Both sets as the build script plans them, from the text of `rules/pay-laws.toml`
/// (none when it does not read: its error shows where the rule loads it).
#[cfg_attr(not(test), allow(dead_code))]
pub fn sets(toml_text: &str) -> Vec<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct File {
        law: Vec<Law>,
    }
    #[derive(serde::Deserialize)]
    struct Law {
        places: Vec<String>,
        #[serde(default)]
        codes: Vec<String>,
    }
    let Ok(file) = toml::from_str::<File>(toml_text) else {
        return Vec::new();
    };
    let (mut places, mut codes) = (Vec::new(), Vec::new());
    for law in &file.law {
        places.extend(law.places.iter().map(String::as_str));
        codes.extend(law.codes.iter().map(String::as_str));
    }
    vec![place_patterns(places), code_patterns(codes)]
}
