package dev.attune.tuner.act;

/**
 * The agent thread's answer to a {@link TunerCommand}: carried out or refused, and a line for the operator.
 *
 * @param done    true when carried out (or nothing needed doing)
 * @param message what happened, or why not; a refusal's starts with {@code "refused: "}
 */
public record CommandAnswer(boolean done, String message) {

    /** Carried out. */
    public static CommandAnswer done(String message) {
        return new CommandAnswer(true, message);
    }

    /** Refused, and why. */
    public static CommandAnswer refused(String why) {
        return new CommandAnswer(false, "refused: " + why);
    }

    /** Tried, but the resource would not take it. */
    public static CommandAnswer failed(String why) {
        return new CommandAnswer(false, "failed: " + why);
    }
}
