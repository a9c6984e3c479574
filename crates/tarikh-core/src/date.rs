//! A tiny proleptic-Gregorian civil date, with day arithmetic.
//!
//! [`Date`] is what the date finder ([`crate::dates`]) and the document
//! metadata ([`crate::metadata`]) produce; [`Precision`] says how much of it
//! the text actually gave. Day arithmetic uses Howard Hinnant's
//! `days_from_civil` / `civil_from_days` algorithms, so no calendar crate is
//! needed.
//!
//! # Examples
//!
//! ```
//! use tarikh_core::date::{Date, Weekday};
//!
//! let d = Date::parse_iso("2025-08-03").unwrap();
//! assert_eq!(d.weekday(), Weekday::Sunday);
//! assert_eq!(d.add_days(-2).to_string(), "2025-08-01");
//! assert_eq!(Date::new(1970, 1, 1).unwrap().to_days_since_epoch(), 0);
//! ```

use std::fmt;

/// A civil (proleptic Gregorian) calendar date.
///
/// Fields are public for convenience; a `Date` built by this crate is always
/// valid (see [`Date::is_valid`]). Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year (astronomical numbering: 0 is 1 BC).
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

/// How precise a date is: the text gave a day, only a month, or only a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A specific day (`3 août 2025`, `hier`).
    Day,
    /// A month (`février 2025`, `début mai`).
    Month,
    /// A year (`en 2023`, `fin 2024`, `© 2025`).
    Year,
}

impl Precision {
    /// The name used in tables: `"day"`, `"month"` or `"year"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }

    /// Parses `"day"`, `"month"` or `"year"` (exact, lower case).
    pub fn parse(s: &str) -> Option<Precision> {
        match s {
            "day" => Some(Precision::Day),
            "month" => Some(Precision::Month),
            "year" => Some(Precision::Year),
            _ => None,
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weekday {
    /// Monday (lundi).
    Monday,
    /// Tuesday (mardi).
    Tuesday,
    /// Wednesday (mercredi).
    Wednesday,
    /// Thursday (jeudi).
    Thursday,
    /// Friday (vendredi).
    Friday,
    /// Saturday (samedi).
    Saturday,
    /// Sunday (dimanche).
    Sunday,
}

impl Weekday {
    /// Days since Monday: Monday is 0, Sunday is 6.
    pub fn num_days_from_monday(self) -> u8 {
        self as u8
    }

    /// The weekday `n` days from Monday (taken modulo 7).
    pub fn from_days_from_monday(n: i64) -> Weekday {
        const ALL: [Weekday; 7] = [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
            Weekday::Saturday,
            Weekday::Sunday,
        ];
        ALL[n.rem_euclid(7) as usize]
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` (1–12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a civil date (Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let mp = (m + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + d - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01 (Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8; // [1, 12]
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl Date {
    /// A validated date: `None` unless `month` is 1–12 and `day` exists in it.
    ///
    /// ```
    /// use tarikh_core::date::Date;
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2025, 2, 29).is_none());
    /// ```
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let d = Date { year, month, day };
        d.is_valid().then_some(d)
    }

    /// Whether the month is 1–12 and the day exists in that month.
    pub fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
    }

    /// Days since 1970-01-01 as an `i64` (exact for every `Date`).
    pub fn to_days_i64(&self) -> i64 {
        days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }

    /// Days since 1970-01-01 (polars' `Date` representation), saturating at
    /// the `i32` bounds for years beyond about ±5.8 million.
    pub fn to_days_since_epoch(&self) -> i32 {
        let d = self.to_days_i64();
        i32::try_from(d).unwrap_or(if d < 0 { i32::MIN } else { i32::MAX })
    }

    /// The date `days` days after 1970-01-01 (negative: before).
    pub fn from_days_since_epoch(days: i32) -> Date {
        Date::from_days_i64(i64::from(days))
    }

