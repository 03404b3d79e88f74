package dev.attune.tuner.act;

/**
 * An operator's request from JMX, typed: carried out on the agent thread by the shared control step, whatever the
 * kind of resource it names, and answered with a {@link CommandAnswer}.
 */
public sealed interface TunerCommand {

    /** A command for one resource, named within its kind ({@code pool}, {@code cache}). */
    sealed interface Targeted extends TunerCommand {
        /** The kind's word. */
        String kind();

        /** The resource's name. */
        String resource();
    }

    /** Sets the tuner's global mode. */
    record SetMode(TunerMode mode) implements TunerCommand {
    }

    /** Lets the tuner decide for this resource again. */
    record Enable(String kind, String resource) implements Targeted {
    }

    /** Stops the tuner deciding for this resource; its size stays where it is. */
    record Disable(String kind, String resource) implements Targeted {
    }

    /** Sets the resource to a size of the operator's choosing and keeps it there. */
    record Pin(String kind, String resource, long size) implements Targeted {
    }

    /** Hands a pinned resource back to the tuner. */
    record Unpin(String kind, String resource) implements Targeted {
    }

    /** Puts the resource back at the application's own size. */
    record Revert(String kind, String resource) implements Targeted {
    }

    /** Puts every resource back at the application's own size. */
    record RevertAll() implements TunerCommand {
    }
}
