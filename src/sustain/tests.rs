use super::*;
use crate::scenario::bundled;

/// The textbook scenario with sustainment figures for its fighter: `life`, `programme` FH a
/// year and `ratio` crews per aircraft; one seat, $7,000 and $28,000 a flight hour.
fn textbook(life: f64, programme: f64, ratio: f64) -> Scenario {
    let text = bundled("textbook").unwrap().replace(
        "receptacle = \"none\"",
        &format!(
            "receptacle = \"none\"\nsustainment = {{ fatigue_life_fh = {life}, fh_per_year = {programme}, crew_seats = 1, crew_ratio = {ratio}, cost_per_fh_narrow_usd = 7000, cost_per_fh_full_usd = 28000 }}"
        ),
    );
    Scenario::from_toml_str(&text, "textbook-sustained").unwrap()
}

/// The textbook rotation's flying, from its closed form: 6 aircraft, 24 sorties a day of
/// 2.5 h on station and 2 × 0.5 h in transit, so 84 flight hours a day.
const TEXTBOOK: Flying = Flying {
    deployed: 6,
    sorties_per_day: 24.0,
    flight_hours_per_day: 84.0,
};

#[test]
fn the_textbook_account_matches_the_hand_computed_figures() {
    let a = Account::new(&textbook(8000.0, 250.0, 1.5), &[TEXTBOOK], "by hand");
    let s = &a.squadrons[0];
    // 84 FH a day × 365.25 = 30,681 FH a year; no training.
    assert_eq!(s.mission_fh_per_year, 30_681.0);
    assert_eq!(s.fh_per_year, 30_681.0);
    assert_eq!(s.fh_per_deployed_airframe, 30_681.0 / 6.0);
    // Rotation at the default 1:3: 6 × 4 = 24.
    assert_eq!(s.pool_rotation, 24);
    // Hours: 30,681 / 250 = 122.7 → 123 airframes.
    assert_eq!(s.pool_hours, 123);
    // Aircrew: a 3.5 h sortie with 3 h of duty around it is a 6.5 h duty; one duty per
    // 6.5 + 12 h allows 0.77 a day, five a week 0.71, so 7/5 = 1.4 crews per daily sortie:
    // 24 × 1.4 = 33.6 at once, × 4 for rotation / 1.5 per aircraft = 89.6 → 90.
    assert!((s.sortie_h - 3.5).abs() < 1e-12);
    assert!((s.crew_needed - 33.6).abs() < 1e-9);
    assert_eq!(s.pool_aircrew, 90);
    // Life: 30,681 × 3 years / 8,000 = 11.5 → 12.
    assert_eq!(s.pool_life, 12);
    assert_eq!((s.committed, s.binds), (123, Binds::AirframeHours));
    assert!((s.fh_per_committed_airframe - 30_681.0 / 123.0).abs() < 1e-9);
    assert!((s.life_years_committed.unwrap() - 8000.0 * 123.0 / 30_681.0).abs() < 1e-9);
    assert!((s.crew_committed - 1.5 * 123.0).abs() < 1e-12);
    assert_eq!(s.cost_narrow_usd, 30_681.0 * 7000.0);
    assert_eq!(s.cost_full_usd, 30_681.0 * 28000.0);
    // Six-month tours over three years: six of them.
    assert_eq!(s.tours, 6.0);
    assert_eq!(
        (a.deployed, a.committed, a.binds),
        (6, 123, Binds::AirframeHours)
    );
    assert!(!s.over_crew_day);
    let words = lines(&a).join("\n");
    assert!(
        words.contains("What binds first is airframe hours"),
        "{words}"
    );
    assert!(
        words.contains("commits 123 aircraft, not the 6 deployed"),
        "{words}"
    );
    assert!(words.contains("30,681 flight hours a year"), "{words}");
    assert!(
        words.contains("$215 million to $859 million a year"),
        "{words}"
    );
}

#[test]
fn when_rotation_binds_the_committed_force_is_deployed_times_one_plus_dwell_exactly() {
    // A programme and crews generous enough that only rotation is left: 8,000 FH a year
    // (4 airframes), 10 crews per aircraft (33.6 × 4 / 10 → 14), a 20,000 FH life (5).
    let mut s = textbook(20_000.0, 8000.0, 10.0);
    for dwell in [0.0, 1.0, 2.0, 3.0, 5.0] {
        s.file.sustainment.dwell_ratio = dwell;
        let a = Account::new(&s, &[TEXTBOOK], "by hand");
        let want = 6 * (1 + dwell as u32);
        assert_eq!(a.committed.max(14), want.max(14), "dwell {dwell}");
        if want >= 14 {
            assert_eq!(
                (a.committed, a.binds),
                (want, Binds::Rotation),
                "dwell {dwell}"
            );
        }
    }
}

