//! `idesk integrations add|list|remove`, `idesk check` and `idesk key generate` (docs/cli.md).

use super::{open_store as open, runtime};
use crate::output::{Failure, Format};
use idesk_core::freshworks::checks::{allows_saving, CheckResult, Outcome};
use idesk_core::freshworks::FreshworksClient;
use idesk_core::integrations::service::{self, clean_api_key};
use idesk_core::integrations::{Integration, Product};
use idesk_core::{CoreError, ErrorCode, Secret};
use std::io::{BufRead, Write};
use std::sync::Mutex;

#[derive(clap::Subcommand, Debug)]
pub enum IntegrationsCommand {
    /// Test the connection and save the integration only when no required check failed.
    Add {
        #[arg(value_enum)]
        product: ProductArg,
        /// A unique name that identifies the data source.
        #[arg(long)]
        name: String,
        /// The full domain including the subdomain, e.g. example.freshdesk.com.
        #[arg(long)]
        domain: String,
        /// Read the API key from this environment variable (default: one line on stdin).
        #[arg(long, value_name = "VAR")]
        api_key_env: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List the integrations.
    List {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Remove an integration and its keychain entries.
    Remove {
        name: String,
        /// Also delete the data imported for it.
        #[arg(long)]
        purge: bool,
    },
}

#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum ProductArg {
    Freshdesk,
    Freshchat,
}

impl From<ProductArg> for Product {
    fn from(p: ProductArg) -> Product {
        match p {
            ProductArg::Freshdesk => Product::Freshdesk,
            ProductArg::Freshchat => Product::Freshchat,
        }
    }
}

/// A secret is never an argument: it comes from the named variable or one line on stdin.
fn read_api_key(env_var: Option<&str>) -> Result<Secret, CoreError> {
    match env_var {
        Some(var) => {
            let value = std::env::var(var).unwrap_or_default();
            if value.trim().is_empty() {
                return Err(CoreError::new(
                    ErrorCode::ApiKeyEmpty,
                    format!("the environment variable {var} is not set or empty"),
                ));
            }
            clean_api_key(&value)
        }
        None => {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).map_err(|e| {
                CoreError::new(
                    ErrorCode::InvalidInput,
                    format!("cannot read the API key from stdin: {e}"),
                )
            })?;
            clean_api_key(&line)
        }
    }
}

pub fn run(cmd: IntegrationsCommand) -> Result<(), Failure> {
    match cmd {
        IntegrationsCommand::Add {
            product,
            name,
            domain,
            api_key_env,
            format,
        } => add(
            product.into(),
            &name,
            &domain,
            api_key_env.as_deref(),
            format,
        ),
        IntegrationsCommand::List { format } => list(format),
        IntegrationsCommand::Remove { name, purge } => remove(&name, purge),
    }
}

fn add(
    product: Product,
    name: &str,
    domain: &str,
    api_key_env: Option<&str>,
    format: Format,
) -> Result<(), Failure> {
    let fail = |e| Failure::new(e, format);
    let store = Mutex::new(open(format)?);
    let key = read_api_key(api_key_env).map_err(fail)?;
    let client = FreshworksClient::from_env().map_err(fail)?;
    let attempt = runtime()
        .block_on(service::add(&store, &client, product, name, domain, key))
        .map_err(fail)?;
    if attempt.test.domain.expanded_from_subdomain {
        eprintln!(
            "note: using {} (the product's domain was added to {:?})",
            attempt.test.domain.host,
            domain.trim()
        );
    }
    let checks = &attempt.test.checks;
    let saved = attempt
        .saved
        .inspect_err(|_| print_checks(checks, format, Some(false)));
    let saved = saved.map_err(fail)?;
    print_checks(checks, format, Some(saved.is_some()));
    match saved {
        Some(i) => {
            if format == Format::Text {
                println!("saved: {} ({} {})", i.name, i.product.as_str(), i.domain);
            }
            Ok(())
        }
        None => Err(Failure::new(
            CoreError::new(
                ErrorCode::CheckFailed,
                "a required check did not pass; nothing was saved",
            ),
            Format::Text, // the checks JSON above already says "saved": false
        )),
    }
}

