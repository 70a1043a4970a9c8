//! Where the Freshworks client may send a request: the loopback override of tests and the demo
//! (`IDESK_FRESHWORKS_URL`) and the report links it follows. Both are read with a real URL
//! parser and rebuilt from what it parsed, so what is checked is exactly what is sent (a
//! hand-split `http://[::1]@127.0.0.1:1` once sent the key to the host after the `@`).

use crate::error::{CoreError, CoreResult, ErrorCode};
use std::net::IpAddr;
use url::{Host, Position, Url};

pub const FRESHWORKS_URL_ENV: &str = "IDESK_FRESHWORKS_URL";

/// Checks an `IDESK_FRESHWORKS_URL` value: scheme `http`, a loopback IP literal (127.0.0.0/8 or
/// `[::1]`), a port, and nothing else (no user info, path, query or fragment; a lone `/` is
/// fine). Returns the base requests go to, e.g. `http://127.0.0.1:8080`.
pub fn parse_override(raw: &str) -> CoreResult<String> {
    let text = raw.trim();
    let refuse = |rule: &str| {
        // User info may hold a password: never echo such a value.
        let shown = if text.contains('@') {
            "(a value with user info, not shown)".to_string()
        } else {
            format!("{text:?}")
        };
        CoreError::new(
            ErrorCode::InvalidInput,
            format!("{FRESHWORKS_URL_ENV}={shown} is refused: {rule}. It must be http://, a loopback IP literal and a port, such as http://127.0.0.1:8080 (for tests and the demo only)"),
        )
    };
    let url = Url::parse(text).map_err(|e| refuse(&format!("it is not a URL ({e})")))?;
    if url.scheme() != "http" {
        return Err(refuse("the scheme must be http"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse("user info (anything before @) is not allowed"));
    }
    let ip = match url.host() {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip),
        Some(Host::Domain(_)) => {
            return Err(refuse(
                "the host must be a loopback IP literal (127.0.0.1 or [::1]), not a name",
            ))
        }
        None => return Err(refuse("it has no host")),
    };
    if !ip.is_loopback() {
        return Err(refuse(
            "the host must be a loopback address (127.0.0.0/8 or [::1])",
        ));
    }
    let port = url
        .port()
        .or_else(|| explicit_default_port(text))
        .ok_or_else(|| refuse("a port is required"))?;
    if url.path() != "/" {
        return Err(refuse("a path is not allowed"));
    }
    if url.query().is_some() {
        return Err(refuse("a query (?) is not allowed"));
    }
    if url.fragment().is_some() {
        return Err(refuse("a fragment (#) is not allowed"));
    }
    Ok(match ip {
        IpAddr::V4(ip) => format!("http://{ip}:{port}"),
        IpAddr::V6(ip) => format!("http://[{ip}]:{port}"),
    })
}

/// The URL parser drops a port equal to the scheme's default (`:80`); the text still shows it.
fn explicit_default_port(text: &str) -> Option<u16> {
    let rest = text.split_once("://")?.1;
    let authority = &rest[..rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len())];
    let (_, port) = authority.rsplit_once(':')?;
    (!port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
        .then(|| port.parse::<u16>().ok())
        .flatten()
        .filter(|p| *p == 80)
}

