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

/// The password rules: long enough to resist guessing, short enough to hash cheaply.
pub fn validate_new_password(field: &str, password: &str) -> Result<(), ApiError> {
    let len = password.chars().count();
    if len < 10 {
        return Err(ApiError::Validation(vec![FieldError::new(
            field,
            "too_short",
            "パスワードは10文字以上で入力してください。",
        )]));
    }
    if len > 128 {
        return Err(ApiError::Validation(vec![FieldError::new(
            field,
            "too_long",
            "パスワードは128文字以内で入力してください。",
        )]));
    }
    Ok(())
}
