//! MinHash band keys of a claim's distinct matching terms: the compact signature the store
//! indexes so that a new claim finds the desk's claims that share most of its words without
//! searching the whole desk (locality-sensitive hashing, Broder 1997; Leskovec, Rajaraman &
//! Ullman, *Mining of Massive Datasets*, ch. 3).
//!
//! The signature has [`BANDS`] × [`ROWS`] minimum hashes of the claim's distinct terms; each band
//! of [`ROWS`] minima hashes to one key. Two claims whose term sets have Jaccard similarity `J`
//! share at least one key with probability `1 − (1 − J^ROWS)^BANDS`: with 3 × 8 that is 0.66 at
//! `J = 0.5`, 0.97 at 0.7 and 0.999 at 0.8 — wire copy (J near 1) always meets; paraphrases that
//! keep half their words usually do.
//!
//! The hashes are fixed (FNV-1a 64 of the term's UTF-8 bytes, then SplitMix64 finalisers with
//! per-row seeds): keys are stored, so changing any constant here needs the index rebuilt
//! (`SCHEME` names the scheme; the store records it).

/// Bands of the signature (keys per claim).
pub const BANDS: usize = 8;
/// Minimum hashes per band.
pub const ROWS: usize = 3;
/// The name of this scheme, recorded with the stored keys.
pub const SCHEME: &str = "minhash-terms-fnv1a-splitmix-8x3";

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// SplitMix64's finaliser (Steele, Lea & Flood 2014): a bijective mix of 64 bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The [`BANDS`] band keys of a claim with these matching terms (repeats and order do not
/// matter), as signed 64-bit integers (the stores' integer type). No term, no key.
pub fn band_keys<S: AsRef<str>>(terms: &[S]) -> Vec<i64> {
    if terms.is_empty() {
        return Vec::new();
    }
    let hashes: Vec<u64> = terms.iter().map(|t| fnv1a(t.as_ref().as_bytes())).collect();
    (0..BANDS)
        .map(|band| {
            let mut key = mix(band as u64 + 1);
            for row in 0..ROWS {
                let seed =
                    mix(((band * ROWS + row) as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
                let min = hashes.iter().map(|h| mix(h ^ seed)).min().unwrap_or(0);
                key = mix(key ^ min);
            }
            key as i64
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::terms;
    use proptest::prelude::*;

    #[test]
    fn wire_copy_shares_every_key_and_unrelated_claims_none() {
        let a = terms("قال مسؤولون إن 120 شخصا لقوا حتفهم في حريق مستشفى ابن الخطيب في بغداد");
        let b = terms("قال مسؤولون إن 120 شخصاً لقوا حتفهم في حريق مستشفى ابن الخطيب في بغداد.");
        let c = terms("ارتفعت أسعار الذهب في الأسواق العالمية مع تراجع الدولار");
        assert_eq!(band_keys(&a).len(), BANDS);
        assert_eq!(band_keys(&a), band_keys(&b));
        let kc = band_keys(&c);
        assert!(band_keys(&a).iter().all(|k| !kc.contains(k)));
        assert!(band_keys::<String>(&[]).is_empty());
    }

    #[test]
    fn keys_are_fixed_across_versions() {
        // Stored keys must not move: a change here needs the index rebuilt (see SCHEME).
        assert_eq!(band_keys(&["حريق", "بغداد"])[..2], [PINNED_0, PINNED_1]);
    }

    const PINNED_0: i64 = 9_074_985_391_532_554_446;
    const PINNED_1: i64 = -8_265_898_500_397_987_379;

    proptest! {
        #[test]
        fn keys_depend_on_the_term_set_only(words in proptest::collection::vec("[a-z]{1,6}", 1..12)) {
            let mut shuffled = words.clone();
            shuffled.reverse();
            shuffled.extend(words.iter().take(2).cloned());
            prop_assert_eq!(band_keys(&words), band_keys(&shuffled));
        }
    }
}
