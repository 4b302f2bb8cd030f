//! The shortest decimal digits of a float, for the reader's Go number forms
//! (`strconv.FormatFloat(f, 'g', -1, 32 or 64)`, `encoding/json`'s floats).
//!
//! Before this, the digits came from `format!("{:e}", …)`, which links all of
//! `core`'s float formatting into the WebAssembly (Grisu and Dragon, shortest and
//! exact, for `f32` and `f64`: about 15 KB). This is the same result from one small
//! routine: the Dragon4-style shortest-digits algorithm (Steele & White, Burger &
//! Dybvig) on a plain big integer, with `core::num::flt2dec`'s conventions kept
//! exactly so no output changes: the same neighbour intervals (inclusive when the
//! mantissa is even; a power-of-two mantissa has a lower gap half the upper one),
//! the closest digits, a remainder of exactly one half rounding up. The tests
//! compare it with `{:e}` over many values of both widths.

use std::cmp::Ordering;

/// A non-negative big integer, 32-bit limbs, least significant first.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(v: u64) -> Big {
        Big(vec![v as u32, (v >> 32) as u32])
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let x = u64::from(*limb) * u64::from(m) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow2(&mut self, n: u32) {
        let (words, bits) = ((n / 32) as usize, n % 32);
        if bits != 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let x = *limb;
                *limb = (x << bits) | carry;
                carry = x >> (32 - bits);
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, words));
    }

    fn mul_pow10(&mut self, n: u32) {
        for _ in 0..n {
            self.mul_small(10);
        }
    }

    fn add(&self, other: &Big) -> Big {
        let n = self.0.len().max(other.0.len());
        let mut out = Vec::with_capacity(n + 1);
        let mut carry = 0u64;
        for i in 0..n {
            let x = u64::from(*self.0.get(i).unwrap_or(&0))
                + u64::from(*other.0.get(i).unwrap_or(&0))
                + carry;
            out.push(x as u32);
            carry = x >> 32;
        }
        out.push(carry as u32);
        Big(out)
    }

    /// `self -= other`, for `other <= self`.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let x = i64::from(*limb) - i64::from(*other.0.get(i).unwrap_or(&0)) - borrow;
            *limb = x as u32;
            borrow = i64::from(x < 0);
        }
    }

    fn cmp(&self, other: &Big) -> Ordering {
        let n = self.0.len().max(other.0.len());
        for i in (0..n).rev() {
            let (a, b) = (
                *self.0.get(i).unwrap_or(&0),
                *other.0.get(i).unwrap_or(&0),
            );
            if a != b {
                return a.cmp(&b);
            }
        }
        Ordering::Equal
    }
}

/// The shortest digits of `mant × 2^exp` (a finite, positive float of a type with
/// `mant_bits` mantissa bits, `mant` and `exp` as `integer_decode` gives them) and
/// `k`, the value being 0.DIGITS × 10^k.
fn dragon_shortest(mant: u64, exp: i32, mant_bits: u32, subnormal: bool) -> (Vec<u8>, i32) {
    // flt2dec's decoder: the value is mant·2^exp, its neighbours (mant - minus)·2^exp
    // and (mant + plus)·2^exp, halfway points at the boundaries.
    let inclusive = mant & 1 == 0;
    let (mant, minus, plus, exp) = if subnormal {
        (mant, 1, 1, exp)
    } else if mant == 1 << mant_bits {
        (mant << 2, 1, 2, exp - 2)
    } else {
        (mant << 1, 1, 1, exp - 1)
    };
    let rounding = if inclusive {
        Ordering::Greater
    } else {
        Ordering::Equal
    };
    // An estimate of k, exact or one too small: 1292913986 = floor(2^32 · log10 2).
    let nbits = 64 - i64::from((mant + plus - 1).leading_zeros());
    let mut k = (((nbits + i64::from(exp)) * 1_292_913_986) >> 32) as i32;

    let mut r = Big::from_u64(mant);
    let mut m_minus = Big::from_u64(minus);
    let mut m_plus = Big::from_u64(plus);
    let mut scale = Big::from_u64(1);
    if exp < 0 {
        scale.mul_pow2(exp.unsigned_abs());
    } else {
        for b in [&mut r, &mut m_minus, &mut m_plus] {
            b.mul_pow2(exp as u32);
        }
    }
    if k >= 0 {
        scale.mul_pow10(k as u32);
    } else {
        for b in [&mut r, &mut m_minus, &mut m_plus] {
            b.mul_pow10(k.unsigned_abs());
        }
    }
    if scale.cmp(&r.add(&m_plus)) < rounding {
        k += 1;
    } else {
        for b in [&mut r, &mut m_minus, &mut m_plus] {
            b.mul_small(10);
        }
    }

    let mut digits = Vec::new();
    let (down, up) = loop {
        let mut d = 0u8;
        while r.cmp(&scale) != Ordering::Less {
            r.sub(&scale);
            d += 1;
        }
        digits.push(d);
        let down = r.cmp(&m_minus) < rounding;
        let up = scale.cmp(&r.add(&m_plus)) < rounding;
        if up || down {
            break (down, up);
        }
        for b in [&mut r, &mut m_minus, &mut m_plus] {
            b.mul_small(10);
        }
    };
    if up && (!down || {
        r.mul_pow2(1);
        r.cmp(&scale) != Ordering::Less
    }) {
        // Round the digits up; 99…9 becomes 100…0 one place higher.
        match digits.iter().rposition(|&d| d != 9) {
            Some(i) => {
                digits[i] += 1;
                digits.truncate(i + 1);
            }
            None => {
                digits.clear();
                digits.push(1);
                k += 1;
            }
        }
    }
    (digits, k)
}

