package org.offloadbench.reports.read;

/**
 * One line of {@code load/index.json}: the two interval logs of one open-loop step.
 *
 * @param model           model name
 * @param workload        workload id
 * @param ratePercent     target rate as a percentage of the measured maximum
 * @param targetRate      target rate in ops/s
 * @param correctedFile   log timed from the scheduled send time, relative to the results folder
 * @param uncorrectedFile log timed from the actual send time, relative to the results folder
 * @param valueUnit       unit of the recorded values (ns, us or ms); ns when absent (HdrHistogram's habit)
 */
public record LoadLogEntry(String model, String workload, double ratePercent, double targetRate,
                           String correctedFile, String uncorrectedFile, String valueUnit) {
}
