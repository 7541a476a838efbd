/**
 * Model options, declared once and parsed one way: an {@link org.offloadbench.core.offload.options.OptionSpec}
 * per option (name, kind, default, range or choices, unit, description), and
 * {@link org.offloadbench.core.offload.options.ModelOptions} to check given options against them. Providers
 * expose their specs through {@code OffloaderProvider.options()}, so the runner validates
 * {@code --model-option} and variant rows before any suite starts, and {@code bench list} prints them.
 */
package org.offloadbench.core.offload.options;
