//! Integration rows in the store (metadata only; keys are in the keychain).

use super::name::name_key;
use super::product::Product;
use crate::error::{CoreError, CoreResult, ErrorCode};
use crate::freshworks::checks::{CheckResult, Outcome};
use crate::store::Store;
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IntegrationStatus {
    /// Every check passed.
    Operational,
    /// Saved with warnings (a check could not be verified, or an occasional agent's key).
    NeedsAttention,
    /// The last check found a required prerequisite failing.
    Failing,
}

impl IntegrationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            IntegrationStatus::Operational => "operational",
            IntegrationStatus::NeedsAttention => "needs_attention",
            IntegrationStatus::Failing => "failing",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "operational" => IntegrationStatus::Operational,
            "failing" => IntegrationStatus::Failing,
            _ => IntegrationStatus::NeedsAttention,
        }
    }

    pub fn from_checks(product: Product, checks: &[CheckResult]) -> Self {
        if !crate::freshworks::checks::allows_saving(product, checks) {
            IntegrationStatus::Failing
        } else if checks.iter().all(|c| c.outcome == Outcome::Passed) {
            IntegrationStatus::Operational
        } else {
            IntegrationStatus::NeedsAttention
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InjixoKeyInfo {
    pub created_at: String,
    /// How many earlier keys this one replaced.
    pub replaced_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Integration {
    pub id: String,
    pub name: String,
    pub product: Product,
    pub domain: String,
    pub status: IntegrationStatus,
    /// The API key as the UI may show it: masked.
    pub key_mask: String,
    pub checks: Vec<CheckResult>,
    pub checked_at: String,
    pub created_at: String,
    pub updated_at: String,
    pub injixo_key: Option<InjixoKeyInfo>,
}

pub(crate) struct NewRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub product: Product,
    pub domain: &'a str,
    pub key_mask: &'a str,
    pub checks: &'a [CheckResult],
    pub now: &'a str,
}

const COLUMNS: &str =
    "id, name, product, domain, status, key_mask, checks_json, checked_at, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Integration> {
    let product: String = row.get(2)?;
    let checks: String = row.get(6)?;
    Ok(Integration {
        id: row.get(0)?,
        name: row.get(1)?,
        product: product.parse().unwrap_or(Product::Freshdesk),
        domain: row.get(3)?,
        status: IntegrationStatus::parse(&row.get::<_, String>(4)?),
        key_mask: row.get(5)?,
        checks: serde_json::from_str(&checks).unwrap_or_default(),
        checked_at: row.get(7)?,
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
        injixo_key: None,
    })
}

impl Store {
    pub fn list_integrations(&self) -> CoreResult<Vec<Integration>> {
        let mut stmt = self
            .conn()
            .prepare(&format!(
                "SELECT {COLUMNS} FROM integrations ORDER BY name_key"
            ))
            .map_err(|e| self.map_err(e))?;
        let rows = stmt.query_map([], from_row).map_err(|e| self.map_err(e))?;
        let mut list = rows
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.map_err(e))?;
        for i in &mut list {
            i.injixo_key = self.injixo_key_info(&i.id)?;
        }
        Ok(list)
    }

    /// Finds an integration by its exact id: what the app passes. A name is never taken for an id.
    pub fn find_integration(&self, id: &str) -> CoreResult<Integration> {
        let found = self.integrations_where("id = ?1", id)?;
        self.exactly_one(found, || format!("no integration has the id {id:?}"))
    }

    /// Finds an integration by its name, without regard to case: what the CLI's NAME means. An id
    /// is never taken for a name.
    pub fn find_integration_by_name(&self, name: &str) -> CoreResult<Integration> {
        let found = self.integrations_where("name_key = ?1", &name_key(name))?;
        self.exactly_one(found, || {
            format!("no integration is named {:?}", name.trim())
        })
    }

    /// Up to two rows matching `condition` (one parameter): enough to tell one from several.
    fn integrations_where(&self, condition: &str, value: &str) -> CoreResult<Vec<Integration>> {
        let mut stmt = self
            .conn()
            .prepare(&format!(
                "SELECT {COLUMNS} FROM integrations WHERE {condition} LIMIT 2"
            ))
            .map_err(|e| self.map_err(e))?;
        let rows = stmt
            .query_map([value], from_row)
            .map_err(|e| self.map_err(e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.map_err(e))
    }

    fn exactly_one(
        &self,
        mut found: Vec<Integration>,
        not_found: impl FnOnce() -> String,
    ) -> CoreResult<Integration> {
        let mut integration = match found.len() {
            0 => return Err(CoreError::new(ErrorCode::IntegrationNotFound, not_found())),
            1 => found.remove(0),
            _ => {
                return Err(CoreError::new(
                    ErrorCode::IntegrationAmbiguous,
                    format!(
                        "{:?} and {:?} both match; nothing was done",
                        found[0].name, found[1].name
                    ),
                ))
            }
        };
        integration.injixo_key = self.injixo_key_info(&integration.id)?;
        Ok(integration)
    }

    /// Fails with `name_taken` when another integration (other than `except_id`) has this name.
    pub fn ensure_name_free(&self, name: &str, except_id: Option<&str>) -> CoreResult<()> {
        let taken: Option<String> = self
            .conn()
            .query_row(
                "SELECT name FROM integrations WHERE name_key = ?1 AND id IS NOT ?2",
                params![name_key(name), except_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.map_err(e))?;
        match taken {
            Some(existing) => Err(CoreError::new(
                ErrorCode::NameTaken,
                format!("an integration named {existing:?} already exists; names must be unique (case is ignored)"),
            )),
            None => Ok(()),
        }
    }

    /// Runs `f` inside a transaction that is committed only when `f` succeeds.
    pub fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> CoreResult<T>,
    ) -> CoreResult<T> {
        let path = self.path().to_path_buf();
        let map = |e: rusqlite::Error| {
            CoreError::new(
                ErrorCode::StoreFailed,
                format!("database error in {}: {e}", path.display()),
            )
        };
        // IMMEDIATE, as the importer's: a transaction that reads before it writes cannot wait for
        // another connection's write (an import or sync beside it) and fails at once.
        let tx = self
            .conn_mut()
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(map)?;
        let value = f(&tx)?;
        tx.commit().map_err(map)?;
        Ok(value)
    }

    fn injixo_key_info(&self, integration_id: &str) -> CoreResult<Option<InjixoKeyInfo>> {
        self.conn()
            .query_row(
                "SELECT (SELECT created_at FROM injixo_keys WHERE integration_id = ?1 AND replaced_at IS NULL),
                        (SELECT COUNT(*) FROM injixo_keys WHERE integration_id = ?1 AND replaced_at IS NOT NULL)",
                [integration_id],
                |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, u32>(1)?)),
            )
            .map(|(created, replaced)| created.map(|created_at| InjixoKeyInfo { created_at, replaced_count: replaced }))
            .map_err(|e| self.map_err(e))
    }
}

