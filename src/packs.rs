//! Rule packs: folders of declarative rule files a team adds to the built-in rules.
//! A pack's rules get ids `<pack>/<rule>` and behave like built-in ones.

use crate::config::ConfigError;
use crate::rules::declarative::DeclarativeRule;

/// One rule file of a pack: its path (for messages) and text.
pub struct PackFile {
    pub path: String,
    pub text: String,
}

/// Compiles a pack's files. The first broken file stops the load with a precise error.
pub fn load(name: &str, files: &[PackFile]) -> Result<Vec<DeclarativeRule>, ConfigError> {
    let prefix = format!("{name}/");
    files
        .iter()
        .map(|f| {
            DeclarativeRule::from_toml(&f.text, &prefix).map_err(|e| ConfigError {
                path: f.path.clone(),
                message: e.message,
                span: e.span,
                help: None,
            })
        })
        .collect()
}
