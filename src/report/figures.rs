//! The words under each chart of a report: how to read it, for a reader who has not met the
//! chart before. Each chart carries its own title; the caption says what its marks mean.

/// How to read the chart written to `file` (`map.svg`, `sizing-2.svg`, …).
pub(super) fn reading(file: &str) -> &'static str {
    let stem = file.trim_end_matches(".svg");
    match stem {
        "map" => {
            "Where everything is: the front the violators cross, the bases, the CAP stations the \
             fighters patrol, the tanker tracks where they take fuel, the AEW&C orbits, and how \
             far each radar sees. Read distances with the scale bar: the projection keeps them \
             true from the centre of the theatre and close to true across it."
        }
        "timeline" => {
            "One day of one replication, after the warm-up: for each CAP station, tanker track \
             and AEW&C orbit, the aircraft on it (solid) against the number it needs (dashed). \
             A dip below the dashed line is time the post was short, which the coverage \
             figures count against it; a bump above it is a relief arriving before the aircraft it relieves \
             leaves. A fighter taking fuel from a tanker inside its station's area still counts \
             on the station, as in the figures."
        }
        "raid" => {
            "One raid of one replication, a row per raider in the order they crossed: each line \
             runs from its crossing to what became of it. A filled dot is a raider shot down (in \
             the colour of the layer that shot it), a hollow dot one met and not shot (a decoy, \
             or an intruder shadowed), a red cross at the right edge one that got through."
        }
        "kills" => {
            "Of the violators shot down, the share each layer of the defence shot: the fighters \
             and each air-defence site or team, the mean over all replications."
        }
        "response" => {
            "Above, how many intercepts took each number of minutes from the violator crossing \
             the front, pooled over all replications; below, the share of all violations met \
             within each time (it stops short of 100 % by the violations never met). Where the \
             scenario sets a target response time, a red line marks it: the lower curve's \
             height there is the share met in time."
        }
        "squadrons" => {
            "What each squadron flies on an average day: sorties and flight hours, the mean over \
             all replications: the missions flown, not the training that the sustainment \
             account adds. A squadron that only holds a QRA alert flies a mission only when it \
             is scrambled. Flight hours are what wear out airframes and aircrew over the years."
        }
        "sizing-force" => {
            "The whole-force search step by step: for each total of aircraft it passed through, \
             the share of replications in which that mix met every target (the band is its 95 % \
             interval). The red line is the confidence asked for; the answer is the smallest \
             total on or above it."
        }
        s if s.starts_with("sizing-") => {
            "Each count of this squadron that was tried, the other squadrons as given, against \
             the share of replications that met every target (the band is its 95 % interval). \
             The red line is the confidence asked for; the answer is the smallest count on or \
             above it."
        }
        "sweep" => {
            "Above, each point of the study with its fleets as given: the share of its \
             replications meeting every target (the band is its 95 % interval). Below, when the \
             points were sized, the fewest aircraft in all that meet the standard with the \
             confidence there; a point with no mark below had no answer within the search's \
             limit."
        }
        "tornado" => {
            "Each main parameter lowered (blue) and raised (orange): the dots are the fewest \
             aircraft in all that meet the standard at each end, the dashed line the number for \
             the scenario as given, and the grey bar the distance between the ends. The longest \
             bars, on top, are the parameters the answer depends on most; a lone dot is a \
             parameter whose two ends need the same fleet."
        }
        _ => "",
    }
}
