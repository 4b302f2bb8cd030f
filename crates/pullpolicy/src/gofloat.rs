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
//! the closest digits. One difference, Go's: when the value lies exactly halfway
//! between the two closest shortest forms, Go's Ryū (`strconv`'s `ryuDigits32`) keeps
//! the even last digit where flt2dec rounds up (`2222222222222222.25` prints
//! `2222222222222222.2` in Go, `…3` in Rust; found by the `read_diff` fuzz target).
//! The tests compare it with `{:e}` over many values of both widths, ties aside.

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

    fn add_small(&mut self, a: u32) {
        let mut carry = a;
        for limb in &mut self.0 {
            let (x, o) = limb.overflowing_add(carry);
            *limb = x;
            carry = u32::from(o);
            if carry == 0 {
                return;
            }
        }
        if carry != 0 {
            self.0.push(carry);
        }
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
            let (a, b) = (*self.0.get(i).unwrap_or(&0), *other.0.get(i).unwrap_or(&0));
            if a != b {
                return a.cmp(&b);
            }
        }
        Ordering::Equal
    }

    fn bit_len(&self) -> u32 {
        match self.0.iter().rposition(|&l| l != 0) {
            Some(i) => i as u32 * 32 + (32 - self.0[i].leading_zeros()),
            None => 0,
        }
    }
}

