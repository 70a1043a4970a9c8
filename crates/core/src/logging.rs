//! Logging through `tracing` to `<log dir>/integration-desk.log` (and stderr when asked), behind a
//! writer that scrubs the text of every live `Secret` — the redaction layer.

use crate::error::CoreResult;
use crate::paths::ensure_dir;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

pub const LOG_FILE: &str = "integration-desk.log";

/// Default filter unless `RUST_LOG` says otherwise.
const DEFAULT_FILTER: &str = "info";

/// Writes to `inner` with every live secret's text replaced by `<redacted>`.
/// `tracing_subscriber::fmt` formats a whole event before one `write_all`, so a secret is never
/// split across two calls.
pub struct ScrubbingWriter<W: Write>(pub W);

impl<W: Write> Write for ScrubbingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(crate::secret::scrub(&text).as_bytes())?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// A shared sink (the log file, or a buffer in tests) behind the scrubbing writer.
#[derive(Clone)]
pub struct ScrubbedSink<W>(Arc<Mutex<W>>);

impl<W: Write> ScrubbedSink<W> {
    pub fn new(inner: W) -> Self {
        Self(Arc::new(Mutex::new(inner)))
    }
}

pub struct SinkGuard<'a, W>(std::sync::MutexGuard<'a, W>);

impl<W: Write> Write for SinkGuard<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        ScrubbingWriter(&mut *self.0).write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl<'a, W: Write + 'a> MakeWriter<'a> for ScrubbedSink<W> {
    type Writer = SinkGuard<'a, W>;
    fn make_writer(&'a self) -> Self::Writer {
        SinkGuard(self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

fn stderr_sink() -> ScrubbedSink<io::Stderr> {
    ScrubbedSink::new(io::stderr())
}

/// Installs the global subscriber: the log file always, stderr when `to_stderr`.
/// Returns an error (never panics) when the log folder cannot be written.
pub fn init(log_dir: &Path, to_stderr: bool) -> CoreResult<()> {
    ensure_dir(log_dir)?;
    let path = log_dir.join(LOG_FILE);
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, crate::paths::PRIVATE_FILE_MODE);
    let file: File = options.open(&path).map_err(|e| {
        crate::CoreError::new(
            crate::ErrorCode::DataDirNotWritable,
            format!("cannot write the log file in {}: {e}", log_dir.display()),
        )
    })?;
    // A log written by an earlier version may still be readable by others.
    #[cfg(unix)]
    crate::paths::make_private(&path);
    let filter =
        || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let file_layer = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(ScrubbedSink::new(file))
        .with_filter(filter());
    let stderr_layer = to_stderr.then(|| {
        tracing_subscriber::fmt::layer()
            .with_writer(stderr_sink())
            .with_filter(filter())
    });
    // A second init (tests, a re-entered CLI) keeps the first subscriber.
    let _ = tracing_subscriber::registry()
        .with(file_layer)
        .with(stderr_layer)
        .try_init();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Secret;

    #[test]
    fn secrets_never_reach_the_log_in_any_form() {
        let sink = ScrubbedSink::new(Vec::<u8>::new());
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(sink.clone())
            .finish();
        let key = Secret::new("fd_live_7dK2mQx9Lr4Tz8Wb");
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(api_key = ?key, "debug form");
            tracing::info!(api_key = %key, "display form");
            // A mistake the scrubber must still catch: the raw text logged on purpose.
            tracing::warn!("raw form {}", key.expose());
            tracing::info!(
                header = format!("Basic {}:X", key.expose()),
                "inside another value"
            );
        });
        let out = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert_eq!(out.lines().count(), 4, "{out}");
        assert!(!out.contains("fd_live_7dK2mQx9Lr4Tz8Wb"), "{out}");
        assert_eq!(out.matches(crate::secret::REDACTED).count(), 4, "{out}");
    }
}
