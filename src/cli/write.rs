//! Writing a fixed posting back: atomically, keeping permissions, and only when the
//! file still holds what was linted.

use std::io::Write;
use std::path::Path;

use super::walk::io_message;

/// Replaces the file's contents with `text`. A temporary file in the same folder is
/// written, synced, given the original's permissions and renamed over the original,
/// so a crash leaves either the old or the new posting, never half of one. Symlinks
/// are followed so the link stays a link.
pub fn replace(path: &Path, expected: &str, text: &str) -> Result<(), String> {
    let target = std::fs::canonicalize(path).map_err(|e| io_message(&e))?;
    let current = std::fs::read(&target).map_err(|e| io_message(&e))?;
    if current != expected.as_bytes() {
        return Err("changed while it was being linted; not fixed".into());
    }
    let dir = target.parent().ok_or("has no parent folder")?;
    let permissions = std::fs::metadata(&target)
        .map_err(|e| io_message(&e))?
        .permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".jdlint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot create a temporary file: {}", io_message(&e)))?;
    let io = |e: std::io::Error| format!("cannot write the fix: {}", io_message(&e));
    tmp.write_all(text.as_bytes()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.as_file().set_permissions(permissions).map_err(io)?;
    tmp.persist(&target).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_contents_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        replace(&p, "old", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn refuses_when_the_file_changed_underneath() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "edited meanwhile").unwrap();
        assert!(replace(&p, "old", "new").is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "edited meanwhile");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        replace(&link, "old", "new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }
}
