package dev.attune.sample;

import java.io.PrintStream;

/** One command-line mode; constructed from validated options, then run once on the main thread. */
interface Mode {

    /** Runs the mode; returns the process exit code. */
    int run(PrintStream out, PrintStream err) throws Exception;
}