/// Go's `strconv.ParseFloat(s, 64)` (correctly rounded, ties to even) for decimal
/// text `[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?`: the same result as
/// `f64::from_str` without its tables (tests compare the two). `None` for other
/// text (the reader's grammar checks come first); overflow gives ±infinity.
pub(crate) fn parse_decimal(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    let neg = b.first() == Some(&b'-');
    if matches!(b.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    // Significant digits (leading zeros dropped), at most MAX_DIGITS of them plus a
    // final 1 standing for any non-zero digits beyond: a halfway point between two
    // doubles has at most 767 significant digits, so rounding is unchanged.
    const MAX_DIGITS: usize = 800;
    let mut digits: Vec<u8> = Vec::new();
    let mut dropped_nonzero = false;
    let mut exp10: i64 = 0;
    let mut seen = false;
    let mut after_point = false;
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => {
                seen = true;
                let d = c - b'0';
                if after_point {
                    exp10 -= 1;
                }
                if digits.is_empty() && d == 0 {
                    // A leading zero.
                } else if digits.len() < MAX_DIGITS {
                    digits.push(d);
                } else {
                    dropped_nonzero |= d != 0;
                    exp10 += 1;
                }
            }
            b'.' if !after_point => after_point = true,
            _ => break,
        }
        i += 1;
    }
    if !seen {
        return None;
    }
    if i < b.len() {
        if !matches!(b[i], b'e' | b'E') {
            return None;
        }
        i += 1;
        let eneg = b.get(i) == Some(&b'-');
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let mut e: i64 = 0;
        for &c in &b[i..] {
            if !c.is_ascii_digit() {
                return None;
            }
            e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
        }
        exp10 += if eneg { -e } else { e };
    }
    if dropped_nonzero {
        digits.push(1);
        exp10 -= 1;
    }
    let sign = if neg { -1.0 } else { 1.0 };
    // The value is DIGITS × 10^exp10, DIGITS an integer.
    if digits.is_empty() {
        return Some(sign * 0.0);
    }
    let magnitude = digits.len() as i64 + exp10; // 10^(m-1) <= value < 10^m
    if magnitude > 310 {
        return Some(sign * f64::INFINITY);
    }
    if magnitude < -330 {
        return Some(sign * 0.0);
    }
    let mut num = Big(vec![0]);
    for &d in &digits {
        num.mul_small(10);
        num.add_small(u32::from(d));
    }
    let mut den = Big(vec![1]);
    if exp10 >= 0 {
        num.mul_pow10(exp10 as u32);
    } else {
        den.mul_pow10(exp10.unsigned_abs() as u32);
    }
    // Scale so that the quotient has exactly 55 bits: q = floor(num·2^s / den),
    // 2^54 <= q < 2^55, the value being (q + rest) · 2^-s.
    let mut s = 54 - (num.bit_len() as i64 - den.bit_len() as i64);
    let (mut n, mut d) = (num.clone(), den.clone());
    if s >= 0 {
        n.mul_pow2(s as u32);
    } else {
        d.mul_pow2(s.unsigned_abs() as u32);
    }
    // Now 2^53 < n/d < 2^55 (bit lengths differ by 54); one more bit if below 2^54.
    let mut threshold = d.clone();
    threshold.mul_pow2(54);
    if n.cmp(&threshold) == Ordering::Less {
        n.mul_pow2(1);
        s += 1;
    }
    let mut q: u64 = 0;
    for bit in (0..55).rev() {
        let mut t = d.clone();
        t.mul_pow2(bit);
        if n.cmp(&t) != Ordering::Less {
            n.sub(&t);
            q |= 1 << bit;
        }
    }
    let mut sticky = n.bit_len() != 0;
    // The value is q·2^-s with q of 55 bits: its top bit is at 2^(54 - s).
    let top = 54 - s;
    if top > 1023 {
        return Some(sign * f64::INFINITY);
    }
    // Bits to drop: 2 for a normal result, more below 2^-1022.
    let drop = if top >= -1022 { 2 } else { 2 + (-1022 - top) };
    if drop > 56 {
        return Some(sign * 0.0);
    }
    let drop = drop as u32;
    let kept = q >> drop;
    let rest = q & ((1u64 << drop) - 1);
    let half = 1u64 << (drop - 1);
    sticky |= rest & (half - 1) != 0;
    let round_up = rest & half != 0 && (sticky || kept & 1 == 1);
    let mant = kept + u64::from(round_up);
    // mant · 2^(drop - s).
    let e2 = drop as i64 - s;
    // Build the double exactly: mant < 2^54, e2 >= -1074.
    let bits = if mant == 0 {
        0
    } else {
        let len = 64 - i64::from(mant.leading_zeros());
        let top_exp = e2 + len - 1;
        if top_exp > 1023 {
            return Some(sign * f64::INFINITY);
        }
        if top_exp < -1022 {
            // Subnormal: mant · 2^e2 with e2 == -1074.
            mant << (e2 + 1074)
        } else {
            let m = if len > 53 {
                mant >> (len - 53)
            } else {
                mant << (53 - len)
            };
            (((top_exp + 1023) as u64) << 52) | (m & 0xf_ffff_ffff_ffff)
        }
    };
    Some(sign * f64::from_bits(bits))
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
    if up
        && (!down || {
            // Both are in the interval: the closer one; at exactly half, the even one
            // (Go's Ryū rounds an exact tie to even, `ryuDigits32`; flt2dec rounds up).
            r.mul_pow2(1);
            match r.cmp(&scale) {
                Ordering::Greater => true,
                Ordering::Equal => digits.last().is_some_and(|d| d % 2 == 1),
                Ordering::Less => false,
            }
        })
    {
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

    /// Go's shortest digits: `{:e}`'s (flt2dec's), except at an exact tie between the
    /// two closest shortest forms, where flt2dec rounds up to an odd last digit and Go
    /// keeps the even one below (the exact expansion, `{:.1100e}`, says whether the
    /// value lies exactly halfway).
    fn as_go(f: f64, f32_: bool) -> (String, i32) {
        let (digits, dp) = via_std(f, f32_);
        let last = digits.as_bytes()[digits.len() - 1] - b'0';
        if last.is_multiple_of(2) {
            return (digits, dp);
        }
        let below = format!("{}{}", &digits[..digits.len() - 1], last - 1);
        let exact = if f32_ {
            format!("{:.1100e}", f64::from((f as f32).abs()))
        } else {
            format!("{:.1100e}", f.abs())
        };
        let (mantissa, exp) = exact.split_once('e').unwrap();
        let exact_digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        let halfway = exp.parse::<i32>().unwrap() + 1 == dp
            && exact_digits.trim_end_matches('0') == format!("{below}5");
        // …and only if the even form reads back as the same float (at a power of two
        // the lower neighbour is closer, and it may not).
        let back: f64 = format!("0.{below}e{dp}").parse().unwrap();
        let same = if f32_ {
            format!("0.{below}e{dp}").parse::<f32>().unwrap().to_bits()
                == (f as f32).abs().to_bits()
        } else {
            back.to_bits() == f.abs().to_bits()
        };
        if !halfway || !same {
            return (digits, dp);
        }
        let trimmed = below.trim_end_matches('0');
        (
            if trimmed.is_empty() { "0" } else { trimmed }.to_owned(),
            dp,
        )
    }

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

    /// The tie the `read_diff` fuzz target found, and 2^-25 (…953125e-8): Go keeps the
    /// even digit.
    #[test]
    fn exact_ties_keep_the_even_digit() {
        assert_eq!(
            shortest("2222222222222222.25".parse().unwrap(), false),
            ("22222222222222222".to_owned(), 16)
        );
        assert_eq!(
            shortest(2f64.powi(-25), false),
            ("29802322387695312".to_owned(), -7)
        );
        assert_eq!(via_std(2f64.powi(-25), false).0, "29802322387695313");
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
                assert_eq!(shortest(f, f32_), as_go(f, f32_), "{f:e} f32={f32_}");
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
            assert_eq!(shortest(f, false), as_go(f, false), "2^{e}");
        }
        for e in -149..=127 {
            let g = if e >= -126 {
                f32::from_bits(((e + 127) as u32) << 23)
            } else {
                f32::from_bits(1 << (e + 149))
            };
            let f = f64::from(g);
            assert_eq!(shortest(f, true), as_go(f, true), "2^{e} f32");
        }
        for e in -323..=308 {
            let f: f64 = format!("1e{e}").parse().unwrap();
            assert_eq!(shortest(f, false), as_go(f, false), "1e{e}");
            let g = f as f32;
            if g != 0.0 && g.is_finite() {
                assert_eq!(shortest(f, true), as_go(f, true), "1e{e} f32");
            }
        }
    }

    fn check_parse(t: &str) {
        let want: f64 = t.parse().unwrap();
        let got = parse_decimal(t).unwrap();
        assert_eq!(got.to_bits(), want.to_bits(), "{t}");
    }

    #[test]
    fn parse_edge_cases() {
        for t in [
            "0",
            "-0",
            "+0",
            "0.0",
            ".5",
            "5.",
            "-.5e-3",
            "1",
            "1e308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e309",
            "-1e309",
            "2e-324",
            "3e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "4.9e-324",
            "5e-324",
            "1e-400",
            "-1e-400",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "9007199254740993",
            "9007199254740992.5",
            "9007199254740993.0000000000000000000000000000000001",
            "0.1",
            "0.3",
            "123456789012345678901234567890",
            "1e23",
            "8.98846567431158e307",
            "1e-5",
            "00012.500",
            "1E+2",
            "1e0000000000000000000000000000001",
            "1e99999999999999999999999",
            "1e-99999999999999999999999",
            "0e999999999",
        ] {
            check_parse(t);
        }
        // Many digits: halfway points with trailing digits beyond the kept 800.
        let half = format!("9007199254740993{}", "0".repeat(900));
        check_parse(&half);
        check_parse(&format!("{half}1"));
        check_parse(&format!("0.{}1e400", "0".repeat(1000)));
        check_parse(&format!("{}e-1000", "7".repeat(1200)));
        for bad in ["", "-", ".", "e5", "1e", "1e+", "1x", "inf", "nan", "1.2.3"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10000))]
        #[test]
        fn parse_as_std_bits(bits in any::<u64>()) {
            let f = f64::from_bits(bits);
            prop_assume!(f.is_finite());
            // Shortest, exact-ish and long forms of the same double, and near halfway.
            check_parse(&format!("{f:e}"));
            check_parse(&format!("{f:.25e}"));
            check_parse(&format!("{:.40e}", f));
        }

        /// Exact halfway points between two doubles (ties to even) and the decimals
        /// just above and below them.
        #[test]
        fn parse_halfway_as_std(mant in (1u64 << 52)..(1u64 << 53), e in -20i32..=10) {
            // The midpoint of mant·2^e and (mant + 1)·2^e is (2·mant + 1)·2^(e - 1).
            let odd = u128::from(2 * mant + 1);
            let (digits, exp10) = if e >= 1 {
                (odd << (e - 1), 0)
            } else {
                (odd * 5u128.pow(e.unsigned_abs() + 1), e - 1)
            };
            check_parse(&format!("{digits}e{exp10}"));
            check_parse(&format!("{}e{}", digits * 10 + 1, exp10 - 1));
            check_parse(&format!("{}e{}", digits * 10 - 1, exp10 - 1));
            check_parse(&format!("{digits}{}1e{}", "0".repeat(900), exp10 - 901));
        }

        #[test]
        fn parse_as_std_text(int in "[0-9]{0,25}", frac in "[0-9]{0,25}", e in -350i32..350) {
            prop_assume!(!int.is_empty() || !frac.is_empty());
            check_parse(&format!("{int}.{frac}e{e}"));
            if !int.is_empty() {
                check_parse(&format!("-{int}e{e}"));
            }
        }

        #[test]
        fn f64_as_std(bits in any::<u64>()) {
            let f = f64::from_bits(bits);
            prop_assume!(f.is_finite() && f != 0.0);
            prop_assert_eq!(shortest(f, false), as_go(f, false));
        }

        #[test]
        fn f32_as_std(bits in any::<u32>()) {
            let g = f32::from_bits(bits);
            prop_assume!(g.is_finite() && g != 0.0);
            let f = f64::from(g);
            prop_assert_eq!(shortest(f, true), as_go(f, true));
        }

        #[test]
        fn short_decimals_as_std(m in 1u64..100_000, e in -330i32..310) {
            let f: f64 = format!("{m}e{e}").parse().unwrap();
            prop_assume!(f.is_finite() && f != 0.0);
            prop_assert_eq!(shortest(f, false), as_go(f, false));
            let g = f as f32;
            if g.is_finite() && g != 0.0 {
                prop_assert_eq!(shortest(f, true), as_go(f, true));
            }
        }
    }
}