    /// Like [`Date::from_days_since_epoch`] with an `i64` count; the year
    /// saturates at the `i32` bounds.
    pub fn from_days_i64(days: i64) -> Date {
        // Keep the arithmetic far from i64 overflow; these bounds are far
        // beyond any i32 year anyway.
        let days = days.clamp(-(1i64 << 40), 1i64 << 40);
        let (y, month, day) = civil_from_days(days);
        match i32::try_from(y) {
            Ok(year) => Date { year, month, day },
            Err(_) if y < 0 => Date {
                year: i32::MIN,
                month: 1,
                day: 1,
            },
            Err(_) => Date {
                year: i32::MAX,
                month: 12,
                day: 31,
            },
        }
    }

    /// The day of the week.
    pub fn weekday(&self) -> Weekday {
        // 1970-01-01 was a Thursday (3 days from Monday).
        Weekday::from_days_from_monday(self.to_days_i64() + 3)
    }

    /// The date `n` days later (earlier when `n` is negative).
    pub fn add_days(&self, n: i32) -> Date {
        Date::from_days_i64(self.to_days_i64() + i64::from(n))
    }

    /// The first day of the same month `n` months later (earlier when negative).
    pub fn add_months(&self, n: i32) -> Date {
        let idx = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(n);
        let year = idx
            .div_euclid(12)
            .clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
        Date {
            year,
            month: (idx.rem_euclid(12) + 1) as u8,
            day: 1,
        }
    }

    /// The first day of this date's month.
    pub fn first_of_month(&self) -> Date {
        Date { day: 1, ..*self }
    }

    /// The last day of this date's month.
    pub fn last_of_month(&self) -> Date {
        Date {
            day: days_in_month(self.year, self.month).max(1),
            ..*self
        }
    }

    /// January 1st of this date's year.
    pub fn first_of_year(&self) -> Date {
        Date {
            year: self.year,
            month: 1,
            day: 1,
        }
    }

    /// This date cut down to `precision`: the first day of its month or year.
    pub fn truncate(&self, precision: Precision) -> Date {
        match precision {
            Precision::Day => *self,
            Precision::Month => self.first_of_month(),
            Precision::Year => self.first_of_year(),
        }
    }

    /// The last day of the period of `precision` this date falls in (itself,
    /// the end of its month or December 31st).
    pub fn end_of(&self, precision: Precision) -> Date {
        match precision {
            Precision::Day => *self,
            Precision::Month => self.last_of_month(),
            Precision::Year => Date {
                year: self.year,
                month: 12,
                day: 31,
            },
        }
    }

