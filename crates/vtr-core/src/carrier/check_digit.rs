//! Check-digit algorithms of `shared/spec/tracking-formats.md`.
//!
//! Every function takes the **serial** (the part of a normalised tracking
//! number a format names, as ASCII bytes) and returns the check value the
//! serial calls for, or `None` when the serial holds a character the
//! algorithm cannot weigh. They never panic and never allocate, because the
//! validity rule runs them for every package.
//!
//! Callers compare the result with the check character written in the
//! number; a digit check is returned as its value `0..=9`, not as ASCII.

/// Value of one serial character for the mod-10 family: digits as
/// themselves, upper-case letters as `(ASCII code - 3) mod 10` (A=2, B=3,
/// ..., I=0, J=1, ...), the UPS convention the spec adopts for every mod-10
/// check.
fn mod10_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some((u32::from(c) - 3) % 10),
        _ => None,
    }
}

fn digit(c: u8) -> Option<u32> {
    c.is_ascii_digit().then(|| u32::from(c - b'0'))
}

/// `mod10(even_w, odd_w)`: weights alternate from the **left** of the
/// serial, `even_w` at positions 0, 2, 4, ...; the products are added
/// without digit-summing; check = `(10 - sum mod 10) mod 10`.
///
/// `mod10(b"999AA1012345678", 1, 2)` is `Some(4)`: UPS's published
/// `1Z999AA10123456784`.
pub fn mod10(serial: &[u8], even_w: u32, odd_w: u32) -> Option<u8> {
    let mut sum = 0u32;
    for (i, &c) in serial.iter().enumerate() {
        let w = if i % 2 == 0 { even_w } else { odd_w };
        // Reduce as we go so a long serial cannot overflow.
        sum = (sum + mod10_value(c)? * w) % 10;
    }
    Some(((10 - sum) % 10) as u8)
}

/// The IMpb variant of mod 10: weights `first_w, second_w, first_w, ...`
/// counted from the **right** end of the serial (the digit just left of
/// the check digit gets `first_w`). Digits only.
pub fn mod10_from_right(serial: &[u8], first_w: u32, second_w: u32) -> Option<u8> {
    let mut sum = 0u32;
    for (i, &c) in serial.iter().rev().enumerate() {
        let w = if i % 2 == 0 { first_w } else { second_w };
        sum = (sum + digit(c)? * w) % 10;
    }
    Some(((10 - sum) % 10) as u8)
}

/// `weighted11(weights)`: each serial digit times the weight at its
/// position (the weights repeat when the serial is longer than the list);
/// check = `(sum mod 11) mod 10`. An empty weight list weighs nothing and
/// yields `None` rather than dividing by zero.
pub fn weighted11(serial: &[u8], weights: &[u32]) -> Option<u8> {
    if weights.is_empty() {
        return None;
    }
    let mut sum = 0u32;
    for (i, &c) in serial.iter().enumerate() {
        let w = weights.get(i % weights.len()).copied().unwrap_or(0);
        sum = (sum + digit(c)? * w) % 11;
    }
    Some((sum % 10) as u8)
}

/// `mod7`: the serial read as one whole number, modulo 7. Computed digit by
/// digit so serials of any length fit.
pub fn mod7(serial: &[u8]) -> Option<u8> {
    let mut rem = 0u32;
    for &c in serial {
        rem = (rem * 10 + digit(c)?) % 7;
    }
    Some(rem as u8)
}

/// `luhn`: from the right end of the serial, the first digit and every
/// second one moving left are doubled (a doubled value over 9 loses 9);
/// check = `(10 - sum mod 10) mod 10`.
pub fn luhn(serial: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (i, &c) in serial.iter().rev().enumerate() {
        let d = digit(c)?;
        let v = if i % 2 == 0 {
            let twice = d * 2;
            if twice > 9 {
                twice - 9
            } else {
                twice
            }
        } else {
            d
        };
        sum += v;
    }
    Some(((10 - sum % 10) % 10) as u8)
}

/// The UPU S10 weights for the 8 serial digits.
const S10_WEIGHTS: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];

/// `s10`: weights 8,6,4,2,3,5,9,7; `r = sum mod 11`; check is 5 when r = 0,
/// 0 when r = 1, else `11 - r`. Only an 8-digit serial has a check.
pub fn s10(serial: &[u8]) -> Option<u8> {
    if serial.len() != S10_WEIGHTS.len() {
        return None;
    }
    let mut sum = 0u32;
    for (&c, w) in serial.iter().zip(S10_WEIGHTS) {
        sum += digit(c)? * w;
    }
    Some(match sum % 11 {
        0 => 5,
        1 => 0,
        r => (11 - r) as u8,
    })
}

