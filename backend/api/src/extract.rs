//! Request extractors whose failures are problem+json, never actix's plain-text defaults.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::{PathError, PayloadError, QueryPayloadError};
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpRequest};
use futures_util::{Stream, StreamExt};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, FieldError};

/// Largest JSON body accepted. Plan texts are a few KB; a megabyte leaves ample room.
pub const JSON_LIMIT: usize = 1024 * 1024;

/// A JSON request body. Unlike `web::Json`, a body that does not fit the schema is answered with
/// 422 naming the offending field (via serde_path_to_error), malformed JSON with 400, a wrong
/// content type with 415 and an oversized body with 413.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T> ApiJson<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for ApiJson<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<mime::Mime>().ok())
            .is_some_and(|m| m.subtype() == mime::JSON || m.suffix() == Some(mime::JSON));
        let declared = declared_length(req);
        let mut payload = payload.take();
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::UnsupportedMediaType);
            }
            let body = read_limited(&mut payload, declared, JSON_LIMIT).await.map_err(|e| match e {
                BodyError::TooLarge => ApiError::PayloadTooLarge,
                BodyError::Read(e) => ApiError::BadRequest(format!("リクエストを読み取れませんでした: {e}")),
            })?;
            parse_json(&body).map(ApiJson)
        })
    }
}

/// The `Content-Length` a request declares, if any.
pub fn declared_length(req: &HttpRequest) -> Option<usize> {
    req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok())
}

/// Why a request body could not be read.
#[derive(Debug)]
pub enum BodyError {
    /// Longer than the limit (declared, or found while reading).
    TooLarge,
    /// The client's stream failed.
    Read(PayloadError),
}

/// Reads a request body of at most `limit` bytes. A larger declared length is refused before
/// anything is read, and a body that grows past the limit is refused at once, so no request can
/// make the server hold more than `limit` bytes of it.
pub async fn read_limited(
    payload: &mut (impl Stream<Item = Result<Bytes, PayloadError>> + Unpin),
    declared: Option<usize>,
    limit: usize,
) -> Result<Vec<u8>, BodyError> {
    if declared.is_some_and(|len| len > limit) {
        return Err(BodyError::TooLarge);
    }
    let mut body = Vec::with_capacity(declared.unwrap_or(0));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(BodyError::Read)?;
        if body.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Parses JSON, naming the field at fault when the shape is wrong.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    // Every body of this API is an object; serde would also read a struct from an array.
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => {}
        Some(_) => {
            return Err(ApiError::field(
                "body",
                "not_an_object",
                "リクエストの本文はJSONオブジェクト（{…}）で送信してください。",
            ))
        }
        None => return Err(ApiError::BadRequest("リクエストの本文が空です。".into())),
    }
    // PostgreSQL cannot store NUL characters in text; refuse them here with a clear message.
    if contains_nul_escape(body) {
        return Err(ApiError::field("body", "invalid_character", "文字列にNUL文字（\\u0000）は使えません。"));
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(value) => {
            de.end().map_err(|_| ApiError::BadRequest("JSONの後ろに余分なデータがあります。".into()))?;
            Ok(value)
        }
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            match inner.classify() {
                serde_json::error::Category::Data => Err(ApiError::Validation(vec![data_error(&path, &inner)])),
                _ => Err(ApiError::BadRequest(format!(
                    "JSONの形式が正しくありません（{}行{}列）。",
                    inner.line(),
                    inner.column()
                ))),
            }
        }
    }
}

/// Whether the JSON text has a `\u0000` escape (case-insensitive), i.e. a NUL in some string.
fn contains_nul_escape(body: &[u8]) -> bool {
    body.windows(6).enumerate().any(|(i, w)| {
        w[0] == b'\\' && (w[1] == b'u' || w[1] == b'U') && &w[2..] == b"0000" && {
            // Not an escaped backslash followed by "u0000": count the backslashes before it.
            let preceding = body[..i].iter().rev().take_while(|b| **b == b'\\').count();
            preceding % 2 == 0
        }
    })
}

fn data_error(path: &str, err: &serde_json::Error) -> FieldError {
    let msg = err.to_string();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        // serde_path_to_error's path already ends with the unknown key.
        let name = rest.split('`').next().unwrap_or_default();
        let field = if path == "." || path.is_empty() { name.to_owned() } else { path.to_owned() };
        return FieldError::new(field, "unknown_field", "この項目は指定できません。");
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        let field = if path == "." || path.is_empty() { name.to_owned() } else { format!("{path}.{name}") };
        return FieldError::new(field, "required", "必須項目です。");
    }
    let field = if path == "." || path.is_empty() { "body".to_owned() } else { path.to_owned() };
    FieldError::new(field, "invalid_type", "値の種類が正しくありません。")
}

/// Answers a path that does not parse (e.g. `/plans/abc`) with 404: no such resource exists.
pub fn path_error(err: PathError, _req: &HttpRequest) -> actix_web::Error {
    tracing::debug!(%err, "unparsable path parameter");
    ApiError::NotFound.into()
}

/// Answers a query string that does not fit its parameters with 400, naming what is wrong.
pub fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let detail = match &err {
        QueryPayloadError::Deserialize(e) => format!("クエリパラメータが正しくありません: {e}"),
        _ => "クエリパラメータが正しくありません。".to_owned(),
    };
    ApiError::BadRequest(detail).into()
}