    /// Parses `YYYY-MM-DD` (strict ISO 8601 calendar date, 4-digit year).
    pub fn parse_iso(s: &str) -> Option<Date> {
        match Date::parse_iso_partial(s)? {
            (d, Precision::Day) => Some(d),
            _ => None,
        }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, returning the first day of
    /// the period and its precision.
    ///
    /// ```
    /// use tarikh_core::date::{Date, Precision};
    /// let (d, p) = Date::parse_iso_partial("2025-06").unwrap();
    /// assert_eq!((d.to_string().as_str(), p), ("2025-06-01", Precision::Month));
    /// ```
    pub fn parse_iso_partial(s: &str) -> Option<(Date, Precision)> {
        let b = s.as_bytes();
        let digits = |r: &[u8]| -> Option<u32> {
            if r.is_empty() || !r.iter().all(u8::is_ascii_digit) {
                return None;
            }
            r.iter().try_fold(0u32, |acc, &c| {
                acc.checked_mul(10)?.checked_add(u32::from(c - b'0'))
            })
        };
        if b.len() < 4 {
            return None;
        }
        let year = digits(&b[..4])? as i32;
        match b.len() {
            4 => Some((
                Date {
                    year,
                    month: 1,
                    day: 1,
                },
                Precision::Year,
            )),
            7 if b[4] == b'-' => {
                let month = u8::try_from(digits(&b[5..7])?).ok()?;
                Some((Date::new(year, month, 1)?, Precision::Month))
            }
            10 if b[4] == b'-' && b[7] == b'-' => {
                let month = u8::try_from(digits(&b[5..7])?).ok()?;
                let day = u8::try_from(digits(&b[8..10])?).ok()?;
                Some((Date::new(year, month, day)?, Precision::Day))
            }
            _ => None,
        }
    }

    /// Formats as `YYYY-MM-DD` (same as `Display`).
    pub fn to_iso(&self) -> String {
        self.to_string()
    }

    /// Formats cut to `precision`: `2025-08-03`, `2025-08` or `2025`.
    pub fn format_with_precision(&self, precision: Precision) -> String {
        match precision {
            Precision::Day => self.to_string(),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Year => format!("{:04}", self.year),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn epoch_days_table() {
        let cases = [
            ("1970-01-01", 0),
            ("1970-01-02", 1),
            ("1969-12-31", -1),
            ("2000-02-29", 11_016),
            ("2000-03-01", 11_017),
            ("2025-01-18", 20_106),
            ("2025-08-03", 20_303),
            ("1900-01-01", -25_567),
            ("0000-03-01", -719_468),
        ];
        for (s, n) in cases {
            assert_eq!(d(s).to_days_since_epoch(), n, "{s}");
            assert_eq!(Date::from_days_since_epoch(n), d(s), "{n}");
        }
    }

    #[test]
    fn weekday_table() {
        let cases = [
            ("1970-01-01", Weekday::Thursday),
            ("2025-08-03", Weekday::Sunday),
            ("2025-05-30", Weekday::Friday),
            ("2000-01-01", Weekday::Saturday),
            ("1969-12-29", Weekday::Monday),
            ("2024-02-29", Weekday::Thursday),
        ];
        for (s, w) in cases {
            assert_eq!(d(s).weekday(), w, "{s}");
        }
    }

    #[test]
    fn iso_parse_table() {
        let cases: [(&str, Option<(&str, Precision)>); 10] = [
            ("2025-05-30", Some(("2025-05-30", Precision::Day))),
            ("2025-06", Some(("2025-06-01", Precision::Month))),
            ("2025", Some(("2025-01-01", Precision::Year))),
            ("2025-13", None),
            ("2025-02-30", None),
            ("2025-2-3", None),
            ("25-02-03", None),
            ("２０２５", None),
            ("", None),
            ("2025-06-0x", None),
        ];
        for (s, want) in cases {
            let got = Date::parse_iso_partial(s).map(|(d, p)| (d.to_string(), p));
            assert_eq!(got, want.map(|(a, p)| (a.to_string(), p)), "{s:?}");
        }
    }

    #[test]
    fn month_arithmetic() {
        assert_eq!(d("2025-01-18").add_months(-1), d("2024-12-01"));
        assert_eq!(d("2025-12-31").add_months(1), d("2026-01-01"));
        assert_eq!(d("2024-02-10").last_of_month(), d("2024-02-29"));
        assert_eq!(d("2025-06-10").end_of(Precision::Year), d("2025-12-31"));
        assert_eq!(d("2025-06-10").truncate(Precision::Month), d("2025-06-01"));
        assert_eq!(
            d("2025-06-10").format_with_precision(Precision::Month),
            "2025-06"
        );
        assert_eq!(Precision::parse("year"), Some(Precision::Year));
    }

    #[test]
    fn extremes_do_not_panic() {
        let _ = Date::from_days_since_epoch(i32::MIN).weekday();
        let _ = Date::from_days_since_epoch(i32::MAX).add_days(i32::MAX);
        let big = Date {
            year: i32::MAX,
            month: 12,
            day: 31,
        };
        assert_eq!(big.to_days_since_epoch(), i32::MAX);
        let _ = big.add_days(i32::MAX).add_months(i32::MAX);
        let small = Date {
            year: i32::MIN,
            month: 1,
            day: 1,
        };
        let _ = small.add_days(i32::MIN).add_months(i32::MIN);
    }

    proptest! {
        #[test]
        fn days_roundtrip(n in -3_000_000i32..3_000_000) {
            let date = Date::from_days_since_epoch(n);
            prop_assert!(date.is_valid());
            prop_assert_eq!(date.to_days_since_epoch(), n);
            prop_assert_eq!(date.add_days(1).to_days_since_epoch(), n + 1);
        }
    }
}
