use airpolicing::scenario::Scenario;
use airpolicing::sim::{Model, simulate_observed, trace::Recorder};
fn main() {
    let name = std::env::args().nth(1).unwrap_or("textbook".into());
    let n: usize = std::env::args()
        .nth(2)
        .map(|x| x.parse().unwrap())
        .unwrap_or(0);
    let s = Scenario::load(&name).unwrap();
    let m = Model::new(&s);
    let mut rec = Recorder::default();
    let t0 = std::time::Instant::now();
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        simulate_observed(&m, 1, 0, &mut rec)
    }));
    let Ok(r) = r else {
        for e in rec.events.iter().rev().take(n).rev() {
            println!(
                "{:8.3} {:15} {:2} {:16} {:9.1} {:?}",
                e.time_h, e.squadron, e.tail, e.event, e.fuel_kg, e.task
            );
        }
        return;
    };
    eprintln!("{:?} events {}", t0.elapsed(), r.events);
    for (k, v) in m.names().0.iter().zip(&r.values) {
        println!("{k:45} {v:.6}");
    }
    for e in rec.events.iter().take(n) {
        println!(
            "{:8.3} {:15} {:2} {:16} {:9.1} {:?}",
            e.time_h, e.squadron, e.tail, e.event, e.fuel_kg, e.task
        );
    }
}
