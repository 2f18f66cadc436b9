//! TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps — what authenticator apps expect), its QR
//! code for enrolment, and recovery codes.

use qrcodegen::{QrCode, QrCodeEcc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Secret, TOTP};

const STEP_SECONDS: u64 = 30;
/// How many recovery codes an enrolment gives.
pub const RECOVERY_CODES: usize = 10;
const ISSUER: &str = "shinko";

fn totp(secret_base32: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_base32.to_owned()).to_bytes().ok()?;
    // Login ids cannot contain ':', so the label is always valid.
    TOTP::new(Algorithm::SHA1, 6, 1, STEP_SECONDS, bytes, Some(ISSUER.to_owned()), account.to_owned()).ok()
}

/// A new random secret (160 bits), base32 as apps show it.
pub fn new_secret() -> String {
    Secret::generate_secret().to_encoded().to_string()
}

/// The otpauth:// URI an authenticator app reads from the QR code.
pub fn otpauth_uri(secret_base32: &str, account: &str) -> Option<String> {
    totp(secret_base32, account).map(|t| t.get_url())
}

/// The QR code of `text` as an SVG document (drawn here, so no image library and nothing
/// loaded from elsewhere).
pub fn qr_svg(text: &str) -> Option<String> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let border = 4;
    let size = qr.size() + border * 2;
    let mut path = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"二要素認証の登録用QRコード\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

/// The time step `code` is valid for at `unix_time` (allowing one step of clock skew either way).
pub fn matching_step(secret_base32: &str, account: &str, code: &str, unix_time: u64) -> Option<i64> {
    let totp = totp(secret_base32, account)?;
    let code = code.trim();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    [unix_time.saturating_sub(STEP_SECONDS), unix_time, unix_time + STEP_SECONDS]
        .into_iter()
        .find(|t| totp.generate(*t) == code)
        .map(|t| (t / STEP_SECONDS) as i64)
}

/// Characters of a recovery code: no 0/o, 1/l/i, which people misread.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Characters per code: 24 of 31 give 118 bits, so a stolen table of their SHA-256 hashes cannot
/// be searched (the bar is 112 bits; a slow hash would be needed below it).
const RECOVERY_CODE_CHARS: usize = 24;

/// Recovery codes as people type them (`xxxx-xxxx-xxxx-xxxx-xxxx-xxxx`) and the hashes to store.
pub fn new_recovery_codes() -> (Vec<String>, Vec<Vec<u8>>) {
    let mut rng = rand::rngs::OsRng;
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| {
            let mut chars = Vec::with_capacity(RECOVERY_CODE_CHARS);
            while chars.len() < RECOVERY_CODE_CHARS {
                let mut byte = [0u8; 1];
                rng.fill_bytes(&mut byte);
                // Rejection keeps every character equally likely (256 is not a multiple of 31).
                let limit = 256 - 256 % RECOVERY_ALPHABET.len();
                if usize::from(byte[0]) < limit {
                    chars.push(RECOVERY_ALPHABET[usize::from(byte[0]) % RECOVERY_ALPHABET.len()] as char);
                }
            }
            chars.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join("-")
        })
        .collect();
    let hashes = codes.iter().map(|c| hash_recovery_code(c)).collect();
    (codes, hashes)
}

/// Recovery codes are compared case- and dash-insensitively.
pub fn hash_recovery_code(code: &str) -> Vec<u8> {
    let normalized: String =
        code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    Sha256::digest(normalized.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_accepted_in_its_step_and_the_neighbouring_ones_only() {
        let secret = new_secret();
        let t = 1_800_000_000u64;
        let code = totp(&secret, "admin").unwrap().generate(t);
        assert_eq!(matching_step(&secret, "admin", &code, t), Some((t / 30) as i64));
        assert!(matching_step(&secret, "admin", &code, t + 30).is_some(), "one step of skew");
        assert_eq!(matching_step(&secret, "admin", &code, t + 90), None);
        assert_eq!(matching_step(&secret, "admin", "12345", t), None);
    }

    #[test]
    fn recovery_codes_are_random_and_forgiving_to_type() {
        let (codes, hashes) = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        assert_ne!(codes[0], codes[1]);
        for code in &codes {
            assert_eq!(code.len(), 29, "{code}");
            assert!(code.split('-').all(|g| g.len() == 4 && g.bytes().all(|b| RECOVERY_ALPHABET.contains(&b))));
        }
        // 24 characters of 31: more than the 112 bits a fast hash needs.
        assert!(RECOVERY_CODE_CHARS as f64 * (RECOVERY_ALPHABET.len() as f64).log2() >= 112.0);
        assert_eq!(hash_recovery_code(&codes[0].to_uppercase().replace('-', "")), hashes[0]);
    }

    #[test]
    fn the_qr_code_is_an_svg_of_the_uri() {
        let uri = otpauth_uri(&new_secret(), "admin").unwrap();
        assert!(uri.starts_with("otpauth://totp/shinko:admin?"));
        let svg = qr_svg(&uri).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("<path d=\"M"));
    }
}