#[test]
fn training_adds_the_programme_share_of_each_deployed_aircraft() {
    let mut s = textbook(8000.0, 250.0, 1.5);
    s.file.squadrons[0].training_share = Some(0.5);
    let a = Account::new(&s, &[TEXTBOOK], "by hand");
    assert_eq!(a.squadrons[0].training_fh_per_year, 0.5 * 250.0 * 6.0);
    assert_eq!(a.fh_per_year, 30_681.0 + 750.0);
}

#[test]
fn aircraft_beyond_the_line_are_a_share_of_the_largest_pool_rounded_up() {
    // The textbook account by hand: the airframe-hours pool of 123 binds. A backup share of 0.3
    // keeps ceil(123 × 0.3) = ceil(36.9) = 37 aircraft beyond the line: 160 committed.
    let mut s = textbook(8000.0, 250.0, 1.5);
    let plain = Account::new(&s, &[TEXTBOOK], "by hand");
    assert_eq!((plain.committed, plain.backup), (123, 0));
    s.file.squadrons[0].backup_share = Some(0.3);
    let a = Account::new(&s, &[TEXTBOOK], "by hand");
    assert_eq!(a.squadrons[0].backup, 37);
    assert_eq!((a.committed, a.backup), (160, 37));
    assert_eq!(a.binds, plain.binds);
    assert!(
        lines(&a)
            .iter()
            .any(|l| l.contains("37 aircraft are kept beyond it")),
        "{:?}",
        lines(&a)
    );
}

/// Baltic's detachment holding its alert and flying nothing: no training counted, no sortie.
fn baltic_on_the_ground() -> (Scenario, Flying) {
    let mut s = crate::scenario::Scenario::load("baltic").unwrap();
    s.file.squadrons[0].training_share = None;
    let quiet = Flying {
        deployed: 4,
        sorties_per_day: 0.0,
        flight_hours_per_day: 0.0,
    };
    (s, quiet)
}

#[test]
fn alerts_need_crews_for_every_shift_and_a_too_long_sortie_is_noted() {
    let (s, quiet) = baltic_on_the_ground();
    let a = Account::new(&s, &[quiet], "by hand");
    // Two aircraft on alert, two 12 h shifts a day each, 1.4 crews per daily duty: 5.6.
    assert!((a.crew_needed - 5.6).abs() < 1e-9, "{}", a.crew_needed);
    assert_eq!(a.squadrons[0].life_years_deployed, None);
    let long = Flying {
        deployed: 6,
        sorties_per_day: 2.0,
        flight_hours_per_day: 20.0,
    };
    let a = Account::new(&textbook(8000.0, 250.0, 1.5), &[long], "by hand");
    // 20 flight hours in 2 sorties: 10 h each, 13 h with the duty around them.
    assert!(a.squadrons[0].over_crew_day);
    let words = lines(&a).join(" ");
    assert!(words.contains("longer than the 12 h crew day"), "{words}");
    assert!(words.contains("1 Sqn 10.0 h"), "{words}");
}

#[test]
fn a_type_without_figures_is_left_out_and_said_so() {
    let text = bundled("textbook").unwrap();
    let s = Scenario::from_toml_str(text, "t").unwrap();
    let a = Account::new(&s, &[TEXTBOOK], "by hand");
    assert!(a.squadrons.is_empty());
    assert_eq!(a.left_out, ["1 Sqn"]);
    assert!(lines(&a)[0].contains("no account"));
}

proptest::proptest! {
    #[test]
    fn the_committed_force_is_never_below_the_deployed_one(
        deployed in 0u32..200,
        sorties in 0.0f64..200.0,
        fh in 0.0f64..2000.0,
        dwell in 0.0f64..6.0,
        programme in 100.0f64..1000.0,
    ) {
        let mut s = textbook(8000.0, programme, 1.5);
        s.file.sustainment.dwell_ratio = dwell;
        let a = Account::new(&s, &[Flying { deployed, sorties_per_day: sorties, flight_hours_per_day: fh }], "p");
        proptest::prop_assert!(a.committed >= deployed);
        proptest::prop_assert!(a.committed >= a.squadrons[0].pool_hours);
        proptest::prop_assert!(a.squadrons[0].fh_per_committed_airframe <= programme * (1.0 + 1e-12) || a.committed == 0);
    }
}

proptest::proptest! {
    /// Sizing with a flying-hour budget never answers fewer aircraft: a tighter yearly programme
    /// (fewer hours allowed per airframe) never commits fewer aircraft than a looser one, and
    /// never fewer than the force that holds the line.
    #[test]
    fn a_tighter_flying_hour_budget_never_commits_fewer_aircraft(
        deployed in 0u32..200,
        sorties in 0.0f64..200.0,
        fh in 0.0f64..2000.0,
        loose in 100.0f64..1000.0,
        tighten in 0.1f64..1.0,
    ) {
        let flying = [Flying { deployed, sorties_per_day: sorties, flight_hours_per_day: fh }];
        let a = Account::new(&textbook(8000.0, loose, 1.5), &flying, "p");
        let b = Account::new(&textbook(8000.0, loose * tighten, 1.5), &flying, "p");
        proptest::prop_assert!(b.committed >= a.committed);
        proptest::prop_assert!(b.committed >= deployed);
    }
}

