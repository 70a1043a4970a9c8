//! Stateless seeded randomness: every value is a pure function of (seed, labels), so any ticket
//! can be rebuilt on demand without generating the ones before it.

/// SplitMix64 finalizer: a cheap, well-mixed 64-bit bijection.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hash of a seed and a list of labels (stream ids, indexes).
pub fn hash(seed: u64, parts: &[u64]) -> u64 {
    parts.iter().fold(mix(seed), |acc, p| mix(acc ^ mix(*p)))
}

/// A small sequential generator for one entity (one ticket, one chat).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64, parts: &[u64]) -> Self {
        Rng(hash(seed, parts))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// Exponential with the given mean, at least `min`.
    pub fn exp(&mut self, mean: f64, min: i64) -> i64 {
        let u = self.unit().max(1e-12);
        ((-u.ln() * mean) as i64).max(min)
    }

    /// Index into `weights` drawn proportionally to them.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| *w as u64).sum();
        let mut x = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if x < *w as u64 {
                return i;
            }
            x -= *w as u64;
        }
        weights.len() - 1
    }
}

/// Labels for the independent random streams.
pub mod stream {
    pub const KEY: u64 = 1;
    pub const TICKET: u64 = 2;
    pub const CHAT: u64 = 3;
    pub const ID: u64 = 4;
    pub const ACTIVITY: u64 = 6;
    /// Tickets created through the control API.
    pub const CONTROL: u64 = 7;
}
