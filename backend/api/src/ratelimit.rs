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

/// Most keys one map tracks. Past it the keys whose last event is oldest go first, so a flood
/// of made-up login ids or addresses costs a bounded amount of memory (each key holds at most
/// the events of one window) and no lookup gets slower.
const MAX_KEYS: usize = 20_000;

/// Events per key, each list bounded by its window and its limit.
#[derive(Default)]
struct Tracked {
    map: HashMap<String, VecDeque<Instant>>,
}

impl Tracked {
    fn events(&mut self, key: &str, window: Duration, now: Instant) -> Option<&mut VecDeque<Instant>> {
        let events = self.map.get_mut(key)?;
        prune(events, window, now);
        Some(events)
    }

    /// Records an event, keeping at most `keep` per key and [`MAX_KEYS`] keys.
    fn push(&mut self, key: &str, keep: usize, window: Duration, now: Instant) {
        if !self.map.contains_key(key) && self.map.len() >= MAX_KEYS {
            self.evict(window, now);
        }
        let events = self.map.entry(key.to_owned()).or_default();
        prune(events, window, now);
        events.push_back(now);
        while events.len() > keep.max(1) {
            events.pop_front();
        }
    }

    fn remove(&mut self, key: &str) {
        self.map.remove(key);
    }

    /// Drops the keys with nothing left in the window, then (still full) the tenth whose last
    /// event is oldest: one pass for many inserts.
    fn evict(&mut self, window: Duration, now: Instant) {
        self.map.retain(|_, events| {
            prune(events, window, now);
            !events.is_empty()
        });
        if self.map.len() >= MAX_KEYS {
            let mut last: Vec<Instant> = self.map.values().filter_map(|e| e.back().copied()).collect();
            let cut = MAX_KEYS / 10;
            last.select_nth_unstable(cut);
            let threshold = last[cut];
            self.map.retain(|_, events| events.back().is_some_and(|t| *t > threshold));
        }
    }
}

pub struct LoginLimiter {
    limits: LoginLimits,
    /// Attempts per client address.
    addresses: Mutex<Tracked>,
    /// Failures per account from clients it does not know (and per account's secret checks).
    failures: Mutex<Tracked>,
    /// Failures per device cookie: a browser that signed in to the account before.
    devices: Mutex<Tracked>,
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

/// The longest login id the limiter tracks (and the API accepts): ids are at most 64 characters,
/// so anything longer is refused before it costs memory or a hash.
pub const MAX_LOGIN_ID_CHARS: usize = 100;

impl LoginLimiter {
    pub fn new(limits: LoginLimits) -> Self {
        Self { limits, addresses: Mutex::default(), failures: Mutex::default(), devices: Mutex::default() }
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

    /// Records an attempt from `address` for `account` (from the browser `device` when it
    /// carries the account's device cookie), or says how long to wait. A known device is held
    /// back only by its own failures, so guesses from elsewhere never lock its user out.
    pub fn check(&self, address: &str, account: &str, device: Option<&str>, now: Instant) -> Result<(), RetryAfter> {
        let (map, key) = match device {
            Some(device) => (&self.devices, device),
            None => (&self.failures, account),
        };
        {
            let mut failures = map.lock().expect("limiter lock");
            if let Some(events) = failures.events(key, self.limits.account_window, now) {
                if events.len() >= self.limits.failures_per_account as usize {
                    return Err(wait(events, self.limits.account_window, now));
                }
            }
        }
        let mut addresses = self.addresses.lock().expect("limiter lock");
        if let Some(events) = addresses.events(address, self.limits.address_window, now) {
            if events.len() >= self.limits.per_address as usize {
                return Err(wait(events, self.limits.address_window, now));
            }
        }
        addresses.push(address, self.limits.per_address as usize, self.limits.address_window, now);
        Ok(())
    }

    /// A failed attempt on `account` (from `device`, when it is one the account knows).
    pub fn record_failure(&self, account: &str, device: Option<&str>, now: Instant) {
        let (map, key) = match device {
            Some(device) => (&self.devices, device),
            None => (&self.failures, account),
        };
        map.lock().expect("limiter lock").push(
            key,
            self.limits.failures_per_account as usize,
            self.limits.account_window,
            now,
        );
    }

    /// A success clears the failures of where it came from.
    pub fn record_success(&self, account: &str, device: Option<&str>) {
        match device {
            Some(device) => self.devices.lock().expect("limiter lock").remove(device),
            None => self.failures.lock().expect("limiter lock").remove(account),
        }
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
        if let Some(events) = failures.events(key, self.limits.account_window, now) {
            if events.len() >= self.limits.failures_per_account as usize {
                return Err(wait(events, self.limits.account_window, now));
            }
        }
        Ok(())
    }

    /// A wrong code or password at the secret check `key`.
    pub fn record_secret_failure(&self, key: &str) {
        self.record_failure(key, None, Instant::now());
    }

    /// A right one clears the failures of `key`.
    pub fn clear_secret(&self, key: &str) {
        self.record_success(key, None);
    }

    /// How many keys the maps hold (for tests of the bound).
    pub fn tracked_keys(&self) -> usize {
        [&self.addresses, &self.failures, &self.devices].iter().map(|m| m.lock().expect("limiter lock").map.len()).sum()
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
            assert!(l.check("10.0.0.1", &format!("user{i}"), None, t).is_ok());
        }
        assert_eq!(l.check("10.0.0.1", "user9", None, t + Duration::from_secs(20)), Err(RetryAfter(40)));
        assert!(l.check("10.0.0.2", "user9", None, t).is_ok(), "other addresses are not affected");
        assert!(l.check("10.0.0.1", "user9", None, t + Duration::from_secs(61)).is_ok());
    }

