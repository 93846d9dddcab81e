//! Several environments in one package (`--env dev,staging,prod`): the package's own files are
//! the first environment's; `environments/<name>/` holds every listed environment's `up.sql`,
//! `down.sql` and `osc/` scripts, the same bytes as that environment's own plain package
//! (step-logged, large tables' changes sent to `--osc`), and `environments/README.md`
//! puts their settings side by side and shows, as unified diffs, what each environment's
//! statements change against the first's (the step log's lines left out of the diffs). The package's `README.md` points there.

use super::formats::plain::or_nothing;
use super::{build, line_diff, slug, with_osc, Format, Meta, Package, PackageOptions};
use crate::estimate::{duration, report};
use crate::profile::{pg_duration, whole_seconds};
use crate::{Dialect, Migration};

/// Lines of context around each change of the diffs.
const CONTEXT: usize = 3;

/// The directory of one environment's scripts.
fn dir(m: &Migration) -> String {
    let name = m.env.as_ref().map(|e| slug(&e.name)).unwrap_or_default();
    format!("environments/{}", if name.is_empty() { "default".to_string() } else { name })
}

/// Add every environment's scripts and the comparison; `envs[0]` is the package's own migration.
pub fn add(pkg: &mut Package, envs: &[Migration], meta: &Meta) -> Result<(), String> {
    let own = PackageOptions { format: Format::Plain, version: meta.version.clone(), name: Some(meta.name.clone()) };
    if envs.len() < 2 {
        return Ok(());
    }
    let mut dirs: Vec<String> = Vec::new();
    for m in envs {
        let d = dir(m);
        if dirs.contains(&d) {
            return Err(format!("environment `{}` is listed twice", d.trim_start_matches("environments/")));
        }
        dirs.push(d);
    }
    for (d, m) in dirs.iter().zip(envs) {
        let own_pkg = build(m, &own)?;
        for (path, bytes) in &own_pkg.files {
            if path == "up.sql" || path == "down.sql" || path.starts_with("osc/") {
                pkg.files.insert(format!("{d}/{path}"), bytes.clone());
            }
        }
    }
    // The comparison shows the migration's own statements: the step log's lines differ only in
    // step numbers and estimates, and would hide what an environment changes.
    let plain: Vec<(String, String)> = envs
        .iter()
        .map(|m| {
            let (m, _) = with_osc(m);
            (or_nothing(m.up_sql()), or_nothing(m.down_sql()))
        })
        .collect();
    pkg.add("environments/README.md", readme(envs, &dirs, &plain));
    let names: Vec<&str> = dirs.iter().map(|d| d.trim_start_matches("environments/")).collect();
    if let Some(text) = pkg.text("README.md") {
        let mut text = text.to_string();
        text.push_str(&format!(
            "\n## Other environments\n\nThis package's scripts are for `{}`. The same migration for {} is in `environments/` \
             (`environments/<name>/up.sql`, `down.sql`); `environments/README.md` compares their settings and shows what \
             differs between their scripts.\n",
            names[0],
            names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
        ));
        pkg.add("README.md", text);
    }
    Ok(())
}

