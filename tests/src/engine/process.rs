//! Starting and stopping the database servers the tests own.
//!
//! A server runs in a temporary directory, as the engine's system user when the tests run as
//! root (PostgreSQL refuses to run as root), otherwise as the current user. It is started under
//! a tiny `sh` watchdog whose standard input is a pipe held by the test process: when the test
//! process ends, normally or not, the pipe closes and the watchdog stops the server, so no
//! server outlives its test run.

use std::io::Read;
use std::net::TcpListener;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

/// Whether this process runs as root.
pub fn is_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

/// The uid and gid of a system user, from /etc/passwd.
fn user_ids(user: &str) -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let f: Vec<&str> = line.split(':').collect();
        if f.len() > 3 && f[0] == user {
            Some((f[2].parse().ok()?, f[3].parse().ok()?))
        } else {
            None
        }
    })
}

/// Who runs the server: `Some(user)` when we are root, `None` (ourselves) otherwise.
pub fn server_user(preferred: &str) -> Result<Option<String>, String> {
    if !is_root() {
        return Ok(None);
    }
    if user_ids(preferred).is_none() {
        return Err(format!(
            "running as root, but there is no `{preferred}` system user to run the server as \
             (it comes with the Debian package)"
        ));
    }
    Ok(Some(preferred.to_string()))
}

/// A temporary directory the server's user owns.
pub fn server_dir(user: Option<&str>, prefix: &str) -> Result<tempfile::TempDir, String> {
    let dir = tempfile::Builder::new().prefix(prefix).tempdir().map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    if let Some(user) = user {
        let (uid, gid) = user_ids(user).ok_or_else(|| format!("no system user `{user}`"))?;
        std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))
            .map_err(|e| format!("cannot chown {} to {user}: {e}", dir.path().display()))?;
    }
    Ok(dir)
}

/// A command run as `user` (via `runuser`) or as ourselves.
pub fn command_as(user: Option<&str>, program: &Path, args: &[String]) -> Command {
    match user {
        Some(user) => {
            let mut c = Command::new("runuser");
            c.arg("-u").arg(user).arg("--").arg(program).args(args);
            c
        }
        None => {
            let mut c = Command::new(program);
            c.args(args);
            c
        }
    }
}

/// Run a command to completion; its output, or an error that quotes it.
pub fn run(mut cmd: Command, what: &str) -> Result<String, String> {
    let out = cmd.stdin(Stdio::null()).output().map_err(|e| format!("{what}: cannot start: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    if !out.status.success() {
        return Err(format!("{what} failed ({}):\n{}\n{}", out.status, stdout.trim(), String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(stdout)
}

/// A free TCP port on the loopback interface.
pub fn free_port() -> Result<u16, String> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// A server process under its watchdog; stops the server when dropped.
pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    pub log: PathBuf,
}

impl Server {
    /// Start `program args...` as `user`, its output in `log`. `signal` is what stops it
    /// (`INT` = PostgreSQL fast shutdown, `TERM` for MariaDB).
    pub fn start(user: Option<&str>, program: &Path, args: &[String], log: PathBuf, signal: &str) -> Result<Server, String> {
        let script = format!("\"$@\" >>'{}' 2>&1 & pid=$!; read _ignored; kill -{signal} $pid 2>/dev/null; wait $pid", log.display());
        let mut sh_args = vec!["-c".to_string(), script, "sh".to_string()];
        sh_args.push(program.display().to_string());
        sh_args.extend(args.iter().cloned());
        let mut cmd = command_as(user, Path::new("/bin/sh"), &sh_args);
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
        let stdin = child.stdin.take();
        Ok(Server { child, stdin, log })
    }

    /// Whether the watchdog (and so the server) is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// The server's log, for error messages.
    pub fn log_tail(&self) -> String {
        let mut text = String::new();
        if let Ok(mut f) = std::fs::File::open(&self.log) {
            let _ = f.read_to_string(&mut text);
        }
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(25)..].join("\n")
    }

    /// Poll `ready` until it succeeds or `timeout` passes.
    pub fn wait_ready<T>(&mut self, timeout: Duration, mut ready: impl FnMut() -> Result<T, String>) -> Result<T, String> {
        let start = Instant::now();
        loop {
            match ready() {
                Ok(v) => return Ok(v),
                Err(e) => {
                    if !self.running() {
                        return Err(format!("server exited during start-up:\n{}", self.log_tail()));
                    }
                    if start.elapsed() > timeout {
                        return Err(format!("server not ready after {timeout:?}: {e}\n{}", self.log_tail()));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    }

    /// Stop the server and wait for it (at most 30 s, then kill the watchdog).
    pub fn stop(&mut self) {
        self.stdin.take();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if !matches!(self.child.try_wait(), Ok(None)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}