/// A report link followed outside the simulator: HTTPS to a public host name (no IP literal,
/// no `localhost`, no single-label name), without user info. Returns the URL as it will be
/// sent, or the rule it breaks.
pub fn public_https_link(link: &str) -> Result<String, String> {
    let url = Url::parse(link.trim()).map_err(|e| format!("it is not a URL ({e})"))?;
    if url.scheme() != "https" {
        return Err("only HTTPS links are followed".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("the link carries user info".into());
    }
    match url.host() {
        Some(Host::Domain(name)) => {
            let name = name.trim_end_matches('.');
            if name == "localhost" || name.ends_with(".localhost") {
                return Err("the link points to localhost".into());
            }
            if !name.contains('.') {
                return Err("the link's host is a single-label name, not a public host".into());
            }
        }
        Some(_) => return Err("the link's host is an IP address, not a public host name".into()),
        None => return Err("the link has no host".into()),
    }
    Ok(url.to_string())
}

/// A report link while routed to a simulator at `base`: loopback links as they are, Freshworks
/// HTTPS links through `base` with their real host (returned as the `Host` to send); anything
/// else is refused, so every link stays on this machine.
pub fn routed_link(base: &str, link: &str) -> Option<(String, Option<String>)> {
    let url = Url::parse(link.trim()).ok()?;
    if !url.username().is_empty() || url.password().is_some() {
        return None;
    }
    match (url.scheme(), url.host()) {
        ("http", Some(Host::Ipv4(ip))) if ip.is_loopback() => Some((url.to_string(), None)),
        ("http", Some(Host::Ipv6(ip))) if ip.is_loopback() => Some((url.to_string(), None)),
        ("https", Some(Host::Domain(name))) if is_freshworks_host(name) => {
            let host = match url.port() {
                Some(port) => format!("{name}:{port}"),
                None => name.to_string(),
            };
            let path = &url[Position::BeforePath..Position::AfterQuery];
            Some((format!("{base}{path}"), Some(host)))
        }
        _ => None,
    }
}

/// Hosts of Freshworks' own domains (where a routed link may be sent to the simulator).
fn is_freshworks_host(host: &str) -> bool {
    [
        "freshchat.com",
        "freshdesk.com",
        "freshworks.com",
        "freshworksapi.com",
    ]
    .iter()
    .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_a_loopback_ip_literal_and_a_port_are_accepted() {
        let ok = |u: &str| parse_override(u).unwrap();
        assert_eq!(ok("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
        assert_eq!(ok(" http://127.9.9.9:1 "), "http://127.9.9.9:1");
        assert_eq!(ok("http://[::1]:1"), "http://[::1]:1");
        assert_eq!(ok("http://127.0.0.1:80"), "http://127.0.0.1:80");
        for (bad, rule) in [
            // The key went to the host after the `@`.
            ("http://[::1]@127.0.0.1:1", "user info"),
            ("http://127.0.0.1:1@evil.example", "user info"),
            ("http://u:p@127.0.0.1:1", "user info"),
            ("http://localhost:1", "not a name"),
            ("http://evil.com:1", "not a name"),
            ("http://10.0.0.1:80", "loopback address"),
            ("http://[::ffff:127.0.0.1]:1", "loopback address"),
            ("https://127.0.0.1:1", "scheme"),
            ("http://127.0.0.1", "port"),
            ("http://127.0.0.1:1/x", "path"),
            ("http://127.0.0.1:1?x", "query"),
            ("http://127.0.0.1:1#x", "fragment"),
            ("127.0.0.1:1", "URL"),
        ] {
            let err = parse_override(bad).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidInput, "{bad}");
            assert!(err.message.contains(rule), "{bad}: {}", err.message);
        }
        let err = parse_override("http://secret:pw@127.0.0.1:1").unwrap_err();
        assert!(!err.message.contains("secret"), "{}", err.message);
    }

    #[test]
    fn report_links_outside_the_simulator_go_to_public_https_hosts_only() {
        assert_eq!(
            public_https_link("https://s3.example.com/x.zip?sig=1").as_deref(),
            Ok("https://s3.example.com/x.zip?sig=1")
        );
        for bad in [
            "http://s3.example.com/x.zip",
            "https://127.0.0.1/x.zip",
            "https://[::1]/x.zip",
            "https://0x7f.1/x.zip",
            "https://localhost/x.zip",
            "https://a.localhost/x.zip",
            "https://intranet/x.zip",
            "https://intranet./x.zip",
            "https://u@s3.example.com/x.zip",
            "https://169.254.169.254/latest",
        ] {
            assert!(public_https_link(bad).is_err(), "{bad}");
        }
    }
}
