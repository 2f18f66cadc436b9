//! PostgreSQL's own programs for tests that need more than a database: the client tools of the
//! server's version (pg_dump, pg_restore) and a private cluster a test may stop and start.
//!
//! The programs are found at run time: `pg_config --bindir`, the distributions' versioned
//! directories (`/usr/lib/postgresql/<major>/bin` on Debian, `/usr/pgsql-<major>/bin` on RHEL), then
//! PATH; a program counts only if its major version is the one asked for.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The major version a program reports (`pg_dump (PostgreSQL) 15.20 (Debian …)` gives 15).
fn major_of(program: &Path) -> Option<u32> {
    let out = Command::new(program).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text.split_whitespace().find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))?;
    version.split(['.', ' ']).next()?.parse().ok()
}

fn candidate_dirs(major: u32) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        if out.status.success() && !dir.is_empty() {
            dirs.push(PathBuf::from(dir));
        }
    }
    dirs.push(PathBuf::from(format!("/usr/lib/postgresql/{major}/bin")));
    dirs.push(PathBuf::from(format!("/usr/pgsql-{major}/bin")));
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    dirs
}

/// The PostgreSQL program `name` of major version `major`, if one is installed.
pub fn program(name: &str, major: u32) -> Option<PathBuf> {
    candidate_dirs(major).into_iter().map(|d| d.join(name)).find(|p| p.is_file() && major_of(p) == Some(major))
}

/// Like [`program`], with a message that says what to install when it is missing.
pub fn require_program(name: &str, major: u32) -> PathBuf {
    program(name, major).unwrap_or_else(|| panic!("{name} of PostgreSQL {major} not found (pg_config --bindir, /usr/lib/postgresql/{major}/bin, PATH); install postgresql-client-{major}"))
}

/// The major version of the server at `url` (a `server_version_num` of 150020 is 15).
pub async fn server_major(url: &str) -> u32 {
    let (client, connection) =
        tokio_postgres::connect(url, tokio_postgres::NoTls).await.expect("connect to PostgreSQL");
    tokio::spawn(connection);
    let num: String = client.query_one("SHOW server_version_num", &[]).await.unwrap().get(0);
    num.parse::<u32>().unwrap() / 10_000
}

/// The directory of the newest PostgreSQL server installed: `pg_config --bindir` when it holds the
/// server programs, else the newest `/usr/lib/postgresql/<major>/bin`, else the directory of the
/// `initdb` on PATH.
fn server_bindir() -> Option<PathBuf> {
    let has_initdb = |d: &Path| d.join("initdb").is_file();
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if out.status.success() && has_initdb(&dir) {
            return Some(dir);
        }
    }
    let mut debian: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, d): &(u32, PathBuf)| has_initdb(d))
        .collect();
    debian.sort();
    if let Some((_, dir)) = debian.pop() {
        return Some(dir);
    }
    std::env::split_paths(&std::env::var_os("PATH")?).find(|d| has_initdb(d))
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

/// A PostgreSQL cluster of its own in a temporary directory: trust authentication, listening on
/// 127.0.0.1 at a free port, its socket next to its data. Stopped and deleted on drop, whether the
/// test passed or not.
pub struct PgCluster {
    base: PathBuf,
    data: String,
    log: String,
    socket_dir: String,
    bindir: PathBuf,
    /// Root may not run PostgreSQL; it acts as the `postgres` OS user the server package creates.
    as_postgres: bool,
    pub port: u16,
}

impl PgCluster {
    /// initdb and start a cluster of the newest server installed.
    pub fn start() -> Self {
        let bindir = server_bindir().expect("PostgreSQL's initdb not found (pg_config --bindir, /usr/lib/postgresql/*/bin, PATH); install the postgresql package");
        let base = std::env::temp_dir().join(format!("shinko-pg-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(base.join("run")).unwrap();
        let text = |name: &str| base.join(name).to_string_lossy().into_owned();
        let as_postgres = is_root();
        let cluster = Self {
            data: text("data"),
            log: text("postgres.log"),
            socket_dir: text("run"),
            base,
            bindir,
            as_postgres,
            port: free_port(),
        };
        if as_postgres {
            let status = Command::new("chown").args(["-R", "postgres:postgres"]).arg(&cluster.base).status().unwrap();
            assert!(status.success(), "chown of the cluster's directory to the postgres user");
        }
        cluster.run(
            "initdb",
            &["-D", &cluster.data, "--auth=trust", "-U", "postgres", "--encoding=UTF8", "--locale=C", "--no-sync"],
        );
        cluster.start_server();
        cluster
    }

    /// Runs one of the server's programs as the cluster's owner; panics with its output on failure.
    fn run(&self, program: &str, args: &[&str]) -> Output {
        let out = self.command(program, args).output().unwrap_or_else(|e| panic!("run {program}: {e}"));
        assert!(
            out.status.success(),
            "{program} {args:?} failed: {}{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            self.log_tail()
        );
        out
    }

    fn command(&self, program: &str, args: &[&str]) -> Command {
        let program = self.bindir.join(program);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        // The postgres user may not be allowed into the test's working directory.
        cmd.args(args).current_dir("/");
        cmd
    }

    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        format!("last lines of the server log:\n{}", lines[lines.len().saturating_sub(20)..].join("\n"))
    }

    /// Starts the server and waits (up to 60 s) until it accepts connections.
    pub fn start_server(&self) {
        let options = format!("-p {} -k {} -c listen_addresses=127.0.0.1", self.port, self.socket_dir);
        self.run("pg_ctl", &["-D", &self.data, "-l", &self.log, "-w", "-t", "60", "-o", &options, "start"]);
    }

    /// Stops the server (`-m fast`: open sessions are ended, as in a restart for maintenance).
    pub fn stop_server(&self) {
        self.run("pg_ctl", &["-D", &self.data, "-m", "fast", "-w", "-t", "60", "stop"]);
    }

    /// The URL of database `name` on this cluster.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        if Path::new(&self.data).join("postmaster.pid").exists() {
            let _ = self.command("pg_ctl", &["-D", &self.data, "-m", "immediate", "-w", "-t", "30", "stop"]).output();
        }
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}
