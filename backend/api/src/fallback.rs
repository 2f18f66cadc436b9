//! Answers for requests no route took: 405 with `Allow` when the path exists under another
//! method, 404 otherwise, both as problem+json. The known paths come from the OpenAPI document,
//! so this table can never disagree with the routes.

use actix_web::{web, HttpRequest};
use utoipa::openapi::OpenApi;

use crate::error::ApiError;

/// Path templates of the API (e.g. `/api/v1/plans/{id}`) with the methods each accepts.
pub struct RouteTable {
    routes: Vec<(Vec<Segment>, Vec<&'static str>)>,
}

enum Segment {
    Literal(String),
    Param,
}

impl RouteTable {
    pub fn from_openapi(doc: &OpenApi) -> Self {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path
                    .trim_matches('/')
                    .split('/')
                    .map(|s| if s.starts_with('{') { Segment::Param } else { Segment::Literal(s.to_owned()) })
                    .collect();
                let mut methods = Vec::new();
                for (name, present) in [
                    ("GET", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ] {
                    if present {
                        methods.push(name);
                    }
                }
                (segments, methods)
            })
            .collect();
        Self { routes }
    }

    /// The methods allowed on `path`, if it is a known path.
    pub fn allowed(&self, path: &str) -> Option<&[&'static str]> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        self.routes
            .iter()
            .find(|(segments, _)| {
                segments.len() == parts.len()
                    && segments.iter().zip(&parts).all(|(s, p)| match s {
                        Segment::Param => !p.is_empty(),
                        Segment::Literal(l) => l == p,
                    })
            })
            .map(|(_, methods)| methods.as_slice())
    }
}

/// Default service of the `/api` scope.
pub async fn api_fallback(req: HttpRequest, table: web::Data<RouteTable>) -> Result<actix_web::HttpResponse, ApiError> {
    match table.allowed(req.path()) {
        Some(methods) => Err(ApiError::MethodNotAllowed(methods.to_vec())),
        None => Err(ApiError::NotFound),
    }
}
