//! Freshdesk request paths and the JSON of its answers.

use super::super::cache::{self, Bookmark};
use super::super::{access_denied, unexpected};
use crate::error::CoreResult;
use crate::freshworks::resilient::{snippet, Fetched};
use idesk_rules::{Conversation, Ticket};
use serde::Deserialize;
use serde_json::Value;

pub(super) const PER_PAGE: u64 = 100;

/// A listed ticket: what the rules read plus the status.
#[derive(Debug, Deserialize)]
pub(super) struct ListedTicket {
    #[serde(flatten)]
    pub(super) ticket: Ticket,
    #[serde(default)]
    pub(super) status: i64,
}

pub(super) fn required<'a>(host: &str, what: &str, f: &'a Fetched) -> CoreResult<&'a Value> {
    match f.status {
        200..=299 => Ok(&f.body),
        403 => Err(access_denied(host, what, &f.body)),
        status => Err(unexpected(
            &format!("{host} answered {what} with HTTP {status}"),
            f.body.to_string(),
        )),
    }
}

/// `updated_since` spelled so that it survives a query string (`+` would read as a space).
pub(super) fn encode_time(t: i64) -> String {
    let text = cache::utc(t).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub(super) fn list_path(filter: &str, bookmark: &Bookmark) -> String {
    let filter = if filter.is_empty() {
        String::new()
    } else {
        format!("filter={filter}&")
    };
    format!(
        "/api/v2/tickets?{filter}updated_since={}&order_by=updated_at&order_type=asc&per_page={PER_PAGE}&page={}",
        encode_time(bookmark.updated_since),
        bookmark.next_page
    )
}

/// Whether a 400 on a ticket-list page is Freshdesk's page limit (`field: page`,
/// `code: invalid_value`, "You cannot access tickets beyond the 300th page...") and nothing else.
pub(super) fn is_page_limit(body: &Value) -> bool {
    let Some(errors) = body.get("errors").and_then(Value::as_array) else {
        return false;
    };
    !errors.is_empty()
        && errors.iter().all(|e| {
            let text = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or_default();
            text("field") == "page"
                && (text("code") == "invalid_value"
                    || text("message").to_ascii_lowercase().contains("beyond"))
        })
}

/// The tickets of a ticket-list answer (any status but 2xx is an error).
pub(super) fn listed_tickets(host: &str, pass: &str, f: &Fetched) -> CoreResult<Vec<ListedTicket>> {
    let body = required(host, &format!("the ticket list ({pass})"), f)?;
    Vec::<ListedTicket>::deserialize(body).map_err(|e| {
        unexpected(
            &format!("{host} sent a ticket list that cannot be read"),
            format!("{e}: {}", snippet(body.to_string().as_bytes())),
        )
    })
}

/// A page of the ticket list: each ticket with its status (for the property tests).
#[doc(hidden)]
pub fn parse_ticket_page(body: &Value) -> Result<Vec<(Ticket, i64)>, serde_json::Error> {
    Vec::<ListedTicket>::deserialize(body)
        .map(|list| list.into_iter().map(|l| (l.ticket, l.status)).collect())
}

/// A page of `GET /tickets/{id}/conversations`.
#[doc(hidden)]
pub fn parse_conversations(body: &Value) -> Result<Vec<Conversation>, serde_json::Error> {
    Vec::<Conversation>::deserialize(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    #[test]
    fn updated_since_is_percent_encoded() {
        let t = "2026-03-01T10:15:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(encode_time(t.timestamp()), "2026-03-01T10%3A15%3A00Z");
    }

    #[test]
    fn only_the_page_limit_400_is_recognised() {
        let limit = serde_json::json!({"description": "Validation failed", "errors": [{"field": "page", "message": "You cannot access tickets beyond the 300th page. Please provide a smaller page number.", "code": "invalid_value"}]});
        assert!(is_page_limit(&limit));
        let date = serde_json::json!({"description": "Validation failed", "errors": [{"field": "updated_since", "message": "It should be a valid date", "code": "invalid_value"}]});
        assert!(!is_page_limit(&date));
        let page_type = serde_json::json!({"description": "Validation failed", "errors": [{"field": "page", "message": "It should be a Positive Integer", "code": "datatype_mismatch"}]});
        assert!(!is_page_limit(&page_type));
        let both = serde_json::json!({"errors": [limit["errors"][0], date["errors"][0]]});
        assert!(!is_page_limit(&both));
        assert!(!is_page_limit(&serde_json::Value::Null));
    }
}
