//! From what an expression says to its TIMEX3 type and value, anchored.
//!
//! The anchor is the document date. A year-less date within three months
//! of the anchor is the nearest such date; further away, the clause's
//! tense decides: the most recent one for the past, the next one for the
//! future. A day alone follows the tense (`on the 10th` written on the
//! 3rd: last month's 10th in the past tense, this month's in the future).
//! Without an anchor the unknown parts stay `X` (`XXXX-12-03`): the year
//! is never guessed. `two days later` counts from the last date the
//! document named.

use crate::recognize::Expr;
use crate::words::Zone;
use jiff::civil::{Date, Weekday};
use jiff::{Span as JSpan, ToSpan};

/// The tense of a clause, for anchoring year-less dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Past: the most recent occurrence.
    Past,
    /// Future: the next occurrence.
    Future,
    /// Not marked near the expression: the nearest occurrence.
    Unknown,
}

/// A normalized expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// `DATE`, `TIME`, `DURATION`, `SET`.
    pub kind: &'static str,
    /// TIMEX3 value.
    pub value: String,
    /// The calendar date it names, when it names one (to count later
    /// offsets from).
    pub date: Option<Date>,
    /// The zone of a clock time, when written.
    pub zone: Option<Zone>,
    /// A clock time's civil date and time, for its instant.
    pub clock: Option<(Date, u32, u32)>,
    /// Why the value is partial, when it is.
    pub note: Option<String>,
}

