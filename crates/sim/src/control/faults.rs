//! `/_sim/stats` (request counters) and `/_sim/faults` (fault rules switched at run time).

use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use super::{bad_request, body, ok};
use crate::faults::FaultRule;
use crate::http;
use crate::server::{App, Req};

pub fn stats(app: &App, _: &Req) -> Response {
    http::json(
        StatusCode::OK,
        &json!({"accounts": app.counters.snapshot()}),
    )
}

pub fn reset_stats(app: &App, _: &Req) -> Response {
    app.counters.reset();
    ok()
}

fn rules(app: &App) -> Response {
    http::json(StatusCode::OK, &json!({"rules": app.faults.list()}))
}

pub fn list(app: &App, _: &Req) -> Response {
    rules(app)
}

/// `PUT /_sim/faults`: `{"rules": [FaultRule...]}` replaces every rule.
pub fn replace(app: &App, r: &Req) -> Response {
    #[derive(Deserialize)]
    struct Rules {
        rules: Vec<FaultRule>,
    }
    match body::<Rules>(r) {
        Ok(Rules { rules: new }) => {
            app.faults.set(new);
            rules(app)
        }
        Err(_) => bad_request("expected {\"rules\": [FaultRule...]}"),
    }
}

/// `POST /_sim/faults`: one more rule.
pub fn add(app: &App, r: &Req) -> Response {
    match body::<FaultRule>(r) {
        Ok(rule) => {
            app.faults.add(rule);
            rules(app)
        }
        Err(resp) => resp,
    }
}

pub fn clear(app: &App, _: &Req) -> Response {
    app.faults.set(Vec::new());
    rules(app)
}
