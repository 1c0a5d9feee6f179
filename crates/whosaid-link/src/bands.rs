//! Candidate keys: MinHash over shingles of the anchor sequence (names and
//! numbers in text order), cut into LSH bands. Two articles share a band key
//! with a probability that rises steeply with the Jaccard similarity of their
//! shingle sets, so a store finds an article's likely copies with one indexed
//! lookup of its band keys instead of comparing it with everything.
//!
//! Why anchors: a machine rewrite swaps most common words for synonyms, which
//! breaks word shingles, but leaves names (at most garbled, which the
//! consonant skeleton absorbs) and numbers in place and in order.
//!
//! `ROWS` = 2, `BANDS` = 32: a pair at Jaccard 0.2 shares a band with
//! probability 1 − (1 − 0.2²)³² ≈ 0.73, at 0.3 ≈ 0.95, at 0.05 ≈ 0.08 (an
//! edited copy that kept a third of its origin is still found; independent
//! coverage of one story rarely is, and verification rejects it when it is).

use crate::profile::Profile;

/// Anchors per shingle.
pub const SHINGLE: usize = 3;
/// MinHash values per band.
pub const ROWS: usize = 2;
/// Bands (keys stored per article).
pub const BANDS: usize = 32;
/// Articles with fewer shingles are too short to call copies.
pub const MIN_SHINGLES: usize = 4;

fn mix(mut x: u64) -> u64 {
    // splitmix64's finaliser: a fixed, well-spread permutation of u64
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The anchor shingles of a profile, hashed, deduplicated.
pub fn shingles(p: &Profile) -> Vec<u64> {
    let a = &p.anchors;
    if a.len() < SHINGLE {
        return Vec::new();
    }
    let mut out: Vec<u64> = a
        .windows(SHINGLE)
        .map(|w| {
            w.iter()
                .fold(0x1234_5678_9abc_def0u64, |h, &x| mix(h ^ u64::from(x)))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The band keys of a profile (empty when it is too short to judge). Each key
/// carries its band number, so equal minima in different bands never collide.
pub fn band_keys(p: &Profile) -> Vec<i64> {
    let sh = shingles(p);
    if sh.len() < MIN_SHINGLES {
        return Vec::new();
    }
    let mut mins = [u64::MAX; BANDS * ROWS];
    for &s in &sh {
        for (i, m) in mins.iter_mut().enumerate() {
            let h = mix(s ^ mix(i as u64 + 1));
            if h < *m {
                *m = h;
            }
        }
    }
    (0..BANDS)
        .map(|b| {
            let mut h = mix(0xba4d ^ b as u64);
            for r in 0..ROWS {
                h = mix(h ^ mins[b * ROWS + r]);
            }
            h as i64
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(anchors: &[u32]) -> Profile {
        Profile {
            anchors: anchors.to_vec(),
            ..Profile::default()
        }
    }

    #[test]
    fn equal_anchor_sequences_give_equal_keys() {
        let a: Vec<u32> = (0..40).collect();
        assert_eq!(band_keys(&profile(&a)), band_keys(&profile(&a)));
        assert_eq!(band_keys(&profile(&a)).len(), BANDS);
    }

    #[test]
    fn a_cut_copy_shares_keys_and_an_unrelated_one_does_not() {
        let a: Vec<u32> = (0..60).collect();
        let cut: Vec<u32> = (0..35).collect();
        let other: Vec<u32> = (1000..1060).collect();
        let ka = band_keys(&profile(&a));
        let shared = |k: &[i64]| k.iter().filter(|x| ka.contains(x)).count();
        assert!(shared(&band_keys(&profile(&cut))) >= 3);
        assert_eq!(shared(&band_keys(&profile(&other))), 0);
    }

    #[test]
    fn too_short_to_judge() {
        assert!(band_keys(&profile(&[1, 2, 3, 4])).is_empty());
    }
}
