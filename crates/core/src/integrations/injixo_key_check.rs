//! The injixo API key check (F13 in docs/product.md): is a pasted key (the one configured in the client app) the
//! active key, one that was replaced (and when), or one never issued here?
//!
//! Every key ever issued keeps its row in `injixo_keys` (0002: only the SHA-256 hash, with
//! `created_at` and, once replaced, `replaced_at`), so the history needs no table of its own.
//! The pasted key is hashed and compared with every stored digest in constant time; it is never
//! stored or logged.

use super::injixo_key::hash;
use crate::error::CoreResult;
use crate::secret::Secret;
use crate::store::Store;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum KeyCheckResult {
    Active,
    Replaced,
    Unknown,
}

/// `{"result", "issued_at", "replaced_at"}` (docs/cli.md `idesk key check`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyCheck {
    pub result: KeyCheckResult,
    pub issued_at: Option<String>,
    pub replaced_at: Option<String>,
}

type Digest = [u8; 32];

fn digest_of_hex(hex_text: &str) -> Option<Digest> {
    hex::decode(hex_text).ok()?.try_into().ok()
}

/// Equal without an early exit: the time does not depend on where the digests differ.
fn constant_time_eq(a: &Digest, b: &Digest) -> bool {
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// Checks a pasted key against every key issued for the integration.
pub fn check(store: &Store, integration_id: &str, pasted: &Secret) -> CoreResult<KeyCheck> {
    let Some(wanted) = digest_of_hex(&hash(pasted.expose())) else {
        return Ok(unknown());
    };
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT key_hash, created_at, replaced_at FROM injixo_keys WHERE integration_id = ?1",
        )
        .map_err(|e| store.map_err(e))?;
    let rows = stmt
        .query_map([integration_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })
        .map_err(|e| store.map_err(e))?;
    let mut found = None;
    // Every row is compared (no early exit), so the time does not tell which one matched.
    for row in rows {
        let (stored, created_at, replaced_at) = row.map_err(|e| store.map_err(e))?;
        let matches = digest_of_hex(&stored).is_some_and(|d| constant_time_eq(&d, &wanted));
        if matches && found.is_none() {
            found = Some(KeyCheck {
                result: if replaced_at.is_some() {
                    KeyCheckResult::Replaced
                } else {
                    KeyCheckResult::Active
                },
                issued_at: Some(created_at),
                replaced_at,
            });
        }
    }
    Ok(found.unwrap_or_else(unknown))
}

fn unknown() -> KeyCheck {
    KeyCheck {
        result: KeyCheckResult::Unknown,
        issued_at: None,
        replaced_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_eq_compares_every_byte() {
        let a = [7u8; 32];
        let mut b = a;
        assert!(constant_time_eq(&a, &b));
        b[31] ^= 1;
        assert!(!constant_time_eq(&a, &b));
        assert_eq!(digest_of_hex(&hash("ijx_x")).map(|d| d.len()), Some(32));
        assert_eq!(digest_of_hex("zz"), None);
    }
}