pub fn check(name: &str, format: Format) -> Result<(), Failure> {
    let fail = |e| Failure::new(e, format);
    let opened = open(format)?;
    let client = FreshworksClient::from_env().map_err(fail)?;
    let id = resolve(&opened, name).map_err(fail)?;
    let store = Mutex::new(opened);
    let (integration, checks) = runtime()
        .block_on(service::recheck(&store, &client, &id))
        .map_err(fail)?;
    print_checks(&checks, format, None);
    if allows_saving(integration.product, &checks) {
        Ok(())
    } else {
        Err(Failure::new(
            CoreError::new(ErrorCode::CheckFailed, "a required check did not pass"),
            Format::Text,
        ))
    }
}

fn list(format: Format) -> Result<(), Failure> {
    let store = open(format)?;
    let list = store
        .list_integrations()
        .map_err(|e| Failure::new(e, format))?;
    match format {
        Format::Json => {
            let items: Vec<_> = list.iter().map(list_item).collect();
            println!("{}", serde_json::json!({ "integrations": items }));
        }
        Format::Text if list.is_empty() => println!("no integrations"),
        Format::Text => {
            let width = list
                .iter()
                .map(|i| i.name.chars().count())
                .max()
                .unwrap_or(4)
                .max(4);
            println!(
                "{:<width$}  {:<9}  {:<32}  {:<15}  CREATED",
                "NAME", "PRODUCT", "DOMAIN", "STATUS"
            );
            for i in &list {
                println!(
                    "{:<width$}  {:<9}  {:<32}  {:<15}  {}",
                    i.name,
                    i.product.as_str(),
                    i.domain,
                    i.status.as_str(),
                    i.created_at
                );
            }
        }
    }
    Ok(())
}

fn list_item(i: &Integration) -> serde_json::Value {
    serde_json::json!({
        "name": i.name,
        "product": i.product,
        "domain": i.domain,
        "status": i.status,
        "created_at": i.created_at,
    })
}

fn remove(name: &str, purge: bool) -> Result<(), Failure> {
    let opened = open(Format::Text)?;
    let fail = |e| Failure::new(e, Format::Text);
    let id = resolve(&opened, name).map_err(fail)?;
    let store = Mutex::new(opened);
    let (removed, purged) = runtime()
        .block_on(service::remove(&store, &id, purge))
        .map_err(fail)?;
    println!("removed: {} and its keychain entries", removed.name);
    if purge {
        println!("purged: its imported data ({purged} contacts)");
    } else {
        println!("its imported data is kept; run again with --purge to delete it");
    }
    Ok(())
}

/// The new key goes to stdout before the store replaces the old one: a key that cannot be
/// printed is never activated, so the user is never left without a working key.
pub fn generate_key(name: &str) -> Result<(), Failure> {
    let opened = open(Format::Text)?;
    let fail = |e| Failure::new(e, Format::Text);
    let id = resolve(&opened, name).map_err(fail)?;
    let store = Mutex::new(opened);
    let integration =
        service::generate_injixo_key(&store, &id, |_, key| print_key(key)).map_err(fail)?;
    let replaced = integration
        .injixo_key
        .map(|k| k.replaced_count)
        .unwrap_or(0);
    eprintln!(
        "This is the injixo API key of {}; it is shown only this once. Enter it in the injixo app in Freshworks.{}",
        integration.name,
        if replaced > 0 { " The previous key stopped working just now." } else { "" }
    );
    Ok(())
}

/// The id of the integration a command line's NAME means: names only, never an id (the core's
/// services take ids, which only the app hands around).
fn resolve(store: &idesk_core::Store, name: &str) -> Result<String, CoreError> {
    Ok(store.find_integration_by_name(name)?.id)
}

fn print_key(key: &Secret) -> Result<(), CoreError> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", key.expose())
        .and_then(|()| out.flush())
        .map_err(|e| {
            CoreError::new(
                ErrorCode::OutputClosed,
                format!(
                    "cannot print the new key ({e}); nothing changed, the previous key still works"
                ),
            )
        })
}

fn print_checks(checks: &[CheckResult], format: Format, saved: Option<bool>) {
    match format {
        Format::Json => {
            let mut value = serde_json::json!({ "checks": checks });
            if let Some(saved) = saved {
                value["saved"] = saved.into();
            }
            println!("{value}");
        }
        Format::Text => {
            for c in checks {
                let mark = match c.outcome {
                    Outcome::Passed => "ok  ",
                    Outcome::Failed => "FAIL",
                    Outcome::Unverified => "WARN",
                };
                let check = serde_json::to_value(c.check)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                println!("[{mark}] {check:<17} {:<28} {}", c.code, c.message);
            }
        }
    }
}
