//! `import_chat_resolutions`: Freshchat `Conversation-Resolved` rows (a row seen twice is one
//! resolution).

use rusqlite::{params, Connection};

/// One `Conversation-Resolved` row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResolution {
    pub conversation_id: String,
    pub resolved_ms: i64,
    pub interaction_id: Option<String>,
    pub group_id: Option<String>,
    pub group_name: Option<String>,
    pub channel_id: Option<String>,
}

pub fn save_resolution(conn: &Connection, iid: &str, r: &StoredResolution) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO import_chat_resolutions (integration_id, conversation_id, resolved_ms, interaction_id, group_id, group_name, channel_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
    )?;
    stmt.execute(params![
        iid,
        r.conversation_id,
        r.resolved_ms,
        r.interaction_id,
        r.group_id,
        r.group_name,
        r.channel_id
    ])?;
    Ok(())
}
