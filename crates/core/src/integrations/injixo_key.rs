//! The injixo API key the client app uses: 32 random bytes from the OS generator, with a
//! recognisable prefix. Only its SHA-256 hash is stored; the key itself is shown once.

use crate::secret::Secret;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Lets a person (and a secret scanner) recognise an injixo key when they see one.
pub const INJIXO_KEY_PREFIX: &str = "ijx_";
const KEY_BYTES: usize = 32;

pub fn generate() -> Secret {
    let mut bytes = zeroize::Zeroizing::new([0u8; KEY_BYTES]);
    OsRng.fill_bytes(bytes.as_mut());
    Secret::new(format!(
        "{INJIXO_KEY_PREFIX}{}",
        hex::encode(bytes.as_ref())
    ))
}

/// The stored form: hex SHA-256 of the key's text (pasted keys are trimmed first).
pub fn hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.trim().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_prefixed_long_and_distinct() {
        let a = generate();
        let b = generate();
        assert!(a.expose().starts_with(INJIXO_KEY_PREFIX));
        assert_eq!(a.expose().len(), INJIXO_KEY_PREFIX.len() + 2 * KEY_BYTES);
        assert_ne!(a.expose(), b.expose());
        assert_ne!(hash(a.expose()), hash(b.expose()));
        assert_eq!(hash(&format!(" {} \n", a.expose())), hash(a.expose()));
        assert!(!hash(a.expose()).contains(a.expose()));
    }
}
