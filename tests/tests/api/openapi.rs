//! The committed `openapi/openapi.json` is what the code generates and what the server serves.

use reqwest::StatusCode;
use serde_json::Value;
use shinko_tests::*;

/// The operations of the API: each has a row in `tests/authz-matrix.md`.
const OPERATIONS: usize = 102;

fn committed_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json")
}

#[tokio::test]
async fn the_committed_openapi_document_is_up_to_date() {
    let generated = shinko_api::startup::api_doc().to_pretty_json().unwrap() + "\n";
    let committed = std::fs::read_to_string(committed_path()).unwrap_or_default();
    if committed != generated {
        // Writing the fresh document lets a developer review and commit it with one command:
        // UPDATE_OPENAPI=1 cargo test -p shinko-tests openapi
        if std::env::var("UPDATE_OPENAPI").is_ok() {
            std::fs::write(committed_path(), &generated).unwrap();
        }
        panic!(
            "openapi/openapi.json is stale: run `UPDATE_OPENAPI=1 cargo test -p shinko-tests openapi` and commit it"
        );
    }
}

#[tokio::test]
async fn the_server_serves_the_committed_document() {
    let app = TestApp::spawn().await;
    let served: Value = assert_json(app.get("/api/v1/openapi.json", None).await, StatusCode::OK).await;
    let committed: Value = serde_json::from_str(&std::fs::read_to_string(committed_path()).unwrap()).unwrap();
    assert_eq!(served, committed);
    assert_eq!(served["openapi"], "3.1.0");
}

#[tokio::test]
async fn every_operation_documents_its_errors_and_who_may_call_it() {
    let doc = serde_json::to_value(shinko_api::startup::api_doc()).unwrap();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let description = op["description"].as_str().unwrap_or_default();
            assert!(description.contains("Who may call"), "{method} {path} says who may call it");
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.keys().any(|s| s.starts_with('2')), "{method} {path} has a success response");
            for status in ["500", "503"] {
                assert!(responses.contains_key(status), "{method} {path} documents {status}");
            }
            let security = op["security"].as_array().unwrap_or_else(|| panic!("{method} {path} states its security"));
            if !security.is_empty() {
                assert!(
                    responses.contains_key("401") && responses.contains_key("403"),
                    "{method} {path} documents 401 and 403"
                );
            }
            assert!(op["operationId"].is_string());
        }
    }
    // Every operation of the API, so one that drops out of the document (unregistered, or its
    // annotation lost) fails here; a new endpoint raises the number.
    assert_eq!(operations, OPERATIONS, "operations in the document");
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn the_api_docs_are_served_without_the_internet() {
    let app = TestApp::spawn().await;
    let res = app.get("/docs/", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("swagger-ui"));
    assert!(!html.contains("https://"), "the docs page loads nothing from outside");
    let init = app.get("/docs/swagger-initializer.js", None).await.text().await.unwrap();
    assert!(init.contains("/api/v1/openapi.json"));
}
