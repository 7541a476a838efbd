package org.offloadbench.core.measure.cpu;

/**
 * The fields of one {@code /proc/<pid>/stat} line that CPU accounting needs. Times are in clock ticks
 * ({@code USER_HZ}, 100 a second on every mainstream Linux): user and system time of the process itself and
 * of its children that it has waited for (a reaped child's whole life moves into its parent's
 * {@code cutime}/{@code cstime}).
 *
 * @param pid          process id
 * @param ppid         parent's process id
 * @param comm         the command name (what stands between the parentheses)
 * @param utimeTicks   user time of the process itself
 * @param stimeTicks   system (kernel) time of the process itself
 * @param cutimeTicks  user time of its reaped children
 * @param cstimeTicks  system time of its reaped children
 */
public record ProcStat(long pid, long ppid, String comm, long utimeTicks, long stimeTicks, long cutimeTicks,
                       long cstimeTicks) {

    /** Fields after the command name: state is the 3rd field of the line, utime the 14th. */
    private static final int STATE = 0;
    private static final int PPID = 1;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int CUTIME = 13;
    private static final int CSTIME = 14;

    /**
     * Parses one stat line. The command name may hold spaces and parentheses, so it ends at the last ')'.
     *
     * @throws IllegalArgumentException when the line is not a stat line (the message quotes its start)
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + abbreviate(line));
        }
        String[] rest = line.substring(close + 1).trim().split("\\s+");
        if (rest.length <= CSTIME) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line with " + (rest.length + 2)
                    + " fields, 17 or more expected: " + abbreviate(line));
        }
        try {
            return new ProcStat(Long.parseLong(line.substring(0, open).trim()), Long.parseLong(rest[PPID]),
                    line.substring(open + 1, close), Long.parseLong(rest[UTIME]), Long.parseLong(rest[STIME]),
                    Long.parseLong(rest[CUTIME]), Long.parseLong(rest[CSTIME]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line with a non-numeric field (state "
                    + rest[STATE] + "): " + abbreviate(line), e);
        }
    }

    /** Own plus reaped children's time, in ticks. */
    public long userTicksWithChildren() {
        return utimeTicks + cutimeTicks;
    }

    public long systemTicksWithChildren() {
        return stimeTicks + cstimeTicks;
    }

    private static String abbreviate(String line) {
        String one = line.strip();
        return one.length() <= 80 ? one : one.substring(0, 80) + "...";
    }
}
