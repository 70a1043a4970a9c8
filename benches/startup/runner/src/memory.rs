//! Proportional set size (PSS): each shared page counted once across the processes that map it,
//! so the app's and its WebKit processes' figures add up without double counting.

use crate::process;

/// One process's PSS in kB.
pub struct ProcessPss {
    pub name: String,
    pub kb: u64,
}

/// The PSS of `root` and of every process below it.
pub fn tree_pss(root: u32) -> Vec<ProcessPss> {
    std::iter::once(root)
        .chain(process::descendants(root))
        .filter_map(|pid| {
            Some(ProcessPss {
                name: process::name(pid),
                kb: pss_kb(pid)?,
            })
        })
        .collect()
}

fn pss_kb(pid: u32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    rollup
        .lines()
        .find_map(|line| line.strip_prefix("Pss:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}
