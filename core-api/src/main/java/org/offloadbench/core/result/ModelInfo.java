package org.offloadbench.core.result;

import org.offloadbench.core.offload.ModelTraits;

/**
 * A model as the run saw it, recorded in {@code run.json} so the report can draw the trade-off matrix
 * and explain absent models without depending on any model module.
 *
 * @param name        model name
 * @param description one line
 * @param available   whether it could run here
 * @param reason      why not, when unavailable
 * @param traits      its qualitative trade-offs
 */
public record ModelInfo(String name, String description, boolean available, String reason, ModelTraits traits) {
}
