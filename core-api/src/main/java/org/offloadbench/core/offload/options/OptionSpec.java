package org.offloadbench.core.offload.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One option a model accepts: its name, what values it takes, its default and what it does. Models declare
 * theirs ({@code OffloaderProvider.options()}), {@link ModelOptions#parse} checks given options against
 * them, {@code bench list} prints them and the module READMEs document them.
 *
 * @param name         the key, e.g. {@code startTimeoutMillis}
 * @param kind         whole number, one of a list, or free text
 * @param defaultValue the value used when the option is not given; null when there is none (the behaviour
 *                     is then in the description, e.g. "the JVM's ergonomic choice")
 * @param min          smallest whole number ({@link Kind#INTEGER} only)
 * @param max          largest whole number ({@link Kind#INTEGER} only)
 * @param choices      {@link Kind#CHOICE}: the valid values; {@link Kind#INTEGER}: words accepted besides a
 *                     number (e.g. {@code auto}); {@link Kind#TEXT}: empty
 * @param unit         the unit of a whole number, also the end of its name
 * @param description  one line: what the option does
 * @param pattern      {@link Kind#TEXT}: a regular expression the whole (trimmed) value must match; null = any
 * @param format       {@link Kind#TEXT} with a pattern: the valid form in words, for the error message
 * @param aliases      old names still accepted for this option (deprecated spellings)
 */
public record OptionSpec(String name, Kind kind, String defaultValue, long min, long max, List<String> choices,
                         OptionUnit unit, String description, String pattern, String format, List<String> aliases) {

    /** What values an option takes. */
    public enum Kind { INTEGER, CHOICE, TEXT }

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        aliases = List.copyOf(aliases);
        if (kind == Kind.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException(name + ": a choice needs its valid values");
        }
        if (kind == Kind.INTEGER && min > max) {
            throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
        }
        if (!unit.suffix().isEmpty() && !name.endsWith(unit.suffix())) {
            throw new IllegalArgumentException("option " + name + " is in " + unit.word() + ", so its name must end "
                    + "with " + unit.suffix());
        }
        if (pattern != null && format == null) {
            throw new IllegalArgumentException(name + ": a pattern needs its format in words");
        }
    }

    /** A whole number in {@code [min, max]}. */
    public static OptionSpec integer(String name, long defaultValue, long min, long max, OptionUnit unit,
                                     String description) {
        return new OptionSpec(name, Kind.INTEGER, Long.toString(defaultValue), min, max, List.of(), unit,
                description, null, null, List.of());
    }

    /** One of {@code choices}; matched without regard to case. */
    public static OptionSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new OptionSpec(name, Kind.CHOICE, defaultValue, 0, 0, choices, OptionUnit.NONE, description, null,
                null, List.of());
    }

    /** Free text (a path, JVM flags, a list of addresses the model parses itself). */
    public static OptionSpec text(String name, String defaultValue, String description) {
        return new OptionSpec(name, Kind.TEXT, defaultValue, 0, 0, List.of(), OptionUnit.NONE, description, null,
                null, List.of());
    }

    /** This option with another default (a whole number as text, a choice, or null for none). */
    public OptionSpec withDefault(String value) {
        return new OptionSpec(name, kind, value, min, max, choices, unit, description, pattern, format, aliases);
    }

    /** This whole-number option, also accepting {@code words} (e.g. {@code auto}) instead of a number. */
    public OptionSpec orWords(String... words) {
        requireKind(Kind.INTEGER, "orWords");
        return new OptionSpec(name, kind, defaultValue, min, max, List.of(words), unit, description, pattern, format,
                aliases);
    }

    /** This text option, valid only when the whole trimmed value matches {@code regex} ({@code format} in words). */
    public OptionSpec matching(String regex, String formatInWords) {
        requireKind(Kind.TEXT, "matching");
        Pattern.compile(regex); // a bad expression fails where it is declared
        return new OptionSpec(name, kind, defaultValue, min, max, choices, unit, description, regex, formatInWords,
                aliases);
    }

    /** This option, also accepted under an old name. */
    public OptionSpec withAlias(String oldName) {
        List<String> more = new ArrayList<>(aliases);
        more.add(oldName);
        return new OptionSpec(name, kind, defaultValue, min, max, choices, unit, description, pattern, format, more);
    }

    /**
     * Checks one given value.
     *
     * @return the value in its canonical form (trimmed; a choice or word in the spelling declared)
     * @throws IllegalArgumentException naming the model, the option, the valid values and the bad one
     */
    public String check(String model, String raw) {
        String text = raw == null ? "" : raw.trim();
        switch (kind) {
            case CHOICE -> {
                for (String c : choices) {
                    if (c.equalsIgnoreCase(text)) {
                        return c;
                    }
                }
                throw bad(model, "one of " + choices, raw);
            }
            case INTEGER -> {
                for (String w : choices) {
                    if (w.equalsIgnoreCase(text)) {
                        return w;
                    }
                }
                long value;
                try {
                    value = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw bad(model, integerRule(), raw);
                }
                if (value < min || value > max) {
                    throw bad(model, integerRule(), raw);
                }
                return Long.toString(value);
            }
            default -> {
                if (pattern != null && !Pattern.compile(pattern).matcher(text).matches()) {
                    throw bad(model, format, raw);
                }
                return text;
            }
        }
    }

    /** The valid values in a few words, for listings: {@code least-busy|round-robin}, {@code 1..1024 milliseconds}. */
    public String values() {
        return switch (kind) {
            case CHOICE -> String.join("|", choices);
            case INTEGER -> (choices.isEmpty() ? "" : String.join("|", choices) + "|") + min + ".." + max
                    + (unit == OptionUnit.NONE ? "" : " " + unit.word());
            case TEXT -> format != null ? format : "text";
        };
    }

    private String integerRule() {
        String words = choices.isEmpty() ? "" : String.join(" or ", choices) + " or ";
        String of = unit == OptionUnit.NONE ? "" : " of " + unit.word();
        return words + "a whole number" + of + " in " + min + ".." + max;
    }

    private IllegalArgumentException bad(String model, String rule, String raw) {
        return new IllegalArgumentException(model + ": option " + name + " must be " + rule + ", was '" + raw + "'");
    }

    private void requireKind(Kind wanted, String what) {
        if (kind != wanted) {
            throw new IllegalStateException(what + " applies to " + wanted.name().toLowerCase(Locale.ROOT)
                    + " options, not to " + name);
        }
    }
}