pub(crate) fn insert(tx: &rusqlite::Transaction<'_>, row: &NewRow<'_>) -> rusqlite::Result<()> {
    let status = IntegrationStatus::from_checks(row.product, row.checks);
    tx.execute(
        "INSERT INTO integrations (id, name, name_key, product, domain, status, key_mask, checks_json, checked_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?9)",
        params![
            row.id,
            row.name,
            name_key(row.name),
            row.product.as_str(),
            row.domain,
            status.as_str(),
            row.key_mask,
            serde_json::to_string(row.checks).expect("checks serialize"),
            row.now
        ],
    )?;
    Ok(())
}

pub(crate) fn update_checks(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    product: Product,
    checks: &[CheckResult],
    now: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE integrations SET status = ?2, checks_json = ?3, checked_at = ?4 WHERE id = ?1",
        params![
            id,
            IntegrationStatus::from_checks(product, checks).as_str(),
            serde_json::to_string(checks).expect("checks serialize"),
            now
        ],
    )?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn update(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    name: &str,
    domain: &str,
    key_mask: &str,
    product: Product,
    checks: &[CheckResult],
    now: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE integrations SET name = ?2, name_key = ?3, domain = ?4, key_mask = ?5, status = ?6, checks_json = ?7,
                checked_at = ?8, updated_at = ?8 WHERE id = ?1",
        params![
            id,
            name,
            name_key(name),
            domain,
            key_mask,
            IntegrationStatus::from_checks(product, checks).as_str(),
            serde_json::to_string(checks).expect("checks serialize"),
            now
        ],
    )?;
    Ok(())
}

pub(crate) fn delete(tx: &rusqlite::Transaction<'_>, id: &str) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM integrations WHERE id = ?1", [id])?;
    Ok(())
}

/// Replaces the active injixo key's hash (if any) with `hash`.
pub(crate) fn rotate_injixo_key(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    hash: &str,
    now: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE injixo_keys SET replaced_at = ?2 WHERE integration_id = ?1 AND replaced_at IS NULL",
        params![id, now],
    )?;
    tx.execute(
        "INSERT INTO injixo_keys (integration_id, key_hash, created_at) VALUES (?1, ?2, ?3)",
        params![id, hash, now],
    )?;
    Ok(())
}
