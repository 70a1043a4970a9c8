//! Normalizing and validating the domain a user types into the setup form.
//!
//! The result is always a host under the product's own domain (`<sub>.freshdesk.com`,
//! `<sub>.freshchat.com` or a Freshchat regional API host), so an API key is only ever sent to
//! Freshworks. Each rejection has its own code, so the UI can say exactly what to change.

use super::product::Product;
use crate::error::{CoreError, ErrorCode};
use serde::Serialize;
use ts_rs::TS;

/// Freshchat's shared regional API hosts (docs/freshworks-api.md, "Freshchat").
pub const FRESHCHAT_REGIONAL_HOSTS: [&str; 4] = [
    "api.freshchat.com",
    "api.eu.freshchat.com",
    "api.in.freshchat.com",
    "api.au.freshchat.com",
];

/// Longest DNS label.
const MAX_LABEL_LEN: usize = 63;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NormalizedDomain {
    pub host: String,
    /// Set when the input was only a subdomain and the product's domain was added: the UI shows it.
    pub expanded_from_subdomain: bool,
}

fn reject(code: ErrorCode, message: impl Into<String>) -> CoreError {
    CoreError::new(code, message)
}

/// Trims, lower-cases and strips scheme, path, query, fragment and trailing dots/slashes, then
/// checks that what is left is a host of `product`.
pub fn normalize_domain(input: &str, product: Product) -> Result<NormalizedDomain, CoreError> {
    let mut s = input.trim().to_string();
    if s.is_empty() {
        return Err(reject(
            ErrorCode::DomainEmpty,
            "enter the domain, e.g. example.freshdesk.com",
        ));
    }
    if !s.is_ascii() {
        return Err(reject(
            ErrorCode::DomainNonAscii,
            format!("{s:?} contains non-ASCII characters; type the domain with plain letters (a look-alike character would send your key elsewhere)"),
        ));
    }
    s.make_ascii_lowercase();
    for scheme in ["https://", "http://"] {
        if let Some(rest) = s.strip_prefix(scheme) {
            s = rest.to_string();
            break;
        }
    }
    if s.contains("://") {
        return Err(reject(
            ErrorCode::DomainInvalid,
            format!("{input:?} is not a domain"),
        ));
    }
    // Everything after the authority: path, query, fragment.
    let authority_end = s.find(['/', '?', '#']).unwrap_or(s.len());
    s.truncate(authority_end);
    if s.contains('@') {
        return Err(reject(
            ErrorCode::DomainHasUserinfo,
            "remove the user name or password before @: enter only the domain",
        ));
    }
    if s.starts_with('[') || s.contains(':') {
        // `[::1]`, `host:443`: ports and IPv6 literals are never a Freshworks domain.
        if s.parse::<std::net::Ipv6Addr>().is_ok() || s.starts_with('[') {
            return Err(reject(
                ErrorCode::DomainIsIp,
                "enter the domain name, not an IP address",
            ));
        }
        return Err(reject(
            ErrorCode::DomainHasPort,
            "remove the port (\":…\"): Freshworks uses the standard HTTPS port",
        ));
    }
    let host = s.trim_end_matches('.').to_string();
    if host.is_empty() {
        return Err(reject(
            ErrorCode::DomainEmpty,
            "enter the domain, e.g. example.freshdesk.com",
        ));
    }
    if host.parse::<std::net::Ipv4Addr>().is_ok()
        || host
            .split('.')
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(reject(
            ErrorCode::DomainIsIp,
            "enter the domain name, not an IP address",
        ));
    }
    if host == "localhost" || host.ends_with(".localhost") {
        return Err(reject(
            ErrorCode::DomainIsLocalhost,
            "localhost is not a Freshworks domain",
        ));
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.iter().any(|l| !valid_label(l)) {
        return Err(reject(
            ErrorCode::DomainInvalid,
            format!(
                "{host:?} is not a valid domain name (letters, digits and hyphens between dots)"
            ),
        ));
    }

    // A bare subdomain ("example") becomes example.<product domain>.
    if labels.len() == 1 {
        return Ok(NormalizedDomain {
            host: format!("{host}.{}", product.base_domain()),
            expanded_from_subdomain: true,
        });
    }

    let own = product.base_domain();
    let other = product.other().base_domain();
    if host == own {
        return Err(reject(
            ErrorCode::DomainMissingSubdomain,
            format!("add your subdomain, e.g. example.{own}"),
        ));
    }
    if host == other || host.ends_with(&format!(".{other}")) {
        return Err(reject(
            ErrorCode::DomainOtherProduct,
            format!(
                "{host} is a {} domain; this form needs your {own} domain",
                product.other().as_str()
            ),
        ));
    }
    if let Some(sub) = host.strip_suffix(&format!(".{own}")) {
        let regional =
            product == Product::Freshchat && FRESHCHAT_REGIONAL_HOSTS.contains(&host.as_str());
        if sub.contains('.') && !regional {
            return Err(reject(
                ErrorCode::DomainInvalid,
                format!("{host} has more than one subdomain; enter it as <subdomain>.{own}"),
            ));
        }
        return Ok(NormalizedDomain {
            host,
            expanded_from_subdomain: false,
        });
    }
    // Contains a product name but is not under its domain: freshdesk.com.evil.com, evilfreshdesk.com.
    if host.contains("freshdesk") || host.contains("freshchat") || host.contains("freshworks") {
        return Err(reject(
            ErrorCode::DomainLookalike,
            format!("{host} is not a Freshworks domain, although it looks like one; enter your <subdomain>.{own} address"),
        ));
    }
    Err(reject(
        ErrorCode::DomainCustom,
        format!("{host} is not a {own} address; custom help-desk domains do not serve the API: use your *.{own} address"),
    ))
}