    #[test]
    fn an_account_waits_after_failures_and_a_success_clears_them() {
        let l = limiter();
        let t = Instant::now();
        l.record_failure("kenko", None, t);
        l.record_failure("kenko", None, t);
        assert_eq!(l.check("10.0.0.3", "kenko", None, t + Duration::from_secs(100)), Err(RetryAfter(200)));
        assert!(l.check("10.0.0.3", "kenko", None, t + Duration::from_secs(301)).is_ok(), "the lock is short");
        l.record_failure("kenko", None, t + Duration::from_secs(302));
        l.record_failure("kenko", None, t + Duration::from_secs(303));
        l.record_success("kenko", None);
        assert!(l.check("10.0.0.4", "kenko", None, t + Duration::from_secs(304)).is_ok());
    }

    #[test]
    fn guesses_from_elsewhere_do_not_lock_out_a_browser_the_account_knows() {
        let l = limiter();
        let t = Instant::now();
        l.record_failure("admin", None, t);
        l.record_failure("admin", None, t);
        assert!(l.check("10.9.9.9", "admin", None, t).is_err(), "unknown clients wait");
        assert!(l.check("10.0.0.5", "admin", Some("device-a"), t).is_ok(), "the user's own browser gets in");
        l.record_failure("admin", Some("device-a"), t);
        l.record_failure("admin", Some("device-a"), t);
        assert!(l.check("10.0.0.5", "admin", Some("device-a"), t).is_err(), "a device has its own limit");
        assert!(l.check("10.0.0.6", "admin", Some("device-b"), t).is_ok());
    }

    #[test]
    fn a_flood_of_distinct_keys_stays_bounded() {
        let l = LoginLimiter::new(LoginLimits { per_address: 1_000_000, ..LoginLimits::default() });
        let t = Instant::now();
        for i in 0..(MAX_KEYS * 3) {
            let id = format!("{i:0>100}");
            l.record_failure(&id, None, t + Duration::from_millis(i as u64));
            let _ = l.check(&format!("10.{}.{}.{}", i >> 16 & 255, i >> 8 & 255, i & 255), &id, None, t);
        }
        assert!(l.tracked_keys() <= 2 * MAX_KEYS, "{}", l.tracked_keys());
        // The newest keys are the ones kept.
        let newest = format!("{:0>100}", MAX_KEYS * 3 - 1);
        assert!(l.failures.lock().unwrap().map.contains_key(&newest));
    }
}
