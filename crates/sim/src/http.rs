//! Small response builders and request helpers shared by both products and the control API.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use chrono::{DateTime, SecondsFormat, Utc};

pub fn json<T: serde::Serialize + ?Sized>(status: StatusCode, value: &T) -> Response {
    raw_json(
        status,
        serde_json::to_vec(value).expect("serializable json"),
    )
}

pub fn raw_json(status: StatusCode, bytes: Vec<u8>) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(Body::from(bytes))
        .expect("valid response")
}

/// 404 and friends with no body at all (Freshdesk's `head 404`).
pub fn empty(status: StatusCode) -> Response {
    Response::builder()
        .status(status)
        .body(Body::empty())
        .expect("valid response")
}

pub fn html(status: StatusCode, body: String) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Body::from(body))
        .expect("valid response")
}

pub fn set_header(resp: &mut Response, name: &'static str, value: String) {
    if let Ok(v) = HeaderValue::from_str(&value) {
        resp.headers_mut().insert(name, v);
    }
}

/// Freshworks timestamps: UTC to the second with a `Z`.
pub fn ts(secs: i64) -> String {
    DateTime::<Utc>::from_timestamp(secs, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn ts_opt(secs: Option<i64>) -> serde_json::Value {
    secs.map_or(serde_json::Value::Null, |s| ts(s).into())
}

pub fn ts_millis(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The request's host name, lower-case, without the port.
pub fn host(headers: &HeaderMap) -> String {
    let h = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let h = h
        .rsplit_once(':')
        .filter(|(_, p)| p.chars().all(|c| c.is_ascii_digit()))
        .map_or(h, |(h, _)| h);
    h.trim_end_matches('.').to_ascii_lowercase()
}

/// Decoded query pairs in request order, plus the raw pairs (as sent) for Link headers.
#[derive(Debug, Clone, Default)]
pub struct QueryPairs {
    pub decoded: Vec<(String, String)>,
    pub raw: Vec<(String, String)>,
}

impl QueryPairs {
    pub fn parse(query: Option<&str>) -> QueryPairs {
        let mut q = QueryPairs::default();
        for part in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            q.raw.push((k.to_string(), v.to_string()));
            q.decoded.push((decode(k), decode(v)));
        }
        q
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.decoded
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.decoded.iter().map(|(k, _)| k.as_str())
    }

    /// The query as sent, with `page` replaced by `page` (appended last).
    pub fn with_page(&self, page: u64) -> String {
        let mut parts: Vec<String> = self
            .raw
            .iter()
            .filter(|(k, _)| k != "page")
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        parts.push(format!("page={page}"));
        parts.join("&")
    }
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(
                    std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                    16,
                ) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses an ISO 8601 date or date-time as Freshdesk accepts it (`2015-01-19T02:00:00Z`,
/// `2015-01-19T02:00:00+05:30`, `2015-08-17`) into seconds since the epoch.
pub fn parse_iso8601(s: &str) -> Option<i64> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.timestamp());
    }
    if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(dt.and_utc().timestamp());
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
}
