//! One small stable merge sort for the reader, instead of `core`'s sort
//! instantiations (driftsort and quicksort, stable and unstable, once per element
//! type and comparison): their code is most of what sorting costs the
//! playground's WebAssembly. The merge sort itself is not generic: it orders
//! indices through a `dyn` comparison; only the small permutation step is.

use std::cmp::Ordering;

/// The stable order of `n` items under `cmp` (indices into the items): a bottom-up
/// merge sort, O(n log n) comparisons.
fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b: Vec<usize> = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut b[start..end] {
                // Take from the right run only when strictly less: stable.
                if j < end && (i >= mid || cmp(a[j], a[i]) == Ordering::Less) {
                    *slot = a[j];
                    j += 1;
                } else {
                    *slot = a[i];
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Sorts `v` stably by `cmp`, as `slice::sort_by`.
pub(crate) fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let perm = order(v.len(), &mut |i, j| cmp(&v[i], &v[j]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(perm.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts a slice of copyable items stably by `cmp`, as `slice::sort_by`.
pub(crate) fn sort_slice_by<T: Copy>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let perm = order(v.len(), &mut |i, j| cmp(&v[i], &v[j]));
    let old = v.to_vec();
    for (dst, i) in v.iter_mut().zip(perm) {
        *dst = old[i];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn edge_cases() {
        let mut v: Vec<u8> = vec![];
        sort_by(&mut v, Ord::cmp);
        assert!(v.is_empty());
        let mut v = vec![1];
        sort_by(&mut v, Ord::cmp);
        assert_eq!(v, [1]);
        let mut v = vec![3, 2, 1, 2, 3];
        sort_slice_by(&mut v, Ord::cmp);
        assert_eq!(v, [1, 2, 2, 3, 3]);
        let mut v: Vec<String> = ["b", "a", "c", "a"].map(String::from).to_vec();
        sort_by(&mut v, Ord::cmp);
        assert_eq!(v, ["a", "a", "b", "c"]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Same result as std's stable sort, equal keys keeping their order.
        #[test]
        fn as_std_stable(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut want = items.clone();
            want.sort_by_key(|a| a.0);
            let mut got = items.clone();
            sort_by(&mut got, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(&got, &want);
            let mut got = items;
            sort_slice_by(&mut got, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(&got, &want);
        }
    }
}
