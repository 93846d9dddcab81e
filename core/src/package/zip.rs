//! A deterministic zip writer: the package as one download, byte-identical for the same files.
//!
//! Entries are written in the `BTreeMap`'s (sorted) order, STORED (no compression: the scripts
//! are small and this keeps the writer free of dependencies, so it builds for wasm32), with a
//! fixed timestamp (1980-01-01 00:00, the zip epoch), UTF-8 names and `-rw-r--r--` permissions.

use super::hash::crc32;
use std::collections::BTreeMap;

/// DOS date of 1980-01-01 (year 0 since 1980, month 1, day 1); time 00:00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// General purpose flag bit 11: names are UTF-8.
const FLAG_UTF8: u16 = 1 << 11;
/// Version made by: Unix (3), zip spec 2.0.
const MADE_BY: u16 = (3 << 8) | 20;
const VERSION_NEEDED: u16 = 10;
/// Unix regular file, mode 0644, in the high 16 bits of the external attributes.
const EXTERNAL_ATTR: u32 = 0o100644 << 16;

/// Build a zip archive of `files` (path → bytes). Paths use `/`; directories are implied.
/// Errors only when the archive would need zip64 (over 4 GiB or 65535 entries).
pub fn zip(files: &BTreeMap<String, Vec<u8>>) -> Result<Vec<u8>, String> {
    if files.len() > usize::from(u16::MAX) {
        return Err("too many files for a zip without zip64".into());
    }
    let mut out: Vec<u8> = Vec::new();
    let mut central: Vec<u8> = Vec::new();
    for (name, data) in files {
        let offset = as_u32(out.len())?;
        let size = as_u32(data.len())?;
        let name_len = u16::try_from(name.len()).map_err(|_| format!("file name too long: {name}"))?;
        let crc = crc32(data);

        put32(&mut out, 0x0403_4b50);
        put16(&mut out, VERSION_NEEDED);
        put16(&mut out, FLAG_UTF8);
        put16(&mut out, 0); // method: stored
        put16(&mut out, DOS_TIME);
        put16(&mut out, DOS_DATE);
        put32(&mut out, crc);
        put32(&mut out, size);
        put32(&mut out, size);
        put16(&mut out, name_len);
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        put32(&mut central, 0x0201_4b50);
        put16(&mut central, MADE_BY);
        put16(&mut central, VERSION_NEEDED);
        put16(&mut central, FLAG_UTF8);
        put16(&mut central, 0);
        put16(&mut central, DOS_TIME);
        put16(&mut central, DOS_DATE);
        put32(&mut central, crc);
        put32(&mut central, size);
        put32(&mut central, size);
        put16(&mut central, name_len);
        put16(&mut central, 0); // extra
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk number start
        put16(&mut central, 0); // internal attributes
        put32(&mut central, EXTERNAL_ATTR);
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = as_u32(out.len())?;
    let central_size = as_u32(central.len())?;
    out.extend_from_slice(&central);
    let count = files.len() as u16;
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // disk with the central directory
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, central_size);
    put32(&mut out, central_offset);
    put16(&mut out, 0); // comment length
    as_u32(out.len())?;
    Ok(out)
}

fn as_u32(n: usize) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| "package too large for a zip without zip64".to_string())
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        files.insert("up.sql".to_string(), b"SELECT 1;\n".to_vec());
        files.insert("README.md".to_string(), "# runbook — ünïcode\n".as_bytes().to_vec());
        files.insert("up/01-main.sql".to_string(), Vec::new());
        files
    }

    #[test]
    fn same_files_same_bytes() {
        let a = zip(&sample()).unwrap();
        let b = zip(&sample()).unwrap();
        assert_eq!(a, b);
        assert_eq!(&a[..4], b"PK\x03\x04");
        // Entries are in sorted order: README.md first.
        assert_eq!(&a[30..39], b"README.md");
    }

    #[test]
    fn unzip_accepts_the_archive() {
        let dir = std::env::temp_dir().join(format!("schemashift-zip-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("p.zip");
        std::fs::write(&path, zip(&sample()).unwrap()).unwrap();
        let tried = std::process::Command::new("python3").args(["-m", "zipfile", "-t"]).arg(&path).output();
        match tried {
            Ok(out) => assert!(
                out.status.success(),
                "python zipfile -t failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
            Err(e) => eprintln!("skipped: python3 not available ({e})"),
        }
        let listed = std::process::Command::new("python3")
            .args([
                "-c",
                "import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);print('|'.join(z.namelist()));print(z.read('README.md').decode())",
            ])
            .arg(&path)
            .output();
        if let Ok(out) = listed {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.starts_with("README.md|up.sql|up/01-main.sql\n"), "{text}");
            assert!(text.contains("ünïcode"), "{text}");
        }
        if let Ok(out) = std::process::Command::new("unzip").arg("-t").arg(&path).output() {
            assert!(out.status.success(), "unzip -t: {}", String::from_utf8_lossy(&out.stdout));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
