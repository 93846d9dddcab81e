//! Shared by the package engine tests: the hand-made migrations (`model.rs`, also used by the
//! unit tests) and file helpers.
#![allow(dead_code)]

mod lib {
    pub use schemashift::*;
}
#[path = "model.rs"]
mod model;
pub use model::*;

use schemashift::package::Package;
use std::path::{Path, PathBuf};
use std::process::Output;

pub fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("schemashift-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

pub fn write_package(pkg: &Package, dir: &Path) {
    for (name, bytes) in &pkg.files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
}

pub fn show(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}
