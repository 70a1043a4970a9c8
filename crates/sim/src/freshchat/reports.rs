//! Raw reports (Extract API): `POST /v2/reports/raw` creates a job, `GET /v2/reports/raw/<id>`
//! answers PENDING on the first poll and COMPLETED afterwards, and the completed job links a
//! ZIP holding one CSV on another host (`/_storage/...` of the simulator, no token needed).

use std::io::Write;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Months, Utc};
use serde_json::{json, Value};

use super::error;
use crate::accounts::Account;
use crate::chats::{Chat, ChatGen, ChatState, Resolution, CHANNEL_NAMES};
use crate::groups::GroupInfo;
use crate::http::{self, ts_millis};
use crate::server::{App, Req};

/// Events the Extract API knows; only `Conversation-Resolved` is produced by the simulator.
const KNOWN_EVENTS: [&str; 11] = [
    "Conversation-Created",
    "Conversation-Agent-Assigned",
    "Conversation-Group-Assigned",
    "Message-Sent",
    "First-Response-Time",
    "Response-Time",
    "Resolution-Time",
    "Conversation-Resolution-Label",
    "Conversation-Resolved",
    "Agent-Activity",
    "Agent-Intelliassign-Activity",
];

/// Download links expire after one simulated hour.
const LINK_TTL: Duration = Duration::from_secs(3_600);

#[derive(Debug, Clone)]
pub struct ReportJob {
    pub id: String,
    pub account: String,
    pub start_ms: i64,
    pub end_ms: i64,
    pub polls: u32,
    pub completed_at: Option<Instant>,
}

fn parse_time(v: Option<&Value>) -> Option<i64> {
    let s = v?.as_str()?;
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.timestamp_millis())
}

pub fn create(app: &App, account: &Account, r: &Req) -> Response {
    if account.spec.token_lacks_reports_scope {
        return error(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "The API token does not have the scope required for this request",
        );
    }
    let Ok(body) = serde_json::from_slice::<Value>(&r.body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "INVALID_VALUE",
            "Request body must be valid JSON",
        );
    };
    let event = body.get("event").and_then(Value::as_str).unwrap_or("");
    if !KNOWN_EVENTS.contains(&event) {
        return error(StatusCode::BAD_REQUEST, "INVALID_VALUE", "Invalid event");
    }
    if event != "Conversation-Resolved" {
        return error(
            StatusCode::NOT_IMPLEMENTED,
            "NOT_IMPLEMENTED",
            "The simulator only produces Conversation-Resolved reports",
        );
    }
    if body.get("format").and_then(Value::as_str) != Some("csv") {
        return error(StatusCode::BAD_REQUEST, "INVALID_VALUE", "Invalid format");
    }
    let (Some(start_ms), Some(end_ms)) =
        (parse_time(body.get("start")), parse_time(body.get("end")))
    else {
        return error(
            StatusCode::BAD_REQUEST,
            "INVALID_VALUE",
            "start and end must be UTC date-times",
        );
    };
    let oldest = Utc::now()
        .checked_sub_months(Months::new(15))
        .unwrap_or_default()
        .timestamp_millis();
    if start_ms < oldest {
        return error(
            StatusCode::BAD_REQUEST,
            "INVALID_VALUE",
            "start must not be earlier than 15 months from the current date",
        );
    }
    if end_ms <= start_ms {
        return error(
            StatusCode::BAD_REQUEST,
            "INVALID_VALUE",
            "end must be after start",
        );
    }
    let seq = {
        let mut s = app.report_seq.lock().expect("report seq lock");
        *s += 1;
        *s
    };
    let id = crate::chats::uuid(app.seed, &[account.salt, 7_000, seq]);
    app.reports.lock().expect("reports lock").insert(
        id.clone(),
        ReportJob {
            id: id.clone(),
            account: account.domain.clone(),
            start_ms,
            end_ms,
            polls: 0,
            completed_at: None,
        },
    );
    http::json(
        StatusCode::ACCEPTED,
        &json!({"id": id, "link": {"rel": "extracts", "href": format!("/reports/raw/{id}")}}),
    )
}

