package org.offloadbench.reports.read;

/**
 * One line of {@code hiccup/index.json}.
 *
 * @param model     model name, or {@code baseline-idle}
 * @param workload  workload that saturated the model
 * @param file      interval log, relative to the results folder
 * @param valueUnit unit of the recorded values (ns, us or ms); ns when absent (jHiccup's habit)
 */
public record HiccupLogEntry(String model, String workload, String file, String valueUnit) {
}
