//! Secrets kept at rest encrypted: the TOTP secrets of two-factor authentication. A copy of the
//! database (a backup, a restored dump on a laptop) then holds nothing that lets anyone compute a
//! user's codes without the key, which lives in the server's environment only.
//!
//! AES-256-GCM with a random 96-bit nonce per value; the user's id is authenticated data, so a
//! secret moved to another account does not open. Stored form: `v1:<base64 of nonce ‖ ciphertext>`.
//! A value without the prefix is a secret stored before encryption; it still opens, and
//! `shinko rotate-totp-key` seals it (as it re-seals values of the previous key).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

const PREFIX: &str = "v1:";
const NONCE_BYTES: usize = 12;

/// A 256-bit key.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl SecretKey {
    /// A key given as base64 (`openssl rand -base64 32`).
    pub fn from_base64(text: &str) -> Option<Self> {
        let bytes = STANDARD.decode(text.trim()).ok()?;
        Some(Self(bytes.try_into().ok()?))
    }

    /// For development only: a key derived from the token secret, so a demo runs without one more
    /// setting. Production requires its own key (see `production.rs`).
    pub fn derived_for_development(jwt_secret: &[u8]) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(b"shinko totp secret key v1\0");
        hasher.update(jwt_secret);
        Self(hasher.finalize().into())
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

/// Seals with the current key; opens with the current or the previous one (during a rotation).
#[derive(Clone)]
pub struct SecretBox {
    current: Aes256Gcm,
    previous: Option<Aes256Gcm>,
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBox(<keys redacted>)")
    }
}

/// Whether a stored value is sealed, and with which key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sealing {
    Current,
    Previous,
    /// Stored before encryption.
    Plain,
}

fn aad(user_id: i64) -> Vec<u8> {
    format!("shinko:totp:{user_id}").into_bytes()
}

impl SecretBox {
    pub fn new(current: &SecretKey, previous: Option<&SecretKey>) -> Self {
        Self { current: Aes256Gcm::new((&current.0).into()), previous: previous.map(|k| Aes256Gcm::new((&k.0).into())) }
    }

    /// The stored form of `secret` of user `user_id`.
    pub fn seal(&self, user_id: i64, secret: &str) -> String {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .current
            .encrypt(&Nonce::from(nonce), Payload { msg: secret.as_bytes(), aad: &aad(user_id) })
            .expect("AES-GCM encrypts any message of this size");
        let mut bytes = nonce.to_vec();
        bytes.extend(sealed);
        format!("{PREFIX}{}", STANDARD.encode(bytes))
    }

    /// The secret in `stored` and how it was sealed; None when no key opens it (a wrong key, or a
    /// value of another user).
    pub fn open(&self, user_id: i64, stored: &str) -> Option<(String, Sealing)> {
        let Some(encoded) = stored.strip_prefix(PREFIX) else { return Some((stored.to_owned(), Sealing::Plain)) };
        let bytes = STANDARD.decode(encoded).ok()?;
        if bytes.len() <= NONCE_BYTES {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        let nonce = Nonce::from(<[u8; NONCE_BYTES]>::try_from(nonce).ok()?);
        let aad = aad(user_id);
        let try_key = |cipher: &Aes256Gcm| cipher.decrypt(&nonce, Payload { msg: sealed, aad: &aad }).ok();
        let (plain, sealing) = match try_key(&self.current) {
            Some(plain) => (plain, Sealing::Current),
            None => (self.previous.as_ref().and_then(try_key)?, Sealing::Previous),
        };
        Some((String::from_utf8(plain).ok()?, sealing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> SecretKey {
        SecretKey([byte; 32])
    }

    #[test]
    fn a_sealed_secret_opens_only_with_its_key_and_for_its_user() {
        let sealer = SecretBox::new(&key(1), None);
        let stored = sealer.seal(7, "JBSWY3DPEHPK3PXP");
        assert!(stored.starts_with("v1:") && !stored.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(stored, sealer.seal(7, "JBSWY3DPEHPK3PXP"), "a fresh nonce every time");
        assert_eq!(sealer.open(7, &stored), Some(("JBSWY3DPEHPK3PXP".to_owned(), Sealing::Current)));
        assert_eq!(sealer.open(8, &stored), None, "another user's secret does not open");
        assert_eq!(SecretBox::new(&key(2), None).open(7, &stored), None, "another key does not open it");
    }

    #[test]
    fn during_a_rotation_the_previous_key_still_opens_and_plain_values_are_recognised() {
        let old = SecretBox::new(&key(1), None).seal(7, "OLDSECRET");
        let rotating = SecretBox::new(&key(2), Some(&key(1)));
        assert_eq!(rotating.open(7, &old), Some(("OLDSECRET".to_owned(), Sealing::Previous)));
        assert_eq!(rotating.open(7, "PLAINBASE32"), Some(("PLAINBASE32".to_owned(), Sealing::Plain)));
    }

    #[test]
    fn keys_are_read_from_base64_and_never_printed() {
        let k = SecretKey::from_base64(&STANDARD.encode([9u8; 32])).unwrap();
        assert_eq!(format!("{k:?}"), "SecretKey(<redacted>)");
        assert!(SecretKey::from_base64("c2hvcnQ=").is_none(), "16 bytes is not a 256-bit key");
    }
}
