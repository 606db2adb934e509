//! Classification and ranking metrics, as CheckThat! reports them: F1, precision and recall of the
//! positive class at a threshold, average precision (AP) of a ranking, and MAP over groups.

/// Precision, recall and F1 of the positive class for `scores >= threshold`.
pub fn prf(scores: &[f64], gold: &[bool], threshold: f64) -> (f64, f64, f64) {
    let mut tp = 0.0;
    let mut fp = 0.0;
    let mut fneg = 0.0;
    for (s, g) in scores.iter().zip(gold) {
        match (*s >= threshold, *g) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fneg += 1.0,
            _ => {}
        }
    }
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fneg > 0.0 {
        tp / (tp + fneg)
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Average precision of the ranking by descending score (ties broken by input order). 0 when
/// there is no positive.
pub fn average_precision(scores: &[f64], gold: &[bool]) -> f64 {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let positives = gold.iter().filter(|g| **g).count();
    if positives == 0 {
        return 0.0;
    }
    let mut hits = 0.0;
    let mut sum = 0.0;
    for (rank, &i) in idx.iter().enumerate() {
        if gold[i] {
            hits += 1.0;
            sum += hits / (rank as f64 + 1.0);
        }
    }
    sum / positives as f64
}

/// A deterministic pseudo-random stream (SplitMix64) for shuffles and the random baseline.
pub struct SplitMix(pub u64);

impl SplitMix {
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }

    /// A float in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_on_a_small_case() {
        let scores = [0.9, 0.8, 0.4, 0.3];
        let gold = [true, false, true, false];
        let (p, r, f) = prf(&scores, &gold, 0.5);
        assert_eq!((p, r), (0.5, 0.5));
        assert!((f - 0.5).abs() < 1e-12);
        // ranks 1 and 3 are positive: (1/1 + 2/3) / 2
        assert!((average_precision(&scores, &gold) - (1.0 + 2.0 / 3.0) / 2.0).abs() < 1e-12);
        assert_eq!(average_precision(&scores, &[false; 4]), 0.0);
    }

    #[test]
    fn shuffle_is_deterministic() {
        let mut a: Vec<u32> = (0..10).collect();
        let mut b = a.clone();
        SplitMix(7).shuffle(&mut a);
        SplitMix(7).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..10).collect::<Vec<_>>());
    }
}
