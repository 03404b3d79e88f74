package dev.attune.sample.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One step of an open-loop load: send at {@code ratePerSecond} for {@code duration}. Written {@code 10s@200}. */
public record Phase(Duration duration, double ratePerSecond) {

    /** Upper bound on a rate: far beyond what one loopback client can drive, so it only catches typos. */
    public static final double MAX_RATE = 100_000;

    /** Validates the phase: positive duration, rate in (0, MAX_RATE], and at least one request in total. */
    public Phase {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("phase duration must be positive, got " + duration);
        }
        if (!(ratePerSecond > 0 && ratePerSecond <= MAX_RATE)) {
            throw new IllegalArgumentException("phase rate must be in (0, " + (long) MAX_RATE + "], got "
                    + ratePerSecond);
        }
        if (requestCount(duration, ratePerSecond) < 1) {
            throw new IllegalArgumentException("phase " + DurationText.format(duration) + "@" + ratePerSecond
                    + " would send no request");
        }
    }

    /** Parses a comma-separated list such as {@code 10s@200,10s@800,10s@200}; rejects empty or malformed steps. */
    public static List<Phase> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no phases given (expected e.g. 10s@200,10s@800)");
        }
        List<Phase> phases = new ArrayList<>();
        for (String step : text.split(",", -1)) {
            phases.add(parse(step));
        }
        return List.copyOf(phases);
    }

    /** Parses one step {@code <duration>@<rate per second>}, e.g. {@code 500ms@50} or {@code 10s@200}. */
    public static Phase parse(String step) {
        String s = step.trim();
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || at == s.length() - 1) {
            throw new IllegalArgumentException("bad phase '" + step + "' (expected <duration>@<rate>, e.g. 10s@200)");
        }
        Duration duration = DurationText.parse(s.substring(0, at));
        double rate;
        try {
            rate = Double.parseDouble(s.substring(at + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad rate in phase '" + step + "'");
        }
        return new Phase(duration, rate);
    }

    /** Number of requests this phase schedules: {@code round(seconds * rate)}. */
    public long requestCount() {
        return requestCount(duration, ratePerSecond);
    }

    /** The phase in its input syntax, e.g. {@code 10s@200}. */
    @Override
    public String toString() {
        String rate = ratePerSecond == Math.rint(ratePerSecond)
                ? Long.toString((long) ratePerSecond) : Double.toString(ratePerSecond);
        return DurationText.format(duration) + "@" + rate;
    }

    private static long requestCount(Duration duration, double rate) {
        return Math.round(duration.toNanos() / 1e9 * rate);
    }
}
