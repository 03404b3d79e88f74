package dev.attune.tuner.report.jmx;

import dev.attune.tuner.aggregate.SignalSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Presents the hottest frames of the last published {@link SignalSnapshot}; read by JMX threads only. */
public final class HotMethodsView implements HotMethodsMXBean {

    private final Supplier<SignalSnapshot> signals;

    /** Creates the view of the snapshots {@code signals} publishes. */
    public HotMethodsView(Supplier<SignalSnapshot> signals) {
        this.signals = signals;
    }

    private SignalSnapshot s() {
        SignalSnapshot s = signals.get();
        return s != null ? s : SignalSnapshot.EMPTY;
    }

    @Override
    public HotFrameRow[] getTopFrames() {
        List<SignalSnapshot.HotFrame> top = s().hotFrames();
        HotFrameRow[] rows = new HotFrameRow[top.size()];
        for (int i = 0; i < rows.length; i++) {
            SignalSnapshot.HotFrame f = top.get(i);
            rows[i] = new HotFrameRow(f.frame(), f.samples(), f.share() * 100);
        }
        return rows;
    }

    @Override
    public String[] getTopFrameLines() {
        HotFrameRow[] rows = getTopFrames();
        String[] lines = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            lines[i] = String.format(Locale.ROOT, "%5.1f%% %s (%d samples)", rows[i].getSharePercent(),
                    rows[i].getFrame(), rows[i].getSamples());
        }
        return lines;
    }

    @Override
    public long getExecutionSampleCount() {
        return s().executionSamples();
    }

    @Override
    public double getIntervalSeconds() {
        return s().seconds();
    }
}
