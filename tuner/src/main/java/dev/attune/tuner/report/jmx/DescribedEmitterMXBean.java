package dev.attune.tuner.report.jmx;

import javax.management.ListenerNotFoundException;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationEmitter;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;

/**
 * A {@link DescribedMXBean} that also emits notifications: the MBeanServer adds listeners to the registered
 * object itself, so it must be the emitter; it hands them to the implementation's broadcaster.
 */
final class DescribedEmitterMXBean<T> extends DescribedMXBean<T> implements NotificationEmitter {

    private final NotificationEmitter emitter;

    DescribedEmitterMXBean(T implementation, Class<T> type, NotificationEmitter emitter) {
        super(implementation, type);
        this.emitter = emitter;
    }

    @Override
    public void addNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback) {
        emitter.addNotificationListener(listener, filter, handback);
    }

    @Override
    public void removeNotificationListener(NotificationListener listener) throws ListenerNotFoundException {
        emitter.removeNotificationListener(listener);
    }

    @Override
    public void removeNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback)
            throws ListenerNotFoundException {
        emitter.removeNotificationListener(listener, filter, handback);
    }

    @Override
    public MBeanNotificationInfo[] getNotificationInfo() {
        return emitter.getNotificationInfo();
    }
}
