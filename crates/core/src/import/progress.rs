//! Progress of a run: phase, items done / estimated total and an ETA from the rate budget.

use std::fmt;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Groups, ticket fields, account.
    Catalog,
    /// Freshdesk ticket list, one pass (`default`, `spam`, `deleted`).
    Tickets(&'static str),
    /// Freshdesk conversations of updated tickets.
    Conversations,
    /// Freshchat report days.
    Chats,
    Done,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Phase::Catalog => f.write_str("catalog"),
            Phase::Tickets(pass) => write!(f, "tickets ({pass})"),
            Phase::Conversations => f.write_str("conversations"),
            Phase::Chats => f.write_str("chat reports"),
            Phase::Done => f.write_str("done"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    /// Items of this phase done (pages, tickets, days).
    pub done: u64,
    /// Estimated items of this phase, when known.
    pub total: Option<u64>,
    /// Estimated time left in this phase.
    pub eta: Option<Duration>,
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.phase, self.done)?;
        if let Some(total) = self.total {
            write!(f, "/{total}")?;
            if let Some(percent) = (self.done.min(total) * 100).checked_div(total) {
                write!(f, " ({percent}%)")?;
            }
        }
        if let Some(eta) = self.eta {
            let s = eta.as_secs();
            write!(f, ", ETA {}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)?;
        }
        Ok(())
    }
}

/// Time left for `remaining` items: the observed pace so far, never faster than the budget allows
/// (`budget_bound` is the budget-bound time for one item).
pub fn eta(
    elapsed: Duration,
    done: u64,
    remaining: u64,
    budget_bound: Option<Duration>,
) -> Option<Duration> {
    let observed = (done > 0).then(|| elapsed.mul_f64(remaining as f64 / done as f64));
    let bound = budget_bound.map(|per| per.mul_f64(remaining as f64));
    match (observed, bound) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_phase_counts_and_eta() {
        let p = Progress {
            phase: Phase::Conversations,
            done: 50,
            total: Some(200),
            eta: Some(Duration::from_secs(75)),
        };
        assert_eq!(p.to_string(), "conversations: 50/200 (25%), ETA 0:01:15");
    }

    #[test]
    fn eta_is_never_below_the_budget_bound() {
        let e = eta(
            Duration::from_secs(1),
            100,
            100,
            Some(Duration::from_millis(100)),
        );
        assert_eq!(e, Some(Duration::from_secs(10)));
    }
}