fn valid_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= MAX_LABEL_LEN
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use Product::{Freshchat, Freshdesk};

    fn ok(input: &str, p: Product) -> String {
        normalize_domain(input, p)
            .unwrap_or_else(|e| panic!("{input}: {e:?}"))
            .host
    }
    fn code(input: &str, p: Product) -> ErrorCode {
        normalize_domain(input, p).expect_err(input).code
    }

    #[test]
    fn strips_scheme_path_query_case_and_trailing_dots() {
        assert_eq!(
            ok("  Example.Freshdesk.com ", Freshdesk),
            "example.freshdesk.com"
        );
        assert_eq!(
            ok("https://example.freshdesk.com/a/tickets/5?x=1#y", Freshdesk),
            "example.freshdesk.com"
        );
        assert_eq!(
            ok("HTTP://example.freshdesk.com/", Freshdesk),
            "example.freshdesk.com"
        );
        assert_eq!(
            ok("example.freshdesk.com.", Freshdesk),
            "example.freshdesk.com"
        );
        assert_eq!(
            ok("example.freshdesk.com//", Freshdesk),
            "example.freshdesk.com"
        );
        assert_eq!(
            ok("acme-eu.freshchat.com", Freshchat),
            "acme-eu.freshchat.com"
        );
    }

    #[test]
    fn a_bare_subdomain_is_expanded_with_a_note() {
        let d = normalize_domain("example", Freshdesk).unwrap();
        assert_eq!(d.host, "example.freshdesk.com");
        assert!(d.expanded_from_subdomain);
        assert_eq!(ok("example", Freshchat), "example.freshchat.com");
        assert!(
            !normalize_domain("example.freshdesk.com", Freshdesk)
                .unwrap()
                .expanded_from_subdomain
        );
    }

    #[test]
    fn freshchat_regional_api_hosts_are_accepted() {
        for host in FRESHCHAT_REGIONAL_HOSTS {
            assert_eq!(ok(host, Freshchat), host);
        }
        assert_eq!(
            code("api.eu.freshdesk.com", Freshdesk),
            ErrorCode::DomainInvalid
        );
    }

    #[test]
    fn each_bad_input_has_its_own_code() {
        assert_eq!(code("", Freshdesk), ErrorCode::DomainEmpty);
        assert_eq!(code("   ", Freshdesk), ErrorCode::DomainEmpty);
        assert_eq!(code("https://", Freshdesk), ErrorCode::DomainEmpty);
        assert_eq!(
            code("example.freshdesk.com:443", Freshdesk),
            ErrorCode::DomainHasPort
        );
        assert_eq!(
            code("https://example.freshdesk.com:8443/x", Freshdesk),
            ErrorCode::DomainHasPort
        );
        assert_eq!(code("127.0.0.1", Freshdesk), ErrorCode::DomainIsIp);
        assert_eq!(code("10.1.2.3", Freshdesk), ErrorCode::DomainIsIp);
        assert_eq!(code("[::1]", Freshdesk), ErrorCode::DomainIsIp);
        assert_eq!(code("localhost", Freshdesk), ErrorCode::DomainIsLocalhost);
        assert_eq!(
            code("http://localhost/", Freshdesk),
            ErrorCode::DomainIsLocalhost
        );
        assert_eq!(
            code("user:pw@example.freshdesk.com", Freshdesk),
            ErrorCode::DomainHasUserinfo
        );
        assert_eq!(
            code("https://me@example.freshdesk.com", Freshdesk),
            ErrorCode::DomainHasUserinfo
        );
        assert_eq!(
            code("freshdesk.com.evil.com", Freshdesk),
            ErrorCode::DomainLookalike
        );
        assert_eq!(
            code("evilfreshdesk.com", Freshdesk),
            ErrorCode::DomainLookalike
        );
        assert_eq!(
            code("example.freshdesk.co", Freshdesk),
            ErrorCode::DomainLookalike
        );
        assert_eq!(
            code("example.freshchat.com", Freshdesk),
            ErrorCode::DomainOtherProduct
        );
        assert_eq!(
            code("example.freshdesk.com", Freshchat),
            ErrorCode::DomainOtherProduct
        );
        assert_eq!(
            code("exаmple.freshdesk.com", Freshdesk),
            ErrorCode::DomainNonAscii
        ); // Cyrillic а
        assert_eq!(
            code("support.example.org", Freshdesk),
            ErrorCode::DomainCustom
        );
        assert_eq!(
            code("helpdesk.acme.com", Freshchat),
            ErrorCode::DomainCustom
        );
        assert_eq!(
            code("freshdesk.com", Freshdesk),
            ErrorCode::DomainMissingSubdomain
        );
        assert_eq!(
            code("a.b.freshdesk.com", Freshdesk),
            ErrorCode::DomainInvalid
        );
        assert_eq!(
            code("exa_mple.freshdesk.com", Freshdesk),
            ErrorCode::DomainInvalid
        );
        assert_eq!(
            code("-bad.freshdesk.com", Freshdesk),
            ErrorCode::DomainInvalid
        );
        assert_eq!(
            code("example..freshdesk.com", Freshdesk),
            ErrorCode::DomainInvalid
        );
    }
}