/// The shortest decimal digits of `f` (finite, non-zero; its sign ignored) with no
/// trailing zeros, and the position of the decimal point (`dp`: the value is
/// 0.DIGITS × 10^dp), for `f64` or, with `f32_`, for the nearest `float32`.
pub(crate) fn shortest(f: f64, f32_: bool) -> (String, i32) {
    let (mant, exp, mant_bits, subnormal) = if f32_ {
        let bits = (f as f32).to_bits();
        let e = ((bits >> 23) & 0xff) as i32;
        let frac = u64::from(bits & 0x7f_ffff);
        if e == 0 {
            (frac << 1, -150, 23, true)
        } else {
            (frac | 1 << 23, e - 150, 23, false)
        }
    } else {
        let bits = f.to_bits();
        let e = ((bits >> 52) & 0x7ff) as i32;
        let frac = bits & 0xf_ffff_ffff_ffff;
        if e == 0 {
            (frac << 1, -1075, 52, true)
        } else {
            (frac | 1 << 52, e - 1075, 52, false)
        }
    };
    let (digits, dp) = dragon_shortest(mant, exp, mant_bits, subnormal);
    let mut s: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    while s.len() > 1 && s.ends_with('0') {
        s.pop();
    }
    (s, dp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the reader used before: the digits and point of `{:e}`.
    fn via_std(f: f64, f32_: bool) -> (String, i32) {
        let s = if f32_ {
            format!("{:e}", (f as f32).abs())
        } else {
            format!("{:e}", f.abs())
        };
        let (mantissa, exp) = s.split_once('e').unwrap();
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        let digits = digits.trim_end_matches('0');
        let digits = if digits.is_empty() { "0" } else { digits };
        (digits.to_owned(), exp.parse::<i32>().unwrap() + 1)
    }

    #[test]
    fn edge_cases() {
        let cases = [
            1.0,
            -1.0,
            0.1,
            1e21,
            1e-7,
            123_456_789.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::MIN_POSITIVE / 2.0,
            5e-324,
            f64::from_bits(1),
            f64::from_bits(0x000f_ffff_ffff_ffff),
            f64::from(f32::MAX),
            f64::from(f32::MIN_POSITIVE),
            1e-45,
            3.4e38,
            9_007_199_254_740_993.0,
            f64::from_bits(1 << 52),
            f64::from_bits(0x7fe0_0000_0000_0000),
            0.3,
            2.5,
            1e23,
            5e-310,
            1.7976931348623157e308,
            1e300,
            1e-300,
        ];
        for f in cases {
            for f32_ in [false, true] {
                let g = f as f32;
                if f32_ && (g == 0.0 || g.is_infinite()) {
                    continue;
                }
                assert_eq!(shortest(f, f32_), via_std(f, f32_), "{f:e} f32={f32_}");
            }
        }
        assert_eq!(shortest(1.0, false), ("1".to_owned(), 1));
        assert_eq!(shortest(0.001, false), ("1".to_owned(), -2));
        assert_eq!(shortest(123_456_789.0, true), ("12345679".to_owned(), 9));
    }

    #[test]
    fn powers_of_two_and_ten() {
        for e in -1074..=1023 {
            let f = if e >= -1022 {
                f64::from_bits(((e + 1023) as u64) << 52)
            } else {
                f64::from_bits(1 << (e + 1074))
            };
            assert_eq!(shortest(f, false), via_std(f, false), "2^{e}");
        }
        for e in -149..=127 {
            let g = if e >= -126 {
                f32::from_bits(((e + 127) as u32) << 23)
            } else {
                f32::from_bits(1 << (e + 149))
            };
            let f = f64::from(g);
            assert_eq!(shortest(f, true), via_std(f, true), "2^{e} f32");
        }
        for e in -323..=308 {
            let f: f64 = format!("1e{e}").parse().unwrap();
            assert_eq!(shortest(f, false), via_std(f, false), "1e{e}");
            let g = f as f32;
            if g != 0.0 && g.is_finite() {
                assert_eq!(shortest(f, true), via_std(f, true), "1e{e} f32");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20000))]
        #[test]
        fn f64_as_std(bits in any::<u64>()) {
            let f = f64::from_bits(bits);
            prop_assume!(f.is_finite() && f != 0.0);
            prop_assert_eq!(shortest(f, false), via_std(f, false));
        }

        #[test]
        fn f32_as_std(bits in any::<u32>()) {
            let g = f32::from_bits(bits);
            prop_assume!(g.is_finite() && g != 0.0);
            let f = f64::from(g);
            prop_assert_eq!(shortest(f, true), via_std(f, true));
        }

        #[test]
        fn short_decimals_as_std(m in 1u64..100_000, e in -330i32..310) {
            let f: f64 = format!("{m}e{e}").parse().unwrap();
            prop_assume!(f.is_finite() && f != 0.0);
            prop_assert_eq!(shortest(f, false), via_std(f, false));
            let g = f as f32;
            if g.is_finite() && g != 0.0 {
                prop_assert_eq!(shortest(f, true), via_std(f, true));
            }
        }
    }
}
