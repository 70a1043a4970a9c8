//! The queue report built straight from the per-block counts (`import_queue_days`) in one pass
//! over the (queue, day) rows. Which interval each 15-minute block lies in, and that interval's
//! local start, are worked out once per report, so a non-empty block costs an index and an add:
//! no per-cell map, no second pass over intermediate cells (issue 17).

use super::cache::{self, queue_days};
use chrono::{DateTime, FixedOffset, Utc};
use idesk_rules::{
    Coverage, IntervalCount, IntervalGrid, QueueReport, QueueSeries, QueueTable, ReportRange,
    BLOCK_SECONDS,
};

const DAY_SECONDS: i64 = 86_400;

/// The intervals from `start` to `to` and the one each block in between lies in.
struct BlockIntervals {
    start: i64,
    local_starts: Vec<DateTime<FixedOffset>>,
    of_block: Vec<u32>,
}

impl BlockIntervals {
    /// `None` where a block would straddle two intervals (offsets that are not a multiple of 15
    /// minutes, found only in history).
    fn new(grid: &IntervalGrid, start: i64, to: i64) -> Option<Self> {
        let mut local_starts = Vec::new();
        let mut of_block = Vec::new();
        for interval in grid.intervals(cache::utc(start), cache::utc(to)) {
            let (a, b) = (interval.start.timestamp(), interval.end.timestamp());
            if a.rem_euclid(BLOCK_SECONDS) != 0 || (b < to && b.rem_euclid(BLOCK_SECONDS) != 0) {
                return None;
            }
            let index = u32::try_from(local_starts.len()).ok()?;
            local_starts.push(grid.local(interval.start));
            let blocks = (b.min(to) - a + BLOCK_SECONDS - 1) / BLOCK_SECONDS;
            of_block.extend(std::iter::repeat_n(index, blocks as usize));
        }
        Some(Self {
            start,
            local_starts,
            of_block,
        })
    }

    /// The interval of the block holding `at` (`start <= at < to`).
    fn of(&self, at: i64) -> u32 {
        self.of_block[((at - self.start) / BLOCK_SECONDS) as usize]
    }
}

/// Each queue's non-empty intervals, in time order, indexed by queue id; for the queues whose
/// intervals nobody asked for, only their number of contacts.
#[derive(Default)]
struct Series {
    intervals: Vec<Vec<IntervalCount>>,
    /// The interval of each queue's last entry.
    last: Vec<u32>,
    /// Contacts counted without their intervals.
    uncharted: Vec<u64>,
}

impl Series {
    /// Adds `n` contacts to `interval` of `queue`; blocks of a queue come in time order.
    fn add(&mut self, blocks: &BlockIntervals, queue: usize, interval: u32, n: u64) {
        if self.intervals.len() <= queue {
            self.intervals.resize_with(queue + 1, Vec::new);
            self.last.resize(queue + 1, u32::MAX);
        }
        let series = &mut self.intervals[queue];
        match series.last_mut() {
            Some(last) if self.last[queue] == interval => last.count += n,
            _ => {
                series.push(IntervalCount {
                    start: blocks.local_starts[interval as usize],
                    count: n,
                });
                self.last[queue] = interval;
            }
        }
    }

    /// Counts `n` contacts of `queue` without their intervals.
    fn count(&mut self, queue: usize, n: u64) {
        if self.uncharted.len() <= queue {
            self.uncharted.resize(queue + 1, 0);
        }
        self.uncharted[queue] += n;
    }
}

/// Whether the intervals of `queue` are wanted: every queue's when `selected` is `None`.
fn charted(selected: Option<&[String]>, queue: &str) -> bool {
    selected.is_none_or(|names| names.iter().any(|name| name == queue))
}

/// The report of `[from, to)` from the per-block counts plus the contacts after the last whole
/// block; `None` when blocks straddle intervals (then contacts must be counted one by one).
/// Every queue of `table` is listed; queues found in the rows are added to it. Only the queues in
/// `selected` (all when `None`) get their intervals, the others their totals: a year of 15-minute
/// intervals of hundreds of queues is millions of entries, which the preview never shows.
#[allow(clippy::too_many_arguments)]
pub(super) fn report(
    conn: &rusqlite::Connection,
    integration_id: &str,
    grid: &IntervalGrid,
    table: &mut QueueTable,
    coverage: &Coverage,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    selected: Option<&[String]>,
) -> rusqlite::Result<Option<QueueReport>> {
    let first = grid.interval_of(from).start;
    let (start, to_secs) = (first.timestamp(), to.timestamp());
    let end_block = to_secs - to_secs.rem_euclid(BLOCK_SECONDS);
    let Some(blocks) = BlockIntervals::new(grid, start, to_secs) else {
        return Ok(None);
    };
    let mut series = Series::default();
    // Rows come by day, so each queue's blocks arrive in time order.
    if end_block > start {
        queue_days::for_each_day(
            conn,
            integration_id,
            start.div_euclid(DAY_SECONDS),
            (end_block - 1).div_euclid(DAY_SECONDS),
            |row| {
                let queue = table.intern(row.queue, row.kind).index();
                let day_start = row.day * DAY_SECONDS;
                let in_range = queue_days::pairs(row.counts)
                    .map(|(block, n)| (day_start + block as i64 * BLOCK_SECONDS, u64::from(n)))
                    .filter(|&(at, _)| at >= start && at < end_block);
                if charted(selected, row.queue) {
                    for (at, n) in in_range {
                        series.add(&blocks, queue, blocks.of(at), n);
                    }
                } else {
                    series.count(queue, in_range.map(|(_, n)| n).sum());
                }
            },
        )?;
    }
    // The rest lies inside one block, after every whole one.
    for c in cache::contacts_between(conn, integration_id, end_block.max(start), to_secs)? {
        let queue = table.intern(&c.queue, c.kind).index();
        match charted(selected, &c.queue) {
            true => series.add(&blocks, queue, blocks.of(c.at), 1),
            false => series.count(queue, 1),
        }
    }

    let mut intervals = series.intervals.into_iter();
    let mut uncharted = series.uncharted.into_iter();
    let mut queues: Vec<QueueSeries> = table
        .iter()
        .map(|(_, queue)| {
            let intervals = intervals.next().unwrap_or_default();
            QueueSeries {
                name: queue.name.clone(),
                total: intervals.iter().map(|i| i.count).sum::<u64>()
                    + uncharted.next().unwrap_or(0),
                intervals,
            }
        })
        .collect();
    queues.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Some(QueueReport {
        interval_minutes: grid.length().minutes(),
        time_zone: grid.zone().name().to_owned(),
        from: grid.local(first),
        to: grid.local(to),
        coverage: coverage
            .clipped(first, to)
            .into_iter()
            .map(|r| ReportRange {
                from: grid.local(r.from),
                to: grid.local(r.to),
            })
            .collect(),
        queues,
    }))
}
