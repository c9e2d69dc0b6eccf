//! The rule data under `rules/`, embedded in the binary: as written (TOML), for error
//! messages and for `--version`, and as the build script converted it (JSON), for
//! loading.
//!
//! Parsing the embedded TOML (85 KB over 12 files) was 5 M instructions of a one-file
//! run, a quarter of it; the same data as JSON reads in a fraction of that, into the
//! same structures (the files hold no TOML dates, the one type JSON would not carry).
//! A unit test checks that every file reads the same both ways.

use serde::de::DeserializeOwned;

/// The JSON the build script wrote for `rules/<path>.toml`.
macro_rules! json {
    ($path:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/rules/", $path, ".json"))
    };
}
pub(crate) use json;

/// `T` from an embedded file's JSON; from its TOML when the JSON does not read (the
/// build script writes an empty file for TOML it cannot parse), so that an error
/// names the TOML's line and column.
pub fn load<T: DeserializeOwned>(json: &str, toml: &str) -> Result<T, toml::de::Error> {
    match serde_json::from_str(json) {
        Ok(value) => Ok(value),
        Err(_) => toml::from_str(toml),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_reads_the_same_as_json() {
        let out = std::path::Path::new(env!("OUT_DIR")).join("rules");
        let mut files = 0;
        for entry in walkdir::WalkDir::new("rules") {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let toml_text = std::fs::read_to_string(path).unwrap();
            let relative = path.strip_prefix("rules").unwrap();
            let json_text =
                std::fs::read_to_string(out.join(relative).with_extension("json")).unwrap();
            let from_json: serde_json::Value = serde_json::from_str(&json_text).unwrap();
            let from_toml: toml::Value = toml::from_str(&toml_text).unwrap();
            assert_eq!(
                from_json,
                serde_json::to_value(from_toml).unwrap(),
                "{}",
                path.display()
            );
            files += 1;
        }
        assert!(files >= 13, "{files} files");
    }

    #[test]
    fn toml_is_the_fallback_and_names_its_errors() {
        #[derive(Debug, serde::Deserialize)]
        struct A {
            a: i64,
        }
        assert_eq!(load::<A>("", "a = 1").unwrap().a, 1);
        assert_eq!(load::<A>(r#"{"a": 2}"#, "a = 1").unwrap().a, 2);
        let error = load::<A>("", "a = ").unwrap_err();
        assert!(error.span().is_some());
    }
}
