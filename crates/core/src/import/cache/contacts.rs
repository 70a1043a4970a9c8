//! `import_contacts`: offered contacts by stable identity; the first name given stands (rows are
//! only inserted, with ON CONFLICT DO NOTHING), and each new one is counted in `import_queue_days`
//! in the same transaction.

use super::queue_days;
use idesk_rules::{Contact, ContactKind};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, OptionalExtension};

/// A [`ContactKind`] in a `kind` column (`ticket`, `reply`, `chat`: the rules crate's names). A
/// wrapper because neither the type nor the traits belong to this crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KindColumn(pub ContactKind);

impl ToSql for KindColumn {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.0.as_str().into())
    }
}

impl FromSql for KindColumn {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        [ContactKind::Ticket, ContactKind::Reply, ContactKind::Chat]
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .map(KindColumn)
            .ok_or_else(|| FromSqlError::Other(format!("unknown contact kind {text:?}").into()))
    }
}

/// Inserts a contact unless its identity is known (the first name stands) and counts it.
pub fn insert_contact(
    conn: &Connection,
    iid: &str,
    contact: &Contact,
    queue: &str,
) -> rusqlite::Result<bool> {
    let mut batch = ContactBatch::default();
    let added = batch.insert(conn, iid, contact, queue)?;
    batch.finish(conn, iid)?;
    Ok(added)
}

/// The contacts one transaction adds (a page of tickets, a report day): each is inserted at once,
/// its count is kept in memory and [`Self::finish`] adds the counts to `import_queue_days`, one
/// row write per (queue, day) touched instead of one per contact. `finish` must run in the same
/// transaction, before it commits (the contacts and their counts commit together).
#[derive(Debug, Default)]
pub struct ContactBatch {
    counts: queue_days::PendingCounts,
}

impl ContactBatch {
    /// Inserts a contact unless its identity is known: the first name stands.
    pub fn insert(
        &mut self,
        conn: &Connection,
        iid: &str,
        contact: &Contact,
        queue: &str,
    ) -> rusqlite::Result<bool> {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO import_contacts (integration_id, contact_id, kind, queue, at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT DO NOTHING",
        )?;
        let (kind, at) = (KindColumn(contact.kind), contact.at.timestamp());
        let added = stmt.execute(params![iid, contact.id.to_string(), kind, queue, at])? == 1;
        if added {
            self.counts.add(queue, contact.kind, at);
        }
        Ok(added)
    }

    /// Writes the counts of the contacts added so far.
    pub fn finish(mut self, conn: &Connection, iid: &str) -> rusqlite::Result<()> {
        self.counts.write(conn, iid)
    }
}

/// A stored contact, for reports and tests.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StoredContact {
    pub contact_id: String,
    pub kind: ContactKind,
    pub queue: String,
    pub at: i64,
}

/// Every contact of an integration with `from <= at < to`.
pub fn contacts_between(
    conn: &Connection,
    iid: &str,
    from: i64,
    to: i64,
) -> rusqlite::Result<Vec<StoredContact>> {
    let mut stmt = conn.prepare(
        "SELECT contact_id, kind, queue, at FROM import_contacts
         WHERE integration_id = ?1 AND at >= ?2 AND at < ?3",
    )?;
    let rows = stmt.query_map(params![iid, from, to], |r| {
        Ok(StoredContact {
            contact_id: r.get(0)?,
            kind: r.get::<_, KindColumn>(1)?.0,
            queue: r.get(2)?,
            at: r.get(3)?,
        })
    })?;
    rows.collect()
}

/// How many contacts an integration has.
pub(super) fn count(conn: &Connection, iid: &str) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT COUNT(*) FROM import_contacts WHERE integration_id = ?1",
        [iid],
        |r| r.get(0),
    )
}

/// The queue a contact was stored in (its first name), if it is stored.
pub fn stored_queue(
    conn: &Connection,
    iid: &str,
    contact_id: &str,
) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT queue FROM import_contacts WHERE integration_id = ?1 AND contact_id = ?2",
        [iid, contact_id],
        |r| r.get(0),
    )
    .optional()
}

/// The instants (seconds) of an integration's first and last contact; two index lookups.
pub fn span(conn: &Connection, iid: &str) -> rusqlite::Result<Option<(i64, i64)>> {
    let edge = |order: &str| {
        conn.query_row(
            &format!(
                "SELECT at FROM import_contacts WHERE integration_id = ?1 ORDER BY at {order} LIMIT 1"
            ),
            [iid],
            |r| r.get::<_, i64>(0),
        )
        .optional()
    };
    Ok(edge("ASC")?.zip(edge("DESC")?))
}
