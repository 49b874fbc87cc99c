package org.sasim.workloads.spec;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses quantities with units as users write them in workloads: byte sizes and bandwidths. */
final class Quantity {
    private static final Pattern NUMBER_UNIT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z/]*)\\s*");

    private Quantity() {
    }

    /** Outcome of a parse: a value, or a message saying what is wrong. */
    record Parsed(double value, String error) {
        static Parsed ok(double v) {
            return new Parsed(v, null);
        }

        static Parsed bad(String e) {
            return new Parsed(Double.NaN, e);
        }
    }

    /**
     * A byte size: {@code 64KiB}, {@code 1.5 MiB}, {@code 2GiB}, {@code 512B}. Decimal units (kB, MB) are
     * refused rather than guessed, because SCALE-Sim's "kB" means 1024 bytes and SI's means 1000.
     */
    static Parsed bytes(String text) {
        Matcher m = NUMBER_UNIT.matcher(text);
        if (!m.matches()) {
            return Parsed.bad("expected a size such as 65536, 64KiB or 1MiB");
        }
        double n = new BigDecimal(m.group(1)).doubleValue();
        String unit = m.group(2);
        long scale = switch (unit) {
            case "", "B" -> 1;
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            default -> -1;
        };
        if (scale < 0) {
            String u = unit.toLowerCase(Locale.ROOT);
            if (u.equals("kb") || u.equals("mb") || u.equals("gb") || u.equals("k") || u.equals("m")) {
                return Parsed.bad("ambiguous unit '" + unit + "': write KiB/MiB/GiB (powers of 1024) or plain bytes");
            }
            return Parsed.bad("unknown size unit '" + unit + "' (use B, KiB, MiB or GiB)");
        }
        double v = n * scale;
        if (v != Math.rint(v)) {
            return Parsed.bad("a size must be a whole number of bytes");
        }
        return Parsed.ok(v);
    }

    /** A bandwidth: {@code 34GB/s} (needs the clock) or {@code 16 B/cycle}; returns bytes per cycle. */
    static Parsed bandwidth(String text, double clockGHz) {
        Matcher m = NUMBER_UNIT.matcher(text);
        if (!m.matches()) {
            return Parsed.bad("expected bytes per cycle (a number), or a rate such as 34GB/s or 16B/cycle");
        }
        double n = new BigDecimal(m.group(1)).doubleValue();
        return switch (m.group(2)) {
            case "", "B/cycle" -> Parsed.ok(n);
            // GB/s divided by Gcycles/s is bytes per cycle.
            case "GB/s" -> Parsed.ok(n / clockGHz);
            case "MB/s" -> Parsed.ok(n / 1000 / clockGHz);
            case "TB/s" -> Parsed.ok(n * 1000 / clockGHz);
            case "GiB/s" -> Parsed.ok(n * (1L << 30) / 1e9 / clockGHz);
            default -> Parsed.bad("unknown bandwidth unit '" + m.group(2) + "' (use B/cycle, MB/s, GB/s, TB/s)");
        };
    }
}
