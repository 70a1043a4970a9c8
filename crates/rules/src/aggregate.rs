//! Counting contacts per queue × interval. Memory grows with the number of non-empty cells, not
//! with contacts: feed contacts from an iterator and nothing of them is kept.

use crate::contact::Contact;
use crate::fxhash::FxHashMap;
use crate::intervals::{utc, IntervalGrid};
use crate::queues::QueueId;
use chrono::{DateTime, Utc};

/// Width of the UTC blocks whose interval is memoised. Every zone in use today has an offset
/// that is a multiple of 15 minutes and changes it on a quarter-hour, so a 15-minute UTC block
/// lies inside one interval and the time-zone lookup runs once per block instead of per contact.
/// Blocks that straddle two intervals (historical offsets) fall back to the exact computation.
pub const BLOCK_SECONDS: i64 = 15 * 60;

/// Marks a block that straddles two intervals.
const MIXED_BLOCK: i64 = i64::MIN;

/// A cell key packs the queue id (high 24 bits) and the interval start in seconds, offset by
/// [`START_BIAS`] (low 40 bits: about ±17,000 years around 1970), into one `u64`, so a cell
/// takes 16 bytes instead of 24. Keys that do not fit go to the (normally empty) wide map; a
/// given (queue, start) always goes to the same map.
const START_BITS: u32 = 40;
const START_BIAS: i64 = 1 << (START_BITS - 1);
const QUEUE_LIMIT: u32 = 1 << (64 - START_BITS);

fn pack(queue: QueueId, start: i64) -> Option<u64> {
    let biased = start.checked_add(START_BIAS)?;
    (queue.0 < QUEUE_LIMIT && (0..1 << START_BITS).contains(&biased))
        .then(|| (u64::from(queue.0) << START_BITS) | biased as u64)
}

fn unpack(key: u64) -> (QueueId, i64) {
    let queue = QueueId((key >> START_BITS) as u32);
    let start = (key & ((1 << START_BITS) - 1)) as i64 - START_BIAS;
    (queue, start)
}

/// Counts per queue and interval.
#[derive(Debug, Clone)]
pub struct Aggregator {
    grid: IntervalGrid,
    /// Packed (queue, interval start in UTC seconds) → count.
    cells: FxHashMap<u64, u64>,
    /// Cells whose key does not pack (queue ids >= 2^24, dates beyond ±17,000 years).
    wide_cells: FxHashMap<(QueueId, i64), u64>,
    /// UTC block → interval start, or [`MIXED_BLOCK`].
    blocks: FxHashMap<i64, i64>,
    contacts: u64,
}

impl Aggregator {
    /// An empty aggregation on a grid.
    pub fn new(grid: IntervalGrid) -> Self {
        Self {
            grid,
            cells: FxHashMap::default(),
            wide_cells: FxHashMap::default(),
            blocks: FxHashMap::default(),
            contacts: 0,
        }
    }

    /// The grid.
    pub fn grid(&self) -> &IntervalGrid {
        &self.grid
    }

    fn interval_start(&mut self, t: i64) -> i64 {
        let block = t.div_euclid(BLOCK_SECONDS);
        let grid = &self.grid;
        let start = *self.blocks.entry(block).or_insert_with(|| {
            let first = block * BLOCK_SECONDS;
            let start = grid.start_seconds(first);
            if grid.start_seconds(first + BLOCK_SECONDS - 1) == start {
                start
            } else {
                MIXED_BLOCK
            }
        });
        if start == MIXED_BLOCK {
            self.grid.start_seconds(t)
        } else {
            start
        }
    }

    /// Counts one contact of `queue` at `at`.
    pub fn add(&mut self, queue: QueueId, at: DateTime<Utc>) {
        let start = self.interval_start(at.timestamp());
        self.contacts += 1;
        match pack(queue, start) {
            Some(key) => *self.cells.entry(key).or_insert(0) += 1,
            None => *self.wide_cells.entry((queue, start)).or_insert(0) += 1,
        }
    }

    /// Counts one contact.
    pub fn add_contact(&mut self, contact: &Contact) {
        self.add(contact.queue, contact.at);
    }

    /// The count of a queue in the interval starting at `start`.
    pub fn count(&self, queue: QueueId, start: DateTime<Utc>) -> u64 {
        let start = start.timestamp();
        match pack(queue, start) {
            Some(key) => self.cells.get(&key),
            None => self.wide_cells.get(&(queue, start)),
        }
        .copied()
        .unwrap_or(0)
    }

    /// Contacts counted.
    pub fn contacts(&self) -> u64 {
        self.contacts
    }

    /// Non-empty cells (queue × interval).
    pub fn cell_count(&self) -> usize {
        self.cells.len() + self.wide_cells.len()
    }

    /// Every non-empty cell as (queue, start seconds, count), unordered.
    fn iter_cells(&self) -> impl Iterator<Item = (QueueId, i64, u64)> + '_ {
        let packed = self.cells.iter().map(|(&key, &n)| {
            let (queue, start) = unpack(key);
            (queue, start, n)
        });
        packed.chain(self.wide_cells.iter().map(|(&(q, s), &n)| (q, s, n)))
    }

    /// Every non-empty cell as (queue, interval start, count), sorted by queue then time.
    pub fn cells(&self) -> Vec<(QueueId, DateTime<Utc>, u64)> {
        let mut cells: Vec<_> = self.iter_cells().map(|(q, s, n)| (q, utc(s), n)).collect();
        cells.sort_unstable();
        cells
    }

    /// Total of a queue over all intervals.
    pub fn queue_total(&self, queue: QueueId) -> u64 {
        self.iter_cells()
            .filter(|(q, _, _)| *q == queue)
            .map(|(_, _, n)| n)
            .sum()
    }
}

impl Extend<Contact> for Aggregator {
    fn extend<I: IntoIterator<Item = Contact>>(&mut self, contacts: I) {
        for contact in contacts {
            self.add_contact(&contact);
        }
    }
}

impl<'a> Extend<&'a Contact> for Aggregator {
    fn extend<I: IntoIterator<Item = &'a Contact>>(&mut self, contacts: I) {
        for contact in contacts {
            self.add_contact(contact);
        }
    }
}
