package org.offloadbench.hazelcast;

import org.offloadbench.core.offload.options.OptionUnit;
import org.offloadbench.core.offload.options.OptionSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.offloadbench.core.offload.OffloaderConfig;

/**
 * The options of {@code cluster/hazelcast}.
 *
 * @param members            {@code host:port,...} of members started elsewhere (then none is started here and
 *                           {@code workers} is how many of them to use); empty = start {@code workers} members
 *                           on this machine
 * @param clusterName        the cluster to join; empty = a random name per offloader, so runs never mix
 * @param memberHeap         -Xms/-Xmx of each member JVM started here
 * @param retry              whether a task whose member died under it runs once more on another member
 * @param startTimeoutMillis how long a member may take to start and join
 * @param abandonGraceMillis how long a cancelled or timed-out task may take to return before its member is
 *                           killed and replaced
 */
record HazelcastSettings(List<String> members, String clusterName, String memberHeap, boolean retry,
                         long startTimeoutMillis, long abandonGraceMillis) {
    static final String MODEL = HazelcastOffloader.NAME;
    static final Set<String> KEYS = Set.of("members", "clusterName", "memberHeap", "retry", "startTimeoutMillis",
            "abandonGraceMillis");

    /** What {@code bench list} prints and the runner checks; {@link #from} applies the same rules. */
    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.text("members", null, "host:port,... of members started elsewhere (needs clusterName); "
                    + "none = start one member per worker here"),
            OptionSpec.text("clusterName", null, "the cluster to join; none = a random name per offloader"),
            OptionSpec.text("memberHeap", "256m", "-Xms/-Xmx of each member JVM started here"),
            OptionSpec.choice("retry", "true", List.of("true", "false"),
                    "run a task once more on another member when its member died under it"),
            OptionSpec.integer("startTimeoutMillis", 90_000, 1_000, 600_000, OptionUnit.MILLIS,
                    "how long a member may take to start and join"),
            OptionSpec.integer("abandonGraceMillis", 500, 10, 60_000, OptionUnit.MILLIS,
                    "how long a cancelled or timed-out task may take to return before its member is replaced"));

    static HazelcastSettings from(OffloaderConfig config) {
        config.requireOnly(MODEL, KEYS);
        String membersText = config.option("members", "").trim();
        List<String> members = membersText.isEmpty() ? List.of()
                : Arrays.stream(membersText.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String m : members) {
            int colon = m.lastIndexOf(':');
            if (colon <= 0 || colon == m.length() - 1 || !m.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException(MODEL + ": option members must be host:port,..., got '" + m + "'");
            }
        }
        String heap = config.option("memberHeap", "256m");
        if (!heap.matches("[0-9]+[kKmMgG]?")) {
            throw new IllegalArgumentException(MODEL + ": option memberHeap must be a JVM size like 256m or 1g, was '"
                    + heap + "'");
        }
        String retryText = config.option("retry", "true");
        if (!retryText.equals("true") && !retryText.equals("false")) {
            throw new IllegalArgumentException(MODEL + ": option retry must be true or false, was '" + retryText + "'");
        }
        return new HazelcastSettings(members, config.option("clusterName", "").trim(), heap,
                Boolean.parseBoolean(retryText),
                config.longOption(MODEL, "startTimeoutMillis", 90_000, 1_000, 600_000),
                config.longOption(MODEL, "abandonGraceMillis", 500, 10, 60_000));
    }
}
