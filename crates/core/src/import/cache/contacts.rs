//! `import_contacts`: offered contacts by stable identity; the first name given stands (rows are
//! only inserted, with ON CONFLICT DO NOTHING), and each new one is counted in `import_queue_days`
//! in the same transaction. Rows hold the integration's key and the queue's id (`keys`).

use super::{keys, queue_days};
use idesk_rules::{Contact, ContactId, ContactKind};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, Value, ValueRef};
use rusqlite::{params, CachedStatement, Connection, OptionalExtension};
use std::collections::HashMap;

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

/// Tickets and conversations up to this id are stored as integers, larger ones as text.
const MAX_INTEGER_ID: u64 = 999_999_999_999_999_999;

/// A contact's identity as `import_contacts.contact_id` stores it (migration 0010): a ticket
/// `2 × id`, a conversation `2 × id + 1`, anything else (chats, ids over 18 digits) its text. An
/// integer key is compared without a text comparison and takes 8 bytes instead of about 14.
fn stored_id(id: &ContactId) -> Value {
    match *id {
        ContactId::Ticket(n) if n <= MAX_INTEGER_ID => Value::Integer(n as i64 * 2),
        ContactId::Conversation(n) if n <= MAX_INTEGER_ID => Value::Integer(n as i64 * 2 + 1),
        _ => Value::Text(id.to_string()),
    }
}

/// [`stored_id`] of a contact id in its text form (`ticket:1`).
fn stored_id_of_text(id: &str) -> Value {
    match id.parse::<ContactId>() {
        Ok(parsed @ (ContactId::Ticket(_) | ContactId::Conversation(_))) => stored_id(&parsed),
        _ => Value::Text(id.to_owned()),
    }
}

/// A stored `contact_id` read back in its text form (`ticket:1`).
struct StoredIdText(String);

impl FromSql for StoredIdText {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let id = match value {
            ValueRef::Integer(n) if n >= 0 => match n % 2 {
                0 => ContactId::Ticket(n as u64 / 2),
                _ => ContactId::Conversation(n as u64 / 2),
            }
            .to_string(),
            ValueRef::Text(_) => value.as_str()?.to_owned(),
            _ => return Err(FromSqlError::InvalidType),
        };
        Ok(StoredIdText(id))
    }
}

/// Inserts a contact unless its identity is known (the first name stands) and counts it.
pub fn insert_contact(
    conn: &Connection,
    iid: &str,
    contact: &Contact,
    queue: &str,
) -> rusqlite::Result<bool> {
    let mut batch = ContactBatch::new(conn, iid)?;
    let added = batch.insert(contact, queue)?;
    batch.finish()?;
    Ok(added)
}

/// The contacts one transaction adds (a page of tickets, a report day) to one integration: each
/// is inserted at once, its count is kept in memory and [`Self::finish`] adds the counts to
/// `import_queue_days`, one row write per (queue, day) touched instead of one per contact.
/// `finish` must run in the same transaction, before it commits (the contacts and their counts
/// commit together).
pub struct ContactBatch<'c> {
    conn: &'c Connection,
    key: i64,
    /// Held for the batch: a page inserts a hundred contacts.
    insert: CachedStatement<'c>,
    /// Queue ids looked up or added by this batch, by name.
    queues: HashMap<String, i64>,
    /// Queues this batch added, which must end with a contact or go.
    added_queues: Vec<i64>,
    counts: queue_days::PendingCounts,
}

impl<'c> ContactBatch<'c> {
    pub fn new(conn: &'c Connection, iid: &str) -> rusqlite::Result<Self> {
        Ok(ContactBatch {
            conn,
            key: keys::find_or_add(conn, iid)?,
            insert: conn.prepare_cached(
                "INSERT INTO import_contacts (key, contact_id, queue, at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT DO NOTHING",
            )?,
            queues: HashMap::new(),
            added_queues: Vec::new(),
            counts: Default::default(),
        })
    }

    /// Inserts a contact unless its identity is known: the first name stands.
    pub fn insert(&mut self, contact: &Contact, queue: &str) -> rusqlite::Result<bool> {
        let queue_id = self.queue_id(queue, contact.kind)?;
        let at = contact.at.timestamp();
        let added = self
            .insert
            .execute(params![self.key, stored_id(&contact.id), queue_id, at])?
            == 1;
        if added {
            self.counts.add(queue_id, at);
        }
        Ok(added)
    }

