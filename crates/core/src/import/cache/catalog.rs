//! `import_accounts`, `import_groups` and `import_ticket_sources`: the account facts and the
//! catalog (groups, ticket sources) that name contacts, replaced at the start of every run.

use idesk_rules::{ChatGroup, FreshchatCatalog, FreshdeskCatalog, Group, TicketSourceChoice};
use rusqlite::{params, Connection, OptionalExtension};

pub fn set_time_zone(conn: &Connection, iid: &str, zone: Option<&str>) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO import_accounts (integration_id, time_zone) VALUES (?1, ?2)
         ON CONFLICT (integration_id) DO UPDATE SET time_zone = excluded.time_zone",
        params![iid, zone],
    )?;
    Ok(())
}

/// The account's zone as Freshdesk names it (a Rails name), once an import has read it.
pub fn time_zone(conn: &Connection, iid: &str) -> rusqlite::Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT time_zone FROM import_accounts WHERE integration_id = ?1",
            [iid],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}

/// Replaces the groups list (a group gone from it was deleted: its tickets name `Group <id>`).
pub fn replace_groups(
    conn: &Connection,
    iid: &str,
    groups: &[(String, String)],
) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM import_groups WHERE integration_id = ?1", [iid])?;
    let mut stmt = conn.prepare(
        "INSERT INTO import_groups (integration_id, id, name) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    )?;
    for (id, name) in groups {
        stmt.execute(params![iid, id, name])?;
    }
    Ok(())
}

pub fn replace_sources(
    conn: &Connection,
    iid: &str,
    sources: &[TicketSourceChoice],
) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM import_ticket_sources WHERE integration_id = ?1",
        [iid],
    )?;
    let mut stmt = conn.prepare(
        "INSERT INTO import_ticket_sources (integration_id, code, name) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    )?;
    for s in sources {
        stmt.execute(params![iid, s.code, s.name])?;
    }
    Ok(())
}

/// The groups list as stored: (id, name), by id.
pub fn groups(conn: &Connection, iid: &str) -> rusqlite::Result<Vec<(String, String)>> {
    let mut stmt =
        conn.prepare("SELECT id, name FROM import_groups WHERE integration_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([iid], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

pub fn freshdesk_catalog(conn: &Connection, iid: &str) -> rusqlite::Result<FreshdeskCatalog> {
    let groups: Vec<Group> = groups(conn, iid)?
        .into_iter()
        .filter_map(|(id, name)| {
            Some(Group {
                id: id.parse().ok()?,
                name,
            })
        })
        .collect();
    let mut stmt = conn.prepare(
        "SELECT code, name FROM import_ticket_sources WHERE integration_id = ?1 ORDER BY code",
    )?;
    let sources = stmt
        .query_map([iid], |r| {
            Ok(TicketSourceChoice {
                code: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(FreshdeskCatalog::new(&groups, &sources))
}

pub fn freshchat_catalog(conn: &Connection, iid: &str) -> rusqlite::Result<FreshchatCatalog> {
    let groups: Vec<ChatGroup> = groups(conn, iid)?
        .into_iter()
        .map(|(id, name)| ChatGroup { id, name })
        .collect();
    Ok(FreshchatCatalog::new(&groups))
}
