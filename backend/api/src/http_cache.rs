//! Conditional requests and downloads, written once: the format of every ETag the API sends, the
//! reading of `If-None-Match`, and `Content-Disposition` with a Japanese file name.
//!
//! Every ETag is strong and quoted (`"<token>"`); its token says what it identifies (a body's
//! digest, a report's version, a table's change counter). `If-None-Match` is compared weakly
//! (RFC 9110 §13.1.2), so a cache that hands back `W/"…"` still gets its 304.

use actix_web::http::header::{
    self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue, TryIntoHeaderValue,
};
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

use crate::error::ApiError;

/// `"<token>"`: the one shape of an entity tag.
pub fn etag(token: impl std::fmt::Display) -> String {
    format!("\"{token}\"")
}

/// The first `bytes` bytes of the SHA-256 of `data`, in hex.
pub fn digest_hex(data: &[u8], bytes: usize) -> String {
    Sha256::digest(data).iter().take(bytes).map(|b| format!("{b:02x}")).collect()
}

/// A strong validator of a body: its SHA-256, so any change of content changes it.
pub fn content_etag(body: &[u8]) -> String {
    etag(digest_hex(body, 16))
}

/// A report's ETag: its id and version, so a tag of another report never matches.
pub fn report_etag(report_id: i64, version: i32) -> String {
    etag(format!("{report_id}-{version}"))
}

/// Whether the request's `If-None-Match` names `etag` (or is `*`), compared weakly: `W/"x"` and
/// `"x"` name the same representation for a GET.
pub fn none_match(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|candidate| candidate == "*" || opaque(candidate) == opaque(etag))
}

/// The quoted part of an entity tag, without a weak indicator.
fn opaque(tag: &str) -> &str {
    tag.strip_prefix("W/").unwrap_or(tag)
}

/// 304 with the ETag, for a client that has the representation already.
pub fn not_modified(etag: String) -> HttpResponse {
    HttpResponse::NotModified().insert_header((header::ETAG, etag)).finish()
}

/// 200 with the body and its content ETag, or 304 when `If-None-Match` already names it.
pub fn conditional(req: &HttpRequest, content_type: &str, body: Vec<u8>) -> HttpResponse {
    let etag = content_etag(&body);
    if none_match(req, &etag) {
        not_modified(etag)
    } else {
        HttpResponse::Ok().insert_header((header::ETAG, etag)).content_type(content_type).body(body)
    }
}

/// `attachment; filename="shinko-table-12.xlsx"; filename*=UTF-8''%E6%96%BD…`: the Japanese name
/// for browsers, and an ASCII one for clients that ignore `filename*` (RFC 6266).
pub fn disposition(kind: DispositionType, ascii_name: String, name: &str) -> ContentDisposition {
    ContentDisposition {
        disposition: kind,
        parameters: vec![
            DispositionParam::Filename(ascii_name),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: name.as_bytes().to_vec(),
            }),
        ],
    }
}

/// Sets `Content-Disposition` on a response.
pub fn set_disposition(res: &mut HttpResponse, disposition: ContentDisposition) -> Result<(), ApiError> {
    res.headers_mut().insert(header::CONTENT_DISPOSITION, disposition.try_into_value().map_err(ApiError::internal)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn asking(value: &str) -> HttpRequest {
        TestRequest::default().insert_header((header::IF_NONE_MATCH, value)).to_http_request()
    }

    #[test]
    fn if_none_match_compares_weakly_and_in_lists() {
        let tag = etag("t0a1b");
        assert!(none_match(&asking("\"t0a1b\""), &tag));
        assert!(none_match(&asking("W/\"t0a1b\""), &tag), "a weak validator names the same table");
        assert!(none_match(&asking("\"other\", W/\"t0a1b\""), &tag));
        assert!(none_match(&asking("*"), &tag));
        assert!(!none_match(&asking("\"t0a1\""), &tag));
        assert!(!none_match(&asking("t0a1b"), &tag), "an unquoted token is not an entity tag");
        assert!(!none_match(&TestRequest::default().to_http_request(), &tag));
    }

    #[test]
    fn every_etag_has_one_shape() {
        assert_eq!(report_etag(12, 3), "\"12-3\"");
        assert_eq!(content_etag(b"x").len(), 34);
        assert_ne!(content_etag(b"x"), content_etag(b"y"));
    }

    #[test]
    fn the_file_name_is_japanese_with_an_ascii_fallback() {
        let d = disposition(DispositionType::Attachment, "shinko-table-1.csv".into(), "進行管理表.csv");
        let value = d.try_into_value().unwrap();
        let value = value.to_str().unwrap();
        assert!(
            value.starts_with("attachment; filename=\"shinko-table-1.csv\"; filename*=UTF-8''%E9%80%B2"),
            "{value}"
        );
    }
}
