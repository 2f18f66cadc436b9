//! Device cookies (OWASP's scheme against account lockout): a browser that signed in to an
//! account gets a cookie naming that account, signed by the server. Its later logins to that
//! account are throttled on their own, so an attacker's guesses from elsewhere, which lock the
//! account for unknown clients, never lock out its real user.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// The cookie's name; sent only to `/api/v1/sessions`.
pub const COOKIE: &str = "shinko_device";
/// A year: the browser stays trusted while it is used.
pub const MAX_AGE_DAYS: i64 = 365;

/// The key device cookies are signed with (derived from the token secret, so nothing else needs
/// configuring; a new secret simply makes every browser a stranger once).
#[derive(Clone)]
pub struct DeviceKey([u8; 32]);

impl DeviceKey {
    pub fn derive(jwt_secret: &[u8]) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(b"shinko device cookie v1\0");
        hasher.update(jwt_secret);
        Self(hasher.finalize().into())
    }

    fn mac(&self, nonce: &str, login_id: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(nonce.as_bytes());
        mac.update(b"\0");
        mac.update(login_id.as_bytes());
        mac
    }

    /// A new cookie value for a browser that just signed in to `login_id`: `<nonce>.<signature>`.
    pub fn issue(&self, login_id: &str) -> String {
        let mut nonce = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let nonce: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
        let signature: String =
            self.mac(&nonce, login_id).finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
        format!("{nonce}.{signature}")
    }

    /// The device's id when `value` is a cookie this server issued for `login_id`.
    pub fn verify(&self, value: &str, login_id: &str) -> Option<String> {
        let (nonce, signature) = value.split_once('.')?;
        if nonce.len() != 32 || signature.len() != 64 {
            return None;
        }
        let bytes: Vec<u8> =
            (0..64).step_by(2).map(|i| u8::from_str_radix(signature.get(i..i + 2)?, 16).ok()).collect::<Option<_>>()?;
        // verify_slice compares in constant time.
        self.mac(nonce, login_id).verify_slice(&bytes).ok()?;
        Some(nonce.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_vouches_only_for_its_account_and_its_server() {
        let key = DeviceKey::derive(b"a secret of at least thirty-two bytes!!");
        let cookie = key.issue("admin");
        let device = key.verify(&cookie, "admin").expect("its own cookie");
        assert_eq!(device.len(), 32);
        assert_eq!(key.verify(&cookie, "editor01"), None, "not for another account");
        assert_eq!(DeviceKey::derive(b"another secret of thirty-two bytes!!!!").verify(&cookie, "admin"), None);
        let forged = format!("{}.{}", "0".repeat(32), "0".repeat(64));
        assert_eq!(key.verify(&forged, "admin"), None);
        assert_eq!(key.verify("garbage", "admin"), None);
        assert_ne!(key.issue("admin"), cookie, "every sign-in gets a fresh device id");
    }
}
