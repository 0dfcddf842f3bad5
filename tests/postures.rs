//! The postures on the table, side by side: what each buys and what it gives up.

use airpolicing::montecarlo::{RunOptions, run};
use airpolicing::scenario::Scenario;

#[test]
fn quick_reaction_alert_alone_holds_its_alert_but_meets_almost_nothing_at_the_line() {
    // ukraine_qra: 24 fighters on alert in Poland and Romania and one E-3 orbit, against
    // ukraine's four standing CAP stations and 128 aircraft. The alert and the radar picture are
    // held; the violations near the line, probing 60-100 km and turning back, are gone before a
    // pair 800-1,000 km away can reach them. Tolerances: the shares are means of 8 replications.
    let opts = RunOptions::default().with_replications(8);
    let mean =
        |name: &str, s: &Scenario| run(s, &opts).unwrap().metric(name).map(|m| m.mean).unwrap();
    let qra = Scenario::load("ukraine_qra").unwrap();
    let cap = Scenario::load("ukraine").unwrap();
    let aircraft = |s: &Scenario| s.squadrons.iter().map(|q| q.aircraft_count).sum::<u32>();
    assert!(aircraft(&qra) * 4 <= aircraft(&cap));
    assert!(mean("qra_coverage", &qra) >= 0.99);
    let met_qra = mean("intercept_within_target", &qra);
    let met_cap = mean("intercept_within_target", &cap);
    assert!(met_qra < 0.05, "{met_qra}");
    assert!(met_cap > 0.5, "{met_cap}");
}
