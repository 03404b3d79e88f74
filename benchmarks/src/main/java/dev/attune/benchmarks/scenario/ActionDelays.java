package dev.attune.benchmarks.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long after each step of a load the agent's first action came, from the step starts and the agent's lines. */
final class ActionDelays {

    private static final Pattern TS = Pattern.compile("ts=(\\S+)");

    private ActionDelays() {
    }

    /**
     * Per step: the time from its start (epoch ms) to the first agent line that {@code isAction} accepts, in
     * {@code unitSeconds}, or "-" when none came before the next step.
     */
    static List<String> after(List<Long> stepStarts, List<String> agentLines, Predicate<String> isAction,
                              double unitSeconds) {
        List<Long> actions = new ArrayList<>();
        for (String line : agentLines) {
            Matcher ts = TS.matcher(line);
            if (isAction.test(line) && ts.find()) {
                actions.add(Instant.parse(ts.group(1)).toEpochMilli());
            }
        }
        List<String> delays = new ArrayList<>();
        for (int i = 0; i < stepStarts.size(); i++) {
            long from = stepStarts.get(i);
            long to = i + 1 < stepStarts.size() ? stepStarts.get(i + 1) : Long.MAX_VALUE;
            String delay = "-";
            for (long t : actions) {
                if (t >= from && t < to) {
                    delay = String.format(Locale.ROOT, "%.1f", (t - from) / 1000.0 / unitSeconds);
                    break;
                }
            }
            delays.add("step " + (i + 1) + ": " + delay);
        }
        return delays;
    }
}