pub fn status(app: &App, account: &Account, id: &str) -> Response {
    let mut jobs = app.reports.lock().expect("reports lock");
    let Some(job) = jobs.get_mut(id).filter(|j| j.account == account.domain) else {
        return error(StatusCode::NOT_FOUND, "NOT_FOUND", "Report not found");
    };
    job.polls += 1;
    let interval = format!("{} {}", ts_millis(job.start_ms), ts_millis(job.end_ms));
    if job.polls == 1 {
        return http::json(
            StatusCode::OK,
            &json!({"id": job.id, "status": "PENDING", "interval": interval}),
        );
    }
    job.completed_at.get_or_insert_with(Instant::now);
    let href = format!(
        "{}/_storage/reports/{}/{}.zip",
        app.base_url,
        job.id,
        file_stem(job)
    );
    http::json(
        StatusCode::OK,
        &json!({"id": job.id, "status": "COMPLETED", "interval": interval, "links": [{"rel": "extraction", "href": href}]}),
    )
}

fn file_stem(job: &ReportJob) -> String {
    format!(
        "Conversation-Resolved_{}_{}",
        job.start_ms / 1000,
        job.end_ms / 1000
    )
}

pub const CSV_HEADER: &str = "interaction_id,conversation_id,channel_id,channel_name,group_id,group_name,agent_id,resolved_time";

/// The group a report row carries: none for spam/deleted chats or chats without a group. The
/// name is the group's current one; a group deleted before the anchor keeps it in some rows
/// only, one deleted through the control API in none.
pub fn report_group(gen: &ChatGen, groups: &[GroupInfo], chat: &Chat) -> (String, String) {
    match (chat.state, chat.group_slot) {
        (ChatState::Live, Some(slot)) => {
            let group = &groups[slot];
            let name = if chat.report_has_group_name && group.deleted_at.is_none() {
                group.name.clone()
            } else {
                String::new()
            };
            (gen.group_id(slot), name)
        }
        _ => (String::new(), String::new()),
    }
}

pub fn csv_row(gen: &ChatGen, groups: &[GroupInfo], chat: &Chat, res: &Resolution) -> String {
    let (gid, gname) = report_group(gen, groups, chat);
    format!(
        "{},{},{},{},{},{},{},{}\n",
        res.interaction_id,
        chat.conversation_id,
        gen.channel_id(chat.channel_slot),
        CHANNEL_NAMES[chat.channel_slot],
        gid,
        gname,
        res.agent_id,
        ts_millis(res.resolved_at_ms)
    )
}

/// The account whose report a `/_storage/reports/<job>/...` link serves (fault rules match it).
pub fn download_account(app: &App, r: &Req) -> Option<String> {
    let segs: Vec<&str> = r.path.trim_matches('/').split('/').collect();
    let ["_storage", "reports", id, _] = segs.as_slice() else {
        return None;
    };
    let jobs = app.reports.lock().expect("reports lock");
    jobs.get(*id).map(|j| j.account.clone())
}

pub fn download(app: &App, r: &Req) -> Response {
    let segs: Vec<&str> = r.path.trim_matches('/').split('/').collect();
    let ["_storage", "reports", id, file] = segs.as_slice() else {
        return http::empty(StatusCode::NOT_FOUND);
    };
    let Some(job) = app.reports.lock().expect("reports lock").get(*id).cloned() else {
        return http::empty(StatusCode::NOT_FOUND);
    };
    let Some(done) = job.completed_at else {
        return http::empty(StatusCode::NOT_FOUND);
    };
    if *file != format!("{}.zip", file_stem(&job)) {
        return http::empty(StatusCode::NOT_FOUND);
    }
    if done.elapsed() > app.scaled(LINK_TTL) {
        let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>";
        return axum::response::Response::builder()
            .status(StatusCode::FORBIDDEN)
            .header("content-type", "application/xml")
            .body(axum::body::Body::from(body))
            .expect("valid response");
    }
    let Some(idx) = app.account_index(&job.account) else {
        return http::empty(StatusCode::NOT_FOUND);
    };
    let account = &app.accounts[idx];
    let gen = account.chats().expect("freshchat account");
    let groups = account.groups.all();
    let mut csv = String::from(CSV_HEADER);
    csv.push('\n');
    for (chat, res) in gen.resolved_between(job.start_ms, job.end_ms) {
        csv.push_str(&csv_row(gen, &groups, &chat, &res));
    }
    match zip_one(&format!("{}.csv", file_stem(&job)), csv.as_bytes()) {
        Ok(bytes) => axum::response::Response::builder()
            .status(StatusCode::OK)
            .header("content-type", "application/zip")
            .body(axum::body::Body::from(bytes))
            .expect("valid response"),
        Err(_) => http::empty(StatusCode::INTERNAL_SERVER_ERROR),
    }
}

fn zip_one(name: &str, data: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zw = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zw.start_file(name, opts)?;
        zw.write_all(data)?;
        zw.finish()?;
    }
    Ok(buf.into_inner())
}
