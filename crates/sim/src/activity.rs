//! Live activity: while running, each Enterprise account keeps receiving new tickets,
//! customer and agent replies, resolutions (Freshdesk) and resolved chats (Freshchat), so
//! previews and diagnostics can be seen moving. Events come every 10 simulated seconds
//! (10/N real seconds with time scale N) and carry wall-clock timestamps. Which events
//! happen in tick k is a function of (seed, account, k).

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;

use crate::accounts::Account;
use crate::model::Plan;
use crate::rng::{stream, Rng};
use crate::server::App;
use crate::ticket::TicketState;

/// One step of activity, in simulated time.
pub const TICK: Duration = Duration::from_secs(10);
/// Replies and resolutions land on the most recent tickets.
const RECENT: u64 = 300;

pub fn spawn(app: Arc<App>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(app.scaled(TICK));
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        interval.tick().await;
        let mut tick = 0u64;
        loop {
            interval.tick().await;
            tick += 1;
            let now = Utc::now().timestamp();
            for a in app
                .accounts
                .iter()
                .filter(|a| a.spec.plan == Plan::Enterprise && !a.is_suspended())
            {
                step(app.seed, a, tick, now);
            }
        }
    })
}

/// Applies tick `tick`'s events to one account at wall-clock second `now`.
pub fn step(seed: u64, a: &Account, tick: u64, now: i64) {
    let mut r = Rng::new(seed, &[stream::ACTIVITY, a.salt, tick]);
    if let Some(store) = a.tickets() {
        if r.chance(0.4) {
            store.create(|index| store.gen.live_ticket(index, now, &mut r));
        }
        for (action, p) in [0.3, 0.3, 0.15].into_iter().enumerate() {
            if !r.chance(p) {
                continue;
            }
            let n = store.len() as u64;
            let i = n - 1 - r.below(n.min(RECENT));
            // Read, change and store under one lock: a control-API change is never lost.
            let _ = store.update(i, |t| {
                if t.state() != TicketState::Live {
                    return Err(());
                }
                // Never in the ticket's creation second, never before its last change.
                let at = now.max(t.updated_at + 1);
                match action {
                    0 => t.customer_reply(at, &mut r),
                    1 => t.answer(at, store.gen.draw_agent(&mut r)),
                    _ if !t.status.is_done() => t.resolve(at),
                    _ => return Err(()),
                }
                Ok(())
            });
        }
    }
    if let Some(chats) = a.chats() {
        if r.chance(0.5) {
            let created = now - r.exp(20.0 * 60.0, 60);
            chats.add_live_chat(created, now * 1000 + r.below(1000) as i64, &mut r);
        }
    }
}
