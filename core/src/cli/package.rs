//! `--out DIR --format F`: write the migration package into a directory (or, when DIR ends in
//! `.zip`, as one zip archive). The version stamp can be fixed with the environment variable
//! `SCHEMASHIFT_MIGRATION_VERSION` (digits); otherwise it is derived from the migration.

use schemashift::package::{self, Format, PackageOptions};
use schemashift::Migration;
use std::path::Path;

/// Write the package files into `dir`.
pub fn write(m: &Migration, dir: &str, format: &str) -> Result<(), String> {
    let format: Format = format.parse()?;
    let mut options = PackageOptions::new(format);
    if let Ok(v) = std::env::var("SCHEMASHIFT_MIGRATION_VERSION") {
        if !v.trim().is_empty() {
            options.version = Some(v);
        }
    }
    let pkg = package::build(m, &options)?;
    if dir.ends_with(".zip") {
        let bytes = pkg.zip()?;
        return std::fs::write(dir, bytes).map_err(|e| format!("cannot write {dir}: {e}"));
    }
    let root = Path::new(dir);
    for (name, bytes) in &pkg.files {
        let path = root.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
