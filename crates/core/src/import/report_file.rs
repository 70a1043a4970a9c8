//! Freshchat raw-report files: a ZIP holding one CSV, read by column name (case-insensitive,
//! spaces read as `_`); a missing column is an error that names it.

use crate::error::{CoreError, CoreResult, ErrorCode};
use chrono::{DateTime, NaiveDateTime, Utc};
use std::io::{Cursor, Read};

/// Columns the rules need: without them a queue cannot be named.
const REQUIRED: [&str; 4] = ["conversation_id", "resolved_time", "group_id", "group_name"];

/// One `Conversation-Resolved` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedRow {
    pub conversation_id: String,
    pub resolved_at: DateTime<Utc>,
    pub interaction_id: Option<String>,
    pub group_id: Option<String>,
    pub group_name: Option<String>,
    pub channel_id: Option<String>,
}

/// The CSV inside the report ZIP.
pub fn unzip_csv(zip_bytes: &[u8]) -> CoreResult<String> {
    let failed = |detail: String| {
        CoreError::new(
            ErrorCode::ImportReportFailed,
            format!("the report file cannot be read: {detail}"),
        )
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(zip_bytes)).map_err(|e| failed(e.to_string()))?;
    let index = (0..archive.len())
        .find(|&i| {
            archive
                .by_index(i)
                .is_ok_and(|f| f.name().to_ascii_lowercase().ends_with(".csv"))
        })
        .or((!archive.is_empty()).then_some(0))
        .ok_or_else(|| failed("the ZIP is empty".into()))?;
    let mut file = archive.by_index(index).map_err(|e| failed(e.to_string()))?;
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|e| failed(e.to_string()))?;
    Ok(text)
}

fn header_key(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .to_ascii_lowercase()
        .replace(' ', "_")
}

/// Parses the CSV by header names.
pub fn parse_resolved(csv: &str) -> CoreResult<Vec<ResolvedRow>> {
    let mut records = parse_csv(csv).into_iter();
    let header: Vec<String> = records
        .next()
        .unwrap_or_default()
        .iter()
        .map(|h| header_key(h))
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    for name in REQUIRED {
        if column(name).is_none() {
            return Err(CoreError::new(
                ErrorCode::ImportReportColumnMissing,
                format!(
                    "the Conversation-Resolved report has no column {name:?} (columns: {})",
                    header.join(", ")
                ),
            ));
        }
    }
    let col = |name: &str| column(name).unwrap_or(usize::MAX);
    let (conv, time, gid, gname, inter, chan) = (
        col("conversation_id"),
        col("resolved_time"),
        col("group_id"),
        col("group_name"),
        col("interaction_id"),
        col("channel_id"),
    );
    let mut rows = Vec::new();
    for (n, record) in records.enumerate() {
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |i: usize| {
            record
                .get(i)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let conversation_id = field(conv).ok_or_else(|| bad_row(n, "conversation_id is empty"))?;
        let raw_time = field(time).unwrap_or_default();
        let resolved_at = parse_time(&raw_time)
            .ok_or_else(|| bad_row(n, &format!("resolved_time {raw_time:?} is not a time")))?;
        rows.push(ResolvedRow {
            conversation_id,
            resolved_at,
            interaction_id: field(inter),
            group_id: field(gid),
            group_name: field(gname),
            channel_id: field(chan),
        });
    }
    Ok(rows)
}

fn bad_row(index: usize, what: &str) -> CoreError {
    CoreError::new(
        ErrorCode::ImportReportFailed,
        format!(
            "row {} of the Conversation-Resolved report: {what}",
            index + 2
        ),
    )
}

/// ISO 8601 in UTC, milliseconds allowed; without an offset the time is read as UTC.
fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.to_utc());
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .map(|n| n.and_utc())
}

/// RFC 4180: quoted fields may hold commas, quotes (`""`) and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_by_name_in_any_order_and_case() {
        let csv = "Group Name,RESOLVED_TIME,conversation id,Group_ID,channel_id\r\n\"Sales, EU\",2026-03-01T10:15:00.250Z,c1,g1,ch\n,2026-03-01 23:59:59,c2,,\n";
        let rows = parse_resolved(csv).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].group_name.as_deref(), Some("Sales, EU"));
        assert_eq!(rows[0].conversation_id, "c1");
        assert_eq!(
            rows[0].resolved_at.to_rfc3339(),
            "2026-03-01T10:15:00.250+00:00"
        );
        assert_eq!(rows[1].group_id, None);
        assert_eq!(rows[1].interaction_id, None);
    }

    #[test]
    fn a_missing_column_is_named() {
        let err = parse_resolved("conversation_id,group_id,group_name\nc1,g,n\n").unwrap_err();
        assert_eq!(err.code, ErrorCode::ImportReportColumnMissing);
        assert!(err.message.contains("\"resolved_time\""), "{}", err.message);
    }
}
