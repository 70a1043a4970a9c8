//! The benchmark's figures: latency percentiles and the machine's load.

/// The target of issue 17: p95 of a simple IPC command while all twenty sync.
pub const TARGET_P95_MS: f64 = 50.0;

/// Count, p50, p95, p99 and max of a set of latencies (ms), nearest rank.
pub struct Latency {
    pub count: usize,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

impl Latency {
    pub fn of(mut ms: Vec<f64>) -> Option<Latency> {
        if ms.is_empty() {
            return None;
        }
        ms.sort_by(f64::total_cmp);
        let rank = |p: f64| ms[((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
        Some(Latency {
            count: ms.len(),
            p50: rank(0.50),
            p95: rank(0.95),
            p99: rank(0.99),
            max: ms[ms.len() - 1],
        })
    }

    /// One line: `n=… p50 … p95 … p99 … max …`, and whether the p95 meets the target.
    pub fn line(&self) -> String {
        let verdict = match self.p95 <= TARGET_P95_MS {
            true => "met",
            false => "MISSED",
        };
        format!(
            "n={:>5}  p50 {:>7.1} ms  p95 {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms  (p95 <= {TARGET_P95_MS} ms: {verdict})",
            self.count, self.p50, self.p95, self.p99, self.max
        )
    }
}

/// The 1, 5 and 15-minute load averages (`/proc/loadavg`), as the file says them.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|e| format!("unknown ({e})"))
}
