//! `--out DIR --format F [--version V] [--name N]`: write the migration package into a
//! directory (or, when DIR ends in `.zip`, as one zip archive). The version defaults to the
//! current UTC time (`YYYYMMDDHHMMSS`): the CLI reads the clock, the core stays pure.

use schemashift::package::{self, Format, PackageOptions};
use schemashift::Migration;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// Write the package files into `dir` (`envs[0]`'s, and with several environments every one's
/// side by side).
pub fn write(envs: &[Migration], dir: &str, format: &str, version: Option<&str>, name: Option<&str>) -> Result<(), String> {
    let format: Format = format.parse()?;
    let version = match version {
        Some(v) => v.to_string(),
        None => {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|e| format!("the clock is before 1970: {e}"))?;
            package::utc_version(now.as_secs())
        }
    };
    let mut options = PackageOptions::new(format, version);
    options.name = name.map(str::to_string);
    let pkg = package::build_environments(envs, &options)?;
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
