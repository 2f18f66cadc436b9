//! Login throttling, in memory: per client address (all attempts) and per account (failures).
//!
//! The per-account limit counts failures only and forgets them after a short window, and a
//! successful login clears them, so an attacker guessing passwords is slowed down without being
//! able to lock the real user out for long.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The limits, from the configuration.
#[derive(Debug, Clone)]
pub struct LoginLimits {
    /// Attempts one client address may make per window.
    pub per_address: u32,
    pub address_window: Duration,
    /// Failed attempts one account may have per window before it must wait.
    pub failures_per_account: u32,
    pub account_window: Duration,
    /// Take the client address from X-Forwarded-For (only behind a reverse proxy that sets it).
    pub trust_forwarded_for: bool,
}

impl Default for LoginLimits {
    fn default() -> Self {
        Self {
            per_address: 30,
            address_window: Duration::from_secs(60),
            failures_per_account: 10,
            account_window: Duration::from_secs(300),
            trust_forwarded_for: false,
        }
    }
}

/// Above this many tracked keys, stale ones are dropped, so a flood of random login ids cannot
/// grow the maps without bound.
const MAX_KEYS: usize = 50_000;

pub struct LoginLimiter {
    limits: LoginLimits,
    addresses: Mutex<HashMap<String, VecDeque<Instant>>>,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

/// Seconds to wait before the next attempt is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

fn prune(events: &mut VecDeque<Instant>, window: Duration, now: Instant) {
    while events.front().is_some_and(|t| now.duration_since(*t) >= window) {
        events.pop_front();
    }
}

fn wait(events: &VecDeque<Instant>, window: Duration, now: Instant) -> RetryAfter {
    let oldest = events.front().copied().unwrap_or(now);
    RetryAfter(window.saturating_sub(now.duration_since(oldest)).as_secs().max(1))
}

fn bound(map: &mut HashMap<String, VecDeque<Instant>>, window: Duration, now: Instant) {
    if map.len() > MAX_KEYS {
        map.retain(|_, events| {
            prune(events, window, now);
            !events.is_empty()
        });
    }
}

impl LoginLimiter {
    pub fn new(limits: LoginLimits) -> Self {
        Self { limits, addresses: Mutex::default(), failures: Mutex::default() }
    }

    /// The address limits apply to: the peer, or the proxy's X-Forwarded-For when trusted.
    pub fn client_address(&self, req: &actix_web::HttpRequest) -> String {
        if self.limits.trust_forwarded_for {
            if let Some(ip) = req.connection_info().realip_remote_addr() {
                return ip.to_owned();
            }
        }
        req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default()
    }

    /// Records an attempt from `address` for `account`, or says how long to wait.
    pub fn check(&self, address: &str, account: &str, now: Instant) -> Result<(), RetryAfter> {
        {
            let mut failures = self.failures.lock().expect("limiter lock");
            if let Some(events) = failures.get_mut(account) {
                prune(events, self.limits.account_window, now);
                if events.len() >= self.limits.failures_per_account as usize {
                    return Err(wait(events, self.limits.account_window, now));
                }
            }
        }
        let mut addresses = self.addresses.lock().expect("limiter lock");
        bound(&mut addresses, self.limits.address_window, now);
        let events = addresses.entry(address.to_owned()).or_default();
        prune(events, self.limits.address_window, now);
        if events.len() >= self.limits.per_address as usize {
            return Err(wait(events, self.limits.address_window, now));
        }
        events.push_back(now);
        Ok(())
    }

    pub fn record_failure(&self, account: &str, now: Instant) {
        let mut failures = self.failures.lock().expect("limiter lock");
        bound(&mut failures, self.limits.account_window, now);
        failures.entry(account.to_owned()).or_default().push_back(now);
    }

    pub fn record_success(&self, account: &str) {
        self.failures.lock().expect("limiter lock").remove(account);
    }

    /// [`Self::check_secret`] as an answer: 429 with the seconds to wait.
    pub fn guard_secret(&self, key: &str) -> Result<(), crate::error::ApiError> {
        self.check_secret(key, Instant::now()).map_err(|RetryAfter(secs)| {
            tracing::warn!(key, retry_after = secs, "secret check throttled");
            crate::error::ApiError::TooManySecretAttempts(secs)
        })
    }

    /// Whether `key` (an account's secret check, e.g. `mfa:7`) may be tried now: the failures of
    /// the account window, as for logins.
    pub fn check_secret(&self, key: &str, now: Instant) -> Result<(), RetryAfter> {
        let mut failures = self.failures.lock().expect("limiter lock");
        if let Some(events) = failures.get_mut(key) {
            prune(events, self.limits.account_window, now);
            if events.len() >= self.limits.failures_per_account as usize {
                return Err(wait(events, self.limits.account_window, now));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter() -> LoginLimiter {
        LoginLimiter::new(LoginLimits {
            per_address: 3,
            address_window: Duration::from_secs(60),
            failures_per_account: 2,
            account_window: Duration::from_secs(300),
            trust_forwarded_for: false,
        })
    }

    #[test]
    fn an_address_is_slowed_down_after_its_attempts_and_freed_after_the_window() {
        let l = limiter();
        let t = Instant::now();
        for i in 0..3 {
            assert!(l.check("10.0.0.1", &format!("user{i}"), t).is_ok());
        }
        assert_eq!(l.check("10.0.0.1", "user9", t + Duration::from_secs(20)), Err(RetryAfter(40)));
        assert!(l.check("10.0.0.2", "user9", t).is_ok(), "other addresses are not affected");
        assert!(l.check("10.0.0.1", "user9", t + Duration::from_secs(61)).is_ok());
    }

    #[test]
    fn an_account_waits_after_failures_and_a_success_clears_them() {
        let l = limiter();
        let t = Instant::now();
        l.record_failure("kenko", t);
        l.record_failure("kenko", t);
        assert_eq!(l.check("10.0.0.3", "kenko", t + Duration::from_secs(100)), Err(RetryAfter(200)));
        assert!(l.check("10.0.0.3", "kenko", t + Duration::from_secs(301)).is_ok(), "the lock is short");
        l.record_failure("kenko", t + Duration::from_secs(302));
        l.record_failure("kenko", t + Duration::from_secs(303));
        l.record_success("kenko");
        assert!(l.check("10.0.0.4", "kenko", t + Duration::from_secs(304)).is_ok());
    }
}
