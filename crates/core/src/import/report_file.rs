//! Freshchat raw-report files: a ZIP holding one CSV, read by column name (case-insensitive,
//! spaces read as `_`); a missing column is an error that names it.
//!
//! A report file comes from a storage service, not from Freshworks' API: it is read within
//! [`ReportLimits`] (compressed and uncompressed size, rows, field length), streaming, so a zip
//! bomb is a `report_too_large` error and never fills the memory.

use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::resilient::report_too_large;
use chrono::{DateTime, NaiveDateTime, Utc};
use std::io::{BufRead, BufReader, Cursor, Read};

/// Columns the rules need: without them a queue cannot be named.
const REQUIRED: [&str; 4] = ["conversation_id", "resolved_time", "group_id", "group_name"];

/// Largest report file downloaded (the ZIP as it arrives).
pub const REPORT_MAX_COMPRESSED: u64 = 512 * 1024 * 1024;
/// Largest CSV read out of the ZIP.
pub const REPORT_MAX_UNCOMPRESSED: u64 = 2 * 1024 * 1024 * 1024;
/// Most rows read from one report (one day of resolved conversations).
pub const REPORT_MAX_ROWS: usize = 5_000_000;
/// Longest field of a report row, in bytes.
pub const REPORT_MAX_FIELD: usize = 64 * 1024;

/// The limits a report file is read within (tests use small ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportLimits {
    pub compressed: u64,
    pub uncompressed: u64,
    pub rows: usize,
    pub field_len: usize,
}

impl Default for ReportLimits {
    fn default() -> Self {
        Self {
            compressed: REPORT_MAX_COMPRESSED,
            uncompressed: REPORT_MAX_UNCOMPRESSED,
            rows: REPORT_MAX_ROWS,
            field_len: REPORT_MAX_FIELD,
        }
    }
}

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

/// What reading a report file gave: `Err` (outer) when the file itself cannot be read (cut
/// short in transit: worth downloading again); `Ok(Err)` when it was read but is not a report
/// the importer accepts (a missing column, a bad row, beyond the limits).
pub type ReportRead = Result<CoreResult<Vec<ResolvedRow>>, CoreError>;

/// Reads the rows of the CSV inside the report ZIP.
pub fn read_report(zip_bytes: &[u8], limits: &ReportLimits) -> ReportRead {
    let failed = |detail: String| {
        CoreError::new(
            ErrorCode::ImportReportFailed,
            format!("the report file cannot be read: {detail}"),
        )
    };
    if zip_bytes.len() as u64 > limits.compressed {
        return Ok(Err(report_too_large(limits.compressed, "compressed")));
    }
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
    let file = archive.by_index(index).map_err(|e| failed(e.to_string()))?;
    if file.size() > limits.uncompressed {
        return Ok(Err(report_too_large(limits.uncompressed, "uncompressed")));
    }
    // The declared size may lie: read one byte past the limit at most.
    let mut limited = file.take(limits.uncompressed.saturating_add(1));
    let mut csv = CsvReader::new(&mut limited, limits.field_len);
    let rows = match parse_records(&mut csv, limits.rows) {
        Err(Failure::Io(e)) => return Err(failed(e.to_string())),
        Err(Failure::Report(e)) => Err(e),
        Ok(rows) => Ok(rows),
    };
    if csv.consumed > limits.uncompressed {
        return Ok(Err(report_too_large(limits.uncompressed, "uncompressed")));
    }
    Ok(rows)
}

fn header_key(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .to_ascii_lowercase()
        .replace(' ', "_")
}

/// Parses the CSV by header names (with the default limits).
pub fn parse_resolved(csv: &str) -> CoreResult<Vec<ResolvedRow>> {
    let limits = ReportLimits::default();
    let mut reader = CsvReader::new(csv.as_bytes(), limits.field_len);
    parse_records(&mut reader, limits.rows).map_err(|e| match e {
        Failure::Report(e) => e,
        Failure::Io(e) => CoreError::new(ErrorCode::ImportReportFailed, e.to_string()),
    })
}

enum Failure {
    /// The bytes could not be read (a damaged ZIP stream).
    Io(std::io::Error),
    Report(CoreError),
}

