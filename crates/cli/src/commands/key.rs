//! `idesk key check NAME [--key-env VAR]` (docs/cli.md): is the pasted injixo API key the active one?
//! The key comes from the variable or one line on stdin, never from an argument.

use super::open_store;
use crate::output::{Failure, Format};
use idesk_core::integrations::injixo_key_check::{self, KeyCheckResult};
use idesk_core::{CoreError, ErrorCode, Secret};
use std::io::BufRead;

fn read_key(env_var: Option<&str>) -> Result<Secret, CoreError> {
    let raw = match env_var {
        Some(var) => std::env::var(var).unwrap_or_default(),
        None => {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).map_err(|e| {
                CoreError::new(
                    ErrorCode::InvalidInput,
                    format!("cannot read the key from stdin: {e}"),
                )
            })?;
            line
        }
    };
    let key = Secret::new(raw.trim().to_string());
    drop(raw);
    if key.expose().is_empty() {
        let from = env_var
            .map(|v| format!("the environment variable {v} is not set or empty"))
            .unwrap_or_else(|| "no key on stdin".into());
        return Err(CoreError::new(
            ErrorCode::ApiKeyEmpty,
            format!("paste the injixo API key: {from}"),
        ));
    }
    Ok(key)
}

pub fn check(name: &str, key_env: Option<&str>) -> Result<(), Failure> {
    let fail = |e| Failure::new(e, Format::Text);
    let store = open_store(Format::Text)?;
    let integration = store.find_integration_by_name(name).map_err(fail)?;
    let key = read_key(key_env).map_err(fail)?;
    let answer = injixo_key_check::check(&store, &integration.id, &key).map_err(fail)?;
    drop(key);
    println!(
        "{}",
        serde_json::to_string(&answer).expect("a key check serializes")
    );
    let why = match answer.result {
        KeyCheckResult::Active => return Ok(()),
        KeyCheckResult::Replaced => format!(
            "this key was replaced on {} by a newer one: paste the current key into the client app",
            answer.replaced_at.as_deref().unwrap_or("?")
        ),
        KeyCheckResult::Unknown => "this key was never issued for this integration".to_string(),
    };
    Err(fail(CoreError::new(ErrorCode::InjixoKeyNotActive, why)))
}
