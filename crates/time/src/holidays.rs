//! Holidays' dates in a given year, from the rules of data/time/words.tsv:
//! fixed days, the Nth weekday of a month, Western and Orthodox Easter, and
//! dates of the Islamic calendar. Written for truce from the published
//! algorithms (the anonymous Gregorian computus, the Julian computus, the
//! arithmetical Islamic calendar), because ceasefires are often named after
//! holidays (a Christmas truce, an Eid ceasefire).

use jiff::ToSpan;
use jiff::civil::Date;

/// The date of the holiday with `rule` in Gregorian year `year`, or the
/// dates when it falls twice in that year (an Islamic date can).
pub fn dates_in(rule: &str, year: i32) -> Vec<Date> {
    if !(1..=9998).contains(&year) {
        return Vec::new();
    }
    if let Some(offset) = rule.strip_prefix("orthodox-easter") {
        return shifted(orthodox_easter(year), offset).into_iter().collect();
    }
    if let Some(offset) = rule.strip_prefix("easter") {
        return shifted(easter(year), offset).into_iter().collect();
    }
    if let Some(md) = rule.strip_prefix("hijri-") {
        let mut parts = md.split('-').filter_map(|p| p.parse::<i64>().ok());
        let (Some(m), Some(d)) = (parts.next(), parts.next()) else { return Vec::new() };
        return hijri_in(year, m, d);
    }
    // `MM-DD` or `MM-W-N` (N may be -1, hence at most three parts).
    let parts: Option<Vec<i32>> = rule.splitn(3, '-').map(|p| p.parse().ok()).collect();
    match parts.unwrap_or_default()[..] {
        [m, d] => Date::new(year as i16, m as i8, d as i8).ok().into_iter().collect(),
        [m, weekday, n] => nth_weekday(year, m, weekday, n).into_iter().collect(),
        _ => Vec::new(),
    }
}

fn shifted(date: Option<Date>, offset: &str) -> Option<Date> {
    let days: i64 = if offset.is_empty() { 0 } else { offset.trim_start_matches('+').parse().ok()? };
    date?.checked_add(days.days()).ok()
}

/// Western Easter Sunday (the anonymous Gregorian algorithm).
fn easter(y: i32) -> Option<Date> {
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(y as i16, month as i8, day as i8).ok()
}

/// Orthodox Easter Sunday: the Julian computus, moved to the Gregorian
/// calendar (13 days from 1900 to 2099; 12 or 14 around them).
fn orthodox_easter(y: i32) -> Option<Date> {
    let (a, b, c) = (y % 4, y % 7, y % 19);
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    let gap = if y < 1900 {
        12
    } else if y < 2100 {
        13
    } else {
        14
    };
    Date::new(y as i16, month as i8, day as i8).ok()?.checked_add((gap as i64).days()).ok()
}

/// The `n`th ISO weekday (Monday = 1) of a month; `n` = -1 the last.
fn nth_weekday(y: i32, m: i32, weekday: i32, n: i32) -> Option<Date> {
    let first = Date::new(y as i16, m as i8, 1).ok()?;
    if n < 0 {
        let last = first.last_of_month();
        let back = (last.weekday().to_monday_one_offset() as i32 - weekday).rem_euclid(7);
        return last.checked_sub((back as i64).days()).ok();
    }
    let ahead = (weekday - first.weekday().to_monday_one_offset() as i32).rem_euclid(7);
    first.checked_add((i64::from(ahead) + 7 * i64::from(n - 1)).days()).ok().filter(|d| d.month() == first.month())
}

/// Days from 1970-01-01 of an Islamic date, by the arithmetical calendar
/// (leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 of each 30).
fn hijri_days(year: i64, month: i64, day: i64) -> i64 {
    // Julian Day Number at noon of 1 Muharram 1 AH is 1948440.
    let jdn = day + (295 * (month - 1) + 9) / 10 + (year - 1) * 354 + (3 + 11 * year).div_euclid(30) + 1948439;
    jdn - 2440588
}

/// The dates of Islamic month/day `m`/`d` that fall in Gregorian year `y`.
fn hijri_in(y: i32, m: i64, d: i64) -> Vec<Date> {
    let epoch = Date::constant(1970, 1, 1);
    // The Islamic year runs about 11 days shorter: the ones that can meet
    // Gregorian year `y` lie around (y - 622) × 33/32.
    let guess = ((i64::from(y) - 622) * 33) / 32;
    (guess - 1..=guess + 2)
        .filter_map(|h| epoch.checked_add(hijri_days(h, m, d).days()).ok())
        .filter(|date| i32::from(date.year()) == y)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(rule: &str, y: i32) -> String {
        dates_in(rule, y).first().map(|d| d.to_string()).unwrap_or_default()
    }

    #[test]
    fn moveable_feasts_fall_on_their_days() {
        assert_eq!(one("easter+0", 2023), "2023-04-09");
        assert_eq!(one("easter+0", 2024), "2024-03-31");
        assert_eq!(one("easter-2", 2022), "2022-04-15");
        assert_eq!(one("orthodox-easter+0", 2023), "2023-04-16");
        assert_eq!(one("orthodox-easter+0", 2022), "2022-04-24");
        assert_eq!(one("11-4-4", 2020), "2020-11-26");
        assert_eq!(one("05-1--1", 2020), "2020-05-25", "the last Monday of May");
        assert_eq!(one("xx-25", 2020), "", "a malformed rule gives nothing");
        assert_eq!(one("12-25", 2021), "2021-12-25");
    }

    #[test]
    fn islamic_dates_are_within_a_day_of_observance() {
        // Eid al-Fitr and Eid al-Adha as observed in Saudi Arabia.
        for (rule, observed) in [
            ("hijri-10-01", "2020-05-24"),
            ("hijri-10-01", "2023-04-21"),
            ("hijri-12-10", "2020-07-31"),
            ("hijri-12-10", "2024-06-16"),
        ] {
            let observed: Date = observed.parse().unwrap();
            let computed = dates_in(rule, i32::from(observed.year()));
            assert!(
                computed.iter().any(|c| (c.since(observed).unwrap().get_days()).abs() <= 1),
                "{rule} {observed}: {computed:?}"
            );
        }
        // 2000 had two: January 8 and December 27.
        assert_eq!(dates_in("hijri-10-01", 2000).len(), 2);
    }
}
