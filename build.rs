//! Embeds every declarative rule file under `rules/phrases/` into the binary, so that
//! adding a rule file needs no change to Rust code.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("rules/phrases");
    println!("cargo:rerun-if-changed=rules/phrases");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("pub const BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n");
    for name in &names {
        println!("cargo:rerun-if-changed=rules/phrases/{name}");
        writeln!(
            out,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/phrases/{name}\"))),"
        )
        .expect("write to string");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("builtin_rules.rs");
    std::fs::write(dest, out).expect("write builtin_rules.rs");
    println!("cargo:rerun-if-changed=rules");
    println!(
        "cargo:rustc-env=JDLINT_RULE_DATA={:012x}",
        rule_data_digest(Path::new("rules")) >> 16
    );
}

/// A digest of everything under `rules/`: `--version` names it so a report can be
/// traced to the exact word lists and facts that produced it.
fn rule_data_digest(root: &Path) -> u64 {
    let mut files: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(&f).unwrap_or_default();
        for b in name.bytes().chain([0]).chain(bytes).chain([0]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}