fn readme(envs: &[Migration], dirs: &[String], scripts: &[(String, String)]) -> String {
    let names: Vec<&str> = dirs.iter().map(|d| d.trim_start_matches("environments/")).collect();
    let mut o = format!(
        "# Environments\n\nThe same migration generated for {} environments. The package's own scripts (`up.sql`, `down.sql` and \
         the tool's files) are `{}`'s; each environment's are in `environments/<name>/`, with the same step log.\n\n",
        envs.len(),
        names[0]
    );
    o.push_str(&format!("| setting | {} |\n|---|{}\n", names.join(" | "), "---|".repeat(names.len())));
    let row = |label: &str, cell: &dyn Fn(&Migration) -> String| {
        let cells: Vec<String> = envs.iter().map(cell).collect();
        let marker = if cells.iter().any(|c| *c != cells[0]) { " (differs)" } else { "" };
        format!("| {label}{marker} | {} |\n", cells.join(" | "))
    };
    let onoff = |b: bool| if b { "on" } else { "off" }.to_string();
    let zd = |m: &Migration, text: String| if m.zero_downtime { text } else { "—".to_string() };
    o.push_str(&row("zero-downtime form", &|m| onoff(m.zero_downtime)));
    o.push_str(&row("preserve data (backups restored by down)", &|m| {
        onoff(m.env.as_ref().is_some_and(|e| e.preserve_data) || !m.preserved.is_empty())
    }));
    let d = envs[0].target.dialect;
    match d {
        Dialect::Postgres => {
            o.push_str(&row("lock timeout", &|m| zd(m, run(m, |r| pg_duration(r.lock_timeout_ms)))));
            o.push_str(&row("statement timeout (blocking steps)", &|m| zd(m, run(m, |r| pg_duration(r.statement_timeout_ms)))));
            o.push_str(&row("backfill batch", &|m| zd(m, run(m, |r| format!("{} rows", r.batch_size)))));
            o.push_str(&row("pause between batches", &|m| {
                zd(m, run(m, |r| if r.batch_pause_ms == 0 { "none".to_string() } else { pg_duration(r.batch_pause_ms) }))
            }));
        }
        Dialect::Mysql => o.push_str(&row("lock wait timeout", &|m| zd(m, run(m, |r| format!("{}s", whole_seconds(r.lock_timeout_ms)))))),
        Dialect::Sqlite => {}
    }
    o.push_str(&row("steps up / down", &|m| format!("{} / {}", m.up.len(), m.down.len())));
    o.push_str(&row("estimated up (high end)", &|m| {
        let (ms, high) = report::totals(&m.up);
        format!("~{} ({})", duration(ms), duration(high))
    }));
    o.push_str("\nThe timeouts, batch and pause are in the zero-downtime form's statements only (— where it is off).\n\n");
    for (m, name) in envs.iter().zip(&names) {
        let Some(env) = &m.env else { continue };
        if env.advice.is_empty() {
            continue;
        }
        o.push_str(&format!("**{name}:**\n"));
        for a in &env.advice {
            o.push_str(&format!("- {a}\n"));
        }
        o.push('\n');
    }
    o.push_str(&format!(
        "## What differs from `{}`\n\nThe migration's statements of each script (the step log's lines left out).\n\n",
        names[0]
    ));
    for i in 1..envs.len() {
        o.push_str(&format!("### `{}`\n\n", names[i]));
        for (file, pick) in [("up.sql", 0usize), ("down.sql", 1)] {
            let (base, this) = if pick == 0 { (&scripts[0].0, &scripts[i].0) } else { (&scripts[0].1, &scripts[i].1) };
            let old = format!("{}/{file}", dirs[0]);
            let new = format!("{}/{file}", dirs[i]);
            match line_diff::unified(base, this, &old, &new, CONTEXT) {
                Some(diff) if diff.is_empty() => o.push_str(&format!("`{file}`: the same as `{}`'s.\n\n", names[0])),
                Some(diff) => o.push_str(&format!("`{file}`:\n\n```diff\n{diff}```\n\n")),
                None => o.push_str(&format!("`{file}`: differs in too many lines to show here: compare `{old}` with `{new}`.\n\n")),
            }
        }
    }
    o
}

/// A run setting of the migration's environment (the defaults when it has none).
fn run(m: &Migration, f: impl Fn(&crate::profile::RunSettings) -> String) -> String {
    f(&m.env.as_ref().map(|e| e.run).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use crate::package::{build_environments, Format, PackageOptions};
    use crate::profile::Profile;
    use crate::{generate, Dialect, Options};

    fn env(name: &str, before: &str, after: &str) -> crate::Migration {
        let mut o = Options::new(Dialect::Postgres);
        Profile::named(name).map(|p| p.apply(&mut o)).unwrap_or_default();
        generate(before, after, &o)
    }

    #[test]
    fn dev_and_prod_side_by_side() {
        let before = "CREATE TABLE users (id int PRIMARY KEY, name text);\n";
        let after = "CREATE TABLE users (id int PRIMARY KEY, name text);\nCREATE INDEX users_name_idx ON users (name);\n";
        let envs = vec![env("dev", before, after), env("prod", before, after)];
        let pkg = build_environments(&envs, &PackageOptions::new(Format::Plain, "1")).unwrap_or_default();
        let dev_up = pkg.text("environments/dev/up.sql").unwrap_or("");
        let prod_up = pkg.text("environments/prod/up.sql").unwrap_or("");
        // The package's own scripts are the first environment's.
        assert_eq!(pkg.text("up.sql"), Some(dev_up));
        assert!(!dev_up.contains("CONCURRENTLY") && prod_up.contains("CREATE INDEX CONCURRENTLY"), "{dev_up}\n{prod_up}");
        let readme = pkg.text("environments/README.md").unwrap_or("");
        assert!(readme.contains("| setting | dev | prod |"), "{readme}");
        assert!(readme.contains("| zero-downtime form (differs) | off | on |"), "{readme}");
        assert!(readme.contains("| lock timeout (differs) | — | '2s' |"), "{readme}");
        assert!(readme.contains("```diff\n--- environments/dev/up.sql\n+++ environments/prod/up.sql\n"), "{readme}");
        assert!(readme.contains("+CREATE INDEX CONCURRENTLY"), "{readme}");
        assert!(pkg.text("README.md").is_some_and(|r| r.contains("## Other environments")));
        // Same input, same bytes.
        let again = build_environments(&envs, &PackageOptions::new(Format::Plain, "1")).unwrap_or_default();
        assert_eq!(pkg, again);
    }

    #[test]
    fn an_environment_listed_twice_is_an_error() {
        let s = "CREATE TABLE t (id int);\n";
        let envs = vec![env("dev", s, s), env("dev", s, s)];
        let e = build_environments(&envs, &PackageOptions::new(Format::Plain, "1")).err().unwrap_or_default();
        assert!(e.contains("`dev` is listed twice"), "{e}");
    }
}