#[test]
fn with_rules_sets_the_horizon_and_every_squadrons_dwell() {
    let s = textbook(8000.0, 250.0, 1.5);
    let mut own = s.clone();
    own.file.squadrons[0].dwell_ratio = Some(1.0);
    let t = with_rules(&own, Some(5.0), Some(2.0)).unwrap();
    assert_eq!(t.file.sustainment.horizon_years, 5.0);
    assert_eq!(t.file.squadrons[0].dwell_ratio, None);
    let a = Account::new(&t, &[TEXTBOOK], "by hand");
    assert_eq!(a.squadrons[0].dwell_ratio, 2.0);
    assert_eq!(a.pool_rotation, 3 * TEXTBOOK.deployed);
    let e = with_rules(&s, Some(-1.0), None).unwrap_err().to_string();
    assert!(e.contains("horizon_years"), "{e}");
}

#[test]
fn a_squadrons_own_crews_replace_its_types_crew_ratio() {
    let mut s = textbook(8000.0, 250.0, 1.5);
    s.file.squadrons[0].crews = Some(12);
    let a = Account::new(&s, &[TEXTBOOK], "by hand");
    // 12 crews for 6 aircraft: 2 a seat-aircraft, 12 held deployed.
    assert!((a.squadrons[0].crew_held - 12.0).abs() < 1e-12);
    s.file.squadrons[0].crews = None;
    s.file.squadrons[0].crew_ratio = Some(3.0);
    let a = Account::new(&s, &[TEXTBOOK], "by hand");
    assert!((a.squadrons[0].crew_held - 18.0).abs() < 1e-12);
}

#[test]
fn a_squadron_that_never_flew_is_said_to_and_why() {
    // Baltic's detachment only holds its alert; with no training and no scramble it flies
    // nothing, and the account says why its hours and costs are nothing.
    let (mut s, quiet) = baltic_on_the_ground();
    let a = Account::new(&s, &[quiet], "by hand");
    assert_eq!(a.squadrons[0].fh_per_year, 0.0);
    let words = lines(&a).join(" ");
    assert!(
        words.contains(
            "Flew no hours in the simulated replications: BAP detachment held its alert on the \
             ground and was never scrambled."
        ),
        "{words}"
    );
    // Flying in training, it is not idle.
    s.file.squadrons[0].training_share = Some(1.0);
    let words = lines(&Account::new(&s, &[quiet], "by hand")).join(" ");
    assert!(!words.contains("Flew no hours"), "{words}");
    // A squadron with neither alert nor sorties was never sent.
    let t = textbook(8000.0, 250.0, 1.5);
    let words = lines(&Account::new(&t, &[quiet], "by hand")).join(" ");
    assert!(
        words.contains("1 Sqn was never sent on a sortie"),
        "{words}"
    );
}

#[test]
fn an_airframe_over_its_programme_by_less_than_an_hour_is_not_said_to_be_over() {
    // Baltic's detachment flies its 250 h programme in training and a few minutes of scrambles
    // a year: not "250 h against 250".
    let s = crate::scenario::Scenario::load("baltic").unwrap();
    let scrambles = |fh_per_day: f64| Flying {
        deployed: 4,
        sorties_per_day: 0.001,
        flight_hours_per_day: fh_per_day,
    };
    let a = Account::new(&s, &[scrambles(0.001)], "by hand");
    assert!(a.squadrons[0].fh_per_deployed_airframe > a.squadrons[0].budget_fh_per_airframe);
    let words = lines(&a).join(" ");
    assert!(
        words.contains("Every deployed airframe stays within"),
        "{words}"
    );
    // Four hours a year over each airframe is said.
    let words = lines(&Account::new(&s, &[scrambles(0.05)], "by hand")).join(" ");
    assert!(
        words.contains("BAP detachment 255 h against 250"),
        "{words}"
    );
}

#[test]
fn a_fatigue_life_beyond_a_century_is_said_as_over_100_years() {
    // 8,000 h of fatigue life at 250 h a year lasts 32 years; at 40 h a year, 200 years, which
    // no plan reaches: the tables say "over 100", not a figure to plan by.
    assert_eq!(life_years(Some(8000.0 / 250.0)), "32.0");
    assert_eq!(life_years(Some(8000.0 / 40.0)), "over 100");
    assert_eq!(life_years(Some(100.0)), "100.0");
    assert_eq!(life_years(None), "—");
}
