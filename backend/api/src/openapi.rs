//! The OpenAPI 3.1 document: generated from the handlers' `#[utoipa::path]` annotations, built once.

use utoipa::openapi::path::Operation;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi as OpenApiDoc, Ref, RefOr};
use utoipa::{Modify, OpenApi};

use crate::error::{FieldError, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "進行管理 API",
        version = "1.0.0",
        description = "Progress management (進行管理) of municipal policy plans: the plan's structure, departments, \
accounts, the departments' reports and their review, the compiled table and its published editions.\n\n\
Authentication: `POST /api/v1/sessions` returns a short-lived bearer access token and a refresh token. \
Other city systems use a read-only API token (`shk_…`, created by an admin) as the bearer token: it reads \
every operation that says \"API tokens may read\", and gets 403 on everything else. Every operation states who may call it. Errors are `application/problem+json` (RFC 9457) with a Japanese `detail` \
and, for validation errors, one entry per field in `errors`.",
    ),
    servers((url = "/", description = "The server that serves this document (every path starts with /api/v1)")),
    components(schemas(Problem, FieldError)),
    modifiers(&BearerAuth),
    tags(
        (name = "health", description = "Liveness and readiness for operations"),
        (name = "sessions", description = "Login, token refresh, logout"),
        (name = "me", description = "The signed-in user"),
        (name = "users", description = "Accounts (admins only)"),
        (name = "departments", description = "担当課: city departments"),
        (name = "plans", description = "計画: plans and the whole plan tree"),
        (name = "measures", description = "基本施策・重点施策 and their directions ①②③"),
        (name = "rows", description = "事業: the table's rows, their departments, order and related rows"),
        (name = "periods", description = "報告期間: reporting periods, their life cycle and the evaluation scale"),
        (name = "table", description = "施策別事業進行管理表: the compiled table of a period and its exports"),
        (name = "api-tokens", description = "Read-only API tokens for other city systems (admins only)"),
        (name = "reports", description = "取組進捗状況: the departments' reports, their review workflow and history"),
        (name = "progress", description = "進捗: the secretariat's dashboard of a period, unsubmitted rows and reminders (督促)"),
        (name = "notifications", description = "通知: the signed-in user's notifications (差戻し, 承認, 締切間近, 督促)"),
        (name = "audit", description = "監査ログ: every change with its author (admins only)"),
        (name = "editions", description = "公表版: the published editions of a period's table, public without signing in, and corrections"),
        (name = "search", description = "検索: rows and report texts of all periods"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}

/// Adds the error responses every operation can give, so each one documents them without every
/// handler repeating the same list.
pub fn add_error_responses(doc: &mut OpenApiDoc) {
    let problem = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build(),
            )
            .build()
    };
    for (path, item) in doc.paths.paths.iter_mut() {
        let has_path_params = path.contains('{');
        let ops: [(&str, &mut Option<Operation>); 5] = [
            ("get", &mut item.get),
            ("post", &mut item.post),
            ("put", &mut item.put),
            ("patch", &mut item.patch),
            ("delete", &mut item.delete),
        ];
        for (_method, op) in ops {
            let Some(op) = op.as_mut() else { continue };
            // Every body this API takes is required; bodies described only by content types
            // (the imports' raw files) would otherwise be documented as optional.
            if let Some(body) = op.request_body.as_mut() {
                body.required = Some(utoipa::openapi::Required::True);
            }
            // Public operations say so explicitly (`security: []`) rather than by leaving it out,
            // so a missing annotation cannot pass for a deliberate choice.
            let secured = !op.security.get_or_insert_with(Vec::new).is_empty();
            let has_body = op.request_body.is_some();
            let has_params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
            let mut add = |status: &str, description: &str| {
                op.responses.responses.entry(status.to_owned()).or_insert_with(|| RefOr::T(problem(description)));
            };
            if has_body || has_params {
                add("400", "Malformed request: invalid JSON or query parameters");
            }
            if secured {
                add("401", "Missing, invalid or expired access token, or the session was revoked");
                add("403", "The caller's role may not do this");
            }
            if has_path_params {
                add("404", "No such resource (or the id in the path is not a number)");
            }
            if has_body {
                add("413", "Request body larger than 1 MiB");
                add("415", "Request body is not application/json");
                add("422", "The body does not fit the schema or fails validation; `errors` names each field");
            } else if has_params {
                add("422", "A parameter is out of range; `errors` names it");
            }
            add("500", "Unexpected server error (details are in the server log only)");
            add("503", "The database is unreachable; retry after the `Retry-After` seconds");
        }
    }
}

/// Makes each page type (`Page_ReportView`) refer to its item's schema instead of holding a copy
/// of it: utoipa inlines a generic argument inside `Vec<T>` (its `inline = false` covers only a
/// bare `T`), which repeats every item schema and leaves the item's own component unused.
pub fn reference_page_items(doc: &mut OpenApiDoc) {
    use utoipa::openapi::schema::{ArrayItems, Schema};
    let Some(components) = doc.components.as_mut() else { return };
    let names: Vec<String> = components.schemas.keys().cloned().collect();
    for (name, schema) in components.schemas.iter_mut() {
        let Some(item) = name.strip_prefix("Page_").filter(|item| names.iter().any(|n| n == item)) else { continue };
        let RefOr::T(Schema::Object(page)) = schema else { continue };
        if let Some(RefOr::T(Schema::Array(items))) = page.properties.get_mut("items") {
            items.items = ArrayItems::RefOrSchema(Box::new(RefOr::Ref(Ref::from_schema_name(item))));
        }
    }
}