fn date_value(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn make(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

fn weekday_number(w: Weekday) -> u32 {
    w.to_monday_one_offset() as u32
}

fn plain(kind: &'static str, value: String) -> Normalized {
    Normalized { kind, value, date: None, zone: None, clock: None, note: None }
}

fn dated(value: String, date: Date) -> Normalized {
    Normalized { kind: "DATE", value, date: Some(date), zone: None, clock: None, note: None }
}

fn partial(kind: &'static str, value: String) -> Normalized {
    Normalized { note: Some("no document date: the year cannot be known".into()), ..plain(kind, value) }
}

/// The year that puts month `m` (day `d`) nearest the anchor; the
/// clause's tense decides between two candidates about as near (news names
/// recent and coming dates, rarely ones half a year away).
fn year_for(anchor: Date, m: u32, d: u32, tense: Tense) -> i32 {
    let y = i32::from(anchor.year());
    let days = |year: i32| {
        make(year, m, d.min(28)).and_then(|c| anchor.until(c).ok()).map_or(i64::MAX / 4, |s| i64::from(s.get_days()))
    };
    let candidates = [(y - 1, days(y - 1)), (y, days(y)), (y + 1, days(y + 1))];
    // A week's slack: a past-tense verb near `Jan. 14` may still report
    // an event a few days ahead.
    let fits = |dc: i64| match tense {
        Tense::Past => dc <= 7,
        Tense::Future => dc >= -7,
        Tense::Unknown => true,
    };
    let nearest = candidates.iter().min_by_key(|c| c.1.abs()).map_or((y, 0), |c| *c);
    // Within three months of the anchor the nearest occurrence is meant,
    // whatever verb is near (`due Dec. 15, the company said`).
    if nearest.1.abs() <= 90 {
        return nearest.0;
    }
    candidates.iter().filter(|c| fits(c.1)).min_by_key(|c| c.1.abs()).map_or(nearest.0, |c| c.0)
}

/// The ISO week of a date (`1998-W08`).
fn iso_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn shift_by(d: Date, amount: f64, unit: &str, sign: i64) -> Option<Date> {
    let n = (amount.round() as i64) * sign;
    let span: JSpan = match unit {
        "D" => n.days(),
        "W" => n.weeks(),
        "M" => n.months(),
        "Y" => n.years(),
        "DE" => (n * 10).years(),
        "Q" => (n * 3).months(),
        "FN" => (n * 2).weeks(),
        "WE" => n.weeks(),
        _ => return None,
    };
    d.checked_add(span).ok()
}

/// The value of a date moved by an offset, at the unit's granularity.
fn offset_value(d: Date, unit: &str) -> String {
    match unit {
        "W" | "FN" | "WE" => iso_week(d),
        "M" => format!("{:04}-{:02}", d.year(), d.month()),
        "Y" | "DE" => format!("{:04}", d.year()),
        "Q" => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
        _ => date_value(d),
    }
}

/// The day a clock time or part of day falls on: its own date if written,
/// else the anchor.
fn day_of(date: Option<&Expr>, anchor: Option<Date>, last: Option<Date>, tense: Tense) -> Option<Date> {
    match date {
        Some(d) => normalize(d, anchor, last, tense).and_then(|n| n.date),
        None => anchor,
    }
}

/// Normalizes `expr` against `anchor` (document date), `last` (the date
/// the document named last) and the clause's tense.
pub fn normalize(expr: &Expr, anchor: Option<Date>, last: Option<Date>, tense: Tense) -> Option<Normalized> {
    Some(match expr {
        Expr::Date { year, month, day, year_shift, lean } => {
            let m = (*month)?;
            let year = match (year, year_shift, anchor) {
                (Some(y), _, _) => Some(*y),
                (None, Some(s), Some(a)) => Some(i32::from(a.year()) + s),
                // `last May`, `next March`: the nearest occurrence strictly
                // before or after the anchor's month, whatever the tense.
                (None, None, Some(a)) if *lean != 0 => {
                    let y = i32::from(a.year());
                    let now = a.month() as u32;
                    Some(match lean.signum() {
                        -1 if m < now => y,
                        -1 => y - 1,
                        _ if m > now => y,
                        _ => y + 1,
                    })
                }
                (None, None, Some(a)) => Some(year_for(a, m, day.unwrap_or(1), tense)),
                (None, _, None) => None,
            };
            match (year, day) {
                (Some(y), Some(d)) => {
                    let date = make(y, m, *d)?;
                    dated(date_value(date), date)
                }
                (Some(y), None) => Normalized { date: make(y, m, 1), ..plain("DATE", format!("{y:04}-{m:02}")) },
                (None, Some(d)) => partial("DATE", format!("XXXX-{m:02}-{d:02}")),
                (None, None) => partial("DATE", format!("XXXX-{m:02}")),
            }
        }
        Expr::DayOnly(d) => match anchor {
            Some(a) => {
                let (y, m) = (i32::from(a.year()), a.month() as u32);
                let this = make(y, m, *d);
                let date = match (tense, this) {
                    (Tense::Past | Tense::Unknown, Some(t)) if t <= a => t,
                    (Tense::Future, Some(t)) if t >= a => t,
                    (Tense::Past | Tense::Unknown, _) => {
                        let prev = a.first_of_month().checked_sub(1.day()).ok()?;
                        make(i32::from(prev.year()), prev.month() as u32, *d)?
                    }
                    (Tense::Future, _) => {
                        let next = a.last_of_month().checked_add(1.day()).ok()?;
                        make(i32::from(next.year()), next.month() as u32, *d)?
                    }
                };
                dated(date_value(date), date)
            }
            None => partial("DATE", format!("XXXX-XX-{d:02}")),
        },
        Expr::DayRel(n) => {
            let a = anchor?;
            let date = a.checked_add(n.days()).ok()?;
            dated(date_value(date), date)
        }
        Expr::Weekday { weekday, shift } => {
            let Some(a) = anchor else { return Some(partial("DATE", format!("XXXX-WXX-{weekday}"))) };
            let today = weekday_number(a.weekday()) as i64;
            let w = i64::from(*weekday);
            let delta = match (shift, tense) {
                (-1, _) => {
                    let back = (today - w).rem_euclid(7);
                    if back == 0 { -7 } else { -back }
                }
                (1, _) => {
                    let d = (w - today).rem_euclid(7);
                    if d == 0 { 7 } else { d }
                }
                (_, Tense::Future) => (w - today).rem_euclid(7),
                (_, Tense::Past) => -((today - w).rem_euclid(7)),
                // Unmarked: news tells what happened, so the last one,
                // unless the next is tomorrow.
                (_, Tense::Unknown) => {
                    let (back, ahead) = ((today - w).rem_euclid(7), (w - today).rem_euclid(7));
                    if ahead < back && ahead <= 1 { ahead } else { -back }
                }
            };
            let date = a.checked_add(delta.days()).ok()?;
            dated(date_value(date), date)
        }
        Expr::UnitRel { unit, shift } => {
            let a = anchor?;
            // `fighting over the weekend killed …` written on a weekday is
            // the weekend just gone, which ISO counts in last week.
            let past_weekend = unit == "WE" && *shift == 0 && tense == Tense::Past && weekday_number(a.weekday()) < 6;
            let shift = if past_weekend { &-1 } else { shift };
            let moved = shift_by(a, f64::from(shift.abs()), unit, i64::from(shift.signum()))?;
            let value = match unit.as_str() {
                "D" => date_value(moved),
                "WE" => format!("{}-WE", iso_week(moved)),
                other => offset_value(moved, other),
            };
            Normalized { date: (unit == "D").then_some(moved), ..plain("DATE", value) }
        }
        Expr::Offset { amount, unit, direction, from_anchor } => {
            let base = if *from_anchor { anchor } else { last.or(anchor) };
            match base {
                Some(b) => {
                    let date = shift_by(b, *amount, unit, i64::from(*direction))?;
                    Normalized { date: Some(date), ..plain("DATE", offset_value(date, unit)) }
                }
                None => partial("DATE", "XXXX-XX-XX".into()),
            }
        }
        Expr::Time { hour, minute, zone, date, .. } => match day_of(date.as_deref(), anchor, last, tense) {
            Some(d) => Normalized {
                kind: "TIME",
                value: format!("{}T{hour:02}:{minute:02}", date_value(d)),
                date: Some(d),
                zone: zone.clone(),
                clock: Some((d, *hour, *minute)),
                note: None,
            },
            None => Normalized { zone: zone.clone(), ..partial("TIME", format!("XXXX-XX-XXT{hour:02}:{minute:02}")) },
        },
        // `Wednesday evening` is `2000-01-05TEV`, but news corpora give
        // `Wednesday night` and `Friday morning` the day alone more often
        // than not (TimeBank and AQUAINT: 10 of 19 nights, 5 of 8
        // mornings, none of the evenings).
        Expr::Part { date: Some(d), part } if matches!(**d, Expr::Weekday { .. }) => {
            let n = normalize(d, anchor, last, tense)?;
            let with_part = n.date.is_some() && matches!(part.as_str(), "EV" | "AF");
            let value = if with_part { format!("{}T{part}", n.value) } else { n.value.clone() };
            Normalized { kind: "DATE", value, ..n }
        }
        Expr::Part { part, date } => match day_of(date.as_deref(), anchor, last, tense) {
            Some(d) => Normalized {
                kind: "TIME",
                value: format!("{}T{part}", date_value(d)),
                date: Some(d),
                ..plain("TIME", String::new())
            },
            None => partial("TIME", format!("XXXX-XX-XXT{part}")),
        },
        Expr::Duration { amount, unit } => {
            let n = match amount {
                None => "X".to_owned(),
                Some(a) if a.fract() == 0.0 => format!("{}", *a as i64),
                Some(a) => format!("{a}"),
            };
            // `5 1/2 hours` is PT5H30M: a fraction goes to the next unit down.
            let split = |a: f64, per: f64| ((a.trunc() as i64), ((a.fract() * per).round() as i64));
            let value = match (unit.as_str(), amount) {
                ("H", Some(a)) if a.fract() != 0.0 => {
                    let (h, m) = split(*a, 60.0);
                    format!("PT{h}H{m}M")
                }
                ("D", Some(a)) if a.fract() != 0.0 => {
                    let (d, h) = split(*a, 24.0);
                    format!("P{d}DT{h}H")
                }
                ("Y", Some(a)) if a.fract() != 0.0 => {
                    let (y, m) = split(*a, 12.0);
                    format!("P{y}Y{m}M")
                }
                _ => String::new(),
            };
            let value = if !value.is_empty() {
                value
            } else {
                match unit.as_str() {
                    "H" | "MIN" | "S" => format!("PT{n}{}", if unit == "MIN" { "M" } else { unit.as_str() }),
                    // Decades and centuries in years, as TimeML corpora write them.
                    "DE" | "CE" => match amount {
                        Some(a) => format!("P{}Y", (a * if unit == "DE" { 10.0 } else { 100.0 }) as i64),
                        None => format!("PX{unit}"),
                    },
                    other => format!("P{n}{other}"),
                }
            };
            plain("DURATION", value)
        }
        Expr::Set(value) => plain("SET", value.clone()),
        Expr::Reference(r) => plain("DATE", r.clone()),
        Expr::Year(y) => Normalized { date: make(*y, 1, 1), ..plain("DATE", format!("{y:04}")) },
        // `the 1990s`: TimeML corpora write `199X`.
        Expr::Decade(d) => plain("DATE", format!("{d:03}X")),
        Expr::Century(c) => plain("DATE", format!("{c:02}")),
        Expr::Quarter { quarter: 0, shift, .. } => {
            // `the quarter`: relative to the anchor's quarter.
            let a = anchor?;
            let moved = a.checked_add((i64::from(shift.unwrap_or(0)) * 3).months()).ok()?;
            plain("DATE", format!("{:04}-Q{}", moved.year(), (moved.month() - 1) / 3 + 1))
        }
        Expr::Quarter { quarter, year, shift } => {
            // A quarter without a year: this year's if it has begun, else
            // last year's.
            let y = year.or_else(|| {
                anchor.map(|a| {
                    let current = (a.month() as u32 - 1) / 3 + 1;
                    let y = i32::from(a.year()) + shift.unwrap_or(0);
                    if shift.is_none() && *quarter > current { y - 1 } else { y }
                })
            });
            match y {
                Some(y) => plain("DATE", format!("{y:04}-Q{quarter}")),
                None => partial("DATE", format!("XXXX-Q{quarter}")),
            }
        }
        Expr::YearQuarter { year, year_shift, quarter } => {
            let y = year.or_else(|| anchor.map(|a| i32::from(a.year()) + year_shift));
            let q = quarter.map_or("X".to_owned(), |q| q.to_string());
            match y {
                Some(y) => plain("DATE", format!("{y:04}-Q{q}")),
                None => partial("DATE", format!("XXXX-Q{q}")),
            }
        }
        Expr::Holiday { rule, year } => {
            // The written year's; else the occurrence the tense points to
            // among last year's, this year's and next year's.
            let years = match (year, anchor) {
                (Some(y), _) => vec![*y],
                (None, Some(a)) => vec![i32::from(a.year()) - 1, i32::from(a.year()), i32::from(a.year()) + 1],
                (None, None) => Vec::new(),
            };
            let dates: Vec<Date> = years.iter().flat_map(|&y| crate::holidays::dates_in(rule, y)).collect();
            let chosen = match (year, anchor) {
                (Some(_), _) | (None, None) => dates.first().copied(),
                (None, Some(a)) => {
                    let before = dates.iter().filter(|d| **d <= a).max().copied();
                    let after = dates.iter().filter(|d| **d >= a).min().copied();
                    let distance = |d: &Date| a.until(*d).map_or(i32::MAX, |s| s.get_days()).abs();
                    let nearest = dates.iter().min_by_key(|d| distance(d)).copied();
                    // As for month and day: within three months the nearest
                    // occurrence is meant (`a ceasefire for Eid was
                    // announced`), farther the tense decides.
                    match tense {
                        _ if nearest.as_ref().is_some_and(|d| distance(d) <= 90) => nearest,
                        Tense::Past => before.or(nearest),
                        Tense::Future => after.or(nearest),
                        Tense::Unknown => nearest,
                    }
                }
            };
            match chosen {
                Some(date) => dated(date_value(date), date),
                // No year to count from: a fixed day keeps its month and day.
                None if rule.len() == 5 && rule.as_bytes()[2] == b'-' => partial("DATE", format!("XXXX-{rule}")),
                None => partial("DATE", "XXXX-XX-XX".into()),
            }
        }
        Expr::Season { season, year, shift } => {
            let y = year.or_else(|| anchor.map(|a| i32::from(a.year()) + shift.unwrap_or(0)));
            match y {
                Some(y) => plain("DATE", format!("{y:04}-{season}")),
                None => partial("DATE", format!("XXXX-{season}")),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn year_less_dates_follow_the_tense() {
        let anchor = Some(d("2020-12-03"));
        let tenth = Expr::DayOnly(10);
        assert_eq!(normalize(&tenth, anchor, None, Tense::Past).unwrap().value, "2020-11-10");
        assert_eq!(normalize(&tenth, anchor, None, Tense::Future).unwrap().value, "2020-12-10");
        let third = Expr::DayOnly(3);
        assert_eq!(normalize(&third, anchor, None, Tense::Past).unwrap().value, "2020-12-03");
        let nov9 = Expr::Date { year: None, month: Some(11), day: Some(9), year_shift: None, lean: 0 };
        assert_eq!(normalize(&nov9, anchor, None, Tense::Past).unwrap().value, "2020-11-09");
        // Far from the anchor, the tense decides; near it, the nearest date.
        let may5 = Expr::Date { year: None, month: Some(5), day: Some(5), year_shift: None, lean: 0 };
        assert_eq!(normalize(&may5, anchor, None, Tense::Past).unwrap().value, "2020-05-05");
        assert_eq!(normalize(&may5, anchor, None, Tense::Future).unwrap().value, "2021-05-05");
        let jan5 = Expr::Date { year: None, month: Some(1), day: Some(5), year_shift: None, lean: 0 };
        assert_eq!(normalize(&jan5, anchor, None, Tense::Unknown).unwrap().value, "2021-01-05");
    }

    #[test]
    fn without_an_anchor_the_year_stays_unknown() {
        let n = normalize(
            &Expr::Date { year: None, month: Some(12), day: Some(3), year_shift: None, lean: 0 },
            None,
            None,
            Tense::Past,
        )
        .unwrap();
        assert_eq!(n.value, "XXXX-12-03");
        assert!(n.note.is_some());
    }

    #[test]
    fn relative_expressions() {
        let anchor = Some(d("1998-02-06")); // a Friday
        let v = |e: Expr| normalize(&e, anchor, None, Tense::Past).unwrap().value;
        assert_eq!(v(Expr::DayRel(-1)), "1998-02-05");
        assert_eq!(v(Expr::Weekday { weekday: 3, shift: 0 }), "1998-02-04");
        assert_eq!(v(Expr::Weekday { weekday: 5, shift: -1 }), "1998-01-30");
        assert_eq!(v(Expr::UnitRel { unit: "Y".into(), shift: -1 }), "1997");
        assert_eq!(v(Expr::UnitRel { unit: "W".into(), shift: 0 }), "1998-W06");
        assert_eq!(v(Expr::UnitRel { unit: "M".into(), shift: 1 }), "1998-03");
        assert_eq!(v(Expr::Offset { amount: 3.0, unit: "Y".into(), direction: -1, from_anchor: true }), "1995");
        assert_eq!(v(Expr::Duration { amount: Some(72.0), unit: "H".into() }), "PT72H");
        assert_eq!(v(Expr::Duration { amount: None, unit: "Y".into() }), "PXY");
    }
}
