//! Freshdesk's error bodies, exactly as documented.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use crate::http;

pub fn invalid_credentials() -> Response {
    http::json(
        StatusCode::UNAUTHORIZED,
        &json!({"code": "invalid_credentials", "message": "You have to be logged in to perform this action."}),
    )
}

pub fn access_denied() -> Response {
    http::json(
        StatusCode::FORBIDDEN,
        &json!({"code": "access_denied", "message": "You are not authorized to perform this action."}),
    )
}

pub fn account_suspended() -> Response {
    http::json(
        StatusCode::FORBIDDEN,
        &json!({"code": "account_suspended", "message": "Your account has been suspended."}),
    )
}

/// What the simulator answers for a Free plan (real behaviour unconfirmed).
pub fn require_feature(feature: &str) -> Response {
    http::json(
        StatusCode::FORBIDDEN,
        &json!({"code": "require_feature", "message": format!("The {feature} feature(s) is/are not supported in your plan. Please upgrade your account to use it.")}),
    )
}

pub fn not_found() -> Response {
    http::empty(StatusCode::NOT_FOUND)
}

pub fn method_not_allowed(method: &str, allowed: &str) -> Response {
    let mut r = http::json(
        StatusCode::METHOD_NOT_ALLOWED,
        &json!({"message": format!("{method} method is not allowed. It should be one of these method(s): {allowed}")}),
    );
    http::set_header(&mut r, "allow", allowed.to_string());
    r
}

pub fn too_many_requests(retry_after: u64) -> Response {
    let mut r = http::json(
        StatusCode::TOO_MANY_REQUESTS,
        &json!({"message": "You have exceeded the limit of requests per minute"}),
    );
    http::set_header(&mut r, "retry-after", retry_after.to_string());
    r
}

/// One item of a 400 validation error.
pub struct FieldError {
    pub field: String,
    pub message: String,
    pub code: &'static str,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>, code: &'static str) -> FieldError {
        FieldError {
            field: field.to_string(),
            message: message.into(),
            code,
        }
    }
}

pub fn validation(errors: Vec<FieldError>) -> Response {
    let items: Vec<_> = errors
        .into_iter()
        .map(|e| json!({"field": e.field, "message": e.message, "code": e.code}))
        .collect();
    http::json(
        StatusCode::BAD_REQUEST,
        &json!({"description": "Validation failed", "errors": items}),
    )
}

pub const PER_PAGE_MESSAGE: &str = "It should be a Positive Integer less than or equal to 100";
pub const PAGE_MESSAGE: &str = "It should be a Positive Integer";
/// The 400 beyond the last ticket-list page: "You cannot access tickets beyond the 300th page...".
pub fn page_limit_message(max_page: u64) -> String {
    let suffix = match (max_page % 10, max_page % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("You cannot access tickets beyond the {max_page}{suffix} page. Please provide a smaller page number.")
}
pub const DATE_MESSAGE: &str =
    "It should be a valid date in the 'combined date and time ISO8601' format";
pub const INVALID_FIELD_MESSAGE: &str = "Unexpected/invalid field in request";