fn parse_records<R: Read>(
    reader: &mut CsvReader<R>,
    max_rows: usize,
) -> Result<Vec<ResolvedRow>, Failure> {
    let header: Vec<String> = reader
        .record()?
        .unwrap_or_default()
        .iter()
        .map(|h| header_key(h))
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    for name in REQUIRED {
        if column(name).is_none() {
            return Err(Failure::Report(CoreError::new(
                ErrorCode::ImportReportColumnMissing,
                format!(
                    "the Conversation-Resolved report has no column {name:?} (columns: {})",
                    header.join(", ")
                ),
            )));
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
    let mut n = 0usize;
    while let Some(record) = reader.record()? {
        let index = n;
        n += 1;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rows.len() >= max_rows {
            return Err(Failure::Report(CoreError::new(
                ErrorCode::ReportTooLarge,
                format!("the report file has more than {max_rows} rows; it was not read (a damaged or hostile file)"),
            )));
        }
        let field = |i: usize| {
            record
                .get(i)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let bad = |what: &str| Failure::Report(bad_row(index, what));
        let conversation_id = field(conv).ok_or_else(|| bad("conversation_id is empty"))?;
        let raw_time = field(time).unwrap_or_default();
        let resolved_at = parse_time(&raw_time)
            .ok_or_else(|| bad(&format!("resolved_time {raw_time:?} is not a time")))?;
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

/// RFC 4180, streaming: quoted fields may hold commas, quotes (`""`) and line breaks; a `\r`
/// outside quotes is dropped. Works on bytes (the separators are ASCII, so UTF-8 is never split);
/// a field is decoded leniently. A field longer than the limit is `report_too_large`.
struct CsvReader<R: Read> {
    input: BufReader<R>,
    field_len: usize,
    /// Bytes read so far.
    consumed: u64,
    ended: bool,
}

impl<R: Read> CsvReader<R> {
    fn new(input: R, field_len: usize) -> Self {
        Self {
            input: BufReader::new(input),
            field_len,
            consumed: 0,
            ended: false,
        }
    }

    /// The next record, `None` at the end.
    fn record(&mut self) -> Result<Option<Vec<String>>, Failure> {
        if self.ended {
            return Ok(None);
        }
        let mut record = Vec::new();
        let mut field = Vec::new();
        let mut quoted = false;
        // A `"` seen inside quotes: either the end of the quotes or the first of `""`.
        let mut quote_pending = false;
        loop {
            let buf = self.input.fill_buf().map_err(Failure::Io)?;
            if buf.is_empty() {
                self.ended = true;
                if !field.is_empty() || !record.is_empty() {
                    record.push(decode(&field));
                    return Ok(Some(record));
                }
                return Ok(None);
            }
            let mut used = 0;
            let mut done = false;
            for &b in buf {
                used += 1;
                if quote_pending {
                    quote_pending = false;
                    if b == b'"' {
                        field.push(b'"');
                        continue;
                    }
                    quoted = false;
                }
                if quoted {
                    if b == b'"' {
                        quote_pending = true;
                    } else {
                        field.push(b);
                    }
                } else {
                    match b {
                        b'"' => quoted = true,
                        b',' => record.push(decode(&std::mem::take(&mut field))),
                        b'\r' => {}
                        b'\n' => {
                            record.push(decode(&std::mem::take(&mut field)));
                            done = true;
                            break;
                        }
                        _ => field.push(b),
                    }
                }
                if field.len() > self.field_len {
                    break;
                }
            }
            self.input.consume(used);
            self.consumed = self.consumed.saturating_add(used as u64);
            if field.len() > self.field_len {
                return Err(Failure::Report(CoreError::new(
                    ErrorCode::ReportTooLarge,
                    format!(
                        "a field of the report file is longer than {} bytes; it was not read (a damaged or hostile file)",
                        self.field_len
                    ),
                )));
            }
            if done {
                return Ok(Some(record));
            }
        }
    }
}

fn decode(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
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

    fn zip_of(csv: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("report.csv", options).unwrap();
        zip.write_all(csv).unwrap();
        zip.finish().unwrap().into_inner()
    }

    const HEADER: &str = "conversation_id,resolved_time,group_id,group_name\n";
    const ROW: &str = "c1,2026-03-01T10:00:00Z,g,G\n";

    fn small() -> ReportLimits {
        ReportLimits {
            compressed: 1 << 20,
            uncompressed: 64 * 1024,
            rows: 100,
            field_len: 1024,
        }
    }

    #[test]
    fn a_zip_bomb_is_report_too_large() {
        // 8 MiB of one byte compresses to a few KiB.
        let mut csv = HEADER.as_bytes().to_vec();
        csv.extend(std::iter::repeat_n(b'\n', 8 << 20));
        let bomb = zip_of(&csv);
        assert!(bomb.len() < 64 * 1024);
        let err = read_report(&bomb, &small()).unwrap().unwrap_err();
        assert_eq!(err.code, ErrorCode::ReportTooLarge, "{}", err.message);
    }

    #[test]
    fn rows_and_fields_beyond_the_limits_are_report_too_large() {
        let many = format!("{HEADER}{}", ROW.repeat(101));
        let err = read_report(&zip_of(many.as_bytes()), &small())
            .unwrap()
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::ReportTooLarge, "{}", err.message);
        let long = format!("{HEADER}{},2026-03-01T10:00:00Z,g,G\n", "c".repeat(2000));
        let err = read_report(&zip_of(long.as_bytes()), &small())
            .unwrap()
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::ReportTooLarge, "{}", err.message);
        let fine = format!("{HEADER}{}", ROW.repeat(100));
        let rows = read_report(&zip_of(fine.as_bytes()), &small())
            .unwrap()
            .unwrap();
        assert_eq!(rows.len(), 100);
        let compressed = zip_of(fine.as_bytes());
        let tight = ReportLimits {
            compressed: 10,
            ..small()
        };
        let err = read_report(&compressed, &tight).unwrap().unwrap_err();
        assert_eq!(err.code, ErrorCode::ReportTooLarge);
    }

    #[test]
    fn a_zip_cut_short_is_unreadable_and_quotes_span_reads() {
        let zip = zip_of(format!("{HEADER}{ROW}").as_bytes());
        assert!(read_report(&zip[..zip.len() / 2], &small()).is_err());
        let quoted = format!("{HEADER}\"c\"\"1\",2026-03-01T10:00:00Z,\"g,\n2\",G\n");
        let rows = read_report(&zip_of(quoted.as_bytes()), &small())
            .unwrap()
            .unwrap();
        assert_eq!(rows[0].conversation_id, "c\"1");
        assert_eq!(rows[0].group_id.as_deref(), Some("g,\n2"));
    }
}
