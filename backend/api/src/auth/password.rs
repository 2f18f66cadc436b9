//! Password hashing with argon2id (m = 19456 KiB, t = 2, p = 1, the OWASP baseline).
//!
//! Hashing costs ~20 MiB and tens of milliseconds of CPU, so it runs on a few dedicated threads:
//! a storm of logins queues instead of exhausting memory or the async executor.

use std::sync::{Arc, LazyLock};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{ApiError, FieldError};

fn argon2() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("static argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash of a random password nobody knows. Unknown login ids are verified against it, so a
/// wrong login id takes as long as a wrong password and timing reveals nothing.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(uuid::Uuid::new_v4().as_bytes(), &salt)
        .expect("hashing a random password succeeds")
        .to_string()
});

/// A job for a hashing thread.
type Job = Box<dyn FnOnce() + Send>;

/// Runs password hashing on its own few threads, off the async executor. A fixed set of threads
/// (not tokio's growing blocking pool) keeps memory bounded under a login storm: each hash holds
/// 19 MiB, and the allocator keeps a thread's freed blocks for that thread, so many short-lived
/// blocking threads would each keep their 19 MiB (a storm grew the server past 1 GB that way).
#[derive(Clone)]
pub struct PasswordHasherPool {
    jobs: std::sync::mpsc::SyncSender<Job>,
}

impl PasswordHasherPool {
    /// Starts `threads` hashing threads; hashes beyond them wait their turn in a short queue.
    pub fn new(threads: usize) -> Self {
        let (jobs, queue) = std::sync::mpsc::sync_channel::<Job>(threads * 64);
        let queue = Arc::new(std::sync::Mutex::new(queue));
        for i in 0..threads.max(1) {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new()
                .name(format!("password-hash-{i}"))
                .spawn(move || {
                    yield_to_requests();
                    loop {
                        // The lock is held only while taking a job, not while hashing.
                        let job = match queue.lock().map(|q| q.recv()) {
                            Ok(Ok(job)) => job,
                            _ => break,
                        };
                        job();
                    }
                })
                .expect("a hashing thread starts");
        }
        Self { jobs }
    }

    async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
        let (done, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(f());
        });
        match self.jobs.try_send(job) {
            Ok(()) => {}
            // A full queue means a storm: wait for room without blocking the executor.
            Err(std::sync::mpsc::TrySendError::Full(job)) => {
                let jobs = self.jobs.clone();
                tokio::task::spawn_blocking(move || jobs.send(job))
                    .await?
                    .map_err(|_| ApiError::internal("hashing threads stopped"))?;
            }
            Err(std::sync::mpsc::TrySendError::Disconnected(_)) => {
                return Err(ApiError::internal("hashing threads stopped"))
            }
        }
        result.await.map_err(|_| ApiError::internal("hashing job dropped"))
    }

    pub async fn hash(&self, password: String) -> Result<String, ApiError> {
        self.run(move || {
            let salt = SaltString::generate(&mut OsRng);
            argon2().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(ApiError::internal)
        })
        .await?
    }

    /// Verifies `password` against `hash`, or against the dummy hash when there is no user, so
    /// both cases cost the same.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, ApiError> {
        self.run(move || {
            let known = hash.is_some();
            let hash = hash.unwrap_or_else(|| DUMMY_HASH.clone());
            let ok = PasswordHash::new(&hash)
                .map(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
                .unwrap_or(false);
            known && ok
        })
        .await
    }

    /// Computes the dummy hash now, so the first unknown-user login is not slower than the rest.
    pub fn warm_up() {
        LazyLock::force(&DUMMY_HASH);
    }
}

/// Lowers the calling thread's CPU priority (nice 10), so that a storm of logins takes the CPU
/// the requests leave over instead of slowing every other request down; a login is slower by
/// its nature and the user waits for it anyway (login storm in bench/RESULTS.md). On Linux the
/// nice value belongs to the thread, not the process.
fn yield_to_requests() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only changes the scheduling priority of the calling thread (who = 0).
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// The 100,000 most common leaked passwords (SecLists, see `backend/api/data/README.md`),
/// bundled: the city's network is closed, so nothing is looked up online.
static COMMON_PASSWORDS: &str = include_str!("../../data/common-passwords-100k.txt");

/// The list as a set, built on first use (about 4 MB).
fn common_passwords() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| COMMON_PASSWORDS.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
}

/// The password rules: long enough to resist guessing, short enough to hash cheaply, not on the
/// list of common leaked passwords, and not built on the login id (the first thing an attacker
/// tries). `login_id` is the account's (for a new account, the one it will have).
pub fn validate_new_password(field: &str, password: &str, login_id: &str) -> Result<(), ApiError> {
    let refuse = |code: &str, message: &str| Err(ApiError::Validation(vec![FieldError::new(field, code, message)]));
    let len = password.chars().count();
    if len < 10 {
        return refuse("too_short", "パスワードは10文字以上で入力してください。");
    }
    if len > 128 {
        return refuse("too_long", "パスワードは128文字以内で入力してください。");
    }
    let lowered = password.to_lowercase();
    let login_id = login_id.trim().to_lowercase();
    if login_id.chars().count() >= 3 && lowered.contains(&login_id) {
        return refuse(
            "contains_login_id",
            "ログインIDを含むパスワードは使えません。推測されにくいパスワードにしてください。",
        );
    }
    if common_passwords().contains(password) || common_passwords().contains(lowered.as_str()) {
        return refuse(
            "too_common",
            "このパスワードはよく使われていて（漏えいしたパスワードの一覧に載っています）、推測されやすいため使えません。別のパスワードにしてください。",
        );
    }
    Ok(())
}

#[cfg(test)]
mod rules_tests {
    use super::*;

    fn code(password: &str, login_id: &str) -> Option<String> {
        match validate_new_password("new_password", password, login_id) {
            Ok(()) => None,
            Err(ApiError::Validation(errors)) => Some(errors[0].code.clone()),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn common_passwords_and_ones_built_on_the_login_id_are_refused() {
        assert!(common_passwords().len() >= 100_000 - 10, "the whole list is there");
        assert_eq!(code("password123", "kenko").as_deref(), Some("too_common"));
        assert_eq!(code("qwertyuiop", "kenko").as_deref(), Some("too_common"));
        assert_eq!(code("QwertyUiop", "kenko").as_deref(), Some("too_common"), "case does not help");
        assert_eq!(code("kenko.taro-2025!", "kenko.taro").as_deref(), Some("contains_login_id"));
        assert_eq!(code("short", "kenko").as_deref(), Some("too_short"));
        assert_eq!(code("あきる野の川は今日も澄んでいる", "kenko"), None);
        assert_eq!(code("a brand new correct horse", "kenko"), None);
    }
}
