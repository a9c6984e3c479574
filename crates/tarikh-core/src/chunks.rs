//! Byte scans 16 bytes at a time, written so that the compiler turns them
//! into vector comparisons (SSE2 on any x86-64): the predicates return `u8`
//! (0 or 1) and are combined with `|` and `&`, never with `&&` or `||`,
//! which would become a branch per byte.

/// Whether each of the first 16 bytes of `c` is `plain`, or a space that a
/// plain byte follows (the 17th byte is that follower for the 16th): a step
/// of a run that single spaces do not end.
#[inline(always)]
pub(crate) fn plain_run16(c: &[u8; 17], plain: impl Fn(u8) -> u8) -> bool {
    let mut bad = 0u8;
    for j in 0..16 {
        bad |= !(plain(c[j]) | (u8::from(c[j] == b' ') & plain(c[j + 1]))) & 1;
    }
    bad == 0
}

/// Whether some byte of `c` is `marked`.
#[inline(always)]
pub(crate) fn any16(c: &[u8; 16], marked: impl Fn(u8) -> u8) -> bool {
    let mut m = 0u8;
    for &x in c {
        m |= marked(x);
    }
    m != 0
}

/// How many of the first 16 bytes of `c`, from the first, are `plain`, or a
/// space that a plain byte follows (the 17th byte is that follower for the
/// 16th): 16 when the whole step belongs to a run that single spaces do not
/// end, else where the run stops. Normalisation uses it; segmentation keeps
/// [`plain_run16`], where knowing the position measured 9% slower.
#[inline(always)]
pub(crate) fn plain_prefix16(c: &[u8; 17], plain: impl Fn(u8) -> u8) -> usize {
    let mut ok = [0u8; 16];
    for j in 0..16 {
        ok[j] = (plain(c[j]) | (u8::from(c[j] == b' ') & plain(c[j + 1]))) & 1;
    }
    // the flags as one integer: its first byte that is 0 ends the run
    first_zero_byte(u128::from_le_bytes(ok))
}

/// The index of the first byte of `flags` (each 0 or 1, little-endian) that
/// is 0; 16 if none is.
#[inline(always)]
fn first_zero_byte(flags: u128) -> usize {
    const ONES: u128 = u128::from_le_bytes([1; 16]);
    ((flags ^ ONES).trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_follow_their_definition() {
        let plain = |x: u8| u8::from(x.is_ascii_alphabetic());
        let text = b"ab cd  ef g-h ijklmnopqrstuvwxyz 0 abcdefghijklmnopqrstuvwxy z";
        for k in 0..text.len() - 17 {
            let c: &[u8; 17] = text[k..k + 17].try_into().unwrap();
            let want = (0..16).all(|j| plain(c[j]) == 1 || (c[j] == b' ' && plain(c[j + 1]) == 1));
            assert_eq!(plain_run16(c, plain), want, "{k}");
            let want = (0..16)
                .position(|j| !(plain(c[j]) == 1 || (c[j] == b' ' && plain(c[j + 1]) == 1)))
                .unwrap_or(16);
            assert_eq!(plain_prefix16(c, plain), want, "{k}");
            let c16: &[u8; 16] = text[k..k + 16].try_into().unwrap();
            let want = c16.contains(&b'-');
            assert_eq!(any16(c16, |x| u8::from(x == b'-')), want, "{k}");
        }
    }
}
