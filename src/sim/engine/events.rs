//! The events of a replication and the one table that orders events at the same time.
//!
//! **Ordering rule.** The calendar fires events in increasing time; events at the same time in
//! increasing [`Ev::priority`]; events with the same time and priority in the order they were
//! scheduled. The priorities, lowest first:
//!
//! | priority | events | why |
//! | --- | --- | --- |
//! | 0 | `AvailUp`, `Ready`, `CrewRested`, `RegenDone`, `HoursEdge`, `SiteReloaded`, `SiteHome`, `SiteWeather` | an aircraft that becomes available, and a change of what is required, are seen by every decision at that time |
//! | 1 | `Arrive`, `BackOnStation` | an arrival counts before anyone decides to leave |
//! | 2 | `LaunchDone`, `ReachTanker`, `HookupDone`, `Cross`, `Respond`, `ScrambleAirborne`, `Intercept`, `ShadowDone`, `SiteFires` | other movements, and the violations |
//! | 3 | `Bingo`, `Refuel`, `Failure` | departures, after the arrivals that relieve them |
//! | 4 | `Landed` | |
//! | 5 | `ReliefDue` | a relief decision sees every arrival, departure and landing of its time |
//! | 6 | `AvailDown` | a breakdown comes last, so an aircraft is not lost to a tie |
//!
//! Timers that can be cancelled (`Bingo`, `Failure`, `RegenDone`, `AvailDown` of an aircraft,
//! `Refuel` of a station, `ReliefDue` of a relief group) carry the key they were armed with; an
//! event whose key is no longer its owner's current key is stale and is dropped (see
//! `Rep::is_live`).

/// An event, naming the aircraft, group, post or violation it concerns. `u32` fields keep the
/// calendar's records small.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Ev {
    /// An aircraft's availability clock comes up (`mc_rate` model).
    AvailUp { ac: u32 },
    /// An aircraft is ready after turnaround, repair or inspection.
    Ready { ac: u32 },
    /// A crew of a squadron is rested (squadrons with crews).
    CrewRested { sq: u32 },
    /// An aircraft being put on alert is on alert.
    RegenDone { ac: u32, key: u32 },
    /// A part-day post becomes required or stops being required.
    HoursEdge { post: u32 },
    /// An aircraft reaches its post from base.
    Arrive { ac: u32 },
    /// An aircraft is back on its post from the tanker or an intercept.
    BackOnStation { ac: u32 },
    /// An aircraft is airborne after start, taxi and take-off.
    LaunchDone { ac: u32 },
    /// An aircraft reaches its tanker track.
    ReachTanker { ac: u32 },
    /// An aircraft has taken its fuel.
    HookupDone { ac: u32 },
    /// An aircraft must leave its post (fuel or crew limit).
    Bingo { ac: u32, key: u32 },
    /// The next member of a CAP station is due to leave for the tanker.
    Refuel { post: u32, key: u32 },
    /// An aircraft breaks down in the air.
    Failure { ac: u32, key: u32 },
    /// An aircraft lands at its base (or a diversion).
    Landed { ac: u32 },
    /// A relief group's relief is due to launch.
    ReliefDue { group: u32, key: u32 },
    /// An aircraft's availability clock goes down (`mc_rate` model).
    AvailDown { ac: u32, key: u32 },
    /// A violator crosses the front.
    Cross { violation: u32 },
    /// The response to a detected violator is ordered.
    Respond { violation: u32 },
    /// The scrambled QRA element is airborne.
    ScrambleAirborne { violation: u32 },
    /// The responders meet the violator.
    Intercept { violation: u32 },
    /// The responders stop shadowing.
    ShadowDone { violation: u32 },
    /// An air-defence site fires at a violator.
    SiteFires { violation: u32, site: u32 },
    /// An air-defence site has reloaded.
    SiteReloaded { site: u32 },
    /// A moving air-defence team is back at its base.
    SiteHome { site: u32 },
    /// The weather at an air-defence site changes.
    SiteWeather { site: u32 },
}

impl Ev {
    /// The order of events at equal times, lowest first (the table in the module notes).
    pub(super) fn priority(&self) -> u8 {
        match self {
            Ev::AvailUp { .. }
            | Ev::Ready { .. }
            | Ev::CrewRested { .. }
            | Ev::RegenDone { .. }
            | Ev::HoursEdge { .. }
            | Ev::SiteReloaded { .. }
            | Ev::SiteHome { .. }
            | Ev::SiteWeather { .. } => 0,
            Ev::Arrive { .. } | Ev::BackOnStation { .. } => 1,
            Ev::LaunchDone { .. } | Ev::ReachTanker { .. } | Ev::HookupDone { .. } => 2,
            Ev::Cross { .. }
            | Ev::Respond { .. }
            | Ev::ScrambleAirborne { .. }
            | Ev::Intercept { .. }
            | Ev::ShadowDone { .. }
            | Ev::SiteFires { .. } => 2,
            Ev::Bingo { .. } | Ev::Refuel { .. } | Ev::Failure { .. } => 3,
            Ev::Landed { .. } => 4,
            Ev::ReliefDue { .. } => 5,
            Ev::AvailDown { .. } => 6,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrivals_come_before_departures_and_relief_decisions_and_breakdowns_last() {
        let p = |e: Ev| e.priority();
        assert!(p(Ev::Ready { ac: 0 }) < p(Ev::Arrive { ac: 0 }));
        assert!(p(Ev::Arrive { ac: 0 }) < p(Ev::Bingo { ac: 0, key: 0 }));
        assert!(p(Ev::Bingo { ac: 0, key: 0 }) < p(Ev::Landed { ac: 0 }));
        assert!(p(Ev::Landed { ac: 0 }) < p(Ev::ReliefDue { group: 0, key: 0 }));
        assert!(p(Ev::ReliefDue { group: 0, key: 0 }) < p(Ev::AvailDown { ac: 0, key: 0 }));
        // The calendar's key has three bits for the priority.
        assert!(p(Ev::AvailDown { ac: 0, key: 0 }) < 8);
    }
}
