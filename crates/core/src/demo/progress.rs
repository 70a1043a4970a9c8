//! What preparing the demo reports while it runs: the step it is at and how far along it is.

use crate::integrations::Product;
use serde::Serialize;
use std::sync::atomic::{AtomicU32, Ordering};
use ts_rs::TS;

/// A step of preparing the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DemoStep {
    /// The in-process simulator starts and the demo's previous data is removed.
    Simulator,
    /// An integration is set up (its checks run, its key goes to the keychain).
    SetUp,
    /// An integration's history is being imported.
    Import,
    /// An integration's history is imported.
    Imported,
    /// Both integrations are set up and imported.
    Ready,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DemoProgress {
    pub step: DemoStep,
    /// The integration the step is about, if any.
    pub product: Option<Product>,
    /// Steps finished out of `total`.
    pub done: u32,
    pub total: u32,
}

/// Counts finished steps: start the simulator, set up two integrations, import two.
pub struct DemoTracker<'a> {
    done: AtomicU32,
    sink: &'a (dyn Fn(DemoProgress) + Send + Sync),
}

/// Steps of preparing the demo.
pub const DEMO_STEPS: u32 = 5;

impl<'a> DemoTracker<'a> {
    pub fn new(sink: &'a (dyn Fn(DemoProgress) + Send + Sync)) -> Self {
        DemoTracker {
            done: AtomicU32::new(0),
            sink,
        }
    }

    /// Reports that `step` begins (nothing finished since the last report).
    pub fn begin(&self, step: DemoStep, product: Option<Product>) {
        self.report(step, product, self.done.load(Ordering::SeqCst));
    }

    /// Reports that `step` is finished.
    pub fn finish(&self, step: DemoStep, product: Option<Product>) {
        let done = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        self.report(step, product, done);
    }

    fn report(&self, step: DemoStep, product: Option<Product>, done: u32) {
        (self.sink)(DemoProgress {
            step,
            product,
            done: done.min(DEMO_STEPS),
            total: DEMO_STEPS,
        });
    }
}
