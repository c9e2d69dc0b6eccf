#[global_allocator]
static A: mimalloc::MiMalloc = mimalloc::MiMalloc;
#[test]
#[ignore]
fn probe() {
    let _ = regex::Regex::new(r"\w").unwrap();
    let pats: Vec<String> = std::fs::read_dir("rules/phrases")
        .unwrap()
        .flat_map(|e| {
            let t = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let v: toml::Value = toml::from_str(&t).unwrap();
            v["phrase"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    format!(
                        r"\b(?i)(?:{})\b",
                        p["patterns"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|x| x.as_str().unwrap().to_string())
                            .collect::<Vec<_>>()
                            .join("|")
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    eprintln!("{} phrases", pats.len());
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let _ = regex_automata::meta::Regex::new_many(&pats).unwrap();
        eprintln!("meta unicode {:?}", t.elapsed());
        let t = std::time::Instant::now();
        let _ = regex_automata::meta::Builder::new()
            .syntax(
                regex_automata::util::syntax::Config::new()
                    .unicode(false)
                    .utf8(false),
            )
            .build_many(&pats)
            .unwrap();
        eprintln!("meta ascii {:?}", t.elapsed());
        let t = std::time::Instant::now();
        let _ = regex_automata::meta::Builder::new()
            .syntax(
                regex_automata::util::syntax::Config::new()
                    .unicode(false)
                    .utf8(false),
            )
            .configure(
                regex_automata::meta::Config::new()
                    .auto_prefilter(false)
                    .onepass(false)
                    .backtrack(false)
                    .dfa(false),
            )
            .build_many(&pats)
            .unwrap();
        eprintln!("meta ascii lean {:?}", t.elapsed());
    }
}
