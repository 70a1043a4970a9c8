//! A tiny HTTP server for unit tests that need a server answering what no real one would (an
//! endless `Link: next`, a body beyond a limit). One request per connection.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Send `Content-Length` (else the end of the connection ends the body).
    pub length: bool,
    /// Send the body one byte at a time, this long before each.
    pub pace: Option<std::time::Duration>,
}

impl Answer {
    pub fn json(body: serde_json::Value) -> Self {
        Self {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
            length: true,
            pace: None,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

pub struct TestServer {
    pub url: String,
    requests: Arc<AtomicUsize>,
}

impl TestServer {
    /// Serves `answer(request_target, n)` (n counts from 1) until the test ends.
    pub async fn start(answer: impl Fn(&str, usize) -> Answer + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = requests.clone();
        let answer = Arc::new(answer);
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
                let answer = answer.clone();
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut buf = [0u8; 1024];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match socket.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(k) => head.extend_from_slice(&buf[..k]),
                        }
                    }
                    let text = String::from_utf8_lossy(&head);
                    let target = text.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let a = answer(&target, n);
                    let mut out = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", a.status);
                    for (k, v) in &a.headers {
                        out.push_str(&format!("{k}: {v}\r\n"));
                    }
                    if a.length {
                        out.push_str(&format!("Content-Length: {}\r\n", a.body.len()));
                    }
                    out.push_str("\r\n");
                    let _ = socket.write_all(out.as_bytes()).await;
                    match a.pace {
                        None => {
                            let _ = socket.write_all(&a.body).await;
                        }
                        Some(pace) => {
                            for b in &a.body {
                                tokio::time::sleep(pace).await;
                                if socket.write_all(&[*b]).await.is_err() {
                                    return;
                                }
                            }
                        }
                    }
                    let _ = socket.shutdown().await;
                });
            }
        });
        Self { url, requests }
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// A fetcher for `host` routed to `server`, unpaced.
pub fn fetcher(
    server: &TestServer,
    host: &str,
    auth: fn(crate::Secret) -> crate::freshworks::Auth,
) -> crate::freshworks::resilient::Fetcher {
    crate::freshworks::resilient::Fetcher::new(
        crate::freshworks::FreshworksClient::new(Some(&server.url)).unwrap(),
        host,
        auth(crate::Secret::new("k")),
        crate::freshworks::pacer::Pacer::new(std::time::Duration::from_secs(60), None),
    )
}