/// Value of a character in ISO 7064 MOD 37,36: `0-9` then `A-Z` are 0..35.
fn iso7064_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        _ => None,
    }
}

/// `iso7064 mod 37,36` (DPD): start with P = 36; for each character add its
/// value, subtract 36 when over 36, double, subtract 37 when over 36. The
/// check value is `37 - P` with 36 becoming 0. Returns the check
/// **character** (ASCII `0-9` / `A-Z`), since it can be a letter.
pub fn iso7064_mod37_36(serial: &[u8]) -> Option<u8> {
    let mut p = 36u32;
    for &c in serial {
        p += iso7064_value(c)?;
        if p > 36 {
            p -= 36;
        }
        p *= 2;
        if p > 36 {
            p -= 37;
        }
    }
    // p is in 1..=36 here (doubling mod 37 never reaches 0), so 37 - p is
    // in 1..=36; saturating keeps the arithmetic total anyway.
    let mut v = 37u32.saturating_sub(p);
    if v == 36 {
        v = 0;
    }
    let v = v as u8;
    Some(if v < 10 { b'0' + v } else { b'A' + (v - 10) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod10_matches_ups_published_example() {
        // 1Z999AA10123456784, serial 999AA1012345678, weights 1,2,1,2...:
        // 9 + 18 + 9 + 4 + 2 + 2 + 0 + 2 + 2 + 6 + 4 + 10 + 6 + 14 + 8 = 96
        // check = (10 - 6) % 10 = 4.
        assert_eq!(mod10(b"999AA1012345678", 1, 2), Some(4));
    }

    #[test]
    fn letters_count_as_ascii_minus_three_mod_ten() {
        assert_eq!(mod10_value(b'A'), Some(2));
        assert_eq!(mod10_value(b'I'), Some(0));
        assert_eq!(mod10_value(b'J'), Some(1));
        assert_eq!(mod10_value(b'Z'), Some(7));
        assert_eq!(mod10_value(b'a'), None);
    }

    #[test]
    fn s10_handles_the_two_special_remainders() {
        // 12345678: 8+12+12+8+15+30+63+56 = 204, 204 mod 11 = 6, check 5.
        assert_eq!(s10(b"12345678"), Some(5));
        // 00000000: r = 0 -> 5.
        assert_eq!(s10(b"00000000"), Some(5));
        // 00000003: 3*7 = 21, r = 10 -> 1.
        assert_eq!(s10(b"00000003"), Some(1));
        // 00000008: 8*7 = 56, 56 mod 11 = 1 -> 0.
        assert_eq!(s10(b"00000008"), Some(0));
        assert_eq!(s10(b"1234567"), None);
    }

    #[test]
    fn mod7_is_the_remainder_of_the_whole_number() {
        assert_eq!(mod7(b"123456789"), Some((123_456_789u64 % 7) as u8));
        assert_eq!(mod7(b"9999999999"), Some((9_999_999_999u64 % 7) as u8));
    }

    #[test]
    fn luhn_matches_the_classic_example() {
        // 7992739871 has Luhn check digit 3 (the textbook example).
        assert_eq!(luhn(b"7992739871"), Some(3));
    }

    #[test]
    fn weighted11_cycles_its_weights_and_rejects_empty() {
        assert_eq!(weighted11(b"11", &[3, 1, 7]), Some(4));
        // 3 + 1 + 7 + 3 (the weights wrap) = 14, 14 mod 11 = 3.
        assert_eq!(weighted11(b"1111", &[3, 1, 7]), Some(3));
        // Eleven 9s under 3,1,7,3,1,7,3,1,7,3,1: the weights add to
        // 4*3 + 4*1 + 3*7 = 37, 37 * 9 = 333, 333 mod 11 = 3.
        assert_eq!(weighted11(b"99999999999", &[3, 1, 7]), Some(3));
        assert_eq!(weighted11(b"1", &[]), None);
    }

    #[test]
    fn iso7064_gives_characters() {
        // Empty serial: P = 36, check = 37 - 36 = 1.
        assert_eq!(iso7064_mod37_36(b""), Some(b'1'));
        // "0": P = 36 -> 36 (not > 36) -> 72 -> 35; check 37 - 35 = 2.
        assert_eq!(iso7064_mod37_36(b"0"), Some(b'2'));
        assert_eq!(iso7064_mod37_36(b"0-"), None);
    }

    #[test]
    fn non_digits_are_rejected() {
        assert_eq!(mod10_from_right(b"12A", 3, 1), None);
        assert_eq!(luhn(b"1 2"), None);
        assert_eq!(mod7(b"12x"), None);
    }
}