    fn queue_id(&mut self, name: &str, kind: ContactKind) -> rusqlite::Result<i64> {
        if let Some(&id) = self.queues.get(name) {
            return Ok(id);
        }
        let id = match keys::find_queue(self.conn, self.key, name)? {
            Some(id) => id,
            None => {
                let id = keys::add_queue(self.conn, self.key, name, kind)?;
                self.added_queues.push(id);
                id
            }
        };
        self.queues.insert(name.to_owned(), id);
        Ok(id)
    }

    /// Writes the counts of the contacts added so far. A queue added for contacts that were all
    /// known already is removed again: every queue has contacts.
    pub fn finish(mut self) -> rusqlite::Result<()> {
        for &id in &self.added_queues {
            if !self.counts.has_queue(id) {
                keys::remove_queue(self.conn, id)?;
            }
        }
        self.counts.write(self.conn, self.key)
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
        "SELECT c.contact_id, q.kind, q.name, c.at
         FROM import_keys k
         JOIN import_contacts c ON c.key = k.key
         JOIN import_queues q ON q.id = c.queue
         WHERE k.integration_id = ?1 AND c.at >= ?2 AND c.at < ?3",
    )?;
    let rows = stmt.query_map(params![iid, from, to], |r| {
        Ok(StoredContact {
            contact_id: r.get::<_, StoredIdText>(0)?.0,
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
        "SELECT COUNT(*) FROM import_contacts
         WHERE key = (SELECT key FROM import_keys WHERE integration_id = ?1)",
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
        "SELECT q.name
         FROM import_keys k
         JOIN import_contacts c ON c.key = k.key
         JOIN import_queues q ON q.id = c.queue
         WHERE k.integration_id = ?1 AND c.contact_id = ?2",
        params![iid, stored_id_of_text(contact_id)],
        |r| r.get(0),
    )
    .optional()
}

/// The instants (seconds) of an integration's first and last contact; two index lookups.
pub fn span(conn: &Connection, iid: &str) -> rusqlite::Result<Option<(i64, i64)>> {
    let edge = |order: &str| {
        conn.query_row(
            &format!(
                "SELECT at FROM import_contacts
                 WHERE key = (SELECT key FROM import_keys WHERE integration_id = ?1)
                 ORDER BY at {order} LIMIT 1"
            ),
            [iid],
            |r| r.get::<_, i64>(0),
        )
        .optional()
    };
    Ok(edge("ASC")?.zip(edge("DESC")?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::AppPaths;
    use crate::Store;
    use idesk_rules::QueueId;

    #[test]
    fn every_kind_of_identity_reads_back_as_written_and_is_found_again() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&AppPaths::in_dir(dir.path().to_path_buf())).unwrap();
        let ids = [
            ContactId::Ticket(0),
            ContactId::Ticket(7),
            ContactId::Conversation(7),
            ContactId::Ticket(MAX_INTEGER_ID),
            ContactId::Conversation(MAX_INTEGER_ID + 1),
            ContactId::Ticket(u64::MAX),
            ContactId::Chat {
                conversation_id: "8d1c-44".into(),
                resolved_at: 1_780_000_000,
            },
        ];
        for (n, id) in ids.iter().enumerate() {
            let contact = Contact {
                id: id.clone(),
                kind: ContactKind::Ticket,
                queue: QueueId(0),
                at: chrono::DateTime::from_timestamp(1_780_000_000 + n as i64, 0).unwrap(),
            };
            assert!(insert_contact(store.conn(), "i1", &contact, &format!("Q{n}")).unwrap());
            assert!(!insert_contact(store.conn(), "i1", &contact, "Other").unwrap());
            assert_eq!(
                stored_queue(store.conn(), "i1", &id.to_string()).unwrap(),
                Some(format!("Q{n}"))
            );
        }
        let mut read: Vec<String> = contacts_between(store.conn(), "i1", i64::MIN, i64::MAX)
            .unwrap()
            .into_iter()
            .map(|c| c.contact_id)
            .collect();
        let mut written: Vec<String> = ids.iter().map(ToString::to_string).collect();
        read.sort();
        written.sort();
        assert_eq!(read, written);
        assert_eq!(stored_id(&ContactId::Conversation(7)), Value::Integer(15));
    }
}
